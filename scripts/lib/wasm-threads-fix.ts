import type { Plugin } from 'vite';

/**
 * tfjs-backend-wasm starts its pthread workers from a Blob holding
 * `wasmFactoryThreadedSimd.toString()`. After minification that function refers to names
 * outside itself, so every pthread worker dies with "ReferenceError: e is not defined" and
 * the threaded backend never starts. We give the Blob the package's own unminified factory
 * source instead, imported as a string (`?raw`): minifiers leave string contents alone, so
 * the rest of the bundle stays minified.
 */
export function wasmThreadsFix(): Plugin {
  const target = /@tensorflow[\\/]tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js$/;
  const blobSource = /`var WasmBackendModuleThreadedSimd = ` \+\s*wasmFactoryThreadedSimd\.toString\(\)/;
  return {
    name: 'ssd-cam-wasm-threads-fix',
    enforce: 'pre',
    transform(code, id) {
      if (!target.test(id.split('?')[0])) return null;
      if (!blobSource.test(code)) {
        this.error('tfjs-backend-wasm changed how it builds its pthread worker; re-check scripts/lib/wasm-threads-fix.ts');
      }
      return {
        code:
          `import __ssdThreadedSimdSource from '../wasm-out/tfjs-backend-wasm-threaded-simd.js?raw';\n` +
          code.replace(blobSource, '__ssdThreadedSimdSource'),
        map: null,
      };
    },
  };
}
