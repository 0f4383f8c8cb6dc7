// The engine's races (issue 10): model switches taken back during thread calibration, loads
// that never end, threshold changes during a restart, calibrations that are cut short or run
// twice at once. Workers are fakes (a real one cannot run in Node) that answer only when told,
// and timers are fake, so every interleaving is reproduced exactly and deadlines take no time.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EngineController, type EngineFailure } from '../../../src/features/live/engine-controller';
import { en } from '../../../src/i18n/en';
import { ja } from '../../../src/i18n/ja';
import { DetectorClient, type EngineOptions } from '../../../src/engine/detector-client';
import type { ReadyInfo } from '../../../src/shared/protocol';
import { FakeWorker, fakeFrame, installFakePage, type FakePage } from '../helpers/fake-worker';

let page: ReturnType<typeof installFakePage>;

function usePage(fake: FakePage): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] });
    page = installFakePage(fake);
  });
  afterEach(() => {
    page.restore();
    vi.useRealTimers();
  });
}

/** lets every queued promise continuation and due timer run */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await vi.advanceTimersByTimeAsync(0);
}

/** the backend a worker reports for what it was asked */
const backendFor = (w: FakeWorker): ReadyInfo['backend'] => (w.init.backend === 'auto' ? 'wasm' : w.init.backend);

/**
 * Answers whatever the live workers were asked, as a working device would, until nothing is
 * left to answer: loads come up, timings take `msFor(threads)`.
 */
async function answerEverything(msFor: (threads: number) => number = (t) => 100 / t): Promise<void> {
  for (let round = 0; round < 20; round++) {
    await settle();
    let answered = false;
    for (const w of FakeWorker.alive()) {
      if (w.unanswered('init').length) {
        w.ready(backendFor(w));
        answered = true;
      } else if (w.unanswered('time-inference').length) {
        w.timed(msFor(w.init.wasmThreads));
        answered = true;
      }
    }
    if (!answered) return;
  }
}

/** A started client running `options` on `backend`. */
async function startedOn(client: DetectorClient, options: EngineOptions, backend: ReadyInfo['backend']): Promise<FakeWorker> {
  const starting = client.start(options);
  await settle();
  const worker = FakeWorker.last();
  worker.ready(backend);
  await answerEverything();
  await starting;
  return worker;
}

/** A frame sent through the client reaches a live worker running `modelId` and comes back. */
async function detectsWith(client: DetectorClient, modelId: string): Promise<void> {
  const detecting = client.detect(fakeFrame(), 99);
  detecting.catch(() => {});
  await settle();
  const worker = FakeWorker.alive().find((w) => w.unanswered('detect').length);
  expect(worker, 'a live worker got the frame').toBeTruthy();
  expect(worker!.init.modelId).toBe(modelId);
  worker!.result();
  await expect(detecting).resolves.toMatchObject({ frameId: 99 });
}

function controller(callbacks: ConstructorParameters<typeof EngineController>[1] = {}) {
  const host = { addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) };
  let client!: DetectorClient;
  const ctrl = new EngineController(host, callbacks, () => (client = new DetectorClient()));
  return { ctrl, client: () => client };
}

const A_CPU: EngineOptions = { modelId: 'a', backend: 'cpu' };
const B_WASM: EngineOptions = { modelId: 'b', backend: 'wasm' };
const B_CPU: EngineOptions = { modelId: 'b', backend: 'cpu' };
const C_CPU: EngineOptions = { modelId: 'c', backend: 'cpu' };

describe('a switch taken back during first-run thread calibration (finding 1)', () => {
  // first run on a device: cross-origin isolated, 2 cores, no remembered thread count
  usePage({ crossOriginIsolated: true, hardwareConcurrency: 2 });

  it('cancelStart() during calibration never leaves the client without a worker', async () => {
    const client = new DetectorClient();
    const a = await startedOn(client, A_CPU, 'cpu');
    const switching = client.start(B_WASM);
    switching.catch(() => {});
    await settle();
    const b = FakeWorker.last();
    b.ready('wasm');
    await settle();
    // timing threads needs the cores: the old worker is gone already
    expect(a.terminated).toBe(true);
    expect(b.has('time-inference')).toBe(true);

    client.cancelStart();
    await answerEverything();
    await switching.catch(() => {});
    expect(client.running).toBe(true);
    await detectsWith(client, 'b');
  });

  it('taking a model switch back during first-run calibration runs the old model again, not a dead engine', async () => {
    const { ctrl, client } = controller();
    const first = ctrl.start(A_CPU);
    await settle();
    FakeWorker.last().ready('cpu');
    await first;

    const toB = ctrl.start(B_WASM);
    await settle();
    FakeWorker.last().ready('wasm');
    await settle();
    expect(FakeWorker.all[0].terminated, 'A ended for the calibration').toBe(true);

    const back = ctrl.start(A_CPU); // the user picks the running model again
    await answerEverything();
    await expect(back).resolves.toMatchObject({ model: { id: 'a' } });
    await toB;
    expect(ctrl.options?.modelId).toBe('a');
    expect(ctrl.ready?.model.id).toBe('a');
    expect(ctrl.switching).toBeNull();
    expect(ctrl.phase).toBe('ready');
    await detectsWith(client(), 'a');
  });
});

