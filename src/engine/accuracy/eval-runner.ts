// Accuracy through the deployed pipeline: every chosen model on every chosen backend, each
// pair in a fresh worker (as the bench does), every image of a labelled set at the COCO
// protocol's low threshold, then scored on the page with the COCO-exact evaluator. Images are
// pipelined: while the worker runs one, the page fetches the next and the pixel worker decodes
// it into pixels (pixel-maker.ts; a very large one goes as its file and the detection worker
// decodes it), so fetching, decoding and reading pixels stay off the inference path. Cancel
// terminates the workers at once. No DOM here, no TensorFlow.js.
import { describeDevice, type DeviceInfo } from '../../metrics/device-info';
import { summarize, type Summary } from '../../metrics/stats';
import { DetectorClient, EngineError, type EngineOptions } from '../detector-client';
import type { Detection } from '../../evaluation/types';
import { scoreRun, type EvalAccuracy, type EvalLabels } from './eval-score';
import type { EvalSet, EvalSetImage } from './eval-set';
import { DEFAULT_THRESHOLDS } from '../../shared/defaults';
import type { BackendName, BackendRequest, EvaluateResponse, ReadyInfo } from '../../shared/protocol';
import type { ImagePixels } from '../../shared/image-pixels';
import { createPixelMaker, type PixelMaker } from './pixel-maker';

/** The COCO protocol: scores down to ~0.001, at most 100 detections per image. */
export const EVAL_SCORE_THRESHOLD = 0.001;
export const EVAL_MAX_DETECTIONS = 100;
/** NMS overlap: the one every model runs with live (the app's default). */
export const EVAL_IOU_THRESHOLD = DEFAULT_THRESHOLDS.iouThreshold;
/** Images at the worker at once: one runs while the next ones decode. Three, not two: the
 * worker reads a message only between the running image's ops (WASM runs them synchronously),
 * so with two the next image's decoding started only as the current one finished, and the
 * worker waited about 5 ms per image for it; the third arrives while one runs and is decoded
 * by then. */
const IN_FLIGHT = 3;

export interface EvalPlan {
  models: string[];
  backends: BackendRequest[];
  /** the first N images of the set only (null: all) */
  limit: number | null;
}

/** What the runner needs of the detection engine (DetectorClient; a fake in unit tests). */
export interface EvalClient {
  start(options: EngineOptions): Promise<ReadyInfo>;
  evaluate(image: Blob | ImagePixels, imageId: number, scoreThreshold: number, maxDetections: number): Promise<EvaluateResponse>;
  stop(): void;
}

export interface EvalDeps {
  createClient(): EvalClient;
  fetchImage(url: string, signal: AbortSignal): Promise<Blob>;
  /** where images become pixels ahead of their turn; left out, the files go to the worker */
  createPixelMaker?(): PixelMaker;
  now(): number;
  device(extra: { gpu: string | null; simd: boolean | null; threads: number | null }): DeviceInfo;
}

export interface EvalProgress {
  model: string;
  backend: BackendRequest;
  /** 1-based index of the model x backend pair under way, of `pairs` */
  pair: number;
  pairs: number;
  stage: 'loading' | 'running' | 'scoring';
  /** images answered in this pair, of `total` */
  done: number;
  total: number;
  /** images per second in this pair so far (null before the first answer) */
  imagesPerSecond: number | null;
  /** seconds left in this pair at that rate (null before the first answer) */
  etaSeconds: number | null;
}

/** One detection as a COCO results file holds it: bbox [x, y, width, height] in image pixels. */
export type CocoResult = Detection;

export interface EvalSpeed {
  images: number;
  /** wall time from the first image sent to the last answer */
  wallS: number;
  /** images answered per second of that wall time: what evaluating costs here */
  imagesPerSecond: number;
  /** 1000 / mean whole-pipeline time of one image in the worker: comparable with the bench's fps */
  pipelineFps: number;
  totalMs: Summary;
  inferenceMs: Summary;
  preprocessMs: Summary;
  postprocessMs: Summary;
  /** decoding in the worker, from arrival (upper bound: overlaps the previous image) */
  decodeMs: Summary;
  /** the part of decoding the pipeline waited for (on the inference path) */
  decodeWaitMs: Summary;
  /** scoring on the page, after the last image */
  scoreMs: number;
  coldStartMs: { backendMs: number; loadMs: number; warmupMs: number };
}

