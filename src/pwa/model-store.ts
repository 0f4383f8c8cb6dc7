// Models downloaded at run time, kept for offline use in the Cache API (MODEL_CACHE, the same
// cache the service worker serves them from, cache-first), and the browser's storage figures.
// Generic: a model is its model.json (a TensorFlow.js graph or layers model, or a bare weights
// manifest) plus the weight files it names; the storage panel lists whatever the cache holds,
// grouped by folder, so models added to the catalogue later show up without changes here.
import { MODEL_CACHE, SIZE_PROBE_PARAM } from './cache-names';

export interface StoredGroup {
  /** the folder URL the files share (ends with '/'), e.g. .../savedmodel/ssd_mobilenet_v2/ */
  folder: string;
  files: number;
  bytes: number;
}

export interface StorageFigures {
  /** bytes used by this origin, as the browser counts them (all storage, not only models). */
  usage: number;
  quota: number;
}

export type DownloadFailure = 'offline' | 'http' | 'quota' | 'invalid' | 'unsupported';

export class ModelDownloadError extends Error {
  constructor(
    readonly reason: DownloadFailure,
    message: string,
  ) {
    super(message);
    this.name = 'ModelDownloadError';
  }
}

export interface DownloadProgress {
  filesDone: number;
  filesTotal: number;
  bytes: number;
}

const hasCaches = () => typeof caches !== 'undefined';

export function folderOf(url: string): string {
  const u = new URL(url);
  u.search = '';
  u.hash = '';
  return u.href.slice(0, u.href.lastIndexOf('/') + 1);
}

/** Groups cache entries by folder: one group per model. Sorted by folder. */
export function groupByFolder(entries: Array<{ url: string; bytes: number }>): StoredGroup[] {
  const groups = new Map<string, StoredGroup>();
  for (const e of entries) {
    const folder = folderOf(e.url);
    const g = groups.get(folder) ?? { folder, files: 0, bytes: 0 };
    g.files++;
    g.bytes += e.bytes;
    groups.set(folder, g);
  }
  return [...groups.values()].sort((a, b) => a.folder.localeCompare(b.folder));
}

/**
 * The weight files a model.json names, as absolute URLs: `weightsManifest[].paths` of a graph or
 * layers model, or the `paths` of a bare weights manifest (an array of groups).
 */
export function weightFileUrls(modelJson: unknown, modelUrl: string): string[] {
  const groups = Array.isArray(modelJson)
    ? modelJson
    : (modelJson as { weightsManifest?: unknown } | null)?.weightsManifest;
  if (!Array.isArray(groups)) {
    throw new ModelDownloadError('invalid', `${modelUrl} is not a TensorFlow.js model (no weightsManifest).`);
  }
  const paths = groups.flatMap((g: { paths?: unknown }) => (Array.isArray(g?.paths) ? g.paths : []));
  if (!paths.every((p): p is string => typeof p === 'string')) {
    throw new ModelDownloadError('invalid', `${modelUrl} names weight files that are not paths.`);
  }
  return paths.map((p) => new URL(p, modelUrl).href);
}

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2, complex64: 8 };

/**
 * The bytes of the weight files a model.json names, from its weights manifest: each weight is
 * its shape's element count times its stored dtype (the quantized one when it is quantized),
 * and the shards are those weights back to back. null when a weight's size cannot be told
 * (string weights, an unknown dtype, no manifest).
 */
export function weightBytes(modelJson: unknown): number | null {
  const groups = Array.isArray(modelJson) ? modelJson : (modelJson as { weightsManifest?: unknown } | null)?.weightsManifest;
  if (!Array.isArray(groups)) return null;
  let total = 0;
  let weights = 0;
  for (const g of groups as Array<{ weights?: unknown }>) {
    if (!Array.isArray(g?.weights)) return null;
    for (const w of g.weights as Array<{ shape?: unknown; dtype?: unknown; quantization?: { dtype?: unknown } }>) {
      const dtype = w?.quantization?.dtype ?? w?.dtype;
      const bytes = typeof dtype === 'string' ? DTYPE_BYTES[dtype] : undefined;
      if (!bytes || !Array.isArray(w.shape) || !w.shape.every((d) => Number.isInteger(d) && d >= 0)) return null;
      total += (w.shape as number[]).reduce((a, d) => a * d, 1) * bytes;
      weights++;
    }
  }
  return weights > 0 ? total : null;
}

/**
 * How many bytes downloading a model will store, told before the download: its model.json
 * (marked as a size probe, which the service worker lets through without keeping it, so
 * nothing lands in the model cache) plus its weights as the manifest sizes them; where the
 * manifest cannot tell, the servers' Content-Length of each weight file (HEAD, never kept).
 * null when neither tells.
 */
export async function downloadSize(modelUrl: string): Promise<number | null> {
  const probe = new URL(modelUrl);
  probe.searchParams.set(SIZE_PROBE_PARAM, '1');
  const response = await fetch(probe, { mode: 'cors', credentials: 'omit', cache: 'no-store' });
  if (!response.ok) return null;
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const jsonBytes = new TextEncoder().encode(text).byteLength;
  const fromManifest = weightBytes(json);
  if (fromManifest !== null) return jsonBytes + fromManifest;
  let total = jsonBytes;
  for (const url of weightFileUrls(json, modelUrl)) {
    const head = await fetch(url, { method: 'HEAD', mode: 'cors', credentials: 'omit', cache: 'no-store' });
    const length = Number(head.headers.get('content-length'));
    if (!head.ok || !Number.isFinite(length) || length <= 0) return null;
    total += length;
  }
  return total;
}

