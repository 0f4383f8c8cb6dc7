import type { Plugin } from 'vite';

/**
 * tfjs-backend-wasm starts its pthread workers from a Blob and has each of them
 * `importScripts` the threaded factory from a second Blob holding
 * `wasmFactoryThreadedSimd.toString()`. Two problems with that second Blob:
 * - after minification that function refers to names outside itself, so every pthread worker
 *   died with "ReferenceError: e is not defined" and the threaded backend never started;
 * - a script loaded from a blob: URL needs `script-src blob:` in the Content-Security-Policy,
 *   which would let any blob run as script.
 * So the pthread workers get the package's own unminified factory file instead, emitted as a
 * same-origin asset (`?url`): minifiers leave it alone, the rest of the bundle stays minified,
 * and `script-src 'self'` covers it. (The pthread workers themselves still start from a blob:
 * URL, hence `worker-src blob:`.)
 */
export function wasmThreadsFix(): Plugin {
  const target = /@tensorflow[\\/]tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js$/;
  const blobSource =
    /new Blob\(\[`var WasmBackendModuleThreadedSimd = ` \+\s*wasmFactoryThreadedSimd\.toString\(\)\], \{ type: 'text\/javascript' \}\)/;
  return {
    name: 'ssd-cam-wasm-threads-fix',
    enforce: 'pre',
    transform(code, id) {
      if (!target.test(id.split('?')[0])) return null;
      if (!blobSource.test(code)) {
        this.error('tfjs-backend-wasm changed how it builds its pthread worker; re-check scripts/lib/wasm-threads-fix.ts');
      }
      return {
        // Absolute: the pthread worker resolves it against its own blob: URL, which has no path.
        code:
          `import __ssdThreadedSimdUrl from '../wasm-out/tfjs-backend-wasm-threaded-simd.js?url';\n` +
          code.replace(blobSource, 'new URL(__ssdThreadedSimdUrl, self.location.href).href'),
        map: null,
      };
    },
  };
}
