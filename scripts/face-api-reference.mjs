#!/usr/bin/env node
// Golden reference for the face model: runs @vladmandic/face-api's own SsdMobilenetv1
// (detectAllFaces, minConfidence 0.5, maxResults 100) in Node on demo/sample1..6.jpg with the
// weights the app ships (node_modules/@vladmandic/face-api/model/), and writes
// tests/.fixtures/face-api-reference.json: per photo {file, width, height, faces:
// [{score, box: {x, y, width, height}}]} in photo pixels.
//
// Node has no canvas: photos are decoded with jpeg-js into an int32 RGB tensor3d.
// Backend: tfjs WASM (loaded from the installed @tensorflow/tfjs-backend-wasm files); falls
// back to the tfjs CPU backend if WASM cannot start (same numbers, slower).
//
// Usage: node scripts/face-api-reference.mjs [--out path.json] [--backend wasm|cpu]

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const faceApiDir = resolve(root, 'node_modules/@vladmandic/face-api');

const args = process.argv.slice(2);
const argValue = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const outPath = resolve(argValue('--out', resolve(root, 'tests/.fixtures/face-api-reference.json')));
const wantBackend = argValue('--backend', 'wasm');

const jpeg = require('jpeg-js');
const tf = require('@tensorflow/tfjs');
const wasm = require('@tensorflow/tfjs-backend-wasm');
// The node-wasm build requires the same @tensorflow/tfjs instance as above, so the backend
// set here is the one face-api runs on.
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');

async function setBackend() {
  if (wantBackend === 'wasm') {
    try {
      // A plain folder path with trailing slash: the emscripten loader in Node reads files.
      wasm.setWasmPaths(resolve(require.resolve('@tensorflow/tfjs-backend-wasm'), '..') + '/');
      if (await tf.setBackend('wasm')) {
        await tf.ready();
        return;
      }
    } catch (err) {
      console.warn(`face-api-reference: wasm backend failed (${err.message}); using cpu`);
    }
  }
  await tf.setBackend('cpu');
  await tf.ready();
}

function decodeToTensor(file) {
  const img = jpeg.decode(readFileSync(file), { useTArray: true, formatAsRGBA: false, maxMemoryUsageInMB: 1024 });
  // formatAsRGBA false gives RGB, 3 bytes per pixel.
  const data = Int32Array.from(img.data);
  return { tensor: tf.tensor3d(data, [img.height, img.width, 3], 'int32'), width: img.width, height: img.height };
}

const round = (v, d) => Number(v.toFixed(d));

async function main() {
  const t0 = performance.now();
  await setBackend();
  await faceapi.nets.ssdMobilenetv1.loadFromDisk(resolve(faceApiDir, 'model'));
  const options = new faceapi.SsdMobilenetv1Options({ minConfidence: 0.5, maxResults: 100 });
  const photos = [];
  for (let n = 1; n <= 6; n++) {
    const file = `sample${n}.jpg`;
    const { tensor, width, height } = decodeToTensor(resolve(faceApiDir, 'demo', file));
    const t1 = performance.now();
    const result = await faceapi.detectAllFaces(tensor, options);
    const ms = performance.now() - t1;
    tf.dispose(tensor);
    const faces = result
      .map((d) => ({
        score: round(d.score, 4),
        box: { x: round(d.box.x, 1), y: round(d.box.y, 1), width: round(d.box.width, 1), height: round(d.box.height, 1) },
      }))
      .sort((a, b) => a.box.x - b.box.x);
    photos.push({ file, width, height, faces });
    console.log(`${file} ${width}x${height}: ${faces.length} faces in ${Math.round(ms)} ms  ` +
      faces.map((f) => `${f.score.toFixed(3)} [${Math.round(f.box.x)},${Math.round(f.box.y)},${Math.round(f.box.width)},${Math.round(f.box.height)}]`).join('  '));
  }
  const out = {
    generator: 'scripts/face-api-reference.mjs',
    faceApi: faceapi.version,
    tfjs: tf.version.tfjs,
    backend: tf.getBackend(),
    options: { minConfidence: 0.5, maxResults: 100 },
    note: 'boxes in photo pixels, sorted by x',
    photos,
  };
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, JSON.stringify(out, null, 2) + '\n');
  console.log(`wrote ${outPath} (backend ${out.backend}, ${Math.round(performance.now() - t0)} ms)`);
}

main().catch((err) => {
  console.error(`face-api-reference: ${err.stack ?? err}`);
  process.exit(1);
});
