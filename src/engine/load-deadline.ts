// How long a worker may take to load a model before it counts as stuck (a download that
// stalled, a fetch that never answers, an imported graph whose While loop never ends). A fixed
// small limit would cut off a big model on a slow phone or a GPU backend compiling shaders for
// a minute, so the limit is generous, grows with the model's size, and starts again with every
// progress message: a load that keeps moving is never cut off, one that goes silent is.
import type { LoadStage } from '../shared/protocol';

/** silence allowed after any progress message, whatever the model's size */
export const LOAD_BASE_MS = 90_000;
/** more per MB of weights: parsing, uploading and compiling grow with the model */
export const LOAD_PER_MB_MS = 2_000;
/** the first run compiles every kernel: on a software or weak GPU (SwiftShader: tens of
 * seconds for a small SSD) it is the longest silent step of a load */
const WARMUP_FACTOR = 3;

/** The silence allowed in `stage` while loading a model of `bytes` (0 when not known yet). */
export function loadLimitMs(bytes: number, stage?: LoadStage): number {
  const limit = LOAD_BASE_MS + (LOAD_PER_MB_MS * Math.max(0, bytes)) / 1e6;
  return stage === 'warmup' ? WARMUP_FACTOR * limit : limit;
}

/** A bare model timing (thread calibration) is stuck after this: generous against the first
 * run's time, which included compiling. */
export function timingLimitMs(warmupMs: number, runs: number): number {
  return LOAD_BASE_MS / 3 + 10 * runs * Math.max(0, warmupMs);
}

/** A timer that fires `onExpired` after a silence of loadLimitMs(size); every sign of life
 * (progress) starts it again, with the largest model size heard of so far. */
export class LoadDeadline {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private bytes = 0;
  private stage: LoadStage | undefined;
  private armedAt = 0;
  private stopped = false;

  constructor(private readonly onExpired: (silentMs: number) => void) {
    this.arm();
  }

  /** progress: the load is alive and in `stage`; `bytes` is the model size when the message
   * tells it */
  alive(stage: LoadStage, bytes?: number | null): void {
    if (bytes && bytes > this.bytes) this.bytes = bytes;
    this.stage = stage;
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private arm(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.armedAt = performance.now();
    this.timer = setTimeout(() => {
      this.stopped = true;
      this.onExpired(performance.now() - this.armedAt);
    }, loadLimitMs(this.bytes, this.stage));
  }
}
