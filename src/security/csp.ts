// The Content-Security-Policy of SSD Cam, in one place: the build writes it into index.html
// (scripts/lib/csp.ts), the dev and preview servers send it as a header (vite.config.ts), and
// the service worker adds it to what it serves (src/sw.ts), so workers get it on any host.
//
// Scripts, styles, images, fetches and workers from our own origin only, plus
// - 'wasm-unsafe-eval': compiling the TensorFlow.js WASM backend (not JavaScript eval);
// - worker-src blob: the threaded WASM backend starts its pthread workers from a blob: URL
//   (their script is a same-origin file of ours, see scripts/lib/wasm-threads-fix.ts);
// - connect-src https://storage.googleapis.com: model downloads the user asks for;
// - style-src 'unsafe-inline': the first-paint <style> in index.html, and Lit's <style>
//   fallback in browsers without constructable stylesheets. Styles cannot run code, and with
//   img-src/font-src/connect-src fixed they cannot send anything anywhere either.
// Frames never leave the device: no directive lets a request go anywhere else.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self' https://storage.googleapis.com",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');
