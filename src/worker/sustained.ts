import * as tf from '@tensorflow/tfjs-core';
import type { Detector, DetectOptions } from '../detection/detector';
import type { SustainedRun, SustainedWindow } from '../shared/protocol';

// The sustained run: the model runs back to back on the bench's fixed frame, as the live loop
// would on a camera, for N seconds; fps and inference p50/p95 per 10-second window show whether
// the speed holds (a phone that heats up throttles within minutes). Burst = the first minute
// (or the first half of a shorter run), sustained = the last; tensors and bytes at both ends.

export const WINDOW_S = 10;

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))] : NaN;
}

function windowOf(startS: number, times: number[], inference: number[], spanS: number): SustainedWindow {
  const t = [...times].sort((a, b) => a - b);
  const inf = [...inference].sort((a, b) => a - b);
  return { startS, frames: times.length, fps: times.length / spanS, totalP50Ms: percentile(t, 0.5), inferenceP50Ms: percentile(inf, 0.5), inferenceP95Ms: percentile(inf, 0.95) };
}

export async function sustainedRun(detector: Detector, image: tf.Tensor3D, options: DetectOptions, seconds: number): Promise<SustainedRun> {
  const memoryStart = tf.memory();
  const windows: SustainedWindow[] = [];
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  let windowStart = t0;
  let times: number[] = [];
  let inference: number[] = [];
  while (performance.now() < end) {
    const s = performance.now();
    const { timings } = await detector.detect(image, options);
    const now = performance.now();
    times.push(now - s);
    inference.push(timings.inferenceMs);
    if (now - windowStart >= WINDOW_S * 1000 || now >= end) {
      windows.push(windowOf(Math.round((windowStart - t0) / 1000), times, inference, (now - windowStart) / 1000));
      windowStart = now;
      times = [];
      inference = [];
    }
  }
  const memoryEnd = tf.memory();
  // the first and last minute, or halves of a shorter run
  const span = Math.max(1, Math.min(Math.round(60 / WINDOW_S), Math.floor(windows.length / 2)));
  const mean = (ws: SustainedWindow[]) => ws.reduce((s, w) => s + w.frames, 0) / ws.reduce((s, w) => s + w.frames / w.fps, 0);
  const burstFps = mean(windows.slice(0, span));
  const sustainedFps = mean(windows.slice(-span));
  return {
    seconds: (performance.now() - t0) / 1000,
    windowS: WINDOW_S,
    windows,
    spanWindows: span,
    burstFps,
    sustainedFps,
    ratio: sustainedFps / burstFps,
    tensorsStart: memoryStart.numTensors,
    tensorsEnd: memoryEnd.numTensors,
    bytesStart: memoryStart.numBytes,
    bytesEnd: memoryEnd.numBytes,
  };
}
