// The live loop as a Lit reactive controller: what the user asked for (the camera and the
// detector running; which model, backend and camera) and the sequence that gets there while a
// bench, an evaluation, A/B, a hidden page or a model download may stand in the way. Two
// counters make late answers harmless: `runToken` (every start, stop or leave supersedes the
// starts before it) and `modelChangeToken` (a newer model choice wins over one still being
// downloaded). It also answers the engine's news (ready, recovered, switch failed) with the
// automation events and notices.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { EngineOptions } from '../engine/detector-client';
import type { BenchPlan } from '../engine/bench/bench-runner';
import type { BackendRequest, ReadyInfo, ResultResponse } from '../shared/protocol';
import { withParams, type AppParams, type FacingMode } from '../automation/url-params';
import { emitDetections, emitError, emitReady, type ErrorDetail } from '../automation/automation';
import type { CameraError } from '../camera/open-camera';
import type { CameraController } from '../features/live/camera-controller';
import type { EngineCallbacks, EngineController, EngineFailure } from '../features/live/engine-controller';
import { messages } from '../i18n/messages';
import type { NoticesController } from './notices-controller';
import { fallbackText, switchFailedText } from './failure-text';

type Thresholds = Pick<EngineOptions, 'scoreThreshold' | 'iouThreshold' | 'maxDetections'>;
export type UrlChoice = Partial<Pick<AppParams, 'model' | 'backend' | 'camera'>>;

export interface RunDeps {
  camera: Pick<CameraController, 'phase' | 'stream' | 'facingMode' | 'open' | 'close'>;
  engine: Pick<EngineController, 'phase' | 'ready' | 'options' | 'readyFor' | 'start' | 'run' | 'pause' | 'stop'>;
  /** the bench owns the engine while it runs (see BenchController) */
  bench: { readonly running: boolean; idle(): Promise<void>; run(plan: BenchPlan): Promise<unknown>; cancel(): void };
  evaluation: { readonly running: boolean; cancel(): void };
  notices: Pick<NoticesController, 'add' | 'dismiss' | 'report' | 'clearFailure'>;
  /** the page is hidden (another tab, phone locked): nobody sees the frames */
  hidden(): boolean;
  /** the thresholds `modelId` runs at (the user's own for it, else its measured ones) */
  thresholdsFor(modelId: string): Thresholds;
  modelName(modelId: string): string;
  /** why `modelId` cannot start here (see ModelDownloads.cannotStart) */
  cannotStart(modelId: string): Promise<ErrorDetail | null> | null;
  /** whether `modelId` may be switched to (see ModelDownloads.ensureStored) */
  ensureStored(modelId: string): Promise<boolean> | true;
  /** the model picker shows the running model again after a refused choice */
  revertPicker(): void;
  /** a bench opens its sheet */
  showBench(): void;
  /** the choices go into the address, so a reload or a shared link keeps them */
  updateUrl(changes: UrlChoice): void;
}

