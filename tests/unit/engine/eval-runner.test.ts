// The evaluation runner with a fake engine client (Node has no Worker; the real worker and
// backend run in tests/e2e/eval.spec.ts): images go to the worker in the set's order with the
// next file already fetched and at most two at the worker, progress counts every answer with a
// rate and time left, Cancel stops the worker at once, and the answers come out as a COCO
// results file in image pixels with the set's category ids, scored by the COCO evaluator.
import { describe, expect, it } from 'vitest';
import { EngineError, type EngineOptions } from '../../../src/engine/detector-client';
import { runEval, type EvalClient, type EvalDeps, type EvalProgress } from '../../../src/engine/accuracy/eval-runner';
import type { EvalSet } from '../../../src/engine/accuracy/eval-set';
import type { Detection, EvaluateResponse, ReadyInfo } from '../../../src/shared/protocol';
import type { DeviceInfo } from '../../../src/metrics/device-info';

// Sizes and boxes in binary fractions, so pixels come out exact.
const SET: EvalSet = {
  name: 'tiny',
  source: 'http://x.test/sets/tiny/',
  format: 'coco',
  sha256: 'ab'.repeat(32),
  dataset: {
    images: [
      { id: 11, file_name: 'a.jpg', width: 256, height: 128 },
      { id: 12, file_name: 'b.jpg', width: 512, height: 256 },
      { id: 13, file_name: 'c.jpg', width: 64, height: 64 },
    ],
    categories: [
      { id: 1, name: 'person' },
      { id: 3, name: 'car' },
      { id: 90, name: 'toothbrush' },
    ],
    annotations: [
      { id: 1, image_id: 11, category_id: 1, bbox: [32, 32, 64, 64], area: 4096, iscrowd: 0 },
      { id: 2, image_id: 12, category_id: 3, bbox: [256, 128, 128, 64], area: 8192, iscrowd: 0 },
    ],
  },
  images: [
    { id: 11, file: 'a.jpg', width: 256, height: 128, url: 'http://x.test/sets/tiny/images/a.jpg' },
    { id: 12, file: 'b.jpg', width: 512, height: 256, url: 'http://x.test/sets/tiny/images/b.jpg' },
    { id: 13, file: 'c.jpg', width: 64, height: 64, url: 'http://x.test/sets/tiny/images/c.jpg' },
  ],
};

/** model classes: 1 person, 2 car, 3 zebra (not in the set) */
const LABELS = ['', 'person', 'car', 'zebra'];

const det = (classId: number, score: number, x: number, y: number, width: number, height: number): Detection => ({
  label: LABELS[classId],
  classId,
  score,
  box: { x, y, width, height },
});

/** what the model "finds": normalized boxes */
const FOUND: Record<number, Detection[]> = {
  11: [det(1, 0.9, 0.125, 0.25, 0.25, 0.5), det(3, 0.8, 0, 0, 0.5, 0.5)],
  12: [det(2, 0.7, 0.5, 0.5, 0.25, 0.25), det(1, 0.3, 0, 0, 0.125, 0.125)],
  13: [],
};

/** SET with a fourth image (nothing labelled, nothing found), to see the in-flight bound */
const SET4: EvalSet = {
  ...SET,
  dataset: { ...SET.dataset, images: [...SET.dataset.images, { id: 14, file_name: 'd.jpg', width: 128, height: 128 }] },
  images: [...SET.images, { id: 14, file: 'd.jpg', width: 128, height: 128, url: 'http://x.test/sets/tiny/images/d.jpg' }],
};
FOUND[14] = [];

function answer(imageId: number, at: number): EvaluateResponse {
  const image = SET4.images.find((i) => i.id === imageId)!;
  const t = { preprocessMs: 1, inferenceMs: 10 + at, readbackMs: 0, postprocessMs: 1, totalMs: 12 + at };
  return { type: 'evaluate', id: at, imageId, width: image.width, height: image.height, detections: FOUND[imageId], timings: t, decodeMs: 3, decodeWaitMs: 0, numTensors: 5, numBytes: 100 };
}

