// The detector as a Lit reactive controller: the engine's lifecycle (start, switch model or
// backend beside the running one, take a switch back, thresholds, stop, failures). The frame
// loop (frame-loop.ts) and the HUD's numbers (hud-stats.ts) are its two helpers; everything
// heavy happens in the worker, this side only routes frames and results.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DetectorClient, EngineError, type EngineOptions, type EngineProgress } from '../../engine/detector-client';
import { thresholdsOf, type Thresholds } from '../../shared/defaults';
import type { FaultKind, ReadyInfo, ResultResponse } from '../../shared/protocol';
import type { AppErrorKind } from '../../automation/automation';
import { messages } from '../../i18n/messages';
import { FrameLoop } from './frame-loop';
import { HudStats, type EngineStats, type LogPoint } from './hud-stats';

export type { EngineStats, LogPoint } from './hud-stats';

export type EnginePhase = 'idle' | 'starting' | 'ready' | 'running' | 'error';

export interface EngineFailure {
  kind: AppErrorKind;
  message: string;
}

export interface EngineCallbacks {
  onReady?: (info: ReadyInfo) => void;
  /** the engine restarted itself after a crash, hang or GPU loss; `info` is what runs now. */
  onRecovered?: (info: ReadyInfo, reason: string) => void;
  /** every result, with the detection fps at that moment. */
  onResult?: (result: ResultResponse, fps: number) => void;
  onError?: (failure: EngineFailure) => void;
  /**
   * A new model or backend failed to start while another one ran: the running one goes on
   * (nothing stops), `failure` says why the new one did not come up, `wanted` what was asked.
   */
  onSwitchFailed?: (failure: EngineFailure, wanted: EngineOptions) => void;
}

function toFailure(err: unknown): EngineFailure {
  if (err instanceof EngineError) return { kind: err.kind === 'superseded' ? 'inference-failed' : err.kind, message: err.message };
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return { kind: 'inference-failed', message };
}

/** A loading stage in the UI's language ("Downloading model: 1.2 MB of 5.4 MB"). */
export function progressText(p: EngineProgress | null): string {
  if (!p) return '';
  const t = messages.progress;
  switch (p.stage) {
    case 'loading':
      return t.loading;
    case 'backend':
      return t.loading;
    case 'download':
      return t.download(messages.pwa.bytes(p.loaded ?? 0), p.total ? messages.pwa.bytes(p.total) : null);
    case 'build':
      return t.build;
    case 'warmup':
      return t.warmup;
    case 'calibrate':
      return t.calibrate(p.step, p.of);
    case 'restart':
      return t.restart(p.threads);
  }
}

/** How the engine is tuning itself, for the HUD ("WASM threads: timing count 2 of 3"); ''
 * for every other stage, which the status line alone says. */
export function progressDetail(p: EngineProgress | null): string {
  if (p?.stage === 'calibrate') return messages.progressDetail.calibrate(p.step, p.of);
  if (p?.stage === 'restart') return messages.progressDetail.restart(p.threads);
  return '';
}

export class EngineController implements ReactiveController {
  phase: EnginePhase = 'idle';
  /** what a starting engine is doing (stage, bytes); null once it runs. */
  progress: EngineProgress | null = null;
  ready: ReadyInfo | null = null;
  failure: EngineFailure | null = null;
  /** the options of the engine that runs (or, on a first start, is being started). */
  options: EngineOptions | null = null;
  /** options of a replacement being started while the engine runs on (a model or backend switch). */
  switching: EngineOptions | null = null;

  private readonly host: ReactiveControllerHost;
  private readonly callbacks: EngineCallbacks;
  private readonly createClient: () => DetectorClient;
  private client: DetectorClient | null = null;
  private startToken = 0;
  private pendingStart: { options: EngineOptions; promise: Promise<ReadyInfo | null> } | null = null;
  private readonly loop: FrameLoop;
  private readonly hud: HudStats;

