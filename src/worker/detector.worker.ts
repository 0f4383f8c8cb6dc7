/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs-core';
import { profileFrame } from './profile';
import { sustainedRun } from './sustained';
import type { Detector, DetectOptions } from '../detection/detector';
import { ModelLoadError } from '../detection/errors';
import { DEFAULT_THRESHOLDS, type TrackOptions } from '../shared/defaults';
import { summarize } from '../shared/model-catalog';
import type {
  AnsweredRequest,
  AnswerTo,
  BenchRequest,
  Detection,
  TrackingCounts,
  ErrorKind,
  FaultKind,
  InitRequest,
  LoadStage,
  StageTimings,
  ReadyInfo,
  WorkerRequest,
  WorkerResponse,
} from '../shared/protocol';
import { startBackend } from './backends';
import { frameSize, frameToTensor } from './frame-to-tensor';
import { resolveDetector, resolveManifest } from './load-model';
import { evaluateImage } from './evaluate';
import { measureMatmulGmacs } from './throughput';
import { Tracker, type CountingLine, type Crossing } from '../tracking/tracker';

// The only place TensorFlow.js runs. One model on one backend per worker: switching backend
// means a new worker (TensorFlow.js backends do not come back cleanly once replaced, and
// the WASM thread count is fixed at start).

declare const self: DedicatedWorkerGlobalScope;

let detector: Detector | null = null;
let options: DetectOptions = { ...DEFAULT_THRESHOLDS };
/** synthetic-weight models are for speed only: their boxes are noise and never leave here. */
let trained = false;
/** with tracking on: follows the objects across the frames this worker sees */
let tracker: Tracker | null = null;
/** With tracking, the detector also keeps boxes down to this score: weak ones only hold
 * objects already tracked (ByteTrack's second pass), they never start a track. */
const TRACK_LOW_SCORE = 0.1;

/** the counting line the tracker has (a new one restarts its crossing bookkeeping) */
let line: CountingLine | null = null;

/** the weak score the detector keeps boxes down to while tracking */
let trackLow = TRACK_LOW_SCORE;

/** Tracking on or off, the user's threshold as the score that starts tracks, the user's tracker
 * settings, the line. */
function applyTracking(on: boolean | undefined, countingLine: CountingLine | null | undefined, user?: TrackOptions): void {
  if (!on || !trained) {
    tracker = null;
    line = null;
    return;
  }
  trackLow = Math.min(user?.lowScore ?? TRACK_LOW_SCORE, options.scoreThreshold);
  const o = { highScore: options.scoreThreshold, lowScore: trackLow, ...(user ? { minHits: user.minHits, maxMisses: user.maxMisses } : {}) };
  if (tracker) tracker.setOptions(o);
  else tracker = new Tracker(o);
  const next = countingLine ?? null;
  if (JSON.stringify(next) !== JSON.stringify(line)) {
    line = next;
    tracker.setLine(line);
  }
}

/** The counts that go with a tracked frame. */
function trackingCounts(crossings: Crossing[]): TrackingCounts {
  return {
    unique: Object.fromEntries(tracker!.uniqueByClass),
    crossings: crossings.map(({ trackId, label, classId, direction }) => ({ trackId, label, classId, direction })),
    totals: Object.fromEntries([...tracker!.crossingsByClass].map(([k, v]) => [k, { ...v }])),
  };
}

/** What the detector runs at: lower with tracking (see TRACK_LOW_SCORE). */
function detectOptions(): DetectOptions {
  return tracker ? { ...options, scoreThreshold: trackLow } : options;
}

/** The tracked objects of a frame, as detections with their ids (copies: the tracker reuses its
 * records). */
function tracked(detections: readonly Detection[], timeMs: number, crossings: Crossing[]): Detection[] {
  return tracker!.update(detections, timeMs, crossings).map((t) => ({
    label: t.label,
    classId: t.classId,
    score: t.score,
    box: { ...t.box },
    trackId: t.trackId,
    predicted: t.predicted,
    velocity: { ...t.velocity },
  }));
}

function post(message: WorkerResponse): void {
  self.postMessage(message);
}

/** Posts the answer to a request: the request is there for its type, so the compiler holds
 * each answer to the response its request gets (Answers in shared/protocol.ts). */
function answer<R extends AnsweredRequest>(_request: R, response: AnswerTo<R>): void {
  post(response);
}

function fail(id: number, kind: ErrorKind, error: unknown): void {
  post({ type: 'error', id, kind, message: error instanceof Error ? error.message : String(error) });
}

/** Download progress at most this often: enough to look alive, not a message flood. */
const PROGRESS_EVERY_MS = 100;

