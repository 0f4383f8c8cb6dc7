// The event half of the public automation surface (docs/ARCHITECTURE.md, README "Events"): CustomEvents on `window` that
// demos, kiosks and the e2e tests read instead of the app's internals. Field names here are
// a published API: add fields, never rename or remove them.
import type { CameraErrorKind } from '../camera/open-camera';
import type { BackendName, BackendRequest, ErrorKind, ReadyInfo, ResultResponse, StageTimings, WasmInfo } from '../shared/protocol';

export type AppErrorKind = CameraErrorKind | ErrorKind | 'worker-crashed';

export interface ReadyDetail {
  /** model id, as in `?model=`. */
  model: string;
  backend: BackendName;
  adapter: string;
  requestedBackend: BackendRequest;
  fallbackReason?: string;
  wasm?: WasmInfo;
  /** cold start, in its parts: backend start, model load, first inference */
  backendMs: number;
  loadMs: number;
  warmupMs: number;
}

export interface PixelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DetectionDetail {
  label: string;
  classId: number;
  score: number;
  /** in video pixels of the analysed frame (not CSS pixels, not mirrored). */
  box: PixelBox;
  /** with tracking on (`?track=1` or the setting): the object's id, kept across frames */
  trackId?: number;
  /** with tracking on: not found in this frame, the box is where the object is expected */
  predicted?: boolean;
}

export interface DetectionsDetail {
  frame: number;
  model: string;
  backend: BackendName;
  /** size of the analysed frame, video pixels. */
  width: number;
  height: number;
  detections: DetectionDetail[];
  timings: StageTimings;
  /** detections per second at the time of this result. */
  fps: number;
  /** tf.memory() in the worker after this frame: both stay flat, or something leaks. */
  numTensors: number;
  numBytes: number;
  /** the score threshold these detections were kept at: the model's measured one, or the user's */
  scoreThreshold: number;
}

export interface ErrorDetail {
  kind: AppErrorKind;
  message: string;
}

/** `ssd:count`: a tracked object crossed the counting line. */
export interface CountDetail {
  classLabel: string;
  trackId: number;
  direction: 'in' | 'out';
  /** every crossing since the counts were last reset, per class and direction */
  totals: Record<string, { in: number; out: number }>;
}

declare global {
  interface WindowEventMap {
    'ssd:ready': CustomEvent<ReadyDetail>;
    'ssd:detections': CustomEvent<DetectionsDetail>;
    'ssd:error': CustomEvent<ErrorDetail>;
    'ssd:count': CustomEvent<CountDetail>;
    'ssd:eval-progress': CustomEvent<EvalProgressDetail>;
    'ssd:eval': CustomEvent<EvalDetail>;
  }
}

export function toReadyDetail(info: ReadyInfo): ReadyDetail {
  const detail: ReadyDetail = {
    model: info.model.id,
    backend: info.backend,
    adapter: info.adapter,
    requestedBackend: info.requestedBackend,
    backendMs: info.backendMs,
    loadMs: info.loadMs,
    warmupMs: info.warmupMs,
  };
  // Optional keys are left out rather than set to undefined, so `'fallbackReason' in detail`
  // means what it says.
  if (info.fallbackReason !== undefined) detail.fallbackReason = info.fallbackReason;
  if (info.wasm !== undefined) detail.wasm = info.wasm;
  return detail;
}

export function toDetectionsDetail(
  result: ResultResponse,
  modelId: string,
  backend: BackendName,
  fps: number,
): DetectionsDetail {
  const { width, height } = result;
  return {
    frame: result.frameId,
    model: modelId,
    backend,
    width,
    height,
    detections: result.detections.map((d) => ({
      label: d.label,
      classId: d.classId,
      score: d.score,
      box: { x: d.box.x * width, y: d.box.y * height, width: d.box.width * width, height: d.box.height * height },
      ...(d.trackId === undefined ? {} : { trackId: d.trackId, predicted: d.predicted === true }),
    })),
    timings: { ...result.timings },
    fps,
    numTensors: result.numTensors,
    numBytes: result.numBytes,
    scoreThreshold: result.scoreThreshold,
  };
}

type Target = Pick<EventTarget, 'dispatchEvent'>;

function emit<K extends keyof WindowEventMap>(type: K, detail: unknown, target: Target): void {
  target.dispatchEvent(new CustomEvent(type, { detail }));
}

export function emitReady(info: ReadyInfo, target: Target = window): void {
  emit('ssd:ready', toReadyDetail(info), target);
}

export function emitDetections(
  result: ResultResponse,
  modelId: string,
  backend: BackendName,
  fps: number,
  target: Target = window,
): void {
  emit('ssd:detections', toDetectionsDetail(result, modelId, backend, fps), target);
}

export function emitCount(detail: CountDetail, target: Target = window): void {
  emit('ssd:count', detail, target);
}

export function emitError(detail: ErrorDetail, target: Target = window): void {
  emit('ssd:error', { kind: detail.kind, message: detail.message }, target);
}

/** `ssd:bench`: a comparison finished; `results` is the stored result (rows per model and
 * backend, with the device's description). */
export function emitBench(results: import('../engine/bench/bench-runner').BenchResult): void {
  window.dispatchEvent(new CustomEvent('ssd:bench', { detail: { results } }));
}

/** `ssd:eval-progress`: an accuracy evaluation's progress, per image answered (and when a
 * pair starts loading or is being scored). */
export type EvalProgressDetail = import('../engine/accuracy/eval-runner').EvalProgress;

/** `ssd:eval`: an accuracy evaluation ended. `results` holds a run per model and backend (the
 * figures, the detections as a COCO results file, speed, set and device); on a failure that
 * stopped the whole evaluation (a set that cannot be read, Cancel), `results` is null and
 * `error` says why. */
export interface EvalDetail {
  results: import('../engine/accuracy/eval-runner').EvalResult | null;
  error?: string;
}

export function emitEvalProgress(progress: EvalProgressDetail, target: Target = window): void {
  emit('ssd:eval-progress', { ...progress }, target);
}

export function emitEval(detail: EvalDetail, target: Target = window): void {
  emit('ssd:eval', detail, target);
}
