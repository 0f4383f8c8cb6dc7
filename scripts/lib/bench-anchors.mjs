// Anchor rows for `npm run bench`: the same weights run by the libraries they come from, in
// the same browser, on the same backend, frames and photo, so our fps has a yardstick.
//   face-api: @vladmandic/face-api's own SsdMobilenetv1 detectAllFaces (our ssd-mobilenet-v1-face)
//   human:    @vladmandic/human's object detection with centernet.json (our centernet-mobilenet-v3-coco)
//
// The functions marked "runs in the page" are handed to page.evaluate: they must not use
// anything from this module's scope. Both libraries get the frame our bench times (the app's
// own /samples/sample1.jpg, decoded and scaled by createImageBitmap exactly as the app's
// bench-controller does) as a tensor made once before timing, because our bench also turns
// its frame into a tensor once and then times detect() on it: each timed call is the same
// work (resize, normalize, network, read back, decode, NMS). The same calls on a canvas
// holding that frame (the library makes the tensor each call, as with a video element) are
// timed too and reported as `imageInput`.
//
// The anchors' own files (face-api and human browser bundles, their model files and the tfjs
// WASM binaries) are served under /__anchor/, read straight from node_modules (never copied
// into the repo or the build), beside dist/ on the bench's static server.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { iou } from './box-iou.mjs';

/** The page an anchor runs in (cross-origin isolated by the server, nothing else on it). */
export const ANCHOR_PAGE = '/__anchor/blank.html';
export const ANCHOR_TEXTS = { [ANCHOR_PAGE]: '<!doctype html><meta charset="utf-8"><title>ssd-cam bench anchor</title><body></body>' };

/**
 * Routes the anchors need: url -> absolute file. Only these files are reachable, never an
 * arbitrary path under node_modules.
 */
export function anchorRoutes(root) {
  const nm = (...p) => resolve(root, 'node_modules', ...p);
  const routes = {
    '/__anchor/face-api/face-api.esm.js': nm('@vladmandic/face-api/dist/face-api.esm.js'),
    '/__anchor/face-api/model/ssd_mobilenetv1_model-weights_manifest.json': nm('@vladmandic/face-api/model/ssd_mobilenetv1_model-weights_manifest.json'),
    '/__anchor/face-api/model/ssd_mobilenetv1_model.bin': nm('@vladmandic/face-api/model/ssd_mobilenetv1_model.bin'),
    '/__anchor/human/human.esm.js': nm('@vladmandic/human/dist/human.esm.js'),
    '/__anchor/human/models/centernet.json': nm('@vladmandic/human/models/centernet.json'),
    '/__anchor/human/models/centernet.bin': nm('@vladmandic/human/models/centernet.bin'),
  };
  for (const name of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']) {
    routes[`/__anchor/wasm/${name}`] = nm('@tensorflow/tfjs-backend-wasm/dist', name);
  }
  for (const [url, file] of Object.entries(routes)) {
    if (!existsSync(file)) throw new Error(`bench: ${file} is missing (for ${url}). Run npm ci.`);
  }
  return routes;
}

/**
 * Runs in the page, once, before an anchor: `window.__benchFrame({ url, width, height })`,
 * `window.__benchTime(...)` and `window.__benchBackend(tf)`.
 */
