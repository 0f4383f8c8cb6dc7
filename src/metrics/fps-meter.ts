// Frames per second from event timestamps (ms). Pure: callers pass the clock in, so tests
// feed hand-made timestamps and the app passes performance.now() / rVFC times.
import { RingBuffer } from './stats';

/**
 * Rate of the events in `timestamps` (ascending, ms) that fall in (now - windowMs, now].
 *
 * With n events from `first` to `last`, the steady rate is (n - 1) intervals over
 * (last - first). When the pipeline stalls, that figure would stay frozen until the events
 * age out of the window; instead, once the gap since the last event exceeds the mean
 * interval, the extra wait is added to the span, so a stall reads as a falling rate. In
 * steady state (gap below the mean interval) the result is exactly (n - 1) / (last - first).
 * Fewer than two events in the window: 0.
 */
export function fpsFromTimestamps(timestamps: ArrayLike<number>, nowMs: number, windowMs: number): number {
  const from = nowMs - windowMs;
  let first = NaN;
  let last = NaN;
  let n = 0;
  for (let i = 0; i < timestamps.length; i++) {
    const t = timestamps[i];
    if (t <= from || t > nowMs) continue;
    if (n === 0) first = t;
    last = t;
    n++;
  }
  if (n < 2) return 0;
  const covered = last - first;
  if (covered <= 0) return 0;
  const meanInterval = covered / (n - 1);
  const gap = nowMs - last;
  const span = covered + Math.max(0, gap - meanInterval);
  return ((n - 1) * 1000) / span;
}

/** Keeps the last `maxEvents` timestamps and reports their rate over `windowMs`. */
export class FpsMeter {
  private readonly times: RingBuffer;

  constructor(
    maxEvents = 60,
    readonly windowMs = 2000,
  ) {
    this.times = new RingBuffer(maxEvents);
  }

  tick(timestampMs: number): void {
    this.times.push(timestampMs);
  }

  fps(nowMs: number): number {
    return fpsFromTimestamps(this.times.values(), nowMs, this.windowMs);
  }

  /** events currently remembered (at most maxEvents). */
  get count(): number {
    return this.times.length;
  }

  reset(): void {
    this.times.clear();
  }
}
