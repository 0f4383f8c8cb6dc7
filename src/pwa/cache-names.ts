// Shared by the service worker (src/sw.ts) and the page (model-store.ts): which requests are
// models downloaded at run time, and the cache that keeps them. Plain code, no DOM or worker
// types, so both sides compile it.

/** Runtime-downloaded model files (model.json + weight shards), kept until the user removes them. */
export const MODEL_CACHE = 'ssd-cam-models-v1';

/** Where models fetched at run time come from (the TensorFlow.js model bucket). */
export const RUNTIME_MODEL_PREFIXES: readonly string[] = ['https://storage.googleapis.com/tfjs-models/'];

export function isRuntimeModelUrl(url: string | URL): boolean {
  const href = typeof url === 'string' ? url : url.href;
  return RUNTIME_MODEL_PREFIXES.some((p) => href.startsWith(p));
}

/**
 * A query parameter that marks the storage panel asking a model's size before any download:
 * the service worker lets such a request through without keeping it (a `cache: 'no-store'`
 * request was still kept by its cache-first route in Chromium, measured in the e2e test).
 * Static file hosts ignore unknown query parameters.
 */
export const SIZE_PROBE_PARAM = 'ssd-cam-size-probe';

export function isSizeProbe(url: URL): boolean {
  return url.searchParams.has(SIZE_PROBE_PARAM);
}

/** Message the page posts to a waiting service worker when the user accepts the update. */
export const SKIP_WAITING = 'SKIP_WAITING';

/** The headers that make a page cross-origin isolated (SharedArrayBuffer, WASM threads). */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};