describe('B -> A -> B within B load time (finding 2)', () => {
  usePage({});

  it('B, then A, then B again while B loads switches to B', async () => {
    const { ctrl, client } = controller();
    const first = ctrl.start(A_CPU);
    await settle();
    FakeWorker.last().ready('cpu');
    await first;

    const b1 = ctrl.start(B_CPU);
    await settle();
    await expect(ctrl.start(A_CPU)).resolves.toMatchObject({ model: { id: 'a' } });
    const b2 = ctrl.start(B_CPU);
    await answerEverything();
    await expect(b2).resolves.toMatchObject({ model: { id: 'b' } });
    await b1;
    expect(ctrl.options?.modelId).toBe('b');
    expect(ctrl.ready?.model.id).toBe('b');
    await detectsWith(client(), 'b');
  });
});

describe('loads that never end (finding 3)', () => {
  usePage({});

  it('a load that never answers ends with model-timeout at its deadline, and the running model keeps detecting', async () => {
    const client = new DetectorClient();
    const a = await startedOn(client, A_CPU, 'cpu');
    const switching = client.start(B_CPU);
    const outcome = switching.then(
      () => 'started',
      (e: unknown) => e,
    );
    await settle();
    const b = FakeWorker.last();
    await vi.advanceTimersByTimeAsync(30 * 60_000); // far past any deadline for a small model
    const result = await Promise.race([outcome, Promise.resolve('still pending')]);
    expect(result).toMatchObject({ kind: 'model-timeout' });
    expect(b.terminated).toBe(true);
    expect(a.terminated).toBe(false);
    await detectsWith(client, 'a');
  });

  it('a load gets more time while its progress keeps coming, and more for a bigger model, but not forever', async () => {
    const client = new DetectorClient();
    await startedOn(client, A_CPU, 'cpu');
    const outcome = client.start(B_CPU).then(
      () => 'started',
      (e: unknown) => e,
    );
    await settle();
    const b = FakeWorker.last();
    const MB = 1e6;
    b.progress('backend');
    // a slow download: 300 MB over 20 minutes, a progress message every 10 s
    for (let i = 1; i <= 120; i++) {
      await vi.advanceTimersByTimeAsync(10_000);
      b.progress('download', { loaded: (i * 300 * MB) / 120, total: 300 * MB });
    }
    b.progress('build');
    expect(b.terminated, 'a download that keeps moving is never cut').toBe(false);
    // building a 300 MB network takes a while: no progress for 4 minutes is still fine ...
    await vi.advanceTimersByTimeAsync(4 * 60_000);
    expect(b.terminated, 'a big model gets more than a fixed small limit').toBe(false);
    // ... but a load stuck for half an hour is ended
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(b.terminated).toBe(true);
    expect(await Promise.race([outcome, Promise.resolve('still pending')])).toMatchObject({ kind: 'model-timeout' });
  });

  it('an imported model says its size in its first progress message, which scales its deadline', async () => {
    const client = new DetectorClient();
    await startedOn(client, A_CPU, 'cpu');
    client.start(B_CPU).catch(() => {});
    await settle();
    const small = FakeWorker.last();
    small.progress('backend', { modelBytes: 1e6 });
    await vi.advanceTimersByTimeAsync(4 * 60_000);
    expect(small.terminated, 'a 1 MB model silent for 4 minutes is stuck').toBe(true);

    client.start(C_CPU).catch(() => {});
    await settle();
    const big = FakeWorker.last();
    big.progress('backend', { modelBytes: 300e6 });
    await vi.advanceTimersByTimeAsync(4 * 60_000);
    expect(big.terminated, 'a 300 MB model may take longer').toBe(false);

    // the first run compiles every kernel (a software GPU: minutes), but does not spin forever
    client.start(B_CPU).catch(() => {});
    await settle();
    const compiling = FakeWorker.last();
    compiling.progress('backend', { modelBytes: 1e6 });
    compiling.progress('warmup');
    await vi.advanceTimersByTimeAsync(4 * 60_000);
    expect(compiling.terminated, 'compiling for 4 minutes is allowed').toBe(false);
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(compiling.terminated, 'a first run that never ends is ended').toBe(true);
  });

  it('cancelStart() ends the abandoned load at once, and its late progress never reaches the HUD', async () => {
    const client = new DetectorClient();
    const seen: unknown[] = [];
    client.onProgress = (p) => seen.push(p);
    await startedOn(client, A_CPU, 'cpu');
    client.start(B_CPU).catch(() => {});
    await settle();
    const b = FakeWorker.last();
    expect(client.cancelStart()).toBe(true);
    expect(b.terminated, 'the cancelled load ends now').toBe(true);
    seen.length = 0;
    b.progress('download', { loaded: 5, total: 10 }, true); // already on its way
    expect(seen).toEqual([]);
  });

  it('a load superseded by a newer start ends at once, and its progress never reaches the HUD', async () => {
    const client = new DetectorClient();
    const seen: unknown[] = [];
    client.onProgress = (p) => seen.push(p);
    await startedOn(client, A_CPU, 'cpu');
    client.start(B_CPU).catch(() => {});
    await settle();
    const b = FakeWorker.last();
    const toC = client.start(C_CPU);
    await settle();
    const c = FakeWorker.last();
    expect(b.terminated).toBe(true);
    seen.length = 0;
    b.progress('download', { loaded: 5, total: 10 }, true);
    expect(seen).toEqual([]);
    c.progress('download', { loaded: 7, total: 10 });
    expect(seen).toEqual([{ stage: 'download', loaded: 7, total: 10 }]);
    c.ready('cpu');
    await expect(toC).resolves.toMatchObject({ model: { id: 'c' } });
  });

  it('the controller reports a timed-out switch as model-timeout and keeps the model from before', async () => {
    const failures: EngineFailure[] = [];
    const { ctrl, client } = controller({ onSwitchFailed: (f) => failures.push(f) });
    const first = ctrl.start(A_CPU);
    await settle();
    FakeWorker.last().ready('cpu');
    await first;
    const toB = ctrl.start(B_CPU);
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    await expect(Promise.race([toB, Promise.resolve('still pending')])).resolves.toBeNull();
    expect(failures.map((f) => f.kind)).toEqual(['model-timeout']);
    expect(ctrl.options?.modelId).toBe('a');
    expect(ctrl.phase).toBe('ready');
    expect(en.engineErrors['model-timeout']).toMatch(/too long/);
    expect(ja.engineErrors['model-timeout']).toBeTruthy();
    await detectsWith(client(), 'a');
  });
});

