// A labelled set served from a folder on this origin, read for an evaluation: COCO
// (`instances.json` + `images/`) or, where the server lists the folder (`__files.json`, a JSON
// list of the paths under it, as `npm run eval` serves it), Pascal VOC XML or YOLO txt. The
// readers are the evaluator's own (src/evaluation/readers); a refusal names the file and the
// line or field. The annotation file is hashed (SHA-256) so a stored result says which set
// version it was measured on. No DOM here (fetch, crypto.subtle and createImageBitmap only).
import { readCocoInstances } from '../../evaluation/readers/coco';
import type { ReadResult } from '../../evaluation/readers/refusal';
import { readVoc } from '../../evaluation/readers/voc';
import { readYolo, type TextFile } from '../../evaluation/readers/yolo';
import type { Dataset } from '../../evaluation/types';

export interface EvalSetImage {
  id: number;
  /** the file name as the set lists it */
  file: string;
  width: number;
  height: number;
  /** where to fetch it */
  url: string;
}

export interface EvalSet {
  /** the folder's name */
  name: string;
  /** the folder URL it was read from */
  source: string;
  format: 'coco' | 'voc' | 'yolo';
  /** hex SHA-256 of the annotations (COCO: instances.json; VOC/YOLO: each file's path and text, in path order) */
  sha256: string;
  dataset: Dataset;
  /** the set's images in its own order, with their URLs */
  images: EvalSetImage[];
}

/** A set that cannot be read, with the file and field or line when a reader refused it. */
export class EvalSetError extends Error {
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(message);
    this.name = 'EvalSetError';
  }
}

type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

const IMAGE_FILE = /\.(jpe?g|png|webp|bmp|gif)$/i;
const NAMES_FILE = /(^|\/)(classes\.txt|[^/]+\.names|data\.ya?ml)$/i;

export async function sha256Hex(data: BufferSource): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', data);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

function unwrap<T>(result: ReadResult<T>): T {
  if (!result.ok) throw new EvalSetError(result.error.message, result.error.file);
  return result.value;
}

export function folderName(folderUrl: string): string {
  const parts = new URL(folderUrl).pathname.split('/').filter(Boolean);
  return decodeURIComponent(parts.at(-1) ?? 'set');
}

/** Encodes each path segment, so names with spaces or '#' still fetch. */
const fileUrl = (folder: string, path: string) => new URL(path.split('/').map(encodeURIComponent).join('/'), folder).href;

export async function loadEvalSet(folderUrl: string, signal?: AbortSignal, fetchFn: Fetch = fetch): Promise<EvalSet> {
  const folder = folderUrl.endsWith('/') ? folderUrl : `${folderUrl}/`;
  const name = folderName(folder);
  const get = (path: string) => fetchFn(fileUrl(folder, path), { signal });
  const instances = await get('instances.json');
  if (instances.ok) {
    const bytes = await instances.arrayBuffer();
    const dataset = unwrap(readCocoInstances(new TextDecoder().decode(bytes), 'instances.json'));
    return {
      name,
      source: folder,
      format: 'coco',
      sha256: await sha256Hex(bytes),
      dataset,
      images: dataset.images.map((i) => ({ id: i.id, file: i.file_name, width: i.width, height: i.height, url: fileUrl(folder, `images/${i.file_name}`) })),
    };
  }
  const listing = await get('__files.json');
  if (!listing.ok) {
    throw new EvalSetError(`${folder}: no instances.json (HTTP ${instances.status}) and no file list to find VOC or YOLO labels in`, 'instances.json');
  }
  const files = (await listing.json()) as unknown;
  if (!Array.isArray(files) || !files.every((f) => typeof f === 'string')) throw new EvalSetError(`${folder}__files.json: not a list of paths`, '__files.json');
  return loadListedSet(folder, name, files as string[], get);
}

async function readTexts(paths: string[], get: (path: string) => Promise<Response>): Promise<TextFile[]> {
  return Promise.all(
    paths.map(async (path) => {
      const r = await get(path);
      if (!r.ok) throw new EvalSetError(`${path}: HTTP ${r.status}`, path);
      return { name: path, text: await r.text() };
    }),
  );
}

async function hashTexts(files: TextFile[]): Promise<string> {
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return sha256Hex(new TextEncoder().encode(sorted.map((f) => `${f.name}\n${f.text}\n`).join('')));
}

/** VOC when there are XML files, YOLO when there is a names file and .txt labels. */
async function loadListedSet(folder: string, name: string, paths: string[], get: (path: string) => Promise<Response>): Promise<EvalSet> {
  const imagePaths = paths.filter((p) => IMAGE_FILE.test(p)).sort();
  const byBase = new Map(imagePaths.map((p) => [p.slice(p.lastIndexOf('/') + 1), p]));
  const urlOf = (file: string) => fileUrl(folder, imagePaths.includes(file) ? file : (byBase.get(file.slice(file.lastIndexOf('/') + 1)) ?? file));
  const xml = paths.filter((p) => /\.xml$/i.test(p));
  if (xml.length > 0) {
    const texts = await readTexts(xml, get);
    const dataset = unwrap(readVoc({ files: texts, images: imagePaths.map((p) => ({ name: p })) }));
    return { name, source: folder, format: 'voc', sha256: await hashTexts(texts), dataset, images: withUrls(dataset, urlOf) };
  }
  const namesPath = paths.find((p) => NAMES_FILE.test(p));
  const labelPaths = paths.filter((p) => /\.txt$/i.test(p) && p !== namesPath);
  if (namesPath && labelPaths.length > 0) {
    const [names, ...labels] = await readTexts([namesPath, ...labelPaths], get);
    // YOLO boxes are fractions of the image: its size comes from the file itself
    const images = await Promise.all(
      imagePaths.map(async (p) => {
        const r = await get(p);
        if (!r.ok) throw new EvalSetError(`${p}: HTTP ${r.status}`, p);
        const bitmap = await createImageBitmap(await r.blob());
        const size = { name: p, width: bitmap.width, height: bitmap.height };
        bitmap.close();
        return size;
      }),
    );
    const dataset = unwrap(readYolo({ labels, names, images }));
    return { name, source: folder, format: 'yolo', sha256: await hashTexts([names, ...labels]), dataset, images: withUrls(dataset, urlOf) };
  }
  throw new EvalSetError(`${folder}: found neither instances.json (COCO), nor .xml files (Pascal VOC), nor a names file with .txt labels (YOLO)`);
}

function withUrls(dataset: Dataset, urlOf: (file: string) => string): EvalSetImage[] {
  return dataset.images.map((i) => ({ id: i.id, file: i.file_name, width: i.width, height: i.height, url: urlOf(i.file_name) }));
}