export interface EvalRun extends EvalAccuracy {
  id: string;
  createdAt: string;
  appVersion: string;
  device: DeviceInfo;
  model: { id: string; name: string; labels: string[] };
  backend: BackendName;
  requestedBackend: BackendRequest;
  adapter: string;
  wasm: ReadyInfo['wasm'] | null;
  fallbackReason: string | null;
  set: { name: string; source: string; format: string; sha256: string; images: number; annotations: number; categories: number; limit: number | null };
  protocol: { scoreThreshold: number; maxDetections: number; iouThreshold: number };
  speed: EvalSpeed;
  /** model classes and set categories: which matched by name, which did not */
  labels: EvalLabels;
  /** the detections, as a COCO results file (set category ids, image pixels) */
  detections: CocoResult[];
  /** images that could not be fetched or decoded: left out of the scoring, named here */
  skippedImages: Array<{ imageId: number; file: string; message: string }>;
  /** things worth knowing about this run (decoded size differs from the annotation...) */
  warnings: string[];
}

export interface EvalResult {
  id: string;
  createdAt: string;
  plan: EvalPlan;
  runs: EvalRun[];
  /** pairs that could not run (speed-only model, backend missing...), with the reason */
  failures: Array<{ model: string; backend: string; message: string }>;
}

export const defaultEvalDeps: EvalDeps = {
  createClient: () => new DetectorClient(),
  fetchImage: async (url, signal) => {
    const response = await fetch(url, { signal });
    if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
    return response.blob();
  },
  createPixelMaker,
  now: () => performance.now(),
  device: (extra) => describeDevice(extra),
};

const aborted = () => new DOMException('evaluation cancelled', 'AbortError');

/** The images a plan evaluates: the set's own order, cut at `limit`. */
export function planImages(set: EvalSet, limit: number | null): EvalSetImage[] {
  return limit === null ? set.images : set.images.slice(0, limit);
}

interface PairOutcome {
  ready: ReadyInfo;
  answers: Array<{ image: EvalSetImage; answer: EvaluateResponse }>;
  skipped: EvalRun['skippedImages'];
  wallMs: number;
}

/** Whether an engine failure ends the pair (the worker is gone) rather than one image. */
function fatal(error: unknown): boolean {
  return error instanceof EngineError && (error.kind === 'worker-crashed' || error.kind === 'device-lost' || error.kind === 'superseded');
}

