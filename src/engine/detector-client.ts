import type {
  BackendRequest,
  ErrorKind,
  InitRequest,
  ReadyInfo,
  ResultResponse,
  WorkerRequest,
  WorkerResponse,
} from './protocol';
import { median, pickFastest, rememberChoice, rememberedChoice, threadCandidates } from './thread-calibration';

// The main thread's side of the detection worker: a typed request/response API, one detect
// call in flight, and WASM thread calibration. It never imports TensorFlow.js.

export interface EngineOptions {
  modelId: string;
  backend: BackendRequest;
  scoreThreshold?: number;
  iouThreshold?: number;
  maxDetections?: number;
}

export class EngineError extends Error {
  constructor(
    readonly kind: ErrorKind | 'worker-crashed',
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

type Pending = { resolve: (r: WorkerResponse) => void; reject: (e: EngineError) => void };

/** One worker running one model on one backend. */
class WorkerHandle {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private dead: EngineError | null = null;

  constructor() {
    this.worker = new Worker(new URL('../worker/detector.worker.ts', import.meta.url), { type: 'module', name: 'ssd-detector' });
    this.worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const message = event.data;
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.type === 'error') waiter.reject(new EngineError(message.kind, message.message));
      else waiter.resolve(message);
    };
    this.worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      this.kill(new EngineError('worker-crashed', `The detection worker crashed: ${event.message || 'unknown error'}`));
    };
    this.worker.onmessageerror = () => {
      this.kill(new EngineError('worker-crashed', 'The detection worker sent a message that could not be read.'));
    };
  }

  request<T extends WorkerResponse>(message: WorkerRequest, transfer: Transferable[] = []): Promise<T> {
    if (this.dead) return Promise.reject(this.dead);
    return new Promise<T>((resolve, reject) => {
      this.pending.set(message.id, { resolve: resolve as (r: WorkerResponse) => void, reject });
      this.worker.postMessage(message, transfer);
    });
  }

  id(): number {
    return this.nextId++;
  }

  kill(reason = new EngineError('worker-crashed', 'The detection worker was stopped.')): void {
    if (this.dead) return;
    this.dead = reason;
    this.worker.terminate();
    for (const waiter of this.pending.values()) waiter.reject(reason);
    this.pending.clear();
  }
}

const CALIBRATION_RUNS = 3;

export class DetectorClient {
  onStatus: ((text: string) => void) | null = null;
  private handle: WorkerHandle | null = null;
  private inFlight = false;
  private startToken = 0;

  get busy(): boolean {
    return this.inFlight;
  }

  async start(options: EngineOptions): Promise<ReadyInfo> {
    this.stop();
    const token = ++this.startToken;
    const hc = navigator.hardwareConcurrency || 1;
    const remembered = rememberedChoice(safeStorage(), hc);
    const canCalibrate = self.crossOriginIsolated && hc > 1 && (options.backend === 'wasm' || options.backend === 'auto');
    const firstThreads = remembered?.threads ?? (self.crossOriginIsolated ? Math.min(hc, 8) : 1);

    this.status('Loading model…');
    let { handle, info } = await this.spawn(options, firstThreads);
    if (info.backend === 'wasm' && info.wasm) {
      if (remembered) {
        info.wasm.chosenBy = 'remembered';
        info.wasm.measurements = remembered.measurements;
      } else if (canCalibrate) {
        const measured = await this.calibrate(options, handle, info.wasm.threads, hc, token);
        if (token !== this.startToken) {
          handle.kill();
          throw new EngineError('bad-request', 'Start was superseded by a newer start.');
        }
        if (measured.threads !== info.wasm.threads) {
          handle.kill();
          this.status(`Restarting with ${measured.threads} WASM threads…`);
          ({ handle, info } = await this.spawn(options, measured.threads));
        }
        if (info.wasm) {
          info.wasm.chosenBy = 'measured';
          info.wasm.measurements = measured.measurements;
        }
      } else {
        info.wasm.chosenBy = 'default';
      }
    }
    if (token !== this.startToken) {
      handle.kill();
      throw new EngineError('bad-request', 'Start was superseded by a newer start.');
    }
    this.handle = handle;
    this.status('');
    return info;
  }

