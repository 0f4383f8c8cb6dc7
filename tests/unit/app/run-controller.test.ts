// The live loop's sequencing (src/app/run-controller.ts) against the real EngineController on
// a fake worker (tests/unit/helpers/fake-worker.ts), with a camera that opens only when told:
// a stop or a newer start supersedes a start under way, a newer model choice wins over one
// still downloading, the engine waits for a bench, and a failed switch puts the choice back.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RunController, type RunDeps, type UrlChoice } from '../../../src/app/run-controller';
import { NoticesController } from '../../../src/app/notices-controller';
import { EngineController } from '../../../src/features/live/engine-controller';
import type { ErrorDetail } from '../../../src/automation/automation';
import { FakeWorker, installFakePage } from '../helpers/fake-worker';

let page: ReturnType<typeof installFakePage>;
let events: { type: string; detail: unknown }[];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] });
  page = installFakePage();
  // the automation surface: ssd:* events on window
  const win = new EventTarget();
  events = [];
  for (const type of ['ssd:ready', 'ssd:error']) win.addEventListener(type, (e) => events.push({ type, detail: (e as CustomEvent).detail }));
  Object.defineProperty(globalThis, 'window', { value: win, configurable: true, writable: true });
});

afterEach(() => {
  page.restore();
  delete (globalThis as Record<string, unknown>).window;
  vi.useRealTimers();
});

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await vi.advanceTimersByTimeAsync(0);
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A camera that opens when `finishOpen()` is called (or at once when `instant`); like the real
 * one, an open superseded by another open or a close resolves null. */
function fakeCamera(instant = true) {
  const stream = { id: 'stream' } as unknown as MediaStream;
  let pending: ((s: MediaStream | null) => void) | null = null;
  const supersede = () => {
    pending?.(null);
    pending = null;
  };
  const camera = {
    phase: 'off' as 'off' | 'opening' | 'on' | 'error',
    stream: null as MediaStream | null,
    facingMode: 'user' as 'user' | 'environment',
    open: vi.fn((facing: 'user' | 'environment' = 'user') => {
      supersede();
      camera.facingMode = facing;
      camera.phase = 'opening';
      camera.stream = null;
      if (instant) return Promise.resolve(camera.finishOpen());
      return new Promise<MediaStream | null>((resolve) => (pending = resolve));
    }),
    close: vi.fn(() => {
      supersede();
      camera.phase = 'off';
      camera.stream = null;
    }),
    finishOpen(): MediaStream {
      camera.phase = 'on';
      camera.stream = stream;
      const resolve = pending;
      pending = null;
      resolve?.(stream);
      return stream;
    },
  };
  return camera;
}

/** A playing <video> showing `stream` (no picture yet, so the pump captures nothing in Node). */
function fakeVideo(stream: MediaStream | null): HTMLVideoElement {
  return { srcObject: stream, readyState: 0, videoWidth: 0, requestVideoFrameCallback: () => 1, cancelVideoFrameCallback() {} } as unknown as HTMLVideoElement;
}

function setup(over: Partial<RunDeps> = {}, initial: { model?: string; bench?: RunDeps['bench'] } = {}) {
  const host = { addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) };
  const notices = new NoticesController(host);
  let run!: RunController;
  const engine = new EngineController(host, RunController.engineCallbacks(() => run));
  const camera = fakeCamera();
  const bench = initial.bench ?? { running: false, idle: () => Promise.resolve(), run: async () => null, cancel() {} };
  const urls: UrlChoice[] = [];
  const deps: RunDeps = {
    camera: camera as unknown as RunDeps['camera'],
    engine,
    bench,
    evaluation: { running: false, cancel() {} },
    notices,
    hidden: () => false,
    thresholdsFor: () => ({ scoreThreshold: 0.5, iouThreshold: 0.5, maxDetections: 100 }),
    modelName: (id) => id.toUpperCase(),
    cannotStart: () => null,
    ensureStored: () => true,
    revertPicker: vi.fn(),
    showBench: vi.fn(),
    updateUrl: (c) => void urls.push(c),
    ...over,
  };
  run = new RunController(host, deps, { model: initial.model ?? 'a', backend: 'cpu', camera: 'user', autostart: false });
  return { run, engine, camera, notices, deps, urls };
}

