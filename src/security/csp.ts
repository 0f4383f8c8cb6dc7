// The Content-Security-Policy of SSD Cam, in one place: the build writes it into index.html
// (scripts/lib/csp.ts), the dev and preview servers send it as a header (vite.config.ts), and
// the service worker adds it to what it serves (src/sw.ts), so workers get it on any host.
//
// Scripts, styles, images, fetches and workers from our own origin only, plus
// - 'wasm-unsafe-eval': compiling the TensorFlow.js WASM backend (not JavaScript eval);
// - worker-src blob: the threaded WASM backend starts its pthread workers from a blob: URL
//   (emscripten's worker script; what they then import is a same-origin file of ours, see
//   scripts/lib/wasm-threads-fix.ts); tests/e2e/security.spec.ts sees those workers start;
// - connect-src: the one folder of the TensorFlow.js model bucket that catalogue models are
//   downloaded from (RUNTIME_MODEL_PREFIXES), not the whole storage host;
// - style-src: our files, and the one inline <style> of index.html (the first paint, before
//   any script) by its hash: as written (the dev server serves it so) and as the build minifies
//   it. The build fails when an inline style of the built page is not listed (scripts/lib/csp.ts).
//   Lit's component styles are constructed stylesheets, which style-src does not govern, so
//   no 'unsafe-inline'.
// Frames never leave the device: no directive lets a request go anywhere else.
import { RUNTIME_MODEL_PREFIXES } from '../pwa/cache-names.ts';

/** sha256 of index.html's first-paint <style>: the source text, then the built (minified) one. */
export const INLINE_STYLE_HASHES: readonly string[] = [
  "'sha256-nPiQP9osuSykSN54uXl0AwIKDVaZJb9w9ff2bJXzLMQ='",
  "'sha256-1Ki3fLgPn/ispo0l6k+J0tmZSW4Qc/zhqNccXrKMbTk='",
];

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  `connect-src 'self' ${RUNTIME_MODEL_PREFIXES.join(' ')}`,
  "img-src 'self'",
  `style-src 'self' ${INLINE_STYLE_HASHES.join(' ')}`,
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');