  async detect(frame: VideoFrame | ImageBitmap, frameId: number): Promise<ResultResponse> {
    const handle = this.handle;
    if (!handle) {
      frame.close();
      throw new EngineError('bad-request', 'The detector is not started.');
    }
    if (this.inFlight) {
      frame.close();
      throw new EngineError('bad-request', 'A frame is already being analysed.');
    }
    this.inFlight = true;
    try {
      return await handle.request<ResultResponse>({ type: 'detect', id: handle.id(), frameId, frame }, [frame]);
    } finally {
      this.inFlight = false;
    }
  }

  async memory(): Promise<{ numTensors: number; numBytes: number }> {
    if (!this.handle) throw new EngineError('bad-request', 'The detector is not started.');
    const r = await this.handle.request<Extract<WorkerResponse, { type: 'memory' }>>({ type: 'memory', id: this.handle.id() });
    return { numTensors: r.numTensors, numBytes: r.numBytes };
  }

  /** Bare model execution times (no preprocessing or decoding), for overhead comparisons. */
  async timeInference(runs: number): Promise<number[]> {
    if (!this.handle) throw new EngineError('bad-request', 'The detector is not started.');
    const r = await this.handle.request<Extract<WorkerResponse, { type: 'time-inference' }>>({ type: 'time-inference', id: this.handle.id(), runs });
    return r.samplesMs;
  }

  stop(): void {
    this.startToken++;
    this.handle?.kill();
    this.handle = null;
    this.inFlight = false;
  }

  private async spawn(options: EngineOptions, wasmThreads: number): Promise<{ handle: WorkerHandle; info: ReadyInfo }> {
    const handle = new WorkerHandle();
    const base = new URL(import.meta.env.BASE_URL, location.href);
    const init: InitRequest = {
      type: 'init',
      id: handle.id(),
      modelId: options.modelId,
      backend: options.backend,
      modelBaseUrl: new URL('models/', base).href,
      wasmBaseUrl: new URL('wasm/', base).href,
      wasmThreads,
      scoreThreshold: options.scoreThreshold ?? 0.5,
      iouThreshold: options.iouThreshold ?? 0.5,
      maxDetections: options.maxDetections ?? 100,
    };
    try {
      const ready = await handle.request<Extract<WorkerResponse, { type: 'ready' }>>(init);
      return { handle, info: ready.info };
    } catch (error) {
      handle.kill();
      throw error;
    }
  }

  /** Times the model with each candidate thread count, one worker at a time. */
  private async calibrate(options: EngineOptions, current: WorkerHandle, currentThreads: number, hc: number, token: number) {
    const measurements: Array<{ threads: number; medianMs: number }> = [];
    const time = async (handle: WorkerHandle) => {
      const r = await handle.request<Extract<WorkerResponse, { type: 'time-inference' }>>({ type: 'time-inference', id: handle.id(), runs: CALIBRATION_RUNS });
      return median(r.samplesMs);
    };
    const candidates = threadCandidates(hc).filter((n) => n !== currentThreads);
    const total = candidates.length + 1;
    this.status(`Measuring WASM threads (1 of ${total})…`);
    measurements.push({ threads: currentThreads, medianMs: await time(current) });
    for (const [i, threads] of candidates.entries()) {
      if (token !== this.startToken) break;
      this.status(`Measuring WASM threads (${i + 2} of ${total})…`);
      const { handle, info } = await this.spawn({ ...options, backend: 'wasm' }, threads);
      try {
        if (info.wasm) measurements.push({ threads: info.wasm.threads, medianMs: await time(handle) });
      } finally {
        handle.kill();
      }
    }
    const threads = pickFastest(measurements);
    rememberChoice(safeStorage(), { threads, hardwareConcurrency: hc, measurements });
    return { threads, measurements };
  }

  private status(text: string): void {
    this.onStatus?.(text);
  }
}

function safeStorage(): Storage | null {
  try {
    return localStorage;
  } catch {
    return null;
  }
}