  constructor(host: ReactiveControllerHost, callbacks: EngineCallbacks = {}, createClient = () => new DetectorClient()) {
    this.host = host;
    this.callbacks = callbacks;
    this.createClient = createClient;
    this.loop = new FrameLoop({
      client: () => this.client,
      result: (result, roundTripMs, now) => this.onResult(result, roundTripMs, now),
      fail: (err) => this.fail(err),
    });
    this.hud = new HudStats(
      {
        cameraFps: (now) => this.loop.cameraFps(now),
        runningLogKey: () => (this.phase === 'running' ? this.logKey() : null),
      },
      () => this.host.requestUpdate(),
    );
    host.addController(this);
  }

  /** the latest result of what runs now; null before its first */
  get lastResult(): ResultResponse | null {
    return this.hud.lastResult;
  }

  /** what the HUD shows (hud-stats.ts); null before the first result of what runs now */
  get stats(): EngineStats | null {
    return this.hud.stats;
  }

  /** fps and latency over time, per `${model}|${backend}`, for this session */
  get logs(): Map<string, LogPoint[]> {
    return this.hud.logs;
  }

  /** true when the engine is up (or running) with these options: no restart needed. */
  readyFor(opts: EngineOptions): boolean {
    const o = this.options;
    return (this.phase === 'ready' || this.phase === 'running') && o !== null && sameOptions(o, opts);
  }

  /**
   * (Re)starts the worker with `opts`. Resolves the ReadyInfo, or null when it failed (see
   * `failure`, and onError was called), or a newer start() or stop() superseded it.
   *
   * While an engine runs, the new one starts beside it and the loop keeps feeding the running
   * one until the new one is ready; if the new one fails, the running one simply goes on and
   * onSwitchFailed says why.
   */
  start(opts: EngineOptions): Promise<ReadyInfo | null> {
    if (this.pendingStart && sameOptions(this.pendingStart.options, opts)) return this.pendingStart.promise;
    if (this.readyFor(opts)) {
      // Asked for what already runs (a switch taken back while it loads): drop the switch. A
      // switch that has already ended the running worker (first-run thread calibration) cannot
      // be dropped: what ran before is started again instead, replacing that switch.
      if (!this.switching || this.cancelSwitch()) return Promise.resolve(this.ready);
    }
    const promise = this.startEngine(opts);
    const pending = { options: { ...opts }, promise };
    this.pendingStart = pending;
    void promise.finally(() => {
      if (this.pendingStart === pending) this.pendingStart = null;
    });
    return promise;
  }

  private async startEngine(opts: EngineOptions): Promise<ReadyInfo | null> {
    const token = ++this.startToken;
    const replacing = this.phase === 'ready' || this.phase === 'running';
    if (replacing) {
      this.switching = { ...opts };
    } else {
      this.pause();
      this.phase = 'starting';
      this.ready = null;
      this.options = { ...opts };
      this.hud.reset();
    }
    this.failure = null;
    this.progress = null;
    this.host.requestUpdate();
    const client = (this.client ??= this.createClient());
    client.onRecovered = (info, reason) => {
      this.ready = info;
      // numbers of the old worker (or backend) must not average with the new one's
      this.hud.reset();
      this.host.requestUpdate();
      this.callbacks.onRecovered?.(info, reason);
    };
    client.onFatal = (error) => this.fail(error);
    client.onProgress = (progress) => {
      if (token !== this.startToken) return;
      this.progress = progress;
      this.host.requestUpdate();
    };
    try {
      const info = await client.start(opts);
      if (token !== this.startToken) return null;
      // what is wanted now: thresholds may have changed while it started (configure())
      const wanted = (replacing ? this.switching : this.options) ?? opts;
      this.switching = null;
      this.options = { ...wanted };
      this.ready = info;
      if (this.phase !== 'running') this.phase = 'ready';
      this.progress = null;
      // the new model's (or backend's) numbers start from zero
      if (replacing) this.hud.reset();
      // thresholds changed while it started: the worker got the old ones in its init
      if (wanted.scoreThreshold !== opts.scoreThreshold || wanted.iouThreshold !== opts.iouThreshold || wanted.maxDetections !== opts.maxDetections) {
        await client.configure(thresholdsOf(wanted)).catch(() => {});
      }
      this.host.requestUpdate();
      this.callbacks.onReady?.(info);
      return info;
    } catch (err) {
      if (token !== this.startToken) return null;
      this.switching = null;
      this.progress = null;
      if (replacing && client.running && (this.phase === 'ready' || this.phase === 'running')) {
        // The engine from before never stopped: report, and let it go on.
        this.host.requestUpdate();
        this.callbacks.onSwitchFailed?.(toFailure(err), { ...opts });
        return null;
      }
      this.fail(err);
      return null;
    }
  }

