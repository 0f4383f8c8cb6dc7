// The hang watchdog of the live loop: tells a slow frame from a worker that stopped
// answering, from the round trips of the frames before, and ends the worker when a frame
// takes far longer than they did (crash recovery then restarts it).
import type { Frame } from './worker-bridge';

/** Round trips remembered: enough to ride out a few slow frames. */
const RECENT = 20;

/** "640x480" for a frame or bitmap, null where it does not say. */
function frameKey(frame: Frame): string | null {
  const f = frame as Partial<Pick<VideoFrame, 'displayWidth' | 'displayHeight'>> & Partial<Pick<ImageBitmap, 'width' | 'height'>>;
  const [w, h] = f.displayWidth !== undefined ? [f.displayWidth, f.displayHeight] : [f.width, f.height];
  return w && h ? `${w}x${h}` : null;
}

export class HangWatchdog {
  /** recent detect round trips of the running worker, ms */
  private recentMs: number[] = [];
  /** size of the frames recentMs were measured on */
  private frameSize: string | null = null;
  /** the running worker's cold start, for the limit while it compiles */
  private warmupMs = 0;

  /** A new worker runs: its first frames compile kernels again. */
  restart(warmupMs: number): void {
    this.recentMs = [];
    this.warmupMs = warmupMs;
  }

  /** How long a frame may take before the worker counts as hung: generous while the first
   * frames compile kernels, then three times the slowest of the last 20 frames, at least 1 s.
   * That restarts a hung WASM worker within about 2 s here (200-300 ms frames: 1 s to notice,
   * under 1 s to restart) while a slow backend (seconds a frame) gets seconds more. */
  limitMs(): number {
    if (this.recentMs.length < 3) return Math.max(15_000, 3 * this.warmupMs);
    return Math.max(1_000, 3 * Math.max(...this.recentMs));
  }

  /**
   * Watches the round trip of `frame`, about to be sent: `onHang` gets the time waited if no
   * answer came within the limit. Call `answered()` when it comes back (its time then counts
   * towards the limit) and `end()` in any case.
   */
  watch(frame: Frame, onHang: (waitedMs: number) => void): { answered(): void; end(): void } {
    // A new frame size (camera switch, rotation) means new kernels on GPU backends, which can
    // take seconds like the first frames: the limit starts over from its generous value.
    const size = frameKey(frame);
    if (size !== null && size !== this.frameSize) {
      this.recentMs = [];
      this.frameSize = size;
    }
    const sent = performance.now();
    const timer = setTimeout(() => onHang(performance.now() - sent), this.limitMs());
    return {
      answered: () => {
        this.recentMs.push(performance.now() - sent);
        if (this.recentMs.length > RECENT) this.recentMs.shift();
      },
      end: () => clearTimeout(timer),
    };
  }
}
