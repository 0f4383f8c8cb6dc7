// The main thread's side of the detection worker: start (and switch, and take back) a model
// on a backend, one detect call in flight under the hang watchdog, evaluation and bench
// requests. It never imports TensorFlow.js. The jobs live beside it: worker-bridge.ts (the
// typed messages), spawn-worker.ts (one worker's load), thread-choice.ts (first-run WASM
// thread calibration), crash-recovery.ts (restarts after a fault), hang-watchdog.ts.
import type { Thresholds } from '../shared/defaults';
import type { BackendRequest, BenchResponse, EvaluateResponse, FaultKind, ReadyInfo, ResultResponse } from '../shared/protocol';
import type { ImagePixels } from '../shared/image-pixels';
import { restartAfterFault, type RecoveryHost, type WasmChoice } from './crash-recovery';
import { EngineError, type EngineOptions, type EngineProgress } from './engine-types';
import { HangWatchdog } from './hang-watchdog';
import { spawnWorker, type Started } from './spawn-worker';
import { StartAttempt } from './start-attempt';
import { pageStorage, rememberedChoice } from './thread-calibration';
import { chooseThreads, type CalibrationContext } from './thread-choice';
import type { Frame, WorkerHandle } from './worker-bridge';

export { EngineError, type EngineErrorKind, type EngineOptions, type EngineProgress } from './engine-types';

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
  private readonly watchdog = new HangWatchdog();
  private warmupMs = 0;
  /** how the running thread count was chosen, kept for restarts */
  private wasmChoice: WasmChoice | null = null;

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
    const remembered = rememberedChoice(pageStorage(), hc);
    const canCalibrate = self.crossOriginIsolated && hc > 1 && (options.backend === 'wasm' || options.backend === 'auto');
    const firstThreads = remembered?.threads ?? (self.crossOriginIsolated ? Math.min(hc, 8) : 1);

    this.status({ stage: 'loading' }, attempt);
    let started: Started;
    try {
      started = await this.spawnFor(attempt, options, firstThreads, true);
      attempt.check();
      const wasm = started.info.backend === 'wasm' ? started.info.wasm : undefined;
      if (wasm) {
        if (remembered) {
          wasm.chosenBy = 'remembered';
          wasm.measurements = remembered.measurements;
        } else if (canCalibrate) {
          started = await chooseThreads(this.calibrationFor(attempt), options, started, hc);
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
    const { info } = started;
    this.attempt = null;
    this.retire();
    // A recovery of the replaced worker that is still under way must not adopt its result.
    this.generation++;
    this.threads = info.wasm?.threads ?? firstThreads;
    this.wasmChoice = info.wasm ? { chosenBy: info.wasm.chosenBy, measurements: info.wasm.measurements } : null;
    this.adopt(started, { ...options });
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

  async detect(frame: Frame, frameId: number): Promise<ResultResponse> {
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
    const watch = this.watchdog.watch(frame, (waitedMs) => {
      handle.kill(new EngineError('worker-crashed', `The detection worker stopped answering (no result after ${Math.round(waitedMs)} ms).`), true);
    });
    try {
      const result = await handle.request({ type: 'detect', id: handle.id(), frameId, frame }, [frame]);
      watch.answered();
      return result;
    } catch (error) {
      if (error instanceof EngineError && error.kind === 'device-lost' && this.handle === handle) {
        // the device-lost notice may still be on its way: start the step-down now
        handle.onDeviceLost?.(error.message);
      }
      throw error;
    } finally {
      watch.end();
      if (this.handle === handle || this.handle === null) this.inFlight = false;
    }
  }

  /**
   * One labelled image (the encoded file) through the running model, for accuracy
   * evaluation: decoded in the worker, detections down to `scoreThreshold`, at most
   * `maxDetections`. Several may be in flight: the worker decodes the next while it runs the
   * current one, and answers in order. No hang watchdog: the caller cancels with stop().
   */
  /** A file is shared with the worker; pixels are transferred (the caller lets go of them). */
  evaluate(image: Blob | ImagePixels, imageId: number, scoreThreshold: number, maxDetections: number): Promise<EvaluateResponse> {
    if (!this.handle) return Promise.reject(new EngineError('bad-request', 'The detector is not started.'));
    return this.handle.request({ type: 'evaluate', id: this.handle.id(), image, imageId, scoreThreshold, maxDetections }, image instanceof Blob ? [] : [image.data.buffer]);
  }

  /** Warm-up then timed frames on one fixed frame (transferred), in the worker. */
  async bench(frame: ImageBitmap, warmup: number, frames: number, profile = false, sustainedS = 0): Promise<BenchResponse> {
    if (!this.handle) {
      frame.close();
      throw new EngineError('bad-request', 'The detector is not started.');
    }
    return this.handle.request({ type: 'bench', id: this.handle.id(), frame, warmup, frames, ...(profile ? { profile } : {}), ...(sustainedS > 0 ? { sustainedS } : {}) }, [frame]);
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

  /** `started` runs from now, wanted with `options`; a fault in it starts a recovery. */
  private adopt({ handle, info }: Started, options: EngineOptions): void {
    this.options = options;
    this.swapping = false;
    this.handle = handle;
    this.warmupMs = info.warmupMs;
    this.watchdog.restart(info.warmupMs);
    handle.onDeath = (reason) => void this.recover(reason.message);
    handle.onDeviceLost = (message) => {
      handle.kill();
      void this.recover(`WebGPU device lost (${message})`, 'wasm');
    };
  }

  /** Restarts the running worker after a fault (crash-recovery.ts); one recovery at a time. */
  private recover(reason: string, backend?: BackendRequest): Promise<boolean> {
    if (this.recovering || !this.options) return this.recovering ?? Promise.resolve(false);
    this.handle = null;
    this.inFlight = false;
    this.recovering = restartAfterFault(this.recoveryHost, reason, backend).finally(() => {
      this.recovering = null;
    });
    return this.recovering;
  }

  private readonly recoveryHost: RecoveryHost = {
    wanted: () => this.options,
    generation: () => this.generation,
    hasWorker: () => this.handle !== null,
    respawn: (options, warmup) => spawnWorker(options, { wasmThreads: this.threads, owners: [this.live], warmup }),
    startFacts: () => ({ warmupMs: this.warmupMs, wasmChoice: this.wasmChoice }),
    adopt: (started, options) => this.adopt(started, options),
    recovered: (info, reason) => this.onRecovered?.(info, reason),
    fatal: (error) => this.onFatal?.(error),
  };

  /** A worker for `attempt`, ended with it; with `report`, its progress shows while that
   * start is the one under way. */
  private spawnFor(attempt: StartAttempt, options: EngineOptions, wasmThreads: number, report: boolean): Promise<Started> {
    return spawnWorker(options, {
      wasmThreads,
      owners: [this.live, attempt.handles],
      report: report ? (progress) => this.status(progress, attempt) : undefined,
    });
  }

  private calibrationFor(attempt: StartAttempt): CalibrationContext {
    return {
      attempt,
      spawn: (options, threads, report) => this.spawnFor(attempt, options, threads, report),
      status: (progress) => this.status(progress, attempt),
      retireRunning: () => {
        if (!this.handle) return;
        this.retire();
        attempt.retiredRunning = true;
      },
    };
  }

  /** Tells onProgress; with `attempt`, only while that start is the one under way. */
  private status(progress: EngineProgress | null, attempt?: StartAttempt): void {
    if (attempt && this.attempt !== attempt) return;
    this.onProgress?.(progress);
  }
}