describe('thresholds during a restart (finding 8)', () => {
  usePage({});

  it('threshold changes made while the worker restarts reach the new worker and outlive the next restart', async () => {
    const client = new DetectorClient();
    const first = await startedOn(client, A_CPU, 'cpu');
    first.crash();
    await settle();
    const second = FakeWorker.last();
    expect(second).not.toBe(first);
    expect(second.init.scoreThreshold).toBe(0.5);
    await client.configure({ scoreThreshold: 0.9, iouThreshold: 0.3, maxDetections: 7 });
    second.ready('cpu');
    await settle();
    const configured = second.received.filter((m) => m.type === 'configure').at(-1);
    expect(configured, 'the restarted worker is told the new thresholds').toMatchObject({ scoreThreshold: 0.9, iouThreshold: 0.3, maxDetections: 7 });

    second.crash();
    await settle();
    const third = FakeWorker.last();
    expect(third.init).toMatchObject({ scoreThreshold: 0.9, iouThreshold: 0.3, maxDetections: 7 });
  });
});

describe('thread calibration (finding 9, and a candidate that fails)', () => {
  usePage({ crossOriginIsolated: true, hardwareConcurrency: 2 });
  const KEY = 'ssd-cam.wasm-threads';

  it('a calibration superseded midway saves no thread choice', async () => {
    const client = new DetectorClient();
    client.start({ modelId: 'a', backend: 'wasm' }).catch(() => {});
    await settle();
    const a = FakeWorker.last();
    a.ready('wasm');
    await settle();
    expect(a.has('time-inference')).toBe(true);
    client.start(C_CPU).catch(() => {});
    a.timed(50); // the first measurement lands as it is superseded
    await answerEverything();
    expect(page.storage.getItem(KEY)).toBeNull();
  });

  it('a calibration stopped midway saves no thread choice', async () => {
    const client = new DetectorClient();
    client.start({ modelId: 'a', backend: 'wasm' }).catch(() => {});
    await settle();
    const a = FakeWorker.last();
    a.ready('wasm');
    await settle();
    a.timed(50);
    client.stop();
    await answerEverything();
    expect(page.storage.getItem(KEY)).toBeNull();
  });

  it('two engines on one page calibrate one at a time, and the second takes the first one\'s measurement', async () => {
    const one = new DetectorClient();
    const two = new DetectorClient();
    const s1 = one.start({ modelId: 'a', backend: 'wasm' });
    const s2 = two.start({ modelId: 'b', backend: 'wasm' });
    await settle();
    const [w1, w2] = FakeWorker.all;
    w1.ready('wasm');
    w2.ready('wasm');
    await settle();
    expect(FakeWorker.alive().filter((w) => w.has('time-inference')), 'workers timing at once').toHaveLength(1);
    await answerEverything((threads) => (threads === 2 ? 40 : 100));
    const [i1, i2] = await Promise.all([s1, s2]);
    expect(i1.wasm).toMatchObject({ chosenBy: 'measured', threads: 2 });
    expect(i2.wasm).toMatchObject({ chosenBy: 'remembered', threads: 2 });
    expect(w2.has('time-inference'), 'the second engine measured nothing').toBe(false);
    expect(JSON.parse(page.storage.getItem(KEY)!)).toMatchObject({ threads: 2, measurements: [{ threads: 2 }, { threads: 1 }] });
  });

  it('a calibration candidate that fails to start is skipped; the switch still happens', async () => {
    const client = new DetectorClient();
    const a = await startedOn(client, A_CPU, 'cpu');
    const switching = client.start(B_WASM);
    await settle();
    const b = FakeWorker.last();
    b.ready('wasm');
    await settle();
    expect(a.terminated).toBe(true);
    b.timed(50);
    await settle();
    const candidate = FakeWorker.last();
    expect(candidate).not.toBe(b);
    candidate.fail('backend-unavailable', 'no threads for you');
    await settle();
    const info = await switching;
    expect(info.model.id).toBe('b');
    expect(info.wasm).toMatchObject({ threads: 2, chosenBy: 'measured', measurements: [{ threads: 2, medianMs: 50 }] });
    expect(page.storage.getItem(KEY), 'an incomplete measurement is not kept').toBeNull();
    await detectsWith(client, 'b');
  });
});