function readyInfo(modelId: string, backend: string, trained: boolean): ReadyInfo {
  return {
    model: { id: modelId, name: `Model ${modelId}`, family: 'ssd', backbone: 'b', group: trained ? 'trained' : 'speed-only', inputSize: 8, labels: LABELS, classes: 3, params: 1, multAdds: 1, downloadBytes: null, needsNetwork: false, origin: '', license: '', trained },
    requestedBackend: backend as ReadyInfo['requestedBackend'],
    backend: backend as ReadyInfo['backend'],
    adapter: 'fake',
    wasm: { simd: true, threads: 2 },
    backendMs: 1,
    loadMs: 2,
    warmupMs: 3,
  };
}

type Deferred = { imageId: number; resolve: (r: EvaluateResponse) => void; reject: (e: Error) => void };

/** An engine client that answers only when told (or at once with `auto`), and logs every call. */
class FakeClient implements EvalClient {
  stopped = false;
  readonly pending: Deferred[] = [];
  options: EngineOptions | null = null;
  constructor(
    private readonly log: string[],
    private readonly opts: { auto?: boolean; trained?: boolean; crashAfter?: number } = {},
  ) {}

  start(options: EngineOptions): Promise<ReadyInfo> {
    this.options = options;
    this.log.push(`start:${options.modelId}:${options.backend}`);
    return Promise.resolve(readyInfo(options.modelId, options.backend, this.opts.trained ?? true));
  }

  evaluate(_image: Blob, imageId: number, scoreThreshold: number, maxDetections: number): Promise<EvaluateResponse> {
    this.log.push(`eval:${imageId}:${scoreThreshold}:${maxDetections}`);
    if (this.stopped) return Promise.reject(new EngineError('worker-crashed', 'stopped'));
    const n = this.log.filter((l) => l.startsWith('eval:')).length;
    if (this.opts.crashAfter !== undefined && n > this.opts.crashAfter) return Promise.reject(new EngineError('worker-crashed', 'The detection worker crashed: boom'));
    if (this.opts.auto) return Promise.resolve(answer(imageId, n));
    return new Promise((resolve, reject) => this.pending.push({ imageId, resolve, reject }));
  }

  stop(): void {
    this.log.push('stop');
    this.stopped = true;
    for (const p of this.pending.splice(0)) p.reject(new EngineError('worker-crashed', 'The detection worker was stopped.'));
  }

  /** answers the oldest image at the worker */
  answerNext(at: number): void {
    const p = this.pending.shift()!;
    p.resolve(answer(p.imageId, at));
  }
}

const DEVICE = { label: 'test device', cores: 2 } as DeviceInfo;