export class RunController implements ReactiveController {
  model: string;
  backend: BackendRequest;
  facing: FacingMode;
  /** what the user asked for: the camera and the detector running */
  wantRunning = false;
  /** A/B holds the screen and the camera */
  abMode = false;
  /** the playing <video>, once there is one */
  video: HTMLVideoElement | null = null;
  private runToken = 0;
  private modelChangeToken = 0;
  /** the page was left while running and may come back from the back/forward cache */
  private resumeOnReturn = false;
  /** asked for in the URL, done once connected: a bench first, then a start */
  private pendingBench: BenchPlan | null = null;
  private autostart = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly deps: RunDeps,
    initial: Pick<AppParams, 'model' | 'backend' | 'camera' | 'autostart'> & { bench?: BenchPlan | null },
  ) {
    this.model = initial.model;
    this.backend = initial.backend;
    this.facing = initial.camera;
    this.autostart = initial.autostart;
    this.pendingBench = initial.bench ?? null;
    if (this.pendingBench) deps.showBench();
    host.addController(this);
  }

  hostConnected(): void {
    // the bench before the autostart: it claims the engine first, so a live start asked for in
    // the same URL waits for it to end. Here rather than in an update: starting sets state.
    const plan = this.pendingBench;
    this.pendingBench = null;
    if (plan) void this.runBench(plan);
    if (this.autostart) {
      this.autostart = false;
      void this.start();
    }
  }

  hostDisconnected(): void {
    // The camera and engine controllers release the camera and end the worker; the intent goes
    // too, so a re-attached element starts idle rather than half-running.
    this.runToken++;
    this.wantRunning = false;
    this.video = null;
  }

  /** The engine's callbacks, wired to this controller (which is created after the engine). */
  static engineCallbacks(run: () => RunController): EngineCallbacks {
    return {
      onReady: (info) => run().ready(info),
      onResult: (result, fps) => run().result(result, fps),
      onError: (failure) => run().fail(failure),
      onRecovered: (info, reason) => run().recovered(info, reason),
      onSwitchFailed: (failure, wanted) => run().switchFailed(failure, wanted),
    };
  }

  engineOptions(): EngineOptions {
    return { modelId: this.model, backend: this.backend, ...this.deps.thresholdsFor(this.model) };
  }

  /** Opens the camera and starts the engine in parallel, then runs the loop. Retry too. */
  async start(): Promise<void> {
    const { camera } = this.deps;
    const token = ++this.runToken;
    this.wantRunning = true;
    this.deps.notices.clearFailure();
    this.host.requestUpdate();
    // A run-time model that is not on this device cannot start offline: say so rather than
    // letting the worker's fetch fail.
    const check = this.deps.cannotStart(this.model);
    const blocked = check && (await check);
    if (blocked) {
      if (token === this.runToken) this.fail(blocked, true);
      return;
    }
    await Promise.all([
      camera.phase === 'on' && camera.facingMode === this.facing ? null : camera.open(this.facing),
      this.startEngineAfterBench(() => token === this.runToken),
    ]);
    if (token === this.runToken) this.maybeRun();
  }

  /** Releases the camera and stops the loop; the worker stays warm for the next start. */
  stop(): void {
    this.runToken++;
    this.wantRunning = false;
    this.deps.engine.pause();
    this.deps.camera.close();
    this.video = null;
    this.host.requestUpdate();
  }

  toggle(): void {
    if (this.wantRunning) this.stop();
    else void this.start();
  }

  /** Runs the pump once everything it needs is there; called whenever one part arrives. */
  maybeRun(): void {
    const { engine, camera, bench, evaluation } = this.deps;
    // hidden: nobody sees the frames, so none are analysed; a bench or an evaluation measures
    // on the same cores: the loop comes back when it ends
    if (!this.wantRunning || engine.phase !== 'ready' || this.deps.hidden() || this.abMode || bench.running || evaluation.running) return;
    const video = this.video;
    const stream = camera.stream;
    if (!video || !stream || video.srcObject !== stream) return;
    engine.run(video);
  }

  /**
   * A bench owns the engine until it ends or is cancelled: a live engine that would load and
   * warm up beside it would skew its numbers, so it starts afterwards, with the choices of
   * then. `wanted` says whether it is still asked for.
   */
  private async startEngineAfterBench(wanted: () => boolean): Promise<void> {
    const { bench, engine } = this.deps;
    if (bench.running) await bench.idle();
    if (!wanted()) return;
    const opts = this.engineOptions();
    if (!engine.readyFor(opts)) await engine.start(opts);
  }

  private async restartEngine(): Promise<void> {
    if (!this.wantRunning) return; // the next start() picks the new choice up
    this.deps.notices.dismiss('switch-failed');
    await this.startEngineAfterBench(() => this.wantRunning);
    this.maybeRun();
  }

  /** The picker's choice; a run-time model must be stored first (else the running one stays). */
  async changeModel(id: string): Promise<void> {
    if (id === this.model) return;
    const token = ++this.modelChangeToken;
    const stored = this.deps.ensureStored(id);
    if (stored !== true && !(await stored)) {
      this.deps.revertPicker();
      return;
    }
    if (token !== this.modelChangeToken) return;
    this.model = id;
    this.deps.updateUrl({ model: this.model });
    this.host.requestUpdate();
    void this.restartEngine();
  }

  changeBackend(backend: BackendRequest): void {
    if (backend === this.backend) return;
    this.backend = backend;
    this.deps.notices.dismiss('fallback');
    this.deps.updateUrl({ backend: this.backend });
    this.host.requestUpdate();
    void this.restartEngine();
  }

  switchCamera(): void {
    this.facing = this.facing === 'user' ? 'environment' : 'user';
    this.deps.updateUrl({ camera: this.facing });
    this.host.requestUpdate();
    if (!this.wantRunning) return;
    this.reopen();
  }

  /** The camera's resolution changed: a running camera reopens with it. */
  reopenCamera(): void {
    if (this.wantRunning && this.deps.camera.phase === 'on') this.reopen();
  }

  private reopen(): void {
    this.deps.engine.pause(); // no frames from a stream that is going away
    void this.deps.camera.open(this.facing).then(() => this.maybeRun());
  }

  videoPlaying(video: HTMLVideoElement): void {
    this.video = video;
    this.deps.notices.dismiss('play-blocked');
    this.maybeRun();
  }

  /** The browser would not play the video by itself: a button lets the person start it. */
  playBlocked(play: () => void): void {
    this.deps.notices.add({ key: 'play-blocked', text: messages.playBlocked, action: { label: messages.startVideo, run: play } });
  }

  /** A/B takes over the screen and the camera; the main loop pauses meanwhile. Not while a
   * bench runs: its two workers would compete with the one being measured. */
  async toggleAb(): Promise<void> {
    const { camera, engine } = this.deps;
    if (this.abMode) {
      this.abMode = false;
      this.host.requestUpdate();
      this.maybeRun();
      return;
    }
    if (this.deps.bench.running) return;
    engine.pause();
    if (!camera.stream) await camera.open(this.facing);
    if (camera.stream) {
      this.abMode = true;
      this.host.requestUpdate();
    }
  }

  /** The live loop pauses while the bench runs (both would compete for the same cores), and
   * nothing restarts it before the bench ends or is cancelled: see maybeRun. */
  async runBench(plan: BenchPlan): Promise<void> {
    if (this.deps.bench.running) return;
    this.deps.showBench();
    this.deps.engine.pause();
    await this.deps.bench.run(plan);
    this.maybeRun();
  }

  /** Leaving (closed, navigated away, or frozen into the back/forward cache): the camera light
   * goes off and the workers end now, not whenever the browser gets round to it. */
  leave(persisted: boolean): void {
    this.resumeOnReturn = persisted && this.wantRunning;
    this.runToken++;
    this.wantRunning = false;
    this.abMode = false; // its panes' workers end with it
    this.deps.bench.cancel(); // and a bench's
    this.deps.evaluation.cancel(); // and an evaluation's
    this.deps.engine.stop();
    this.deps.camera.close();
    this.video = null;
    this.host.requestUpdate();
  }

  returned(): void {
    if (!this.resumeOnReturn) return;
    this.resumeOnReturn = false;
    void this.start();
  }

  /** Any failure stops everything (camera light off) and offers Retry. */
  fail(detail: ErrorDetail, asWritten = false): void {
    this.deps.notices.report(detail, asWritten);
    if (this.wantRunning) this.stop();
  }

  cameraFailed(error: CameraError): void {
    this.fail({ kind: error.kind, message: messages.camera[error.kind] });
  }

  // ---- the engine's news -------------------------------------------------------------------

  ready(info: ReadyInfo): void {
    emitReady(info);
    const fallback = fallbackText(info);
    if (fallback) this.deps.notices.add({ key: 'fallback', text: fallback });
    else this.deps.notices.dismiss('fallback');
    this.maybeRun();
  }

  /** The engine restarted itself; detection goes on. Say what happened, never silently. */
  recovered(info: ReadyInfo, reason: string): void {
    this.ready(info);
    // One notice says it all, also after a step-down to another backend: what broke, what runs.
    this.deps.notices.dismiss('fallback');
    this.deps.notices.add({ key: 'recovered', text: messages.engineRecovered(reason, messages.backendNames[info.backend]) });
  }

  result(result: ResultResponse, fps: number): void {
    const ready = this.deps.engine.ready;
    if (ready) emitDetections(result, ready.model.id, ready.backend, fps);
  }

  /** A new model or backend did not come up; the one from before still runs. The pickers go
   * back to what runs, and a notice says why and offers to try again. */
  switchFailed(failure: EngineFailure, wanted: EngineOptions): void {
    const running = this.deps.engine.ready;
    const current = this.deps.engine.options;
    if (!running || !current) return;
    this.choose(current.modelId, current.backend);
    emitError({ kind: failure.kind, message: failure.message });
    this.deps.notices.add({
      key: 'switch-failed',
      severity: 'error',
      text: switchFailedText(failure, this.deps.modelName(wanted.modelId), wanted, running),
      action: {
        label: messages.retry,
        run: () => {
          this.choose(wanted.modelId, wanted.backend);
          void this.restartEngine();
        },
      },
    });
  }

  private choose(model: string, backend: BackendRequest): void {
    this.model = model;
    this.backend = backend;
    this.deps.updateUrl({ model, backend });
    this.host.requestUpdate();
  }
}

/** The browser's address, changed in place (no history entry) to hold `changes`. */
export function replaceUrl(changes: UrlChoice): void {
  try {
    history.replaceState(history.state, '', withParams(location.href, changes));
  } catch {
    /* sandboxed frames may refuse; the choice still applies */
  }
}
