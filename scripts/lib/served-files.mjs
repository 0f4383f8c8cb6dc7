// The files the app serves from its own origin that live in npm packages: model weights
// (listed by our manifests in models/) and the TensorFlow.js WASM binaries. Shared by
// vite.config.ts (dev middleware + build output) and scripts, so both serve the same set.
import fs from 'node:fs';
import path from 'node:path';
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

function packageDir(name) {
  // Not require.resolve('<name>/package.json'): packages with an "exports" map may hide it.
  for (let dir = root; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`Package ${name} is not installed. Run npm ci.`);
  }
}

/** Returns [{ url: '/models/<id>/<file>', file: '/abs/path' }, ...]. */
export function servedFiles() {
  const out = [];
  const modelsDir = path.join(root, 'models');
  for (const name of fs.readdirSync(modelsDir).filter((f) => f.endsWith('.json')).sort()) {
    const manifest = JSON.parse(fs.readFileSync(path.join(modelsDir, name), 'utf8'));
    if (!manifest.weights?.package) continue;
    const dir = packageDir(manifest.weights.package);
    for (const rel of manifest.weights.files) {
      const file = path.join(dir, rel);
      if (!fs.existsSync(file)) {
        throw new Error(`Model '${manifest.id}': ${rel} is missing from ${manifest.weights.package}. Run npm ci.`);
      }
      out.push({ url: `/models/${manifest.id}/${path.basename(rel)}`, file });
    }
  }
  // The bench's fixed frame when there is no camera: a photo shipped in an npm package.
  out.push({ url: '/samples/sample1.jpg', file: path.join(packageDir('@vladmandic/face-api'), 'demo/sample1.jpg') });
  const wasmDir = path.join(packageDir('@tensorflow/tfjs-backend-wasm'), 'dist');
  for (const name of fs.readdirSync(wasmDir).filter((f) => f.endsWith('.wasm')).sort()) {
    out.push({ url: `/wasm/${name}`, file: path.join(wasmDir, name) });
  }
  return out;
}
