// The files of a labelled set, however the user hands them over: a folder through the File
// System Access API (showDirectoryPicker, where the browser has it), a directory or multi-file
// <input> (a <file-button>), or files and folders dropped on the page. Each comes back with
// its path inside what was picked ('set/images/a.jpg'), which the set readers match names
// against.
import type { LocalFile } from '../../engine/accuracy/eval-set-files';

interface DirectoryHandle {
  kind: 'directory';
  name: string;
  values(): AsyncIterable<DirectoryHandle | FileHandle>;
}
interface FileHandle {
  kind: 'file';
  name: string;
  getFile(): Promise<File>;
}

type PickerWindow = Window & { showDirectoryPicker?: (options?: { mode?: 'read' }) => Promise<DirectoryHandle> };

export const hasDirectoryPicker = (): boolean => typeof (window as PickerWindow).showDirectoryPicker === 'function';

async function walkHandle(dir: DirectoryHandle, prefix: string, out: LocalFile[]): Promise<void> {
  for await (const entry of dir.values()) {
    const path = `${prefix}${entry.name}`;
    if (entry.kind === 'file') out.push({ path, file: await entry.getFile() });
    else await walkHandle(entry, `${path}/`, out);
  }
}

/** A folder from the File System Access API; null when the user closed the picker. */
export async function pickDirectory(): Promise<LocalFile[] | null> {
  let dir: DirectoryHandle;
  try {
    dir = await (window as PickerWindow).showDirectoryPicker!({ mode: 'read' });
  } catch (error) {
    if ((error as Error).name === 'AbortError') return null;
    throw error;
  }
  const out: LocalFile[] = [];
  await walkHandle(dir, `${dir.name}/`, out);
  return out;
}

/** Files from an <input type=file> (webkitRelativePath holds the folder path when it has one). */
export function localFiles(files: readonly File[]): LocalFile[] {
  return files.map((file) => ({ path: file.webkitRelativePath || file.name, file }));
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

async function walkEntry(entry: FileSystemEntry, out: LocalFile[]): Promise<void> {
  const path = entry.fullPath.replace(/^\//, '');
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ path, file });
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries answers in batches (100 in Chromium) until an empty one
  for (let batch = await readEntries(reader); batch.length > 0; batch = await readEntries(reader)) {
    for (const child of batch) await walkEntry(child, out);
  }
}

/** Files and folders dropped on the page. */
export async function filesFromDrop(data: DataTransfer): Promise<LocalFile[]> {
  const entries = [...data.items].map((item) => item.webkitGetAsEntry?.() ?? null);
  if (entries.every((e) => e === null)) return [...data.files].map((file) => ({ path: file.name, file }));
  const out: LocalFile[] = [];
  for (const entry of entries) if (entry) await walkEntry(entry, out);
  return out;
}
