// DetectorClient's switch: a new worker starts beside the running one and replaces it only
// once ready; a failed start leaves the running one alone. Workers are fakes answering the
// protocol by hand, so each step can be checked in order.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DetectorClient, EngineError } from '../../../src/engine/detector-client';
import type { ReadyInfo, WorkerRequest, WorkerResponse } from '../../../src/shared/protocol';

class FakeWorker {
  static all: FakeWorker[] = [];
  onmessage: ((e: { data: WorkerResponse }) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  readonly received: WorkerRequest[] = [];
  terminated = false;

  constructor() {
    FakeWorker.all.push(this);
  }

  postMessage(message: WorkerRequest): void {
    this.received.push(message);
  }

  terminate(): void {
    this.terminated = true;
  }

  /** the last request of `type` that has not been answered yet */
  pending(type: WorkerRequest['type']): WorkerRequest {
    const r = this.received.filter((m) => m.type === type).at(-1);
    if (!r) throw new Error(`no ${type} request`);
    return r;
  }

  reply(message: WorkerResponse): void {
    if (!this.terminated) this.onmessage?.({ data: message });
  }

  ready(backend: ReadyInfo['backend'] = 'wasm'): void {
    const init = this.pending('init');
    const info: ReadyInfo = {
      model: { id: 'm', name: 'M', family: 'ssd', backbone: 'b', group: 'trained', inputSize: 8, labels: [], classes: 0, params: null, multAdds: null, downloadBytes: null, needsNetwork: false, origin: '', license: '', trained: true },
      requestedBackend: backend,
      backend,
      adapter: 'fake',
      backendMs: 1,
      loadMs: 1,
      warmupMs: 1,
    };
    this.reply({ type: 'ready', id: init.id, info });
  }

  result(): void {
    const detect = this.pending('detect') as Extract<WorkerRequest, { type: 'detect' }>;
    this.reply({
      type: 'result',
      id: detect.id,
      frameId: detect.frameId,
      width: 1,
      height: 1,
      detections: [],
      timings: { preprocessMs: 0, inferenceMs: 0, readbackMs: 0, postprocessMs: 0, totalMs: 0 },
      numTensors: 1,
      numBytes: 1,
      scoreThreshold: 0.5,
    });
  }
}

const frame = () => ({ close() {} }) as unknown as VideoFrame;
const tick = () => new Promise((r) => setTimeout(r, 0));
const saved: Record<string, unknown> = {};

beforeEach(() => {
  FakeWorker.all = [];
  for (const key of ['Worker', 'location', 'navigator', 'self']) saved[key] = (globalThis as any)[key];
  Object.assign(globalThis, {
    Worker: FakeWorker,
    location: { href: 'http://test/' },
    self: { crossOriginIsolated: false },
  });
  Object.defineProperty(globalThis, 'navigator', { value: { hardwareConcurrency: 1 }, configurable: true, writable: true });
});

afterEach(() => {
  for (const [key, value] of Object.entries(saved)) Object.defineProperty(globalThis, key, { value, configurable: true, writable: true });
});

async function started(client: DetectorClient): Promise<FakeWorker> {
  const starting = client.start({ modelId: 'm', backend: 'wasm' });
  await tick();
  const worker = FakeWorker.all.at(-1)!;
  worker.ready();
  await starting;
  return worker;
}

describe('DetectorClient switching model or backend', () => {
  it('keeps the running worker detecting until the new one is ready, then swaps', async () => {
    const client = new DetectorClient();
    const old = await started(client);

    const switching = client.start({ modelId: 'm', backend: 'cpu' });
    await tick();
    const next = FakeWorker.all.at(-1)!;
    expect(next).not.toBe(old);

    // meanwhile frames still go to the old worker and come back
    const during = client.detect(frame(), 1);
    old.result();
    await expect(during).resolves.toMatchObject({ frameId: 1 });

    // a frame in flight on the old worker when the new one is ready is dropped, not failed
    const inFlight = client.detect(frame(), 2);
    next.ready('cpu');
    await expect(switching).resolves.toMatchObject({ backend: 'cpu' });
    await expect(inFlight).rejects.toMatchObject({ kind: 'superseded' });
    expect(old.terminated).toBe(true);

    const after = client.detect(frame(), 3);
    expect(next.pending('detect')).toMatchObject({ frameId: 3 });
    next.result();
    await expect(after).resolves.toMatchObject({ frameId: 3 });
  });

  it('leaves the running worker alone when the new one fails to load its model', async () => {
    const client = new DetectorClient();
    const old = await started(client);

    const switching = client.start({ modelId: 'm', backend: 'cpu' });
    await tick();
    const next = FakeWorker.all.at(-1)!;
    next.reply({ type: 'error', id: next.pending('init').id, kind: 'model-missing', message: 'weights: HTTP 404' });
    await expect(switching).rejects.toEqual(new EngineError('model-missing', 'weights: HTTP 404'));
    expect(next.terminated).toBe(true);
    expect(old.terminated).toBe(false);
    expect(client.running).toBe(true);

    const still = client.detect(frame(), 7);
    old.result();
    await expect(still).resolves.toMatchObject({ frameId: 7 });
  });

  it('stop() ends the running worker and one still starting', async () => {
    const client = new DetectorClient();
    const old = await started(client);
    const switching = client.start({ modelId: 'm', backend: 'cpu' });
    await tick();
    const next = FakeWorker.all.at(-1)!;
    client.stop();
    expect(old.terminated).toBe(true);
    expect(next.terminated).toBe(true);
    await expect(switching).rejects.toBeInstanceOf(EngineError);
    expect(client.running).toBe(false);
  });

  it('a start taken back (cancelStart) never replaces the running worker', async () => {
    const client = new DetectorClient();
    const old = await started(client);
    const switching = client.start({ modelId: 'm', backend: 'cpu' });
    await tick();
    const next = FakeWorker.all.at(-1)!;
    client.cancelStart();
    next.ready('cpu');
    await expect(switching).rejects.toBeInstanceOf(EngineError);
    expect(next.terminated).toBe(true);
    expect(old.terminated).toBe(false);
  });
});