function progress(id: number, stage: LoadStage, loaded?: number, total?: number | null): void {
  post(stage === 'download' ? { type: 'progress', id, stage, loaded, total } : { type: 'progress', id, stage });
}

function downloadReporter(id: number): (loaded: number, total: number | null) => void {
  let last = -Infinity;
  let built = false;
  return (loaded, total) => {
    const done = total !== null && loaded >= total;
    const now = performance.now();
    if (now - last >= PROGRESS_EVERY_MS || done) {
      last = now;
      progress(id, 'download', loaded, total);
    }
    // every byte is in: what remains is turning them into a network
    if (done && !built) {
      built = true;
      progress(id, 'build');
    }
  };
}

async function init(request: InitRequest): Promise<void> {
  if (detector) throw new Error('this worker already runs a model; start a new worker to change it');
  let manifest;
  try {
    manifest = await resolveManifest(request.modelId);
  } catch (error) {
    fail(request.id, error instanceof ModelLoadError ? error.kind : 'model-missing', error);
    return;
  }
  options = {
    scoreThreshold: request.scoreThreshold,
    iouThreshold: request.iouThreshold,
    maxDetections: request.maxDetections,
    skipDecode: !manifest.trained,
  };
  let choice;
  const tBackend = performance.now();
  // the model's size comes first: the main thread gives a bigger model a longer load deadline
  post({ type: 'progress', id: request.id, stage: 'backend', modelBytes: manifest.weights?.sizeBytes });
  try {
    choice = await startBackend(request.backend, request.wasmBaseUrl, request.wasmThreads);
  } catch (error) {
    fail(request.id, 'backend-unavailable', error);
    return;
  }
  const backendMs = performance.now() - tBackend;
  if (choice.backend === 'webgpu') watchDevice();
  const t0 = performance.now();
  try {
    detector = await resolveDetector(request.modelId, manifest, request.modelBaseUrl, downloadReporter(request.id));
  } catch (error) {
    fail(request.id, error instanceof ModelLoadError ? error.kind : 'model-corrupt', error);
    return;
  }
  const t1 = performance.now();
  progress(request.id, 'warmup');
  // Cold start: the first run compiles shaders (GPU) or warms caches (WASM). Reported on its
  // own so steady-state numbers never include it.
  if (request.warmup !== false) await detector.timeInference(1);
  const t2 = performance.now();
  trained = manifest.trained;
  applyTracking(request.tracking, request.countingLine, request.trackOptions);
  const info: ReadyInfo = {
    model: summarize(manifest),
    requestedBackend: request.backend,
    backend: choice.backend,
    fallbackReason: choice.fallbackReason,
    adapter: choice.adapter,
    wasm: choice.wasm,
    backendMs,
    loadMs: t1 - t0,
    warmupMs: t2 - t1,
  };
  answer(request, { type: 'ready', id: request.id, info });
}

/**
 * The bench: one fixed frame (so every model and backend sees the same pixels), warm-up
 * frames, then timed frames through the whole pipeline, bare model runs, and the backend's
 * matmul throughput; tensors and bytes before and after, so a leak shows.
 */
async function bench(request: BenchRequest): Promise<void> {
  if (!detector) {
    request.frame.close();
    return fail(request.id, 'bad-request', 'no model is loaded yet');
  }
  // profile mode uploads the frame once more, timed: a copy, since the upload closes the frame
  const profileCopy = request.profile ? await createImageBitmap(request.frame) : null;
  const image = frameToTensor(request.frame);
  try {
    for (let i = 0; i < request.warmup; i++) await detector.detect(image, options);
    const memoryBefore = tf.memory();
    const samples: StageTimings[] = [];
    const bareMs: number[] = [];
    // Pipeline frames and bare model runs alternate, so both see the same machine state
    // (a shared or throttling device drifts over a run).
    for (let i = 0; i < request.frames; i++) {
      const start = performance.now();
      const { timings } = await detector.detect(image, options);
      samples.push({ ...timings, totalMs: performance.now() - start });
      bareMs.push(...(await detector.timeInference(1)));
    }
    const memoryAfter = tf.memory();
    const peakGmacs = await measureMatmulGmacs();
    const sustained = request.sustainedS ? await sustainedRun(detector, image, options, request.sustainedS) : undefined;
    const profile = profileCopy ? await profileFrame(detector, () => frameToTensor(profileCopy), options, tf.getBackend()) : undefined;
    answer(request, {
      type: 'bench',
      id: request.id,
      samples,
      bareMs,
      peakGmacs,
      memoryBefore: { numTensors: memoryBefore.numTensors, numBytes: memoryBefore.numBytes },
      memoryAfter: { numTensors: memoryAfter.numTensors, numBytes: memoryAfter.numBytes },
      ...(profile ? { profile } : {}),
      ...(sustained ? { sustained } : {}),
    });
  } finally {
    image.dispose();
    profileCopy?.close();
  }
}