function deps(log: string[], clients: FakeClient[], make: () => FakeClient, opts: { failFetch?: string } = {}) {
  let clock = 0;
  const d: EvalDeps & { advance(ms: number): void } = {
    createClient: () => {
      const c = make();
      clients.push(c);
      return c;
    },
    fetchImage: async (url) => {
      const file = url.slice(url.lastIndexOf('/') + 1);
      log.push(`fetch:${file}`);
      if (file === opts.failFetch) throw new Error('HTTP 404');
      return new Blob([file]);
    },
    now: () => clock,
    device: () => DEVICE,
    advance: (ms) => {
      clock += ms;
    },
  };
  return d;
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('runEval', () => {
  it('maps answers to a COCO results file in image pixels with the set category ids, and scores it', async () => {
    const log: string[] = [];
    const clients: FakeClient[] = [];
    const result = await runEval({ models: ['m'], backends: ['wasm'], limit: null }, SET, () => {}, undefined, deps(log, clients, () => new FakeClient(log, { auto: true })));
    expect(result.failures).toEqual([]);
    expect(result.runs).toHaveLength(1);
    const run = result.runs[0];
    // the COCO protocol, through the engine's own options
    expect(clients[0].options).toMatchObject({ modelId: 'm', backend: 'wasm', scoreThreshold: 0.001, iouThreshold: 0.5, maxDetections: 100 });
    expect(log.filter((l) => l.startsWith('eval:'))).toEqual(['eval:11:0.001:100', 'eval:12:0.001:100', 'eval:13:0.001:100']);
    expect(run.detections).toEqual([
      { image_id: 11, category_id: 1, bbox: [32, 32, 64, 64], score: 0.9 },
      { image_id: 12, category_id: 3, bbox: [256, 128, 128, 64], score: 0.7 },
      { image_id: 12, category_id: 1, bbox: [0, 0, 64, 32], score: 0.3 },
    ]);
    // zebra has no category in the set: dropped and named; toothbrush cannot be found
    expect(run.labels.unmappedModel).toEqual(['zebra']);
    expect(run.labels.unmappedSet).toEqual(['toothbrush']);
    expect(run.labels.droppedDetections).toBe(1);
    // COCOeval's precision is tp / (tp + fp + eps): one ulp under 1
    expect(run.figures.AP).toBeCloseTo(1, 12);
    expect(run.figures.AP50).toBeCloseTo(1, 12);
    expect(run.vocAP50).toBe(1);
    expect(run.perClass.map((c) => [c.name, Number(c.ap.toFixed(12))])).toEqual([
      ['person', 1],
      ['car', 1],
      ['toothbrush', -1],
    ]);
    // keeping the two right boxes and not the 0.3 one is the best F1
    expect(run.f1Best).toMatchObject({ tp: 2, fp: 0, recall: 1, precision: 1, f1: 1 });
    expect(run.f1Best!.threshold).toBeGreaterThanOrEqual(0.3);
    expect(run.f1Best!.threshold).toBeLessThan(0.7);
    expect(run.atScore05).toMatchObject({ threshold: 0.5, tp: 2, fp: 0, recall: 1, precision: 1 });
    expect(run.set).toEqual({ name: 'tiny', source: SET.source, format: 'coco', sha256: SET.sha256, images: 3, annotations: 2, categories: 3, limit: null });
    expect([run.model.id, run.backend, run.device.label]).toEqual(['m', 'wasm', 'test device']);
    expect(run.speed.images).toBe(3);
    expect(run.speed.inferenceMs.p50).toBe(12);
    expect(run.skippedImages).toEqual([]);
    // the worker ends with the pair
    expect(clients[0].stopped).toBe(true);
  });

  it('pipelines: the next file is fetched before the answer is awaited, and at most three images are at the worker', async () => {
    const log: string[] = [];
    const clients: FakeClient[] = [];
    const progress: EvalProgress[] = [];
    const d = deps(log, clients, () => new FakeClient(log));
    const done = runEval({ models: ['m'], backends: ['wasm'], limit: null }, SET4, (p) => progress.push(p), undefined, d);
    for (let i = 0; i < 6; i++) await tick();
    // image 11 runs, 12 and 13 decode at the worker, 14 already fetched: nothing more until 11 answers
    expect(log).toEqual(['start:m:wasm', 'fetch:a.jpg', 'fetch:b.jpg', 'eval:11:0.001:100', 'fetch:c.jpg', 'eval:12:0.001:100', 'fetch:d.jpg', 'eval:13:0.001:100']);
    expect(clients[0].pending.map((p) => p.imageId)).toEqual([11, 12, 13]);
    d.advance(500);
    clients[0].answerNext(1);
    for (let i = 0; i < 5; i++) await tick();
    expect(log.slice(8)).toEqual(['eval:14:0.001:100']);
    expect(clients[0].pending.map((p) => p.imageId)).toEqual([12, 13, 14]);
    d.advance(500);
    clients[0].answerNext(2);
    for (let i = 0; i < 5; i++) await tick();
    d.advance(500);
    clients[0].answerNext(3);
    for (let i = 0; i < 5; i++) await tick();
    d.advance(1500);
    clients[0].answerNext(4);
    const result = await done;
    expect(result.runs[0].speed.wallS).toBe(3);
    expect(result.runs[0].speed.imagesPerSecond).toBe(4 / 3);

    // progress: loading, running, one per answer with rate and time left, then scoring
    expect(progress.map((p) => [p.stage, p.done])).toEqual([
      ['loading', 0],
      ['running', 0],
      ['running', 1],
      ['running', 2],
      ['running', 3],
      ['running', 4],
      ['scoring', 4],
    ]);
    const running = progress.filter((p) => p.stage === 'running' && p.done > 0);
    expect(running.map((p) => p.imagesPerSecond)).toEqual([2, 2, 2, 4 / 3]);
    expect(running.map((p) => p.etaSeconds)).toEqual([1.5, 1, 0.5, 0]);
    for (const p of progress) expect(p).toMatchObject({ model: 'm', backend: 'wasm', pair: 1, pairs: 1, total: 4 });
  });

  it('Cancel stops the worker at once, mid-image, and nothing more is sent or started', async () => {
    const log: string[] = [];
    const clients: FakeClient[] = [];
    const abort = new AbortController();
    const done = runEval({ models: ['m', 'n'], backends: ['wasm', 'cpu'], limit: null }, SET, () => {}, abort.signal, deps(log, clients, () => new FakeClient(log)));
    for (let i = 0; i < 5; i++) await tick();
    expect(clients[0].pending).toHaveLength(3);
    abort.abort();
    // synchronously: the worker is terminated by the abort itself, not after an answer
    expect(clients[0].stopped).toBe(true);
    await expect(done).rejects.toMatchObject({ name: 'AbortError' });
    expect(clients).toHaveLength(1);
    expect(log.filter((l) => l.startsWith('eval:'))).toEqual(['eval:11:0.001:100', 'eval:12:0.001:100', 'eval:13:0.001:100']);
  });

  it('refuses a speed-only model with a clear failure and goes on with the next pair', async () => {
    const log: string[] = [];
    const clients: FakeClient[] = [];
    let n = 0;
    const result = await runEval({ models: ['synthetic', 'm'], backends: ['wasm'], limit: null }, SET, () => {}, undefined, deps(log, clients, () => new FakeClient(log, { auto: true, trained: n++ > 0 })));
    expect(result.failures).toEqual([{ model: 'synthetic', backend: 'wasm', message: expect.stringMatching(/speed-only.*cannot be evaluated/) }]);
    expect(result.runs.map((r) => r.model.id)).toEqual(['m']);
    expect(clients[0].stopped).toBe(true);
    expect(log.slice(0, 3)).toEqual(['start:synthetic:wasm', 'stop', 'start:m:wasm']);
  });

  it('names an image that cannot be fetched, leaves it out of the figures, and evaluates the rest', async () => {
    const log: string[] = [];
    const result = await runEval({ models: ['m'], backends: ['wasm'], limit: null }, SET, () => {}, undefined, deps(log, [], () => new FakeClient(log, { auto: true }), { failFetch: 'b.jpg' }));
    const run = result.runs[0];
    expect(run.skippedImages).toEqual([{ imageId: 12, file: 'b.jpg', message: 'could not be fetched: HTTP 404' }]);
    expect(log.filter((l) => l.startsWith('eval:')).map((l) => l.split(':')[1])).toEqual(['11', '13']);
    // the car on the missing image is not counted as missed: only the person is scored
    expect(run.counts.gt).toBe(1);
    expect(run.figures.AP).toBeCloseTo(1, 12);
    expect(run.warnings.join(' ')).toMatch(/1 image\(s\) could not be evaluated/);
  });

  it('a worker that dies mid-run fails its pair; the next pair runs in a fresh worker', async () => {
    const log: string[] = [];
    const clients: FakeClient[] = [];
    let n = 0;
    const result = await runEval({ models: ['m'], backends: ['wasm', 'cpu'], limit: 2 }, SET, () => {}, undefined, deps(log, clients, () => new FakeClient(log, { auto: true, crashAfter: n++ === 0 ? 1 : undefined })));
    expect(result.failures).toEqual([{ model: 'm', backend: 'wasm', message: 'The detection worker crashed: boom' }]);
    expect(result.runs.map((r) => [r.backend, r.speed.images, r.set.images, r.set.limit])).toEqual([['cpu', 2, 2, 2]]);
    expect(clients.map((c) => c.stopped)).toEqual([true, true]);
  });
});
