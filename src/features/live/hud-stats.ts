// The numbers the HUD shows for the engine that runs: detection fps, per-stage times over the
// last 60 frames, and a log of fps and latency over time per model and backend. Kept apart
// from the engine's lifecycle (engine-controller.ts) and the frame loop (frame-loop.ts),
// which feed it results and tell it what runs.
import type { ResultResponse } from '../../shared/protocol';
import { FpsMeter } from '../../metrics/fps-meter';
import { RingBuffer, summarize, type Summary } from '../../metrics/stats';

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

/** What the numbers are about, asked at each refresh. */
export interface HudSource {
  /** camera frames per second now; NaN where unknown or while no frames flow */
  cameraFps(now: number): number;
  /** the log of what runs now (`model|backend`); null while nothing runs, so nothing is logged */
  runningLogKey(): string | null;
}

/** Log points kept per model and backend: ten minutes at the HUD's refresh rate. */
const LOG_POINTS = 2400;
/** "The last 60 frames" of the HUD. */
const WINDOW = 60;
const STATS_REFRESH_MS = 250;

export class HudStats {
  /** the latest snapshot; null before the first result of what runs now */
  stats: EngineStats | null = null;
  lastResult: ResultResponse | null = null;
  /** fps and latency over time, per `${model}|${backend}`, for this session */
  readonly logs = new Map<string, LogPoint[]>();
  private logStart = 0;
  private lastStatsAt = -Infinity;
  private clock: ReturnType<typeof setInterval> | undefined;

  private readonly detectionMeter = new FpsMeter(WINDOW, 3000);
  private readonly inference = new RingBuffer(WINDOW);
  private readonly preprocess = new RingBuffer(WINDOW);
  private readonly postprocess = new RingBuffer(WINDOW);
  private readonly total = new RingBuffer(WINDOW);
  private readonly roundTrip = new RingBuffer(WINDOW);
  private frames = 0;

  /** `onClockRefresh`: the clock rebuilt the snapshot (the host redraws). */
  constructor(
    private readonly source: HudSource,
    private readonly onClockRefresh: () => void,
  ) {}

  /** detection frames per second at `now` */
  fps(now: number): number {
    return this.detectionMeter.fps(now);
  }

  /** Frames start flowing again: detection fps counts running time only, so a pause (hidden
   * page, camera switch) is not a slow frame. */
  resume(): void {
    this.detectionMeter.reset();
  }

  record(result: ResultResponse, roundTripMs: number, now: number): void {
    const t = result.timings;
    this.lastResult = result;
    this.detectionMeter.tick(now);
    this.inference.push(t.inferenceMs);
    this.preprocess.push(t.preprocessMs);
    this.postprocess.push(t.postprocessMs);
    this.total.push(t.totalMs);
    this.roundTrip.push(roundTripMs);
    this.frames++;
    // The first results show at once (slow backends take seconds a frame); then a few
    // refreshes a second, which is as fast as anyone can read them.
    if (this.frames <= 2 || now - this.lastStatsAt >= STATS_REFRESH_MS) this.refresh(now);
  }

  /** Rebuilds the snapshot; also called by the clock so fps decays on a stall. */
  refresh(now = performance.now()): void {
    this.lastStatsAt = now;
    const r = this.lastResult;
    this.stats = {
      detectionFps: this.detectionMeter.fps(now),
      cameraFps: this.source.cameraFps(now),
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

  /** The log under `key`, oldest first. */
  log(key: string): LogPoint[] {
    return this.logs.get(key) ?? [];
  }

  /** A new model or backend: its numbers must not average with the old one's. */
  reset(): void {
    this.detectionMeter.reset();
    for (const b of [this.inference, this.preprocess, this.postprocess, this.total, this.roundTrip]) b.clear();
    this.frames = 0;
    this.lastResult = null;
    this.stats = null;
    this.lastStatsAt = -Infinity;
  }

  // Results refresh the snapshot as they come; this clock covers the gaps, so a stalled
  // detector shows its fps falling instead of the last good figure.
  startClock(): void {
    if (this.clock) return;
    this.clock = setInterval(() => {
      const now = performance.now();
      if (now - this.lastStatsAt < STATS_REFRESH_MS * 2) return;
      this.refresh(now);
      this.onClockRefresh();
    }, STATS_REFRESH_MS * 2);
  }

  stopClock(): void {
    if (this.clock) clearInterval(this.clock);
    this.clock = undefined;
  }

  private logPoint(now: number): void {
    const key = this.source.runningLogKey();
    const s = this.stats;
    if (!key || !s || s.frames === 0) return;
    let log = this.logs.get(key);
    if (!log) {
      log = [];
      this.logs.set(key, log);
      this.logStart = now;
    }
    log.push({ t: (now - this.logStart) / 1000, fps: s.detectionFps, inferenceMs: s.inferenceMs.p50 });
    if (log.length > LOG_POINTS) log.splice(0, log.length - LOG_POINTS);
  }
}