function gpuDevice(): GPUDevice | null {
  const backend = tf.backend() as unknown as { device?: GPUDevice };
  return backend?.device ?? null;
}

function watchDevice(): void {
  gpuDevice()?.lost.then((info) => {
    post({ type: 'device-lost', id: 0, message: info.message || `reason: ${info.reason ?? 'unknown'}` });
  });
}

/** Whether the WebGPU device is (or within a moment turns out to be) lost. */
async function deviceLost(): Promise<boolean> {
  const device = gpuDevice();
  if (!device) return false;
  return Promise.race([device.lost.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 250))]);
}

function injectFault(fault: FaultKind): void {
  if (fault === 'crash') {
    // an uncaught error in the worker, as a real crash would raise
    setTimeout(() => {
      throw new Error('simulated worker crash');
    });
  } else if (fault === 'hang') {
    const until = Date.now() + 120_000;
    while (Date.now() < until) {
      // stop answering, the way an endless kernel or a deadlock would
    }
  } else {
    const device = gpuDevice();
    if (!device) throw new Error('no WebGPU device to lose: the backend is not webgpu');
    device.destroy();
  }
}

async function handle(request: WorkerRequest): Promise<void> {
  switch (request.type) {
    case 'init':
      return init(request);
    case 'detect': {
      const start = performance.now();
      if (!detector) {
        request.frame.close();
        return fail(request.id, 'bad-request', 'no model is loaded yet');
      }
      const { width, height } = frameSize(request.frame);
      // the frame's capture time drives the tracker's motion model (a VideoFrame's timestamp is
      // in microseconds); an ImageBitmap has none
      const frameTime = typeof VideoFrame !== 'undefined' && request.frame instanceof VideoFrame ? request.frame.timestamp / 1000 : performance.now();
      const image = frameToTensor(request.frame);
      try {
        const tPixels = performance.now();
        let result;
        try {
          result = await detector.detect(image, detectOptions());
        } catch (error) {
          // A lost GPU device surfaces first as a failed read; say what really happened so
          // the engine steps down to another backend instead of giving up.
          if (await deviceLost()) return fail(request.id, 'device-lost', error);
          throw error;
        }
        const memory = tf.memory();
        const crossings: Crossing[] = [];
        const detections = !trained ? [] : tracker ? tracked(result.detections, frameTime, crossings) : result.detections;
        answer(request, {
          type: 'result',
          id: request.id,
          frameId: request.frameId,
          width,
          height,
          detections,
          timings: {
            // frame upload counts as preprocessing
            preprocessMs: tPixels - start + result.timings.preprocessMs,
            inferenceMs: result.timings.inferenceMs,
            readbackMs: result.timings.readbackMs,
            postprocessMs: result.timings.postprocessMs,
            totalMs: performance.now() - start,
          },
          numTensors: memory.numTensors,
          numBytes: memory.numBytes,
          scoreThreshold: options.scoreThreshold,
          ...(tracker ? { tracking: trackingCounts(crossings) } : {}),
        });
      } finally {
        image.dispose();
      }
      return;
    }
    case 'time-inference': {
      if (!detector) return fail(request.id, 'bad-request', 'no model is loaded yet');
      answer(request, { type: 'time-inference', id: request.id, samplesMs: await detector.timeInference(request.runs) });
      return;
    }
    case 'bench':
      return bench(request);
    case 'evaluate': {
      if (!detector) return fail(request.id, 'bad-request', 'no model is loaded yet');
      // synthetic weights give noise boxes: an accuracy figure for them would mean nothing
      if (!trained) return fail(request.id, 'bad-request', 'this model is speed-only (synthetic weights, no trained boxes): it cannot be evaluated for accuracy');
      try {
        answer(request, await evaluateImage(detector, options, request));
      } catch (error) {
        if (await deviceLost()) return fail(request.id, 'device-lost', error);
        throw error;
      }
      return;
    }
    case 'configure':
      options = {
        ...options,
        scoreThreshold: request.scoreThreshold,
        iouThreshold: request.iouThreshold,
        maxDetections: request.maxDetections,
      };
      applyTracking(request.tracking, request.countingLine, request.trackOptions);
      answer(request, { type: 'configured', id: request.id });
      return;
    case 'fault':
      injectFault(request.fault);
      return;
  }
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  handle(event.data).catch((error) => fail(event.data.id, 'inference-failed', error));
};
