import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FramePump as FramePumpType } from '../../../src/camera/frame-pump';

// Node has no VideoFrame or <video>: fakes stand in, so the scheduling rules (one in flight,
// newest replaces pending, nothing leaks) are checked without a browser.
class FakeVideoFrame {
  static made: FakeVideoFrame[] = [];
  closed = false;
  constructor(readonly source: unknown) {
    FakeVideoFrame.made.push(this);
  }
  close() {
    this.closed = true;
  }
}

function fakeVideo() {
  const callbacks = new Map<number, (now: number, meta: { presentedFrames: number }) => void>();
  let next = 1;
  let presented = 0;
  return {
    readyState: 4,
    videoWidth: 640,
    requestVideoFrameCallback(cb: (now: number, meta: { presentedFrames: number }) => void) {
      callbacks.set(next, cb);
      return next++;
    },
    cancelVideoFrameCallback(handle: number) {
      callbacks.delete(handle);
    },
    /** the camera presents a frame at `now`. */
    present(now: number) {
      presented++;
      const pending = [...callbacks.values()];
      callbacks.clear();
      for (const cb of pending) cb(now, { presentedFrames: presented });
    },
  };
}

function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

let FramePump: typeof FramePumpType;
beforeAll(async () => {
  vi.stubGlobal('VideoFrame', FakeVideoFrame);
  ({ FramePump } = await import('../../../src/camera/frame-pump'));
});
afterAll(() => vi.unstubAllGlobals());

function setup() {
  FakeVideoFrame.made = [];
  const video = fakeVideo();
  const sends: Array<{ frame: FakeVideoFrame; id: number; d: ReturnType<typeof deferred> }> = [];
  const onError = vi.fn();
  const pump = new FramePump({
    video: video as unknown as HTMLVideoElement,
    send: (frame, id) => {
      const d = deferred();
      sends.push({ frame: frame as unknown as FakeVideoFrame, id, d });
      return d.promise;
    },
    onError,
  });
  return { video, sends, onError, pump };
}

describe('FramePump', () => {
  it('keeps one frame in flight and captures the newest when it returns', async () => {
    const { video, sends, pump } = setup();
    pump.start();
    expect(sends.map((s) => s.id)).toEqual([1]); // captured at once
    video.present(10);
    video.present(20);
    video.present(30);
    expect(FakeVideoFrame.made).toHaveLength(1); // busy: nothing captured, only marked pending
    sends[0].d.resolve();
    await tick();
    expect(sends.map((s) => s.id)).toEqual([1, 2]); // the pending frame, captured now
    sends[1].d.resolve();
    await tick();
    expect(sends).toHaveLength(2); // nothing pending: wait for the camera
    video.present(40);
    expect(sends.map((s) => s.id)).toEqual([1, 2, 3]);
    pump.stop();
  });

  it('counts camera fps from presented frames, including skipped callbacks', () => {
    const { video, pump } = setup();
    pump.start();
    // frames at 0, 100, 200 ms: 2 intervals / 0.2 s = 10 fps
    video.present(0);
    video.present(100);
    video.present(200);
    expect(pump.cameraFps(200)).toBeCloseTo(10, 9);
    pump.stop();
  });

  it('closes the frame and stops when send fails', async () => {
    const { video, sends, onError, pump } = setup();
    pump.start();
    const boom = new Error('worker crashed');
    sends[0].d.reject(boom);
    await tick();
    expect(sends[0].frame.closed).toBe(true);
    expect(onError).toHaveBeenCalledWith(boom);
    expect(pump.isRunning).toBe(false);
    video.present(50);
    expect(sends).toHaveLength(1);
  });

  it('after stop/start, waits for the old frame before sending again, and ignores its error', async () => {
    const { video, sends, onError, pump } = setup();
    pump.start();
    pump.stop();
    pump.start();
    video.present(10);
    expect(sends).toHaveLength(1); // the first frame is still out
    sends[0].d.reject(new Error('old run'));
    await tick();
    expect(onError).not.toHaveBeenCalled();
    expect(sends.map((s) => s.id)).toEqual([1, 2]);
    pump.stop();
  });

  it('waits for a picture before capturing', () => {
    const { video, sends, pump } = setup();
    video.readyState = 1;
    pump.start();
    expect(sends).toHaveLength(0);
    video.readyState = 4;
    video.present(10);
    expect(sends).toHaveLength(1);
    pump.stop();
  });
});
