// The live loop: camera frames from a video element to the detector (one in flight, through
// the FramePump) and results back. A frame lost to a switch or a crash is not the end of the
// loop: it waits for the restarted worker and carries on with the next frame.
import { FramePump } from '../../camera/frame-pump';
import { EngineError, type DetectorClient } from '../../engine/detector-client';
import type { ResultResponse } from '../../shared/protocol';

export interface FrameLoopHost {
  /** the engine frames go to; null before the first start */
  client(): DetectorClient | null;
  /** a result, with its round trip (frame handed over to result back) */
  result(result: ResultResponse, roundTripMs: number, now: number): void;
  /** the loop stopped itself on an error it cannot carry on from */
  fail(error: unknown): void;
}

export class FrameLoop {
  private pump: FramePump | null = null;
  /** bumps when the loop stops for good (end()): late results of before are not reported. */
  private generation = 0;

  constructor(private readonly host: FrameLoopHost) {}

  /** whether frames are flowing */
  get running(): boolean {
    return this.pump?.isRunning ?? false;
  }

  /** camera frames per second while frames flow, NaN otherwise */
  cameraFps(now: number): number {
    return this.pump?.isRunning ? this.pump.cameraFps(now) : NaN;
  }

  /**
   * Feeds frames from `video` (another video than before replaces it). Returns true when
   * frames were not flowing before: a first run, or a resume after a pause.
   */
  start(video: HTMLVideoElement): boolean {
    if (this.pump?.video !== video) {
      this.pump?.stop();
      this.pump = new FramePump({
        video,
        send: (frame, frameId) => this.send(frame, frameId),
        onError: (err) => this.host.fail(err),
        // frame ids stay unique across camera switches, for whoever logs ssd:detections
        firstFrameId: this.pump?.upcomingFrameId ?? 1,
      });
    }
    const resumed = !this.pump.isRunning;
    this.pump.start();
    return resumed;
  }

  /** Stops feeding frames; a frame in flight still reports its result. */
  pause(): void {
    this.pump?.stop();
  }

  /** Stops for good: a frame still in flight reports nothing. */
  end(): void {
    this.generation++;
    this.pump?.stop();
  }

  private async send(frame: VideoFrame | ImageBitmap, frameId: number): Promise<void> {
    const client = this.host.client();
    if (!client) throw new EngineError('bad-request', 'The detector is not started.');
    const generation = this.generation;
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
    if (generation !== this.generation) return; // a late result of an engine that was stopped
    const now = performance.now();
    this.host.result(result, now - sentAt, now);
  }
}