describe('start and stop', () => {
  it('opens the camera and starts the engine together, and runs once the video plays', async () => {
    const { run, engine, camera } = setup();
    void run.start();
    await settle();
    expect(camera.open).toHaveBeenCalledWith('user');
    const worker = FakeWorker.last();
    expect(worker.init).toMatchObject({ modelId: 'a', backend: 'cpu', scoreThreshold: 0.5 });
    worker.ready('cpu');
    await settle();
    expect(events.map((e) => e.type)).toEqual(['ssd:ready']);
    expect(engine.phase).toBe('ready'); // no video yet
    run.videoPlaying(fakeVideo(camera.stream));
    expect(engine.phase).toBe('running');
    run.stop();
  });

  it('a stop while the engine loads wins: nothing runs when it comes up, and the camera is off', async () => {
    const { run, engine, camera } = setup();
    void run.start();
    await settle();
    run.videoPlaying(fakeVideo(camera.stream));
    run.stop();
    expect(camera.phase).toBe('off');
    FakeWorker.last().ready('cpu');
    await settle();
    expect(engine.phase).toBe('ready'); // warm for the next start, not running
    expect(run.wantRunning).toBe(false);
  });

  it('a start superseded while the camera opens does not run the loop when it completes; the newer one does', async () => {
    const { run, engine, deps } = setup();
    const camera = fakeCamera(false);
    deps.camera = camera as unknown as RunDeps['camera'];
    const first = run.start();
    await settle();
    FakeWorker.last().ready('cpu');
    await settle();
    run.stop();
    await first;
    expect(engine.phase).toBe('ready');
    const second = run.start();
    await settle();
    const video = fakeVideo(camera.finishOpen());
    await second;
    expect(engine.phase).toBe('ready'); // the video is not playing yet
    run.videoPlaying(video);
    expect(engine.phase).toBe('running');
    expect(FakeWorker.all).toHaveLength(1); // the warm worker was kept
    run.stop();
  });

  it('a run-time model that is offline and not stored does not start: the catalogue message, as written', async () => {
    const blocked: ErrorDetail = { kind: 'model-missing', message: 'Needs the network the first time.' };
    const { run, notices, camera } = setup({ cannotStart: () => Promise.resolve(blocked) });
    await run.start();
    expect(FakeWorker.all).toHaveLength(0);
    expect(camera.open).not.toHaveBeenCalled();
    expect(run.wantRunning).toBe(false);
    expect(notices.failure).toBe(blocked);
    expect(notices.failureText).toBe('Needs the network the first time.');
    expect(events).toEqual([{ type: 'ssd:error', detail: blocked }]);
  });

  it('an engine failure stops everything and is reported once; start again clears it', async () => {
    const { run, notices, camera } = setup();
    void run.start();
    await settle();
    FakeWorker.last().fail('model-missing', 'weights: HTTP 404');
    await settle();
    expect(run.wantRunning).toBe(false);
    expect(camera.phase).toBe('off');
    expect(events.filter((e) => e.type === 'ssd:error')).toEqual([{ type: 'ssd:error', detail: { kind: 'model-missing', message: 'weights: HTTP 404' } }]);
    expect(notices.failureText).toContain('weights: HTTP 404');
    void run.start();
    expect(notices.failure).toBeNull();
    run.stop();
  });
});

