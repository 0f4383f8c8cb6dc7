import type { CompatReport } from './compat-report';
import type { ImagePixels } from './image-pixels';
// Message types between the main thread (engine/worker-bridge.ts) and the detection worker
// (worker/detector.worker.ts), and `Answers`: which response each request gets, so a request
// comes back typed without anyone naming its answer by hand. Types only: importing this file
// pulls no code, so the UI can depend on it without pulling TensorFlow.js into the main bundle.

import type { MeasuredThreshold } from '../detection/manifest';
import type { Thresholds } from './defaults';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendRequest = 'auto' | BackendName;

/** A box in normalized [0,1] coordinates of the frame that was sent. */
export interface NormalizedBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Detection {
  label: string;
  classId: number;
  score: number;
  box: NormalizedBox;
  /** with tracking on: the object's id, kept across frames */
  trackId?: number;
  /** with tracking on: not found in this frame; the box is where the object is expected */
  predicted?: boolean;
  /** with tracking on: how the box moves, per second (normalized), so it can be drawn between
   * detector frames */
  velocity?: NormalizedBox;
}

/** Per-stage wall times measured inside the worker for one frame. */
export interface StageTimings {
  /** frame -> input tensor (fromPixels, pad, resize, normalize). On GPU backends this is
   * dispatch time only: the device work is queued and lands in inferenceMs. */
  preprocessMs: number;
  /** model execution until its output is read back (await data()); includes readbackMs. */
  inferenceMs: number;
  /** the await data() part of inferenceMs (on GPU backends mostly waiting for the device). */
  readbackMs: number;
  /** box decoding and NMS on the CPU. */
  postprocessMs: number;
  /** from frame arrival in the worker to detections ready. */
  totalMs: number;
}

export interface WasmInfo {
  simd: boolean;
  /** threads XNNPACK actually runs with. */
  threads: number;
  /** why threads are limited, when they are (e.g. page not cross-origin isolated). */
  note?: string;
  /** how the thread count was chosen: measured now, remembered from an earlier
   * measurement on this device, or the default (no measurement possible). */
  chosenBy?: 'measured' | 'remembered' | 'default';
  /** the measurement behind the choice: median bare inference per thread count. */
  measurements?: Array<{ threads: number; medianMs: number }>;
}

export interface ModelSummary {
  id: string;
  name: string;
  description?: string;
  family: string;
  backbone: string;
  /** trained: real boxes; speed-only: synthetic weights, timing only; user: imported */
  group: 'trained' | 'speed-only' | 'user';
  inputSize: number;
  /** label per class id ('' for background and unused ids) */
  labels: string[];
  /** number of named classes */
  classes: number;
  /** weights (SSDs we build: counted from the built layers; graph models: stored values) */
  params: number | null;
  /** multiply-adds per frame, counted from the built layers (null where unknown) */
  multAdds: number | null;
  /** bytes to fetch (null when unknown until downloaded) */
  downloadBytes: number | null;
  /** fetched from its official home on first use (then cached), not bundled */
  needsNetwork: boolean;
  origin: string;
  license: string;
  licenseUrl?: string;
  /** false for synthetic (speed-only) weights: such a model never reports boxes. */
  trained: boolean;
  /** the COCO accuracy its authors published, with the source (models/*.json); null or absent when none */
  published?: { ap: number; ap50?: number; source: string } | null;
  /** the score threshold measured for it (models/*.json); null or absent when never measured */
  defaultScoreThreshold?: MeasuredThreshold | null;
  /** an imported model: what it did on each backend when checked on import */
  compat?: CompatReport | null;
}

export interface ReadyInfo {
  model: ModelSummary;
  requestedBackend: BackendRequest;
  backend: BackendName;
  /** set when the backend in use is not the one asked for. */
  fallbackReason?: string;
  /** GPU adapter description for webgpu, renderer for webgl, 'cpu' otherwise. */
  adapter: string;
  wasm?: WasmInfo;
  /** starting the TensorFlow.js backend (WASM compile, GPU adapter and device). */
  backendMs: number;
  /** weights fetch + network build. */
  loadMs: number;
  /** first inference, including shader or wasm compile (cold start). */
  warmupMs: number;
}

export interface InitRequest extends Thresholds {
  type: 'init';
  id: number;
  modelId: string;
  backend: BackendRequest;
  /** absolute URL of the folder holding the served model files (ends with '/'). */
  modelBaseUrl: string;
  /** absolute URL of the folder holding the tfjs WASM binaries (ends with '/'). */
  wasmBaseUrl: string;
  /** WASM threads to start with (0 = let the worker decide). */
  wasmThreads: number;
  /** false: skip the cold-start run (a restart after a fault, where the first real frame
   * warms up instead and detections come back sooner). Default true. */
  warmup?: boolean;
}