async function runPair(
  model: string,
  backend: BackendRequest,
  images: EvalSetImage[],
  deps: EvalDeps,
  signal: AbortSignal,
  progress: (p: Pick<EvalProgress, 'stage' | 'done' | 'imagesPerSecond' | 'etaSeconds'>) => void,
): Promise<PairOutcome> {
  const client = deps.createClient();
  const pixelMaker = deps.createPixelMaker?.() ?? null;
  const stop = () => {
    client.stop();
    pixelMaker?.dispose();
  };
  signal.addEventListener('abort', stop);
  try {
    progress({ stage: 'loading', done: 0, imagesPerSecond: null, etaSeconds: null });
    const ready = await client.start({
      modelId: model,
      backend,
      scoreThreshold: EVAL_SCORE_THRESHOLD,
      iouThreshold: EVAL_IOU_THRESHOLD,
      maxDetections: EVAL_MAX_DETECTIONS,
    });
    if (signal.aborted) throw aborted();
    if (!ready.model.trained) {
      throw new Error(`${model} is speed-only (synthetic weights, no trained boxes): it cannot be evaluated for accuracy`);
    }
    progress({ stage: 'running', done: 0, imagesPerSecond: null, etaSeconds: null });
    const answers: PairOutcome['answers'] = [];
    const skipped: PairOutcome['skipped'] = [];
    // the file, then (where a pixel maker is at hand) its pixels and the time they took
    const fetchBlob = (i: number) => {
      const p = deps.fetchImage(images[i].url, signal).then(async (blob) => {
        if (!pixelMaker) return { input: blob as Blob | ImagePixels, pixelMs: null };
        const t = deps.now();
        const pixels = await pixelMaker.make(blob);
        return pixels ? { input: pixels, pixelMs: deps.now() - t } : { input: blob, pixelMs: null };
      });
      p.catch(() => {}); // awaited in turn; a failure is named then
      return p;
    };
    const sent: Array<{ image: EvalSetImage; answer: Promise<EvaluateResponse> }> = [];
    const started = deps.now();
    let done = 0;
    const settle = async () => {
      const { image, answer } = sent.shift()!;
      try {
        answers.push({ image, answer: await answer });
      } catch (error) {
        if (signal.aborted) throw aborted();
        if (fatal(error)) throw error;
        skipped.push({ imageId: image.id, file: image.file, message: (error as Error).message });
      }
      done++;
      const seconds = (deps.now() - started) / 1000;
      const rate = seconds > 0 ? done / seconds : null;
      progress({ stage: 'running', done, imagesPerSecond: rate, etaSeconds: rate ? (images.length - done) / rate : null });
    };
    let next = images.length > 0 ? fetchBlob(0) : null;
    for (let i = 0; i < images.length; i++) {
      let blob: { input: Blob | ImagePixels; pixelMs: number | null } | null = null;
      try {
        blob = await next!;
      } catch (error) {
        if (signal.aborted) throw aborted();
        skipped.push({ imageId: images[i].id, file: images[i].file, message: `could not be fetched: ${(error as Error).message}` });
      }
      // the next file downloads while this one is decoded and run
      next = i + 1 < images.length ? fetchBlob(i + 1) : null;
      if (blob) {
        const { pixelMs } = blob;
        // made in advance, the decoding time is the pixel worker's
        const answer = client
          .evaluate(blob.input, images[i].id, EVAL_SCORE_THRESHOLD, EVAL_MAX_DETECTIONS)
          .then((a) => (pixelMs === null ? a : { ...a, decodeMs: pixelMs }));
        answer.catch(() => {}); // awaited in settle()
        sent.push({ image: images[i], answer });
      } else {
        done++;
      }
      while (sent.length >= IN_FLIGHT) await settle();
    }
    while (sent.length > 0) await settle();
    return { ready, answers, skipped, wallMs: deps.now() - started };
  } catch (error) {
    if (signal.aborted) throw aborted();
    throw error;
  } finally {
    signal.removeEventListener('abort', stop);
    stop();
  }
}

function speedOf(outcome: PairOutcome, scoreMs: number): EvalSpeed {
  const t = outcome.answers.map((a) => a.answer);
  const totalMs = summarize(t.map((a) => a.timings.totalMs));
  return {
    images: t.length,
    wallS: outcome.wallMs / 1000,
    imagesPerSecond: outcome.wallMs > 0 ? (t.length * 1000) / outcome.wallMs : 0,
    pipelineFps: totalMs.mean > 0 ? 1000 / totalMs.mean : 0,
    totalMs,
    inferenceMs: summarize(t.map((a) => a.timings.inferenceMs)),
    preprocessMs: summarize(t.map((a) => a.timings.preprocessMs)),
    postprocessMs: summarize(t.map((a) => a.timings.postprocessMs)),
    decodeMs: summarize(t.map((a) => a.decodeMs)),
    decodeWaitMs: summarize(t.map((a) => a.decodeWaitMs)),
    scoreMs,
    coldStartMs: { backendMs: outcome.ready.backendMs, loadMs: outcome.ready.loadMs, warmupMs: outcome.ready.warmupMs },
  };
}