describe('model and backend changes', () => {
  it('a newer choice wins over a run-time model still downloading', async () => {
    const download = deferred<boolean>();
    const { run, urls } = setup({ ensureStored: (id) => (id === 'net' ? download.promise : true) });
    const toNet = run.changeModel('net');
    await run.changeModel('b');
    expect(run.model).toBe('b');
    download.resolve(true);
    await toNet;
    expect(run.model).toBe('b');
    expect(urls).toEqual([{ model: 'b' }]);
  });

  it('a refused download keeps the running model and puts the picker back', async () => {
    const { run, deps, urls } = setup({ ensureStored: () => Promise.resolve(false) });
    await run.changeModel('net');
    expect(run.model).toBe('a');
    expect(deps.revertPicker).toHaveBeenCalledTimes(1);
    expect(urls).toEqual([]);
  });

  it('while running, a new backend restarts the engine with it and withdraws the fallback notice', async () => {
    const { run, engine, notices, camera, urls } = setup();
    void run.start();
    await settle();
    FakeWorker.last().ready('cpu');
    await settle();
    run.videoPlaying(fakeVideo(camera.stream));
    notices.add({ key: 'fallback', text: 'fell back' });
    run.changeBackend('wasm');
    await settle();
    expect(notices.list).toEqual([]);
    expect(urls).toEqual([{ backend: 'wasm' }]);
    expect(FakeWorker.last().init).toMatchObject({ modelId: 'a', backend: 'wasm' });
    expect(engine.switching).toMatchObject({ backend: 'wasm' });
    run.stop();
  });

  it('a failed switch puts the pickers back to what runs, and Retry asks for it again', async () => {
    const { run, engine, notices, camera, urls } = setup();
    void run.start();
    await settle();
    FakeWorker.last().ready('cpu');
    await settle();
    run.videoPlaying(fakeVideo(camera.stream));
    await run.changeModel('b');
    await settle();
    FakeWorker.last().fail('model-missing', 'weights: HTTP 404');
    await settle();
    expect(engine.phase).toBe('running'); // the old model goes on
    expect(run.model).toBe('a');
    expect(urls.at(-1)).toEqual({ model: 'a', backend: 'cpu' });
    expect(events.at(-1)).toEqual({ type: 'ssd:error', detail: { kind: 'model-missing', message: 'weights: HTTP 404' } });
    const notice = notices.list.find((n) => n.key === 'switch-failed');
    expect(notice).toMatchObject({ severity: 'error' });
    expect(notice?.text).toContain('B'); // the wanted model by name
    const workers = FakeWorker.all.length;
    notice!.action!.run();
    await settle();
    expect(run.model).toBe('b');
    expect(notices.list.some((n) => n.key === 'switch-failed')).toBe(false);
    expect(FakeWorker.all.length).toBe(workers + 1);
    expect(FakeWorker.last().init.modelId).toBe('b');
    run.stop();
  });
});

describe('a bench owns the engine', () => {
  it('a start waits for the bench to end, then starts the engine with the choice of then', async () => {
    const ended = deferred<void>();
    const bench = { running: true, idle: () => ended.promise, run: async () => null, cancel() {} };
    const { run } = setup({}, { bench });
    void run.start();
    await settle();
    expect(FakeWorker.all).toHaveLength(0);
    await run.changeModel('b'); // chosen while the bench runs
    bench.running = false;
    ended.resolve();
    await settle();
    expect(FakeWorker.all).toHaveLength(1);
    expect(FakeWorker.last().init.modelId).toBe('b');
    run.stop();
  });

  it('a bench from the URL opens its sheet, pauses the loop and runs first when connected', async () => {
    const plans: unknown[] = [];
    const bench = { running: false, idle: () => Promise.resolve(), run: async (p: unknown) => void plans.push(p), cancel() {} };
    const host = { addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) };
    const showBench = vi.fn();
    const { deps } = setup();
    const plan = { models: ['a'], backends: ['cpu' as const], frames: 5, warmup: 3 };
    const run = new RunController(host, { ...deps, bench, showBench }, { model: 'a', backend: 'cpu', camera: 'user', autostart: true, bench: plan });
    expect(showBench).toHaveBeenCalled();
    run.hostConnected();
    expect(plans).toEqual([plan]);
    expect(run.wantRunning).toBe(true); // the autostart follows
    run.stop();
  });
});

describe('leaving the page', () => {
  it('ends the workers and the camera, and starts again on a return from the back/forward cache', async () => {
    const { run, engine, camera } = setup();
    void run.start();
    await settle();
    FakeWorker.last().ready('cpu');
    await settle();
    run.leave(true);
    expect(engine.phase).toBe('idle');
    expect(FakeWorker.last().terminated).toBe(true);
    expect(camera.phase).toBe('off');
    run.returned();
    await settle();
    expect(run.wantRunning).toBe(true);
    expect(FakeWorker.alive()).toHaveLength(1);
    run.returned(); // only once
    run.stop();
  });
});