export interface DetectRequest {
  type: 'detect';
  id: number;
  frameId: number;
  /** transferred; the worker closes it. */
  frame: VideoFrame | ImageBitmap;
}

export interface TimeInferenceRequest {
  type: 'time-inference';
  id: number;
  runs: number;
}

/** Faults on purpose, for recovery tests and demos (enabled by ?debug=1 only). */
export type FaultKind = 'crash' | 'hang' | 'lose-device';

export interface FaultRequest {
  type: 'fault';
  id: number;
  fault: FaultKind;
}

/** Measure the loaded model on one fixed frame: warm-up, then timed frames. */
export interface BenchRequest {
  type: 'bench';
  id: number;
  /** transferred; the worker closes it */
  frame: ImageBitmap;
  warmup: number;
  frames: number;
  /** also profile one frame kernel by kernel (tf.profile), after the timed frames */
  profile?: boolean;
  /** then run back to back for this many seconds, reported per 10-second window */
  sustainedS?: number;
}

export interface SustainedWindow {
  /** seconds from the start of the run */
  startS: number;
  frames: number;
  fps: number;
  totalP50Ms: number;
  inferenceP50Ms: number;
  inferenceP95Ms: number;
}

/** A sustained run in the worker: does the speed hold? */
export interface SustainedRun {
  seconds: number;
  windowS: number;
  windows: SustainedWindow[];
  /** windows in the burst and in the sustained span (a minute, or half a shorter run) */
  spanWindows: number;
  burstFps: number;
  sustainedFps: number;
  /** sustained / burst */
  ratio: number;
  tensorsStart: number;
  tensorsEnd: number;
  bytesStart: number;
  bytesEnd: number;
  /** page side, where the browser has them: the Compute Pressure API's CPU state per window,
   * and the battery at start and end */
  pressure?: Array<string | null> | 'not available';
  battery?: { start: { level: number; charging: boolean }; end: { level: number; charging: boolean } } | 'not available';
}

/** One frame kernel by kernel: kernels grouped by name (count, summed time), most time first. */
export interface FrameProfile {
  backend: string;
  kernels: Array<{ name: string; count: number; ms: number }>;
  kernelCount: number;
  kernelMs: number;
  /** whether the backend reported a time for every kernel (WebGL without GPU timer queries does not) */
  kernelTimes: 'measured' | 'not-reported';
  /** the profiled frame, start to detections (profiling adds its own overhead) */
  wallMs: number;
  /** the frame's ImageBitmap to a tensor on the backend, waited for */
  uploadMs: number;
  readbackMs: number;
  peakBytes: number;
}

/** New thresholds for the loaded model, applied from the next frame (no reload). */
export interface ConfigureRequest extends Thresholds {
  type: 'configure';
  id: number;
}

/**
 * Accuracy evaluation: one labelled image through the whole pipeline (the running backend,
 * the model's own preprocessing, decoding and NMS) at the COCO protocol's low threshold.
 * The encoded file is sent, so JPEG decoding happens in the worker (createImageBitmap), off
 * the page thread; the worker starts decoding on arrival, so the next image decodes while
 * the current one runs, and runs one image at a time. Trained models only.
 */
export interface EvaluateRequest {
  type: 'evaluate';
  id: number;
  /** the image file as stored (JPEG, PNG...; a Blob is shared, not copied), or its pixels made
   * in advance by the pixel worker (transferred) */
  image: Blob | ImagePixels;
  /** the labelled set's image id, echoed back */
  imageId: number;
  /** lowest score kept (COCO protocol: ~0.001) */
  scoreThreshold: number;
  /** most detections kept per image (COCO protocol: 100) */
  maxDetections: number;
}

export type WorkerRequest =
  | EvaluateRequest
  | InitRequest
  | DetectRequest
  | TimeInferenceRequest
  | FaultRequest
  | BenchRequest
  | ConfigureRequest;

export type ErrorKind =
  | 'model-missing'
  | 'model-corrupt'
  | 'backend-unavailable'
  | 'inference-failed'
  | 'device-lost'
  | 'bad-request'
  /** the load went silent for longer than its deadline (load-deadline.ts) and was ended */
  | 'model-timeout';

export interface ReadyResponse {
  type: 'ready';
  id: number;
  info: ReadyInfo;
}

export interface ResultResponse {
  type: 'result';
  id: number;
  frameId: number;
  /** size of the frame that was analysed, in pixels. */
  width: number;
  height: number;
  detections: Detection[];
  timings: StageTimings;
  /** tf.memory() after the frame: flat across frames, or something leaks. */
  numTensors: number;
  numBytes: number;
  /** the score threshold these detections were kept at (score > it) */
  scoreThreshold: number;
  /** with tracking on: counts since this worker started tracking */
  tracking?: TrackingCounts;
}