export async function runEval(
  plan: EvalPlan,
  set: EvalSet,
  onProgress: (p: EvalProgress) => void = () => {},
  signal: AbortSignal = new AbortController().signal,
  deps: EvalDeps = defaultEvalDeps,
): Promise<EvalResult> {
  const images = planImages(set, plan.limit);
  const runs: EvalRun[] = [];
  const failures: EvalResult['failures'] = [];
  const pairs = plan.models.length * plan.backends.length;
  const createdAt = new Date().toISOString();
  let pair = 0;
  for (const model of plan.models) {
    for (const backend of plan.backends) {
      if (signal.aborted) throw aborted();
      pair++;
      const report = (p: Pick<EvalProgress, 'stage' | 'done' | 'imagesPerSecond' | 'etaSeconds'>) =>
        onProgress({ model, backend, pair, pairs, total: images.length, ...p });
      let outcome: PairOutcome;
      try {
        outcome = await runPair(model, backend, images, deps, signal, report);
      } catch (error) {
        if (signal.aborted || (error as Error).name === 'AbortError') throw aborted();
        failures.push({ model, backend, message: (error as Error).message });
        continue;
      }
      report({ stage: 'scoring', done: images.length, imagesPerSecond: null, etaSeconds: null });
      runs.push(buildRun(plan, set, outcome, deps));
    }
  }
  return { id: `eval-${Date.now().toString(36)}`, createdAt, plan, runs, failures };
}

function buildRun(plan: EvalPlan, set: EvalSet, outcome: PairOutcome, deps: EvalDeps): EvalRun {
  const { ready } = outcome;
  const t0 = deps.now();
  const scored = scoreRun(set, ready.model.labels, outcome.answers);
  const scoreMs = deps.now() - t0;
  const warnings: string[] = [];
  const resized = outcome.answers.filter(({ image, answer }) => image.width && image.height && (image.width !== answer.width || image.height !== answer.height));
  if (resized.length > 0) {
    const { image, answer } = resized[0];
    warnings.push(
      `${resized.length} image(s) decoded at another size than annotated (first: ${image.file}, ${answer.width}x${answer.height} decoded, ${image.width}x${image.height} annotated; an EXIF rotation?): their boxes were scaled to the annotated size`,
    );
  }
  if (outcome.skipped.length > 0) warnings.push(`${outcome.skipped.length} image(s) could not be evaluated and were left out of the figures`);
  if (scored.labels.pairs.length === 0) warnings.push('no model class has a category of the same name in the set: nothing could be scored');
  const images = planImages(set, plan.limit);
  const imageIds = new Set(images.map((i) => i.id));
  return {
    ...scored.accuracy,
    id: `eval-${ready.model.id}-${ready.backend}-${Date.now().toString(36)}`,
    createdAt: new Date().toISOString(),
    appVersion: import.meta.env.VITE_APP_VERSION ?? import.meta.env.MODE,
    device: deps.device({ gpu: ready.backend === 'webgpu' || ready.backend === 'webgl' ? ready.adapter : null, simd: ready.wasm?.simd ?? null, threads: ready.wasm?.threads ?? null }),
    model: { id: ready.model.id, name: ready.model.name, labels: ready.model.labels },
    backend: ready.backend,
    requestedBackend: ready.requestedBackend,
    adapter: ready.adapter,
    wasm: ready.wasm ?? null,
    fallbackReason: ready.fallbackReason ?? null,
    set: {
      name: set.name,
      source: set.source,
      format: set.format,
      sha256: set.sha256,
      images: images.length,
      annotations: set.dataset.annotations.filter((a) => imageIds.has(a.image_id)).length,
      categories: set.dataset.categories.length,
      limit: plan.limit,
    },
    protocol: { scoreThreshold: EVAL_SCORE_THRESHOLD, maxDetections: EVAL_MAX_DETECTIONS, iouThreshold: EVAL_IOU_THRESHOLD },
    speed: speedOf(outcome, scoreMs),
    labels: scored.labels,
    detections: scored.detections,
    skippedImages: outcome.skipped,
    warnings,
  };
}
