import type {
  BackendRequest,
  BenchResponse,
  ErrorKind,
  FaultKind,
  InitRequest,
  LoadStage,
  ProgressResponse,
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

/** What a starting engine is doing, for a loading screen that never looks frozen. The app
 * turns it into words (it holds the message catalogue). */
export type EngineProgress =
  | { stage: 'loading' }
  | { stage: LoadStage; loaded?: number; total?: number | null }
  | { stage: 'calibrate'; step: number; of: number }
  | { stage: 'restart'; threads: number };

/**
 * 'superseded': the frame was dropped because the worker it went to was replaced by a newly
 * started one (a model or backend switch). Not a failure: the next frame goes to the new one.
 */
export type EngineErrorKind = ErrorKind | 'worker-crashed' | 'superseded';

export class EngineError extends Error {
  constructor(
    readonly kind: EngineErrorKind,
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
  /** called once when the worker dies unasked (crash, unreadable message, hang). */
  onDeath: ((reason: EngineError) => void) | null = null;
  onDeviceLost: ((message: string) => void) | null = null;
  onProgress: ((progress: ProgressResponse) => void) | null = null;

  /** `onKilled`: told once the worker is terminated, whatever the reason. */
  constructor(private readonly onKilled: () => void = () => {}) {
    this.worker = new Worker(new URL('../worker/detector.worker.ts', import.meta.url), { type: 'module', name: 'ssd-detector' });
    this.worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const message = event.data;
      if (message.type === 'device-lost') {
        this.onDeviceLost?.(message.message);
        return;
      }
      if (message.type === 'progress') {
        this.onProgress?.(message);
        return;
      }
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.type === 'error') waiter.reject(new EngineError(message.kind, message.message));
      else waiter.resolve(message);
    };
    this.worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      this.kill(new EngineError('worker-crashed', `The detection worker crashed: ${event.message || 'unknown error'}`), true);
    };
    this.worker.onmessageerror = () => {
      this.kill(new EngineError('worker-crashed', 'The detection worker sent a message that could not be read.'), true);
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

  /** Post without waiting for an answer (fault injection: the answer may never come). */
  send(message: WorkerRequest): void {
    if (!this.dead) this.worker.postMessage(message);
  }

  /** Terminates the worker. `unasked` marks a death the owner did not ask for. */
  kill(reason = new EngineError('worker-crashed', 'The detection worker was stopped.'), unasked = false): void {
    if (this.dead) return;
    this.dead = reason;
    this.worker.terminate();
    this.onKilled();
    for (const waiter of this.pending.values()) waiter.reject(reason);
    this.pending.clear();
    if (unasked) this.onDeath?.(reason);
  }
}

const CALIBRATION_RUNS = 3;
/** restarts tried after a crash before giving up and reporting it */
const RECOVERY_ATTEMPTS = 3;

export class DetectorClient {
  /** loading stages and download bytes while start() runs; null when it is done */
  onProgress: ((progress: EngineProgress | null) => void) | null = null;
  /** the engine restarted itself (crash, hang, GPU device lost) and runs again: `info` is
   * what runs now (after a device loss, another backend), `reason` what happened. */
  onRecovered: ((info: ReadyInfo, reason: string) => void) | null = null;
  /** recovery failed: the engine is down. */
  onFatal: ((error: EngineError) => void) | null = null;
  private handle: WorkerHandle | null = null;
  /** every worker alive (running, starting, measuring), so stop() can end them all at once. */
  private readonly live = new Set<WorkerHandle>();
  /** set while a started replacement is swapped in (old one gone, new one not adopted yet). */
  private swapping = false;
  /** bumps when the running worker is replaced by a started one or stopped: a recovery of
   * the worker from before must then not adopt what it restarted. */
  private generation = 0;
  private inFlight = false;
  private startToken = 0;
  private options: EngineOptions | null = null;
  private threads = 0;
  private recovering: Promise<boolean> | null = null;
  /** recent detect round trips, for telling a slow frame from a hung worker */
  private recentMs: number[] = [];
  private warmupMs = 0;
  /** how the running thread count was chosen, kept for restarts */
  private wasmChoice: Pick<NonNullable<ReadyInfo['wasm']>, 'chosenBy' | 'measurements'> | null = null;

  get busy(): boolean {
    return this.inFlight;
  }

  /** true while a worker runs (or is being restarted after a fault). */
  get running(): boolean {
    return this.handle !== null || this.recovering !== null;
  }

  /**
   * Starts a worker with `options` beside the running one (if any), which keeps detecting
   * until the new one is ready and is only then replaced. If the new one fails (a model that
   * does not download or parse), this rejects and the running worker carries on untouched.
   */
  async start(options: EngineOptions): Promise<ReadyInfo> {
    const token = ++this.startToken;
    const hc = navigator.hardwareConcurrency || 1;
    const remembered = rememberedChoice(safeStorage(), hc);
    const canCalibrate = self.crossOriginIsolated && hc > 1 && (options.backend === 'wasm' || options.backend === 'auto');
    const firstThreads = remembered?.threads ?? (self.crossOriginIsolated ? Math.min(hc, 8) : 1);
    const superseded = () => new EngineError('bad-request', 'Start was superseded by a newer start.');

    this.status({ stage: 'loading' });
    let { handle, info } = await this.spawn(options, firstThreads, true);
    try {
      if (token !== this.startToken) throw superseded();
      if (info.backend === 'wasm' && info.wasm) {
        if (remembered) {
          info.wasm.chosenBy = 'remembered';
          info.wasm.measurements = remembered.measurements;
        } else if (canCalibrate) {
          // The new model loaded, so the switch will happen: the old worker goes now, since
          // timing thread counts needs the cores to itself.
          this.retire();
          const measured = await this.calibrate(options, handle, info.wasm.threads, hc, token);
          if (token !== this.startToken) throw superseded();
          if (measured.threads !== info.wasm.threads) {
            handle.kill();
            this.status({ stage: 'restart', threads: measured.threads });
            ({ handle, info } = await this.spawn(options, measured.threads, true));
          }
          if (info.wasm) {
            info.wasm.chosenBy = 'measured';
            info.wasm.measurements = measured.measurements;
          }
        } else {
          info.wasm.chosenBy = 'default';
        }
      }
      if (token !== this.startToken) throw superseded();
    } catch (error) {
      handle.kill();
      // retired for calibration and then failed: nothing is being swapped in any more
      if (token === this.startToken) this.swapping = false;
      throw error;
    }
    this.retire();
    // A recovery of the replaced worker that is still under way must not adopt its result.
    this.generation++;
    this.options = { ...options };
    this.threads = info.wasm?.threads ?? firstThreads;
    this.wasmChoice = info.wasm ? { chosenBy: info.wasm.chosenBy, measurements: info.wasm.measurements } : null;
    this.adopt(handle, info);
    this.status(null);
    return info;
  }

  /** Abandons a start() under way (it rejects as superseded); the running worker goes on. */
  cancelStart(): void {
    this.startToken++;
    this.status(null);
  }

  /** A promise that settles when a running recovery ends (true: running again), or null. */
  get recovery(): Promise<boolean> | null {
    return this.recovering;
  }

  /** Breaks the worker on purpose (?debug=1 only): for recovery tests and demos. */
  injectFault(fault: FaultKind): void {
    this.handle?.send({ type: 'fault', id: this.handle.id(), fault });
  }

  /** Ends the running worker because a replacement is ready: its frame in flight is dropped
   * ('superseded'), and its death is not a fault to recover from. */
  private retire(): void {
    const old = this.handle;
    if (!old) return;
    this.swapping = true;
    this.handle = null;
    this.inFlight = false;
    old.onDeath = null;
    old.onDeviceLost = null;
    old.kill(new EngineError('superseded', 'The detector was replaced by a newly started one.'));
  }

  private adopt(handle: WorkerHandle, info: ReadyInfo): void {
    this.swapping = false;
    this.handle = handle;
    this.recentMs = [];
    this.warmupMs = info.warmupMs;
    handle.onDeath = (reason) => void this.recover(reason.message);
    handle.onDeviceLost = (message) => {
      handle.kill();
      void this.recover(`WebGPU device lost (${message})`, 'wasm');
    };
  }

  /**
   * Restarts the worker with the same model and backend (or `backend` after a device loss),
   * reusing the measured thread count so no calibration delays it.
   */
  private recover(reason: string, backend?: BackendRequest): Promise<boolean> {
    if (this.recovering || !this.options) return this.recovering ?? Promise.resolve(false);
    const generation = this.generation;
    const options: EngineOptions = backend ? { ...this.options, backend } : this.options;
    this.handle = null;
    this.inFlight = false;
    this.recovering = (async () => {
      let last: unknown = null;
      for (let attempt = 0; attempt < RECOVERY_ATTEMPTS; attempt++) {
        try {
          // Same backend: no warm-up run (the first frame warms up, and detections come back
          // sooner). Another backend (after a device loss) gets its own cold-start figure.
          const { handle, info } = await this.spawn(options, this.threads, false, backend !== undefined);
          if (generation !== this.generation) {
            // replaced meanwhile by a newly started worker (or stopped): that one runs, if any
            handle.kill();
            return this.handle !== null;
          }
          if (backend && info.backend !== this.options?.backend) {
            info.requestedBackend = this.options?.backend ?? info.requestedBackend;
            info.fallbackReason = info.fallbackReason ? `${reason}; ${info.fallbackReason}` : reason;
          }
          if (info.wasm && this.wasmChoice) Object.assign(info.wasm, this.wasmChoice);
          // the cold-start figure stays the one measured at start (this restart skipped it)
          if (!backend) info.warmupMs = this.warmupMs;
          this.options = options;
          this.adopt(handle, info);
          this.onRecovered?.(info, reason);
          return true;
        } catch (error) {
          last = error;
          // stopped or replaced meanwhile: no more attempts
          if (generation !== this.generation) return this.handle !== null;
        }
      }
      const message = `The detector stopped (${reason}) and could not be restarted: ${(last as Error)?.message ?? last}`;
      this.onFatal?.(new EngineError('worker-crashed', message));
      return false;
    })().finally(() => {
      this.recovering = null;
    });
    return this.recovering;
  }

  /** How long a frame may take before the worker counts as hung: generous while the first
   * frames compile kernels, then three times the slowest of the last 20 frames, at least 1 s.
   * That restarts a hung WASM worker within about 2 s here (200-300 ms frames: 1 s to notice,
   * under 1 s to restart) while a slow backend (seconds a frame) gets seconds more. */
  private hangLimitMs(): number {
    if (this.recentMs.length < 3) return Math.max(15_000, 3 * this.warmupMs);
    return Math.max(1_000, 3 * Math.max(...this.recentMs));
  }

  async detect(frame: VideoFrame | ImageBitmap, frameId: number): Promise<ResultResponse> {
    const handle = this.handle;
    if (!handle) {
      frame.close();
      if (this.recovering) throw new EngineError('worker-crashed', 'The detector is restarting.');
      if (this.swapping) throw new EngineError('superseded', 'The detector is being replaced.');
      throw new EngineError('bad-request', 'The detector is not started.');
    }
    if (this.inFlight) {
      frame.close();
      throw new EngineError('bad-request', 'A frame is already being analysed.');
    }
    this.inFlight = true;
    const sent = performance.now();
    const watchdog = setTimeout(() => {
      handle.kill(new EngineError('worker-crashed', `The detection worker stopped answering (no result after ${Math.round(performance.now() - sent)} ms).`), true);
    }, this.hangLimitMs());
    try {
      const result = await handle.request<ResultResponse>({ type: 'detect', id: handle.id(), frameId, frame }, [frame]);
      this.recentMs.push(performance.now() - sent);
      if (this.recentMs.length > 20) this.recentMs.shift();
      return result;
    } catch (error) {
      if (error instanceof EngineError && error.kind === 'device-lost' && this.handle === handle) {
        // the device-lost notice may still be on its way: start the step-down now
        handle.onDeviceLost?.(error.message);
      }
      throw error;
    } finally {
      clearTimeout(watchdog);
      if (this.handle === handle || this.handle === null) this.inFlight = false;
    }
  }

  async memory(): Promise<{ numTensors: number; numBytes: number }> {
    if (!this.handle) throw new EngineError('bad-request', 'The detector is not started.');
    const r = await this.handle.request<Extract<WorkerResponse, { type: 'memory' }>>({ type: 'memory', id: this.handle.id() });
    return { numTensors: r.numTensors, numBytes: r.numBytes };
  }

  /** Warm-up then timed frames on one fixed frame (transferred), in the worker. */
  async bench(frame: ImageBitmap, warmup: number, frames: number): Promise<BenchResponse> {
    if (!this.handle) {
      frame.close();
      throw new EngineError('bad-request', 'The detector is not started.');
    }
    return this.handle.request<BenchResponse>({ type: 'bench', id: this.handle.id(), frame, warmup, frames }, [frame]);
  }

  /**
   * New thresholds for the running model, applied from the next frame: no reload, no new
   * worker. A restart after a crash keeps them.
   */
  async configure(thresholds: Required<Pick<EngineOptions, 'scoreThreshold' | 'iouThreshold' | 'maxDetections'>>): Promise<void> {
    if (this.options) this.options = { ...this.options, ...thresholds };
    const handle = this.handle;
    if (!handle) return; // not started (or recovering: the restart uses this.options)
    await handle.request({ type: 'configure', id: handle.id(), ...thresholds });
  }

  /** Bare model execution times (no preprocessing or decoding), for overhead comparisons. */
  async timeInference(runs: number): Promise<number[]> {
    if (!this.handle) throw new EngineError('bad-request', 'The detector is not started.');
    const r = await this.handle.request<Extract<WorkerResponse, { type: 'time-inference' }>>({ type: 'time-inference', id: this.handle.id(), runs });
    return r.samplesMs;
  }

  /** Terminates every worker at once: the running one and any still starting or measuring. */
  stop(): void {
    this.startToken++;
    this.generation++;
    for (const handle of [...this.live]) handle.kill();
    this.live.clear();
    this.swapping = false;
    this.handle = null;
    this.inFlight = false;
    this.options = null;
  }

  private async spawn(
    options: EngineOptions,
    wasmThreads: number,
    report = false,
    warmup = true,
  ): Promise<{ handle: WorkerHandle; info: ReadyInfo }> {
    const handle = new WorkerHandle(() => this.live.delete(handle));
    this.live.add(handle);
    if (report) {
      handle.onProgress = ({ stage, loaded, total }) => this.status(stage === 'download' ? { stage, loaded, total } : { stage });
    }
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
      warmup,
    };
    try {
      const ready = await handle.request<Extract<WorkerResponse, { type: 'ready' }>>(init);
      handle.onProgress = null;
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
    this.status({ stage: 'calibrate', step: 1, of: total });
    measurements.push({ threads: currentThreads, medianMs: await time(current) });
    for (const [i, threads] of candidates.entries()) {
      if (token !== this.startToken) break;
      this.status({ stage: 'calibrate', step: i + 2, of: total });
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

  private status(progress: EngineProgress | null): void {
    this.onProgress?.(progress);
  }
}

function safeStorage(): Storage | null {
  try {
    return localStorage;
  } catch {
    return null;
  }
}
