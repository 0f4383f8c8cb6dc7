// Feeds camera frames to the detector with exactly one frame in flight. A camera frame that
// arrives while the detector is busy is not captured (capturing costs main-thread time and
// would go stale in a queue); it only marks "pending", and when the busy frame comes back
// the newest picture on the video element is captured at once. So the detector always sees
// the latest frame and never waits for the camera when the camera is faster than it.
import { FpsMeter } from '../metrics/fps-meter';

export type PumpFrame = VideoFrame | ImageBitmap;
/** Takes ownership of the frame (transfers or closes it). */
export type SendFrame = (frame: PumpFrame, frameId: number) => Promise<void>;

export interface FramePumpOptions {
  video: HTMLVideoElement;
  send: SendFrame;
  /** called once, after the pump has stopped itself. */
  onError?: (error: unknown) => void;
  /** first frame id; ids rise by one per captured frame. */
  firstFrameId?: number;
}

// Capture cost measured on the dev box: 2.5 ms for a VideoFrame against 6.7 ms for
// createImageBitmap, so VideoFrame wherever WebCodecs exists.
const hasVideoFrame = typeof VideoFrame === 'function';
const HAVE_CURRENT_DATA = 2; // HTMLMediaElement.HAVE_CURRENT_DATA, without needing the DOM global

function closeFrame(frame: PumpFrame): void {
  try {
    frame.close(); // no-op on a frame that was already transferred or closed
  } catch {
    /* nothing left to release */
  }
}

export class FramePump {
  readonly video: HTMLVideoElement;
  private readonly send: SendFrame;
  private readonly onError: ((error: unknown) => void) | null;
  private readonly cameraMeter = new FpsMeter(60, 2000);

  private running = false;
  /** bumps on every start/stop, so late completions of an older run are recognised. */
  private generation = 0;
  /** survives stop(): a restarted pump must still wait for the old frame to come back. */
  private inFlight: Promise<void> | null = null;
  private pending = false;
  private nextFrameId: number;
  private rvfcHandle = 0;
  private rafHandle = 0;
  private lastPresented = -1;
  private cameraFpsKnown = false;

  /** frames handed to `send`. */
  framesSent = 0;

  constructor({ video, send, onError, firstFrameId = 1 }: FramePumpOptions) {
    this.video = video;
    this.send = send;
    this.onError = onError ?? null;
    this.nextFrameId = firstFrameId;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** the id the next captured frame will get. */
  get upcomingFrameId(): number {
    return this.nextFrameId;
  }

  /** camera frames per second as presented by the video element; NaN where unknown. */
  cameraFps(nowMs: number): number {
    return this.cameraFpsKnown ? this.cameraMeter.fps(nowMs) : NaN;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.generation++;
    this.cameraMeter.reset();
    this.lastPresented = -1;
    this.schedule();
    // The element may already show a frame; do not wait a frame interval for the next one.
    this.pending = true;
    this.pump();
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.generation++;
    this.pending = false;
    if (this.rvfcHandle) this.video.cancelVideoFrameCallback(this.rvfcHandle);
    if (this.rafHandle) cancelAnimationFrame(this.rafHandle);
    this.rvfcHandle = this.rafHandle = 0;
  }

  private schedule(): void {
    if (typeof this.video.requestVideoFrameCallback === 'function') {
      this.rvfcHandle = this.video.requestVideoFrameCallback(this.onVideoFrame);
    } else {
      this.rafHandle = requestAnimationFrame(this.onAnimationFrame);
    }
  }

  private readonly onVideoFrame = (now: number, meta: VideoFrameCallbackMetadata): void => {
    this.rvfcHandle = 0;
    if (!this.running) return;
    this.schedule();
    // Callbacks can be skipped when the main thread is busy; presentedFrames tells how many
    // frames really went by. Ticking the same time for each keeps the rate right.
    const missed = this.lastPresented < 0 ? 1 : Math.min(meta.presentedFrames - this.lastPresented, 10);
    this.lastPresented = meta.presentedFrames;
    for (let i = 0; i < Math.max(1, missed); i++) this.cameraMeter.tick(now);
    this.cameraFpsKnown = true;
    this.pending = true;
    this.pump();
  };

  // Fallback for browsers without requestVideoFrameCallback: a new frame is only known where
  // getVideoPlaybackQuality counts them; otherwise every animation frame may be one, and the
  // camera rate is reported as unknown rather than as the display rate.
  private readonly onAnimationFrame = (now: number): void => {
    this.rafHandle = 0;
    if (!this.running) return;
    this.schedule();
    const total = this.video.getVideoPlaybackQuality?.().totalVideoFrames ?? 0;
    if (total > 0) {
      if (total === this.lastPresented) return;
      const missed = this.lastPresented < 0 ? 1 : Math.min(total - this.lastPresented, 10);
      this.lastPresented = total;
      for (let i = 0; i < Math.max(1, missed); i++) this.cameraMeter.tick(now);
      this.cameraFpsKnown = true;
    }
    this.pending = true;
    this.pump();
  };

  private pump(): void {
    if (!this.running || this.inFlight || !this.pending) return;
    // No picture yet (stream just attached): stay pending, the next video frame retries.
    if (this.video.readyState < HAVE_CURRENT_DATA || this.video.videoWidth === 0) return;
    this.pending = false;
    const generation = this.generation;
    const frameId = this.nextFrameId++;
    const flight = this.captureAndSend(frameId, generation);
    this.inFlight = flight;
    flight.then(
      () => this.settle(flight, generation, null),
      (error: unknown) => this.settle(flight, generation, error ?? new Error('send failed')),
    );
  }

  private settle(flight: Promise<void>, generation: number, error: unknown): void {
    if (this.inFlight === flight) this.inFlight = null;
    // A failure of a frame from before a stop() belongs to the old run (often "the worker was
    // replaced"): not this run's error.
    if (error !== null && generation === this.generation) {
      this.stop();
      this.onError?.(error);
      return;
    }
    this.pump();
  }

  private async captureAndSend(frameId: number, generation: number): Promise<void> {
    const frame: PumpFrame = hasVideoFrame ? new VideoFrame(this.video) : await createImageBitmap(this.video);
    if (generation !== this.generation) {
      closeFrame(frame); // stopped while createImageBitmap ran
      return;
    }
    this.framesSent++;
    try {
      await this.send(frame, frameId);
    } catch (error) {
      // If send failed before transferring, the frame is still ours to release.
      closeFrame(frame);
      throw error;
    }
  }
}