describe('the hang watchdog and frames of ended workers (low findings)', () => {
  usePage({});

  it('the hang watchdog gives a frame of a new size time for new kernels', async () => {
    const client = new DetectorClient();
    const a = await startedOn(client, A_CPU, 'cpu');
    for (let i = 1; i <= 5; i++) {
      const d = client.detect(fakeFrame(640, 480), i);
      await vi.advanceTimersByTimeAsync(100);
      a.result();
      await d;
    }
    // 100 ms frames: a frame of the same size would count as hung after about 1 s; a new
    // size compiles new kernels on GPU backends, which can take seconds
    const resized = client.detect(fakeFrame(1280, 720), 6);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(a.terminated).toBe(false);
    a.result();
    await expect(resized).resolves.toMatchObject({ frameId: 6 });
  });

  it('the hang watchdog still ends a worker that hangs on a frame of the same size', async () => {
    const client = new DetectorClient();
    const a = await startedOn(client, A_CPU, 'cpu');
    for (let i = 1; i <= 5; i++) {
      const d = client.detect(fakeFrame(640, 480), i);
      await vi.advanceTimersByTimeAsync(100);
      a.result();
      await d;
    }
    const hung = client.detect(fakeFrame(640, 480), 6);
    hung.catch(() => {});
    await vi.advanceTimersByTimeAsync(5_000);
    expect(a.terminated).toBe(true);
    await expect(hung).rejects.toMatchObject({ kind: 'worker-crashed' });
  });

  it('a frame still with a worker that crashes is closed', async () => {
    const client = new DetectorClient();
    const a = await startedOn(client, A_CPU, 'cpu');
    const frame = fakeFrame();
    const detecting = client.detect(frame, 1);
    detecting.catch(() => {});
    await settle();
    a.crash();
    await expect(detecting).rejects.toMatchObject({ kind: 'worker-crashed' });
    expect(frame.closed).toBe(true);
  });

  it('a frame still with a worker that is replaced by a switch is closed', async () => {
    const client = new DetectorClient();
    await startedOn(client, A_CPU, 'cpu');
    const switching = client.start(B_CPU);
    await settle();
    const frame = fakeFrame();
    const detecting = client.detect(frame, 1);
    detecting.catch(() => {});
    FakeWorker.last().ready('cpu');
    await switching;
    await expect(detecting).rejects.toMatchObject({ kind: 'superseded' });
    expect(frame.closed).toBe(true);
  });
});