export function installAnchorHelpers() {
  window.__benchFrame = async ({ url, width, height }) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`bench photo ${url}: HTTP ${response.status}`);
    const blob = await response.blob();
    const full = await createImageBitmap(blob);
    const photo = { width: full.width, height: full.height };
    full.close();
    const bitmap =
      width && height && (width !== photo.width || height !== photo.height)
        ? await createImageBitmap(blob, { resizeWidth: width, resizeHeight: height, resizeQuality: 'high' })
        : await createImageBitmap(blob);
    const canvas = document.createElement('canvas');
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    canvas.getContext('2d').drawImage(bitmap, 0, 0);
    return { bitmap, canvas, photo };
  };
  // The timing both anchors share, on the frame as a tensor made once (the timed figures) and
  // then on the canvas (`imageTimes`): first call, warm-up, `frames` timed calls.
  window.__benchTime = async ({ tf, detect, frame, warmup, frames }) => {
    const now = () => performance.now();
    const input = tf.browser.fromPixels(frame.bitmap);
    const t0 = now();
    await detect(input);
    const firstInferenceMs = now() - t0;
    for (let i = 0; i < warmup; i++) await detect(input);
    const tensorsBefore = tf.memory().numTensors;
    const times = [];
    let found = [];
    for (let i = 0; i < frames; i++) {
      const t = now();
      found = await detect(input);
      times.push(now() - t);
    }
    const tensorsAfter = tf.memory().numTensors;
    const imageTimes = [];
    for (let i = 0; i < frames; i++) {
      const t = now();
      await detect(frame.canvas);
      imageTimes.push(now() - t);
    }
    input.dispose();
    const frameSize = { width: frame.bitmap.width, height: frame.bitmap.height };
    frame.bitmap.close();
    return { firstInferenceMs, times, imageTimes, memory: { tensorsBefore, tensorsAfter }, found, frameSize };
  };
  // What both anchors say about the tfjs they ran on.
  window.__benchBackend = async (tf) => ({
    backend: tf.getBackend(),
    threads: tf.getBackend() === 'wasm' && tf.getThreadsCount ? tf.getThreadsCount() : null,
    simd: tf.getBackend() === 'wasm' ? await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT') : null,
    crossOriginIsolated: self.crossOriginIsolated,
  });
}

/**
 * What face-api itself finds in sample1.jpg, in photo pixels, measured once in the browser;
 * the Node run of scripts/face-api-reference.mjs agrees within 3 px. IoU 0.5 absorbs either.
 */
export const FACE_API_SAMPLE1_FACES = [
  { x: 413, y: 354, width: 177, height: 240 },
  { x: 839, y: 418, width: 187, height: 227 },
  { x: 1473, y: 197, width: 203, height: 239 },
];

export const ANCHORS = {
  'face-api': {
    ours: 'ssd-mobilenet-v1-face',
    library: '@vladmandic/face-api',
    call: 'detectAllFaces(input, new SsdMobilenetv1Options({ minConfidence: 0.5, maxResults: 100 }))',
    weights: 'node_modules/@vladmandic/face-api/model/ssd_mobilenetv1_model (the same file our ssd-mobilenet-v1-face loads)',
    backends: ['cpu', 'webgl', 'wasm'], // the bundle's tfjs has no webgpu backend
    run: faceApiInPage,
  },
  human: {
    ours: 'centernet-mobilenet-v3-coco',
    library: '@vladmandic/human',
    call: 'human.detect(input) with only object (centernet.json) enabled, caching and frame skipping off',
    weights: 'node_modules/@vladmandic/human/models/centernet (the same file our centernet-mobilenet-v3-coco loads)',
    backends: ['cpu', 'webgl', 'wasm', 'webgpu'],
    run: humanInPage,
  },
};

/** Runs in the page. */
async function faceApiInPage(cfg) {
  const now = () => performance.now();
  const t0 = now();
  const faceapi = await import('/__anchor/face-api/face-api.esm.js');
  const tf = faceapi.tf;
  if (cfg.backend === 'wasm') {
    tf.setWasmPaths('/__anchor/wasm/');
    if (cfg.threads) {
      // tfjs sizes its pool from hardwareConcurrency / 2 and ignores a larger setThreadsCount
      Object.defineProperty(navigator, 'hardwareConcurrency', { value: cfg.threads * 2, configurable: true });
      tf.setThreadsCount(cfg.threads);
    }
  }
  if (!(await tf.setBackend(cfg.backend))) throw new Error(`face-api: tfjs backend ${cfg.backend} did not start`);
  await tf.ready();
  const t1 = now();
  await faceapi.nets.ssdMobilenetv1.loadFromUri('/__anchor/face-api/model');
  const t2 = now();
  const frame = await window.__benchFrame(cfg.frame);
  const options = new faceapi.SsdMobilenetv1Options({ minConfidence: 0.5, maxResults: 100 });
  const detect = (x) => faceapi.detectAllFaces(x, options);
  const { firstInferenceMs, found, ...timed } = await window.__benchTime({ tf, detect, frame, warmup: cfg.warmup, frames: cfg.frames });
  return {
    version: faceapi.version?.faceapi ?? faceapi.version ?? null,
    tfjs: tf.version?.tfjs ?? tf.version_core ?? null,
    ...(await window.__benchBackend(tf)),
    photo: frame.photo,
    ...timed,
    coldStart: { importMs: t1 - t0, loadMs: t2 - t1, firstInferenceMs },
    found: found.map((d) => ({
      label: 'face',
      score: d.score,
      box: { x: d.box.x, y: d.box.y, width: d.box.width, height: d.box.height },
    })),
  };
}

