import type {
  BackendRequest,
  BenchResponse,
  EvaluateResponse,
  ErrorKind,
  FaultKind,
  InitRequest,
  LoadStage,
  ProgressResponse,
  ReadyInfo,
  ResultResponse,
  WorkerRequest,
  WorkerResponse,
} from '../shared/protocol';
import { LoadDeadline, timingLimitMs } from './load-deadline';
import { calibrationTurn, median, pickFastest, rememberChoice, rememberedChoice, threadCandidates } from './thread-calibration';

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

/** A request waiting for its answer, with the frames it handed over. */
type Pending = { resolve: (r: WorkerResponse) => void; reject: (e: EngineError) => void; frames: Closable[] };
type Closable = { close(): void };

/** Releases a camera frame or bitmap now rather than at garbage collection; a frame that was
 * transferred (or closed) already makes this a no-op. */
function closeQuietly(frame: Closable): void {
  try {
    frame.close();
  } catch {
    /* nothing left to release */
  }
}

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
      // a message already on its way when the worker was ended: nobody listens any more
      if (this.dead) return;
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

  /** Posts `message`; `transfer` holds only frames and bitmaps (closed here if the worker is
   * ended before it answers, since it can no longer close them itself). */
  request<T extends WorkerResponse>(message: WorkerRequest, transfer: Transferable[] = []): Promise<T> {
    const frames = transfer as unknown as Closable[];
    if (this.dead) {
      frames.forEach(closeQuietly);
      return Promise.reject(this.dead);
    }
    return new Promise<T>((resolve, reject) => {
      this.pending.set(message.id, { resolve: resolve as (r: WorkerResponse) => void, reject, frames });
      try {
        this.worker.postMessage(message, transfer);
      } catch (error) {
        this.pending.delete(message.id);
        frames.forEach(closeQuietly);
        reject(new EngineError('bad-request', `The request could not be sent to the worker: ${(error as Error)?.message ?? error}`));
      }
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
    for (const waiter of this.pending.values()) {
      // frames still queued for (or held by) the ended worker are released now
      waiter.frames.forEach(closeQuietly);
      waiter.reject(reason);
    }
    this.pending.clear();
    if (unasked) this.onDeath?.(reason);
  }
}

const CALIBRATION_RUNS = 3;
/** restarts tried after a crash before giving up and reporting it */
const RECOVERY_ATTEMPTS = 3;

const supersededStart = () => new EngineError('superseded', 'Start was superseded by a newer start.');

/** One start() under way: its workers, so that a newer start, cancelStart() or stop() ends
 * them at once, and nothing of it (progress, a measurement) is heard of afterwards. */
class StartAttempt {
  readonly handles = new Set<WorkerHandle>();
  /** the running worker was ended for this start (to time WASM threads on idle cores): it
   * can no longer be taken back, only finished or replaced by a newer start */
  retiredRunning = false;
  private cancelled = false;

  get current(): boolean {
    return !this.cancelled;
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    for (const handle of [...this.handles]) handle.kill(supersededStart());
    this.handles.clear();
  }

  /** throws 'superseded' once cancelled */
  check(): void {
    if (this.cancelled) throw supersededStart();
  }
}

type Thresholds = Required<Pick<EngineOptions, 'scoreThreshold' | 'iouThreshold' | 'maxDetections'>>;

function thresholdsOf(o: EngineOptions): Thresholds {
  return { scoreThreshold: o.scoreThreshold ?? 0.5, iouThreshold: o.iouThreshold ?? 0.5, maxDetections: o.maxDetections ?? 100 };
}

function sameThresholds(a: EngineOptions, b: EngineOptions): boolean {
  const [x, y] = [thresholdsOf(a), thresholdsOf(b)];
  return x.scoreThreshold === y.scoreThreshold && x.iouThreshold === y.iouThreshold && x.maxDetections === y.maxDetections;
}

/** "640x480" for a frame or bitmap, null where it does not say. */
function frameKey(frame: VideoFrame | ImageBitmap): string | null {
  const f = frame as Partial<Pick<VideoFrame, 'displayWidth' | 'displayHeight'>> & Partial<Pick<ImageBitmap, 'width' | 'height'>>;
  const [w, h] = f.displayWidth !== undefined ? [f.displayWidth, f.displayHeight] : [f.width, f.height];
  return w && h ? `${w}x${h}` : null;
}

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
  /** the start() under way, if any */
  private attempt: StartAttempt | null = null;
  private options: EngineOptions | null = null;
  private threads = 0;
  private recovering: Promise<boolean> | null = null;
  /** recent detect round trips, for telling a slow frame from a hung worker */
  private recentMs: number[] = [];
  /** size of the frames recentMs were measured on */
  private frameSize: string | null = null;
  private warmupMs = 0;
  /** how the running thread count was chosen, kept for restarts */
  private wasmChoice: Pick<NonNullable<ReadyInfo['wasm']>, 'chosenBy' | 'measurements'> | null = null;

  /** true while a worker runs, is being restarted after a fault, or a started replacement is
   * being swapped in (the old one ended for thread calibration, the new one not adopted yet). */
  get running(): boolean {
    return this.handle !== null || this.recovering !== null || this.swapping;
  }

  /**
   * Starts a worker with `options` beside the running one (if any), which keeps detecting
   * until the new one is ready and is only then replaced. If the new one fails (a model that
   * does not download or parse), this rejects and the running worker carries on untouched.
   */
  async start(options: EngineOptions): Promise<ReadyInfo> {
    // A newer start replaces one under way: its workers end now.
    this.attempt?.cancel();
    const attempt = new StartAttempt();
    this.attempt = attempt;
    const hc = navigator.hardwareConcurrency || 1;
    const remembered = rememberedChoice(safeStorage(), hc);
    const canCalibrate = self.crossOriginIsolated && hc > 1 && (options.backend === 'wasm' || options.backend === 'auto');
    const firstThreads = remembered?.threads ?? (self.crossOriginIsolated ? Math.min(hc, 8) : 1);

    this.status({ stage: 'loading' }, attempt);
    let started: { handle: WorkerHandle; info: ReadyInfo };
    try {
      started = await this.spawn(options, firstThreads, attempt, true);
      attempt.check();
      const wasm = started.info.backend === 'wasm' ? started.info.wasm : undefined;
      if (wasm) {
        if (remembered) {
          wasm.chosenBy = 'remembered';
          wasm.measurements = remembered.measurements;
        } else if (canCalibrate) {
          started = await this.chooseThreads(options, started, hc, attempt);
        } else {
          wasm.chosenBy = 'default';
        }
      }
      attempt.check();
    } catch (error) {
      attempt.cancel();
      if (this.attempt === attempt) {
        this.attempt = null;
        // retired for calibration and then failed: nothing is being swapped in any more
        this.swapping = false;
      }
      throw error;
    }
    const { handle, info } = started;
    this.attempt = null;
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

  /**
   * Abandons a start() under way: its workers end now, it rejects as superseded, and the
   * running worker goes on. Returns false, and abandons nothing, when the start has already
   * ended the running worker (first-run thread calibration needs the cores): there is nothing
   * left to go back to, so that start finishes unless a newer start() replaces it.
   */
  cancelStart(): boolean {
    const attempt = this.attempt;
    if (!attempt) return true;
    if (attempt.retiredRunning) return false;
    this.attempt = null;
    attempt.cancel();
    this.status(null);
    return true;
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
    this.handle = null;
    this.inFlight = false;
    this.recovering = (async () => {
      let last: unknown = null;
      for (let attempt = 0; attempt < RECOVERY_ATTEMPTS; attempt++) {
        // read afresh each time: configure() may change the thresholds while this runs
        const wanted = this.options;
        if (!wanted || generation !== this.generation) return this.handle !== null;
        const options: EngineOptions = backend ? { ...wanted, backend } : { ...wanted };
        try {
          // Same backend: no warm-up run (the first frame warms up, and detections come back
          // sooner). Another backend (after a device loss) gets its own cold-start figure.
          const { handle, info } = await this.spawn(options, this.threads, null, false, backend !== undefined);
          if (generation !== this.generation || !this.options) {
            // replaced meanwhile by a newly started worker (or stopped): that one runs, if any
            handle.kill();
            return this.handle !== null;
          }
          const now = this.options;
          if (backend && info.backend !== now.backend) {
            info.requestedBackend = now.backend;
            info.fallbackReason = info.fallbackReason ? `${reason}; ${info.fallbackReason}` : reason;
          }
          if (info.wasm && this.wasmChoice) Object.assign(info.wasm, this.wasmChoice);
          // the cold-start figure stays the one measured at start (this restart skipped it)
          if (!backend) info.warmupMs = this.warmupMs;
          // what is wanted now (thresholds included), on the backend that runs now
          this.options = backend ? { ...now, backend } : now;
          this.adopt(handle, info);
          // thresholds changed while it restarted: the new worker was started with the old ones
          if (!sameThresholds(now, options)) void handle.request({ type: 'configure', id: handle.id(), ...thresholdsOf(now) }).catch(() => {});
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
    // A new frame size (camera switch, rotation) means new kernels on GPU backends, which can
    // take seconds like the first frames: the hang limit starts over from its generous value.
    const size = frameKey(frame);
    if (size !== null && size !== this.frameSize) {
      this.recentMs = [];
      this.frameSize = size;
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

  /**
   * One labelled image (the encoded file) through the running model, for accuracy
   * evaluation: decoded in the worker, detections down to `scoreThreshold`, at most
   * `maxDetections`. Several may be in flight: the worker decodes the next while it runs the
   * current one, and answers in order. No hang watchdog: the caller cancels with stop().
   */
  evaluate(image: Blob, imageId: number, scoreThreshold: number, maxDetections: number): Promise<EvaluateResponse> {
    if (!this.handle) return Promise.reject(new EngineError('bad-request', 'The detector is not started.'));
    return this.handle.request<EvaluateResponse>({ type: 'evaluate', id: this.handle.id(), image, imageId, scoreThreshold, maxDetections });
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
  async configure(thresholds: Thresholds): Promise<void> {
    if (this.options) this.options = { ...this.options, ...thresholds };
    const handle = this.handle;
    if (!handle) return; // not started (or recovering: the restart uses this.options)
    await handle.request({ type: 'configure', id: handle.id(), ...thresholds });
  }

  /** Terminates every worker at once: the running one and any still starting or measuring. */
  stop(): void {
    this.attempt?.cancel();
    this.attempt = null;
    this.generation++;
    for (const handle of [...this.live]) handle.kill();
    this.live.clear();
    this.swapping = false;
    this.handle = null;
    this.inFlight = false;
    this.options = null;
  }

  /**
   * A new worker with `options`, resolved once it is ready. Its load has a deadline that every
   * progress message extends (load-deadline.ts): a load that goes silent (a stalled download, a
   * graph that never finishes) is ended with 'model-timeout'. Its progress reaches onProgress
   * only with `report`, and only while `attempt` is the start under way.
   */
  private async spawn(
    options: EngineOptions,
    wasmThreads: number,
    attempt: StartAttempt | null,
    report = false,
    warmup = true,
  ): Promise<{ handle: WorkerHandle; info: ReadyInfo }> {
    const handle = new WorkerHandle(() => {
      this.live.delete(handle);
      attempt?.handles.delete(handle);
    });
    this.live.add(handle);
    attempt?.handles.add(handle);
    const deadline = new LoadDeadline((silentMs) =>
      handle.kill(new EngineError('model-timeout', `The model did not finish loading: nothing happened for ${Math.round(silentMs / 1000)} s.`)),
    );
    handle.onProgress = ({ stage, loaded, total, modelBytes }) => {
      deadline.alive(stage, Math.max(modelBytes ?? 0, total ?? 0, loaded ?? 0));
      if (report && attempt) this.status(stage === 'download' ? { stage, loaded, total } : { stage }, attempt);
    };
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
      return { handle, info: ready.info };
    } catch (error) {
      handle.kill();
      throw error;
    } finally {
      deadline.stop();
      handle.onProgress = null;
    }
  }

  /**
   * First run on a device: times each thread count and keeps the fastest. One calibration at
   * a time per page (two engines timing at once would slow each other and both choose
   * badly); one that waited takes the measurement made meanwhile. Returns the worker to run.
   */
  private async chooseThreads(options: EngineOptions, started: { handle: WorkerHandle; info: ReadyInfo }, hc: number, attempt: StartAttempt) {
    const release = await calibrationTurn();
    try {
      attempt.check();
      let result = started;
      const meanwhile = rememberedChoice(safeStorage(), hc);
      if (meanwhile) {
        if (meanwhile.threads !== started.info.wasm?.threads) result = await this.restartWith(options, started, meanwhile.threads, attempt);
        if (result.info.wasm) Object.assign(result.info.wasm, { chosenBy: 'remembered', measurements: meanwhile.measurements });
        return result;
      }
      // The new model loaded, so the switch will happen: the running worker goes now, since
      // timing thread counts needs the cores to itself. From here the start cannot be taken back.
      if (this.handle) {
        this.retire();
        attempt.retiredRunning = true;
      }
      const measured = await this.calibrate(options, started, hc, attempt);
      if (measured.threads !== started.info.wasm?.threads) result = await this.restartWith(options, started, measured.threads, attempt);
      if (result.info.wasm) Object.assign(result.info.wasm, { chosenBy: 'measured', measurements: measured.measurements });
      return result;
    } finally {
      release();
    }
  }

  /** The same model with another thread count; if that one fails to start, the one running
   * is kept (a thread count that does not work here is no reason to fail the switch). */
  private async restartWith(options: EngineOptions, running: { handle: WorkerHandle; info: ReadyInfo }, threads: number, attempt: StartAttempt) {
    this.status({ stage: 'restart', threads }, attempt);
    try {
      const next = await this.spawn(options, threads, attempt, true);
      running.handle.kill();
      return next;
    } catch {
      attempt.check();
      return running;
    }
  }

  /** Times the model with each candidate thread count, one worker at a time. */
  private async calibrate(options: EngineOptions, current: { handle: WorkerHandle; info: ReadyInfo }, hc: number, attempt: StartAttempt) {
    const currentThreads = current.info.wasm?.threads ?? 1;
    const measurements: Array<{ threads: number; medianMs: number }> = [];
    let complete = true;
    const candidates = threadCandidates(hc).filter((n) => n !== currentThreads);
    const total = candidates.length + 1;
    this.status({ stage: 'calibrate', step: 1, of: total }, attempt);
    measurements.push({ threads: currentThreads, medianMs: await this.time(current) });
    for (const [i, threads] of candidates.entries()) {
      attempt.check();
      this.status({ stage: 'calibrate', step: i + 2, of: total }, attempt);
      try {
        const candidate = await this.spawn({ ...options, backend: 'wasm' }, threads, attempt);
        try {
          if (!candidate.info.wasm) throw new Error('the candidate did not start on WASM');
          measurements.push({ threads: candidate.info.wasm.threads, medianMs: await this.time(candidate) });
        } finally {
          candidate.handle.kill();
        }
      } catch {
        // A thread count that does not start (or hangs) here is skipped, not a failed switch.
        attempt.check();
        complete = false;
      }
    }
    attempt.check();
    const threads = pickFastest(measurements);
    // Only a complete measurement is kept: a partial one would decide for this device forever.
    if (complete) rememberChoice(safeStorage(), { threads, hardwareConcurrency: hc, measurements });
    return { threads, measurements };
  }

  /** Median bare inference of a loaded worker; one that does not answer in time is ended. */
  private async time({ handle, info }: { handle: WorkerHandle; info: ReadyInfo }): Promise<number> {
    const limitMs = timingLimitMs(info.warmupMs, CALIBRATION_RUNS);
    const timer = setTimeout(() => handle.kill(new EngineError('model-timeout', `Timing the model took longer than ${Math.round(limitMs / 1000)} s.`)), limitMs);
    try {
      const r = await handle.request<Extract<WorkerResponse, { type: 'time-inference' }>>({ type: 'time-inference', id: handle.id(), runs: CALIBRATION_RUNS });
      return median(r.samplesMs);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Tells onProgress; with `attempt`, only while that start is the one under way. */
  private status(progress: EngineProgress | null, attempt?: StartAttempt): void {
    if (attempt && this.attempt !== attempt) return;
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
