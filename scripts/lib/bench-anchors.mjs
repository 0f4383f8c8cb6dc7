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

/** Runs in the page, once, before an anchor: `window.__benchFrame({ url, width, height })`. */
export function installFrameHelper() {
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
}

/** What face-api itself finds in sample1.jpg (shared/docs/MODELS.md, photo pixels). */
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
  const input = tf.browser.fromPixels(frame.bitmap);
  const options = new faceapi.SsdMobilenetv1Options({ minConfidence: 0.5, maxResults: 100 });
  const detect = (x) => faceapi.detectAllFaces(x, options);
  const t3 = now();
  await detect(input);
  const firstMs = now() - t3;
  for (let i = 0; i < cfg.warmup; i++) await detect(input);
  const tensorsBefore = tf.memory().numTensors;
  const times = [];
  let found = [];
  for (let i = 0; i < cfg.frames; i++) {
    const t = now();
    found = await detect(input);
    times.push(now() - t);
  }
  const tensorsAfter = tf.memory().numTensors;
  const imageTimes = [];
  for (let i = 0; i < cfg.frames; i++) {
    const t = now();
    await detect(frame.canvas);
    imageTimes.push(now() - t);
  }
  input.dispose();
  const frameSize = { width: frame.bitmap.width, height: frame.bitmap.height };
  frame.bitmap.close();
  return {
    version: faceapi.version?.faceapi ?? faceapi.version ?? null,
    tfjs: tf.version?.tfjs ?? tf.version_core ?? null,
    backend: tf.getBackend(),
    threads: tf.getBackend() === 'wasm' && tf.getThreadsCount ? tf.getThreadsCount() : null,
    simd: tf.getBackend() === 'wasm' ? await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT') : null,
    crossOriginIsolated: self.crossOriginIsolated,
    photo: frame.photo,
    frameSize,
    coldStart: { importMs: t1 - t0, loadMs: t2 - t1, firstInferenceMs: firstMs },
    times,
    imageTimes,
    memory: { tensorsBefore, tensorsAfter },
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
  const input = tf.browser.fromPixels(frame.bitmap);
  const detect = async (x) => {
    const result = await human.detect(x);
    if (result.error) throw new Error(`human: ${result.error}`);
    return result.object;
  };
  const t3 = now();
  await detect(input);
  const firstMs = now() - t3;
  for (let i = 0; i < cfg.warmup; i++) await detect(input);
  const tensorsBefore = tf.memory().numTensors;
  const times = [];
  let found = [];
  for (let i = 0; i < cfg.frames; i++) {
    const t = now();
    found = await detect(input);
    times.push(now() - t);
  }
  const tensorsAfter = tf.memory().numTensors;
  const imageTimes = [];
  for (let i = 0; i < cfg.frames; i++) {
    const t = now();
    await detect(frame.canvas);
    imageTimes.push(now() - t);
  }
  input.dispose();
  const frameSize = { width: frame.bitmap.width, height: frame.bitmap.height };
  frame.bitmap.close();
  return {
    version: human.version,
    tfjs: tf.version?.tfjs ?? null,
    backend: tf.getBackend(),
    threads: tf.getBackend() === 'wasm' && tf.getThreadsCount ? tf.getThreadsCount() : null,
    simd: tf.getBackend() === 'wasm' ? await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT') : null,
    crossOriginIsolated: self.crossOriginIsolated,
    photo: frame.photo,
    frameSize,
    coldStart: { importMs: t1 - t0, loadMs: t2 - t1, firstInferenceMs: firstMs },
    times,
    imageTimes,
    memory: { tensorsBefore, tensorsAfter },
    found: found.map((o) => ({
      label: o.label,
      score: o.score,
      box: { x: o.box[0], y: o.box[1], width: o.box[2], height: o.box[3] },
    })),
  };
}

export function iou(a, b) {
  const x1 = Math.max(a.x, b.x);
  const y1 = Math.max(a.y, b.y);
  const x2 = Math.min(a.x + a.width, b.x + b.width);
  const y2 = Math.min(a.y + a.height, b.y + b.height);
  const inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  const union = a.width * a.height + b.width * b.height - inter;
  return union > 0 ? inter / union : 0;
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