export interface TrackingCounts {
  /** distinct objects shown, per class */
  unique: Record<string, number>;
  /** counting-line crossings in this frame, in the order they happened */
  crossings: Array<{ trackId: number; label: string; classId: number; direction: 'in' | 'out' }>;
  /** every crossing so far, per class and direction */
  totals: Record<string, { in: number; out: number }>;
}

export interface TimeInferenceResponse {
  type: 'time-inference';
  id: number;
  /** bare model execution per run, ms (no preprocessing, no decoding). */
  samplesMs: number[];
}

export interface ErrorResponse {
  type: 'error';
  id: number;
  kind: ErrorKind;
  message: string;
}

/** Sent unasked when the GPU device behind the WebGPU backend is lost (driver reset,
 * GPU process crash): TensorFlow.js itself does not notice. */
export interface DeviceLostResponse {
  type: 'device-lost';
  id: 0;
  message: string;
}

export interface BenchResponse {
  type: 'bench';
  id: number;
  /** per timed frame, the whole pipeline */
  samples: StageTimings[];
  /** per timed run, bare model execution (no preprocessing, no decoding) */
  bareMs: number[];
  /** matrix-multiply throughput of this backend here: the best n x n x n product at a size
   * where arithmetic dominates (G mult-adds/s); a practical peak, not a hard ceiling */
  peakGmacs: number;
  memoryBefore: { numTensors: number; numBytes: number };
  memoryAfter: { numTensors: number; numBytes: number };
  /** with BenchRequest.profile */
  profile?: FrameProfile;
  /** with BenchRequest.sustainedS */
  sustained?: SustainedRun;
}

/** What a starting worker is doing, so the UI never looks frozen: starting the backend,
 * downloading weights (bytes), building the network, the first (compiling) run. */
export type LoadStage = 'backend' | 'download' | 'build' | 'warmup';

export interface ProgressResponse {
  type: 'progress';
  /** the init request this belongs to */
  id: number;
  stage: LoadStage;
  /** download only: bytes so far, and the total when known */
  loaded?: number;
  total?: number | null;
  /** the model's weights in bytes, when known (first message): the main thread scales the
   * load's deadline with it, also for imported models, which download nothing */
  modelBytes?: number;
}

export interface ConfiguredResponse {
  type: 'configured';
  id: number;
}

export interface EvaluateResponse {
  type: 'evaluate';
  id: number;
  imageId: number;
  /** the decoded image's size in pixels (what the normalized boxes are relative to) */
  width: number;
  height: number;
  /** normalized to the image, as in ResultResponse; sorted by score, highest first */
  detections: Detection[];
  timings: StageTimings;
  /** from arrival until the decoded image was ready (createImageBitmap, in the worker; an
   * upper bound, since the worker may be busy with the previous image meanwhile); for pixels
   * made in advance, the page puts the pixel worker's time here */
  decodeMs: number;
  /** how long this image's turn waited for its decoding: the part of decoding that was on
   * the inference path (0 when it was ready in time). Not part of timings.totalMs. */
  decodeWaitMs: number;
  numTensors: number;
  numBytes: number;
}

export type WorkerResponse =
  | EvaluateResponse
  | ProgressResponse
  | ConfiguredResponse
  | BenchResponse
  | DeviceLostResponse
  | ReadyResponse
  | ResultResponse
  | TimeInferenceResponse
  | ErrorResponse;

/**
 * The answer each request gets when it succeeds; any of them may get an ErrorResponse
 * instead. A 'fault' gets none (it breaks the worker on purpose), so it is not here: it is
 * posted without waiting (WorkerHandle.send). A new request type needs its line here before
 * WorkerHandle.request() takes it, and then one in engine/worker-bridge.ts's ANSWER_TYPE (the
 * compiler asks for it).
 */
export interface Answers {
  init: ReadyResponse;
  detect: ResultResponse;
  'time-inference': TimeInferenceResponse;
  bench: BenchResponse;
  configure: ConfiguredResponse;
  evaluate: EvaluateResponse;
}

/** A request that is answered (every one but 'fault'). */
export type AnsweredRequest = Extract<WorkerRequest, { type: keyof Answers }>;

/** The request of type `T`. */
export type RequestOf<T extends WorkerRequest['type']> = Extract<WorkerRequest, { type: T }>;

/** The answer to `R`: `AnswerTo<InitRequest>` is ReadyResponse. */
export type AnswerTo<R extends AnsweredRequest> = Answers[R['type']];
