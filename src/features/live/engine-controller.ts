// The detector as a Lit reactive controller: owns the DetectorClient (the worker) and the
// FramePump, runs the loop, and keeps the numbers the HUD shows. Everything heavy happens in
// the worker; this side only routes frames and results.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { FramePump } from '../../camera/frame-pump';
import { DetectorClient, EngineError, type EngineOptions, type EngineProgress } from '../../engine/detector-client';
import type { FaultKind, ReadyInfo, ResultResponse } from '../../shared/protocol';
import { FpsMeter } from '../../metrics/fps-meter';
import { RingBuffer, summarize, type Summary } from '../../metrics/stats';
import type { AppErrorKind } from '../../automation/automation';
import { messages } from '../../i18n/messages';

export type EnginePhase = 'idle' | 'starting' | 'ready' | 'running' | 'error';

export interface EngineFailure {
  kind: AppErrorKind;
  message: string;
}

/** What the HUD shows; a snapshot, refreshed a few times a second so it can be read. */
export interface EngineStats {
  detectionFps: number;
  /** NaN where the browser cannot tell. */
  cameraFps: number;
  inferenceMs: Summary;
  preprocessMs: Summary;
  postprocessMs: Summary;
  /** worker-side total per frame. */
  totalMs: Summary;
  /** main thread: frame handed over -> result back (includes transfer and queueing). */
  roundTripMs: Summary;
  numTensors: number | null;
  frameWidth: number;
  frameHeight: number;
  frames: number;
}

/** One point of the live log: detection fps and warm inference p50 at a moment. */
export interface LogPoint {
  /** seconds since this model and backend started */
  t: number;
  fps: number;
  inferenceMs: number;
}

/** Log points kept per model and backend: ten minutes at the HUD's refresh rate. */
const LOG_POINTS = 2400;

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

/** "The last 60 frames" of the HUD. */
const WINDOW = 60;
const STATS_REFRESH_MS = 250;

type Thresholds = { scoreThreshold: number; iouThreshold: number; maxDetections: number };