/** Runs in the page. */
async function humanInPage(cfg) {
  const now = () => performance.now();
  const t0 = now();
  const { Human } = await import('/__anchor/human/human.esm.js');
  const off = { enabled: false };
  const human = new Human({
    backend: cfg.backend,
    wasmPath: '/__anchor/wasm/',
    modelBasePath: '/__anchor/human/models/',
    cacheModels: false,
    debug: false,
    async: true,
    warmup: 'none',
    // same photo every call: without these human returns its cached result instead of running
    cacheSensitivity: 0,
    skipAllowed: false,
    filter: { enabled: false },
    gesture: off,
    face: { ...off, detector: off, mesh: off, iris: off, emotion: off, description: off, antispoof: off, liveness: off },
    body: off,
    hand: off,
    segmentation: off,
    object: { enabled: true, modelPath: 'centernet.json', skipFrames: 0, skipTime: 0 },
  });
  const tf = human.tf;
  if (cfg.backend === 'wasm' && cfg.threads) {
    Object.defineProperty(navigator, 'hardwareConcurrency', { value: cfg.threads * 2, configurable: true });
    tf.setThreadsCount(cfg.threads);
  }
  await human.init();
  if (tf.getBackend() !== cfg.backend) throw new Error(`human: backend ${cfg.backend} did not start (got ${tf.getBackend()})`);
  const t1 = now();
  await human.load();
  const t2 = now();
  const frame = await window.__benchFrame(cfg.frame);
  const detect = async (x) => {
    const result = await human.detect(x);
    if (result.error) throw new Error(`human: ${result.error}`);
    return result.object;
  };
  const { firstInferenceMs, found, ...timed } = await window.__benchTime({ tf, detect, frame, warmup: cfg.warmup, frames: cfg.frames });
  return {
    version: human.version,
    tfjs: tf.version?.tfjs ?? null,
    ...(await window.__benchBackend(tf)),
    photo: frame.photo,
    ...timed,
    coldStart: { importMs: t1 - t0, loadMs: t2 - t1, firstInferenceMs },
    found: found.map((o) => ({
      label: o.label,
      score: o.score,
      box: { x: o.box[0], y: o.box[1], width: o.box[2], height: o.box[3] },
    })),
  };
}

/**
 * Whether an anchor did the work we compare against: face-api must find exactly the 3 faces
 * of sample1 (IoU >= 0.5 with the reference, scaled from photo to frame pixels), human at
 * least one person.
 */
export function checkFound(anchorId, { found, photo, frameSize }) {
  if (anchorId === 'face-api') {
    const sx = frameSize.width / photo.width;
    const sy = frameSize.height / photo.height;
    const refs = FACE_API_SAMPLE1_FACES.map((b) => ({ x: b.x * sx, y: b.y * sy, width: b.width * sx, height: b.height * sy }));
    const unmatched = refs.filter((ref) => !found.some((f) => iou(ref, f.box) >= 0.5));
    const ok = found.length === refs.length && unmatched.length === 0;
    return {
      ok,
      summary: `${found.length} faces${ok ? ' (the 3 reference faces)' : `; expected the 3 reference faces, ${unmatched.length} missing`}`,
    };
  }
  const persons = found.filter((f) => f.label === 'person');
  const ok = persons.length > 0;
  const labels = {};
  for (const f of found) labels[f.label] = (labels[f.label] ?? 0) + 1;
  const list = Object.entries(labels).map(([l, n]) => `${n} ${l}`).join(', ') || 'nothing';
  return { ok, summary: `${list}${ok ? '' : '; expected persons'}` };
}