async function bodySize(response: Response): Promise<number> {
  const length = Number(response.headers.get('content-length'));
  if (Number.isFinite(length) && length > 0) return length;
  return (await response.clone().blob()).size;
}

/** What the model cache holds, one group per folder. */
export async function listStored(): Promise<StoredGroup[]> {
  if (!hasCaches() || !(await caches.has(MODEL_CACHE))) return [];
  const cache = await caches.open(MODEL_CACHE);
  const entries: Array<{ url: string; bytes: number }> = [];
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    if (response) entries.push({ url: request.url, bytes: await bodySize(response) });
  }
  return groupByFolder(entries);
}

/** Removes every cached file under `folder`. */
export async function removeStored(folder: string): Promise<void> {
  if (!hasCaches()) return;
  const cache = await caches.open(MODEL_CACHE);
  for (const request of await cache.keys()) {
    if (request.url.startsWith(folder)) await cache.delete(request);
  }
}

async function cachedJson(cache: Cache, url: string): Promise<unknown | null> {
  const response = await cache.match(url);
  if (!response) return null;
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/** true when model.json and every weight file it names are in the cache (usable offline). */
export async function isStored(modelUrl: string): Promise<boolean> {
  if (!hasCaches() || !(await caches.has(MODEL_CACHE))) return false;
  const cache = await caches.open(MODEL_CACHE);
  const json = await cachedJson(cache, modelUrl);
  if (json === null) return false;
  let files: string[];
  try {
    files = weightFileUrls(json, modelUrl);
  } catch {
    return false;
  }
  for (const f of files) if (!(await cache.match(f))) return false;
  return true;
}

async function fetchInto(cache: Cache, url: string): Promise<{ response: Response; bytes: number }> {
  let response: Response;
  try {
    response = await fetch(url, { mode: 'cors', credentials: 'omit' });
  } catch (error) {
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    throw new ModelDownloadError(
      'offline',
      offline ? 'This device is offline.' : `The download failed (${(error as Error).message}).`,
    );
  }
  if (!response.ok) throw new ModelDownloadError('http', `${url} answered HTTP ${response.status}.`);
  const bytes = await bodySize(response);
  // With the service worker in charge the file is already cached (cache-first route); without
  // one (first visit, dev server) put it there ourselves so the next load works offline.
  if (!(await cache.match(url))) {
    try {
      await cache.put(url, response.clone());
    } catch (error) {
      const quota = (error as DOMException)?.name === 'QuotaExceededError';
      throw new ModelDownloadError(
        quota ? 'quota' : 'unsupported',
        quota ? 'There is not enough storage space on this device.' : `Could not store ${url}: ${(error as Error).message}.`,
      );
    }
  }
  return { response, bytes };
}

/** Downloads model.json and its weight files into the model cache. Resolves the bytes stored. */
export async function downloadModel(modelUrl: string, onProgress?: (p: DownloadProgress) => void): Promise<number> {
  if (!hasCaches()) throw new ModelDownloadError('unsupported', 'This browser cannot store files for offline use.');
  const cache = await caches.open(MODEL_CACHE);
  const first = await fetchInto(cache, modelUrl);
  let json: unknown;
  try {
    json = await first.response.json();
  } catch {
    throw new ModelDownloadError('invalid', `${modelUrl} is not JSON.`);
  }
  const files = weightFileUrls(json, modelUrl);
  const progress: DownloadProgress = { filesDone: 1, filesTotal: files.length + 1, bytes: first.bytes };
  onProgress?.({ ...progress });
  for (const f of files) {
    const { bytes } = await fetchInto(cache, f);
    progress.filesDone++;
    progress.bytes += bytes;
    onProgress?.({ ...progress });
  }
  return progress.bytes;
}

/** Bytes held by the service worker's precache (the app and its bundled models). */
export async function precacheBytes(): Promise<number> {
  if (!hasCaches()) return 0;
  let total = 0;
  for (const name of await caches.keys()) {
    if (!name.startsWith('workbox-precache')) continue;
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      if (response) total += await bodySize(response);
    }
  }
  return total;
}

export async function storageFigures(): Promise<StorageFigures | null> {
  if (!navigator.storage?.estimate) return null;
  const { usage = 0, quota = 0 } = await navigator.storage.estimate();
  return { usage, quota };
}

export async function isPersisted(): Promise<boolean | null> {
  return navigator.storage?.persisted ? navigator.storage.persisted() : null;
}

/**
 * Asks the browser not to evict our storage under pressure (Chromium decides by itself, Firefox
 * asks the user). Called when the user downloads a model for offline use.
 */
export async function requestPersistence(): Promise<boolean | null> {
  if (!navigator.storage?.persist) return null;
  try {
    return await navigator.storage.persist();
  } catch {
    return null;
  }
}