function thresholdsOf(o: EngineOptions): Thresholds {
  return { scoreThreshold: o.scoreThreshold ?? 0.5, iouThreshold: o.iouThreshold ?? 0.5, maxDetections: o.maxDetections ?? 100 };
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
  lastResult: ResultResponse | null = null;
  stats: EngineStats | null = null;
  /** fps and latency over time, per `${model}|${backend}`, for this session */
  readonly logs = new Map<string, LogPoint[]>();
  private logStart = 0;

  private readonly host: ReactiveControllerHost;
  private readonly callbacks: EngineCallbacks;
  private readonly createClient: () => DetectorClient;
  private client: DetectorClient | null = null;
  private pump: FramePump | null = null;
  private startToken = 0;
  private pendingStart: { options: EngineOptions; promise: Promise<ReadyInfo | null> } | null = null;
  /** bumps when the loop stops for good (stop()): late results of before are not reported. */
  private runGeneration = 0;
  private lastStatsAt = -Infinity;
  private clock: ReturnType<typeof setInterval> | undefined;

  private readonly detectionMeter = new FpsMeter(WINDOW, 3000);
  private readonly inference = new RingBuffer(WINDOW);
  private readonly preprocess = new RingBuffer(WINDOW);
  private readonly postprocess = new RingBuffer(WINDOW);
  private readonly total = new RingBuffer(WINDOW);
  private readonly roundTrip = new RingBuffer(WINDOW);
  private frames = 0;

  constructor(host: ReactiveControllerHost, callbacks: EngineCallbacks = {}, createClient = () => new DetectorClient()) {
    this.host = host;
    this.callbacks = callbacks;
    this.createClient = createClient;
    host.addController(this);
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
      this.resetStats();
    }
    this.failure = null;
    this.progress = null;
    this.host.requestUpdate();
    const client = (this.client ??= this.createClient());
    client.onRecovered = (info, reason) => {
      this.ready = info;
      // numbers of the old worker (or backend) must not average with the new one's
      this.resetStats();
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
      if (replacing) this.resetStats();
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
    if (this.pump?.video !== video) {
      this.pump?.stop();
      this.pump = new FramePump({
        video,
        send: (frame, frameId) => this.send(frame, frameId),
        onError: (err) => this.fail(err),
        // frame ids stay unique across camera switches, for whoever logs ssd:detections
        firstFrameId: this.pump?.upcomingFrameId ?? 1,
      });
    }
    if (!this.pump.isRunning) {
      // Detection fps counts running time only: a pause (hidden page, camera switch) is not a
      // slow frame.
      this.detectionMeter.reset();
    }
    this.pump.start();
    this.phase = 'running';
    this.startClock();
    this.host.requestUpdate();
    return true;
  }

  /** Stops feeding frames; the worker stays warm for a quick restart. */
  pause(): void {
    this.pump?.stop();
    this.stopClock();
    if (this.phase === 'running') {
      this.phase = 'ready';
      this.host.requestUpdate();
    }
  }

  /** Stops the loop and terminates the worker. */
  stop(): void {
    this.startToken++;
    this.runGeneration++;
    this.switching = null;
    this.pump?.stop();
    this.stopClock();
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

  private async send(frame: VideoFrame | ImageBitmap, frameId: number): Promise<void> {
    const client = this.client;
    if (!client) throw new EngineError('bad-request', 'The detector is not started.');
    const generation = this.runGeneration;
    const sentAt = performance.now();
    let result: ResultResponse;
    try {
      result = await client.detect(frame, frameId);
    } catch (err) {
      // The worker this frame went to was just replaced by a newly started one: drop it. With
      // nothing running or being swapped in, though, that would hide a dead engine.
      if (err instanceof EngineError && err.kind === 'superseded' && client.running) return;
      // A crash or hang loses this frame; the client is already restarting the worker. Wait
      // for it and carry on with the next frame instead of stopping the loop.
      const recoverable = err instanceof EngineError && (err.kind === 'worker-crashed' || err.kind === 'device-lost');
      const recovery = recoverable ? client.recovery : null;
      if (recovery && (await recovery)) return;
      throw err;
    }
    if (generation !== this.runGeneration) return; // a late result of an engine that was stopped
    const now = performance.now();
    this.lastResult = result;
    this.record(result, now - sentAt, now);
    this.host.requestUpdate();
    this.callbacks.onResult?.(result, this.detectionMeter.fps(now));
  }

  private fail(err: unknown): void {
    this.pump?.stop();
    this.stopClock();
    this.phase = 'error';
    this.failure = toFailure(err);
    this.progress = null;
    this.host.requestUpdate();
    this.callbacks.onError?.(this.failure);
  }

  private record(result: ResultResponse, roundTripMs: number, now: number): void {
    const t = result.timings;
    this.detectionMeter.tick(now);
    this.inference.push(t.inferenceMs);
    this.preprocess.push(t.preprocessMs);
    this.postprocess.push(t.postprocessMs);
    this.total.push(t.totalMs);
    this.roundTrip.push(roundTripMs);
    this.frames++;
    // The first results show at once (slow backends take seconds a frame); then a few
    // refreshes a second, which is as fast as anyone can read them.
    if (this.frames <= 2 || now - this.lastStatsAt >= STATS_REFRESH_MS) this.refreshStats(now);
  }

  /** Rebuilds the HUD snapshot; also called by the host's clock so fps decays on a stall. */
  refreshStats(now = performance.now()): void {
    this.lastStatsAt = now;
    const r = this.lastResult;
    this.stats = {
      detectionFps: this.detectionMeter.fps(now),
      cameraFps: this.pump?.isRunning ? this.pump.cameraFps(now) : NaN,
      inferenceMs: summarize(this.inference.values()),
      preprocessMs: summarize(this.preprocess.values()),
      postprocessMs: summarize(this.postprocess.values()),
      totalMs: summarize(this.total.values()),
      roundTripMs: summarize(this.roundTrip.values()),
      numTensors: r?.numTensors ?? null,
      frameWidth: r?.width ?? 0,
      frameHeight: r?.height ?? 0,
      frames: this.frames,
    };
    this.logPoint(now);
  }

  /** The live log of what runs now (model and backend), oldest first. */
  currentLog(): LogPoint[] {
    const key = this.logKey();
    return key ? (this.logs.get(key) ?? []) : [];
  }

  private logKey(): string | null {
    return this.ready ? `${this.ready.model.id}|${this.ready.backend}` : null;
  }

  private logPoint(now: number): void {
    const key = this.logKey();
    const s = this.stats;
    if (!key || !s || s.frames === 0 || this.phase !== 'running') return;
    let log = this.logs.get(key);
    if (!log) {
      log = [];
      this.logs.set(key, log);
      this.logStart = now;
    }
    log.push({ t: (now - this.logStart) / 1000, fps: s.detectionFps, inferenceMs: s.inferenceMs.p50 });
    if (log.length > LOG_POINTS) log.splice(0, log.length - LOG_POINTS);
  }

  // Results refresh the HUD as they come; this clock covers the gaps, so a stalled detector
  // shows its fps falling instead of the last good figure.
  private startClock(): void {
    if (this.clock) return;
    this.clock = setInterval(() => {
      const now = performance.now();
      if (now - this.lastStatsAt < STATS_REFRESH_MS * 2) return;
      this.refreshStats(now);
      this.host.requestUpdate();
    }, STATS_REFRESH_MS * 2);
  }

  private stopClock(): void {
    if (this.clock) clearInterval(this.clock);
    this.clock = undefined;
  }

  private resetStats(): void {
    // A new model or backend must not average with the old one's numbers.
    this.detectionMeter.reset();
    for (const b of [this.inference, this.preprocess, this.postprocess, this.total, this.roundTrip]) b.clear();
    this.frames = 0;
    this.lastResult = null;
    this.stats = null;
    this.lastStatsAt = -Infinity;
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