  /** Drops the switch under way; false when it is too late (see DetectorClient.cancelStart). */
  private cancelSwitch(): boolean {
    if (this.client && !this.client.cancelStart()) return false;
    this.startToken++;
    this.switching = null;
    this.progress = null;
    // asking for the same switch again starts it anew, not the promise of the dropped one
    this.pendingStart = null;
    this.host.requestUpdate();
    return true;
  }

  /** progress in words, in the UI's language; '' once the engine runs. */
  get status(): string {
    return progressText(this.progress);
  }

  /** how a tuning start is going, for the HUD (progressDetail); '' otherwise */
  get statusDetail(): string {
    return progressDetail(this.progress);
  }

  /**
   * New score / IoU thresholds and box limit for the running engine: applied in the worker
   * from the next frame, without reloading the model. Before start, they are simply kept.
   */
  async configure(thresholds: Thresholds): Promise<void> {
    if (!this.options) return;
    this.options = { ...this.options, ...thresholds };
    if (this.switching) this.switching = { ...this.switching, ...thresholds };
    if (this.phase === 'ready' || this.phase === 'running') await this.client?.configure(thresholds);
  }

  /** Starts feeding frames from `video`. Only once the engine is ready. */
  run(video: HTMLVideoElement): boolean {
    if (this.phase !== 'ready' && this.phase !== 'running') return false;
    if (this.loop.start(video)) this.hud.resume();
    this.phase = 'running';
    this.hud.startClock();
    this.host.requestUpdate();
    return true;
  }

  /** Stops feeding frames; the worker stays warm for a quick restart. */
  pause(): void {
    this.loop.pause();
    this.hud.stopClock();
    if (this.phase === 'running') {
      this.phase = 'ready';
      this.host.requestUpdate();
    }
  }

  /** Stops the loop and terminates the worker. */
  stop(): void {
    this.startToken++;
    this.loop.end();
    this.switching = null;
    this.hud.stopClock();
    this.client?.stop();
    this.phase = 'idle';
    this.ready = null;
    this.progress = null;
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** Breaks the engine on purpose (the app's ?debug=1 hook): recovery tests and demos. */
  injectFault(fault: FaultKind): void {
    this.client?.injectFault(fault);
  }

  /** Rebuilds the HUD snapshot now (the host's clock calls it so fps decays on a stall). */
  refreshStats(now = performance.now()): void {
    this.hud.refresh(now);
  }

  /** The live log of what runs now (model and backend), oldest first. */
  currentLog(): LogPoint[] {
    const key = this.logKey();
    return key ? this.hud.log(key) : [];
  }

  private logKey(): string | null {
    return this.ready ? `${this.ready.model.id}|${this.ready.backend}` : null;
  }

  private onResult(result: ResultResponse, roundTripMs: number, now: number): void {
    this.hud.record(result, roundTripMs, now);
    this.host.requestUpdate();
    this.callbacks.onResult?.(result, this.hud.fps(now));
  }

  private fail(err: unknown): void {
    this.loop.pause();
    this.hud.stopClock();
    this.phase = 'error';
    this.failure = toFailure(err);
    this.progress = null;
    this.host.requestUpdate();
    this.callbacks.onError?.(this.failure);
  }
}

function sameOptions(a: EngineOptions, b: EngineOptions): boolean {
  return (
    a.modelId === b.modelId &&
    a.backend === b.backend &&
    a.scoreThreshold === b.scoreThreshold &&
    a.iouThreshold === b.iouThreshold &&
    a.maxDetections === b.maxDetections
  );
}
