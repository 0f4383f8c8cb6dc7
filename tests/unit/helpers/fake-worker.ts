// A stand-in for the detection worker in Node, for the engine's race tests: it records every
// request and answers only when a test tells it to, so each step of a switch, a calibration or
// a recovery can be put in any order. A real worker cannot run in Node (no Worker, no camera).
import type { ErrorKind, InitRequest, LoadStage, ReadyInfo, RequestOf, WorkerRequest, WorkerResponse } from '../../../src/shared/protocol';

export class FakeWorker {
  static all: FakeWorker[] = [];
  onmessage: ((e: { data: WorkerResponse }) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  readonly received: WorkerRequest[] = [];
  /** ids of the requests answered (progress aside) */
  readonly answered = new Set<number>();
  terminated = false;

  constructor() {
    FakeWorker.all.push(this);
  }

  /** workers not terminated, oldest first */
  static alive(): FakeWorker[] {
    return FakeWorker.all.filter((w) => !w.terminated);
  }

  /** the newest worker */
  static last(): FakeWorker {
    const w = FakeWorker.all.at(-1);
    if (!w) throw new Error('no worker was created');
    return w;
  }

  postMessage(message: WorkerRequest): void {
    this.received.push(message);
  }

  terminate(): void {
    this.terminated = true;
  }

  get init(): InitRequest {
    return this.pending('init');
  }

  /** the last request of `type` */
  pending<T extends WorkerRequest['type']>(type: T): RequestOf<T> {
    const r = this.received.filter((m): m is RequestOf<T> => m.type === type).at(-1);
    if (!r) throw new Error(`no ${type} request`);
    return r;
  }

  has(type: WorkerRequest['type']): boolean {
    return this.received.some((m) => m.type === type);
  }

  /** requests of `type` not answered yet */
  unanswered(type: WorkerRequest['type']): WorkerRequest[] {
    return this.received.filter((m) => m.type === type && !this.answered.has(m.id));
  }

  /** Delivers `message`; a terminated worker sends nothing, unless `inFlight` (a message that
   * was already on its way when the worker was terminated). */
  reply(message: WorkerResponse, inFlight = false): void {
    if (this.terminated && !inFlight) return;
    if (message.type !== 'progress') this.answered.add(message.id);
    this.onmessage?.({ data: message });
  }

  /** an uncaught error in the worker, as a crash raises it */
  crash(): void {
    if (!this.terminated) this.onerror?.({ message: 'boom', preventDefault() {} });
  }

  /** Answers init: loaded, with the model id it was asked for; on WASM with the threads asked. */
  ready(backend: ReadyInfo['backend'] = 'wasm', warmupMs = 1): void {
    const init = this.init;
    const info: ReadyInfo = {
      model: { id: init.modelId, name: init.modelId.toUpperCase(), family: 'ssd', backbone: 'b', group: 'trained', inputSize: 8, labels: [], classes: 0, params: null, multAdds: null, downloadBytes: null, needsNetwork: false, origin: '', license: '', trained: true },
      requestedBackend: init.backend,
      backend,
      adapter: 'fake',
      wasm: backend === 'wasm' ? { simd: true, threads: init.wasmThreads || 1 } : undefined,
      backendMs: 1,
      loadMs: 1,
      warmupMs,
    };
    this.reply({ type: 'ready', id: init.id, info });
  }

  fail(kind: ErrorKind = 'model-missing', message = 'weights: HTTP 404'): void {
    this.reply({ type: 'error', id: this.init.id, kind, message });
  }

  progress(stage: LoadStage, extra: { loaded?: number; total?: number | null; modelBytes?: number } = {}, inFlight = false): void {
    this.reply({ type: 'progress', id: this.init.id, stage, ...extra }, inFlight);
  }

  /** Answers the last time-inference request (calibration) with `ms` per run. */
  timed(ms: number): void {
    const r = this.pending('time-inference');
    this.reply({ type: 'time-inference', id: r.id, samplesMs: Array(r.runs).fill(ms) });
  }

  /** Answers the last bench request: two timed frames, flat memory. */
  benched(): void {
    const t = { preprocessMs: 1, inferenceMs: 2, readbackMs: 0, postprocessMs: 0, totalMs: 4 };
    this.reply({
      type: 'bench',
      id: this.pending('bench').id,
      samples: [t, t],
      bareMs: [2, 2],
      peakGmacs: 1,
      memoryBefore: { numTensors: 1, numBytes: 1 },
      memoryAfter: { numTensors: 1, numBytes: 1 },
    });
  }

  result(): void {
    const detect = this.pending('detect');
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

/** A frame that records whether it was closed; `width`/`height` like a VideoFrame's display size. */
export function fakeFrame(width = 640, height = 480): VideoFrame & { closed: boolean } {
  const frame = {
    closed: false,
    displayWidth: width,
    displayHeight: height,
    close() {
      frame.closed = true;
    },
  };
  return frame as unknown as VideoFrame & { closed: boolean };
}

/** localStorage as a Map (Node has none). */
export function memoryStorage(): Storage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k: string) => data.get(k) ?? null,
    key: (i: number) => [...data.keys()][i] ?? null,
    removeItem: (k: string) => void data.delete(k),
    setItem: (k: string, v: string) => void data.set(k, v),
  };
}

export interface FakePage {
  crossOriginIsolated?: boolean;
  hardwareConcurrency?: number;
}

/** Puts the fake Worker, a location, navigator, self and localStorage on globalThis; returns
 * what puts the real ones back. */
export function installFakePage({ crossOriginIsolated = false, hardwareConcurrency = 1 }: FakePage = {}): { storage: ReturnType<typeof memoryStorage>; restore: () => void } {
  FakeWorker.all = [];
  const saved = new Map<string, PropertyDescriptor | undefined>();
  const storage = memoryStorage();
  const values: Record<string, unknown> = {
    Worker: FakeWorker,
    location: { href: 'http://test/' },
    self: { crossOriginIsolated },
    navigator: { hardwareConcurrency },
    localStorage: storage,
  };
  for (const [key, value] of Object.entries(values)) {
    saved.set(key, Object.getOwnPropertyDescriptor(globalThis, key));
    Object.defineProperty(globalThis, key, { value, configurable: true, writable: true });
  }
  return {
    storage,
    restore() {
      for (const [key, descriptor] of saved) {
        if (descriptor) Object.defineProperty(globalThis, key, descriptor);
        else delete (globalThis as Record<string, unknown>)[key];
      }
    },
  };
}
