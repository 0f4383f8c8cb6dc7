// A labelled set from files the user picked (a folder through the File System Access API or a
// directory input, or files dropped on the page), read for an evaluation in the app. The
// reader is chosen by what the folder holds: `instances*.json` (COCO), `.xml` files (Pascal
// VOC), or a names file (classes.txt, *.names, data.yaml) with `.txt` labels (YOLO); any other
// single `.json` is tried as COCO. Image sizes come from the files' headers (image-size.ts),
// or from decoding where a header cannot be read. The images never leave memory: the runner
// reads them through `fetchImage`, by the key each set image carries as its `url`.
// A set that cannot be read throws LocalSetError: the readers' refusal (file, line or field,
// code and parameters for the UI to word it), or what is missing. No DOM here.
import { readCocoInstances } from '../../evaluation/readers/coco';
import { readNames } from '../../evaluation/readers/names';
import type { ReadResult, Refusal } from '../../evaluation/readers/refusal';
import { readVoc } from '../../evaluation/readers/voc';
import { readYolo, type TextFile } from '../../evaluation/readers/yolo';
import type { Dataset } from '../../evaluation/types';
import { EvalSetError, sha256Hex, type EvalSet, type EvalSetImage } from './eval-set';
import { imageSizeFromHeader, type PixelSize } from './image-size';

export interface LocalFile {
  /** path inside what was picked, '/'-separated; a folder picked whole starts with its name */
  path: string;
  file: Blob;
}

/** What is wrong with a picked set when no reader got to refuse it. */
export type LocalSetProblem = 'no-files' | 'no-labels' | 'no-images' | 'unreadable-image';

export class LocalSetError extends EvalSetError {
  constructor(
    message: string,
    /** the reader's refusal (file, line or field, code, parameters) */
    readonly refusal: Refusal | null,
    readonly problem: LocalSetProblem | null,
    file?: string,
  ) {
    super(message, file);
    this.name = 'LocalSetError';
  }
}

export interface LocalEvalSet {
  set: EvalSet;
  /** the runner's image reader for this set (EvalDeps.fetchImage) */
  fetchImage: (url: string, signal: AbortSignal) => Promise<Blob>;
}

export interface LocalSetOptions {
  /** the set's name when the files do not share a top folder */
  name?: string;
  /** size of an image whose header cannot be read (default: createImageBitmap) */
  decodeSize?: (blob: Blob) => Promise<PixelSize>;
}

const IMAGE_FILE = /\.(jpe?g|png|webp|bmp|gif)$/i;
const NAMES_FILE = /(^|\/)(classes\.txt|[^/]+\.names|data\.ya?ml)$/i;
/** files a folder often holds beside the labels, never labels themselves */
const NOT_LABELS = /(^|\/)(readme|licen[cs]e|notes?|attribution)[^/]*$/i;
const HIDDEN = /(^|\/)(\.|__MACOSX\/)/;
/** enough for the header of nearly every photo; the rest is read only when it is not */
const HEADER_BYTES = 64 * 1024;

const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/** The files without a top folder they all share, and that folder's name. */
export function stripCommonFolder(files: readonly LocalFile[]): { files: LocalFile[]; folder: string | null } {
  const first = files[0]?.path.split('/')[0];
  const shared = files.length > 0 && files.every((f) => f.path.includes('/') && f.path.split('/')[0] === first);
  if (!shared) return { files: [...files], folder: null };
  return { files: files.map((f) => ({ ...f, path: f.path.slice(first!.length + 1) })), folder: first! };
}

export async function decodedSize(blob: Blob): Promise<PixelSize> {
  const bitmap = await createImageBitmap(blob, { imageOrientation: 'none' } as ImageBitmapOptions);
  const size = { width: bitmap.width, height: bitmap.height };
  bitmap.close();
  return size;
}

async function sizeOf(file: LocalFile, decode: (blob: Blob) => Promise<PixelSize>): Promise<PixelSize> {
  const head = imageSizeFromHeader(new Uint8Array(await file.file.slice(0, HEADER_BYTES).arrayBuffer()));
  if (head) return head;
  if (file.file.size > HEADER_BYTES) {
    const whole = imageSizeFromHeader(new Uint8Array(await file.file.arrayBuffer()));
    if (whole) return whole;
  }
  try {
    return await decode(file.file);
  } catch (error) {
    throw new LocalSetError(`${file.path}: not an image this browser can read (${(error as Error).message})`, null, 'unreadable-image', file.path);
  }
}

function unwrap<T>(result: ReadResult<T>): T {
  if (!result.ok) throw new LocalSetError(result.error.message, result.error, null, result.error.file);
  return result.value;
}

