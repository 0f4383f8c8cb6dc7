/// <reference types="vitest/config" />
import fs from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
// @ts-expect-error plain ESM helper shared with scripts/
import { servedFiles } from './scripts/lib/served-files.mjs';
import { wasmThreadsFix } from './scripts/lib/wasm-threads-fix.ts';
import { pwa } from './scripts/lib/pwa-config.ts';
import { CONTENT_SECURITY_POLICY, cspMeta } from './scripts/lib/csp.ts';

// Cross-origin isolation lets the WASM backend use threads (SharedArrayBuffer).
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * Serves model weights and WASM binaries from their npm packages at /models/<id>/ and /wasm/
 * in dev, and copies exactly those files into the build (never whole packages: they are
 * large). No weight file lives in the repo.
 */
function packagedAssets(): Plugin {
  const files: Array<{ url: string; file: string }> = servedFiles();
  const byUrl = new Map(files.map((f) => [f.url, f.file]));
  const mime = (url: string) =>
    url.endsWith('.wasm') ? 'application/wasm' : url.endsWith('.json') ? 'application/json' : url.endsWith('.jpg') ? 'image/jpeg' : 'application/octet-stream';
  return {
    name: 'ssd-cam-packaged-assets',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '').split('?')[0];
        const file = byUrl.get(url);
        if (!file) return next();
        res.setHeader('Content-Type', mime(url));
        for (const [k, v] of Object.entries(isolation)) res.setHeader(k, v);
        fs.createReadStream(file).pipe(res);
      });
    },
    generateBundle() {
      for (const { url, file } of files) {
        this.emitFile({ type: 'asset', fileName: url.slice(1), source: fs.readFileSync(file) });
      }
    },
  };
}

export default defineConfig({
  plugins: [packagedAssets(), wasmThreadsFix(), pwa(), cspMeta()],
  worker: { format: 'es', plugins: () => [wasmThreadsFix()] },
  // The CSP as a header too: the <meta> copy cannot reach workers, which take their policy
  // from their own response (see scripts/lib/csp.ts).
  server: { headers: { ...isolation, 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
  preview: { headers: { ...isolation, 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 4096 },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