async function hashTexts(files: readonly TextFile[]): Promise<string> {
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return sha256Hex(new TextEncoder().encode(sorted.map((f) => `${f.name}\n${f.text}\n`).join('')));
}

const readText = async (f: LocalFile): Promise<TextFile> => ({ name: f.path, text: await f.file.text() });

/** The COCO file: instances*.json first (shortest path), else the only .json there is. */
function cocoFile(files: readonly LocalFile[], fallback: boolean): LocalFile | undefined {
  const json = files.filter((f) => /\.json$/i.test(f.path)).sort((a, b) => a.path.length - b.path.length || (a.path < b.path ? -1 : 1));
  return json.find((f) => /^instances[^/]*\.json$/i.test(baseName(f.path))) ?? (fallback && json.length === 1 ? json[0] : undefined);
}

export async function readLocalSet(picked: readonly LocalFile[], options: LocalSetOptions = {}): Promise<LocalEvalSet> {
  const visible = picked.filter((f) => !HIDDEN.test(f.path));
  if (visible.length === 0) throw new LocalSetError('no files were picked', null, 'no-files');
  const { files, folder } = stripCommonFolder(visible);
  const name = folder ?? options.name ?? 'set';
  const decode = options.decodeSize ?? decodedSize;
  const imageFiles = files.filter((f) => IMAGE_FILE.test(f.path)).sort((a, b) => (a.path < b.path ? -1 : 1));
  const byPath = new Map(imageFiles.map((f) => [f.path, f]));
  const byBase = new Map<string, LocalFile>();
  for (const f of imageFiles) if (!byBase.has(baseName(f.path))) byBase.set(baseName(f.path), f);
  const key = (path: string) => `local:${path}`;
  const fileFor = (fileName: string) => byPath.get(fileName) ?? byBase.get(baseName(fileName));
  const sized = async () => Promise.all(imageFiles.map(async (f) => ({ name: f.path, ...(await sizeOf(f, decode)) })));
  const withKeys = (dataset: Dataset): EvalSetImage[] =>
    dataset.images.map((i) => ({ id: i.id, file: i.file_name, width: i.width, height: i.height, url: key(fileFor(i.file_name)?.path ?? i.file_name) }));
  const result = (format: EvalSet['format'], dataset: Dataset, sha256: string): LocalEvalSet => {
    const images = withKeys(dataset);
    const blobs = new Map(imageFiles.map((f) => [key(f.path), f.file]));
    return {
      set: { name, source: `files:${name}`, format, sha256, dataset, images },
      fetchImage: async (url) => {
        const blob = blobs.get(url);
        if (!blob) throw new Error(`${url.slice('local:'.length)} is not among the picked files`);
        return blob;
      },
    };
  };

  const xml = files.filter((f) => /\.xml$/i.test(f.path));
  const namesFile = files.find((f) => NAMES_FILE.test(f.path));
  const labels = files.filter((f) => /\.txt$/i.test(f.path) && f !== namesFile && !NOT_LABELS.test(f.path));
  const coco = cocoFile(files, xml.length === 0 && !(namesFile && labels.length > 0));

  if (!coco && xml.length === 0 && !(namesFile && labels.length > 0)) {
    throw new LocalSetError(
      `${name}: found neither instances.json (COCO), nor .xml files (Pascal VOC), nor a names file with .txt labels (YOLO)`,
      null,
      'no-labels',
    );
  }
  if (imageFiles.length === 0) throw new LocalSetError(`${name}: no images (.jpg, .png, .webp, .bmp, .gif) among the files`, null, 'no-images');

  if (coco) {
    const bytes = await coco.file.arrayBuffer();
    const dataset = unwrap(readCocoInstances(new TextDecoder().decode(bytes), coco.path, { images: await sized() }));
    return result('coco', dataset, await sha256Hex(bytes));
  }
  if (xml.length > 0) {
    const texts = await Promise.all(xml.map(readText));
    const classes = namesFile ? unwrap(tryNames(await readText(namesFile))) : undefined;
    const dataset = unwrap(readVoc({ files: texts, images: await sized(), classes }));
    return result('voc', dataset, await hashTexts(texts));
  }
  const [names, ...labelTexts] = await Promise.all([namesFile!, ...labels].map(readText));
  const dataset = unwrap(readYolo({ labels: labelTexts, names, images: await sized() }));
  return result('yolo', dataset, await hashTexts([names, ...labelTexts]));
}

/** readNames as a ReadResult (it throws refusals). */
function tryNames(file: TextFile): ReadResult<string[]> {
  try {
    return { ok: true, value: readNames(file.text, file.name) };
  } catch (error) {
    const refusal = (error as { refusal?: Refusal }).refusal;
    if (refusal) return { ok: false, error: refusal };
    throw error;
  }
}
