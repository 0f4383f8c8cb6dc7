import * as tf from '@tensorflow/tfjs-core';
import type { Detector, DetectOptions } from '../detection/detector';
import type { FrameProfile } from '../shared/protocol';

// One frame profiled kernel by kernel (tf.profile), for the bench's profile mode: which
// kernels ran, how often and for how long, grouped by kernel name, beside the frame's upload
// (ImageBitmap -> tensor) and readback. Kernel times are what the backend reports: wall time
// per kernel on CPU and WASM, GPU timer queries on WebGL where the driver has them (else the
// backend says so and the times are 0), and WebGPU timestamp queries where enabled.

export async function profileFrame(detector: Detector, frame: () => tf.Tensor3D, options: DetectOptions, backend: string): Promise<FrameProfile> {
  const u0 = performance.now();
  const image = frame();
  await image.data(); // the upload done, not just queued
  const uploadMs = performance.now() - u0;
  try {
    let readbackMs = 0;
    const w0 = performance.now();
    const info = await tf.profile(async () => {
      const r = await detector.detect(image, options);
      readbackMs = r.timings.readbackMs;
    });
    const wallMs = performance.now() - w0;
    const byName = new Map<string, { name: string; count: number; ms: number }>();
    let timed = true;
    // tf.profile lists op scopes ('fusedConv2d__op') beside the kernels they run: kernels only
    const kernelsRun = info.kernels.filter((k) => !k.name.endsWith('__op'));
    for (const k of kernelsRun) {
      const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : NaN;
      if (!Number.isFinite(ms)) timed = false;
      const e = byName.get(k.name) ?? { name: k.name, count: 0, ms: 0 };
      e.count++;
      e.ms += Number.isFinite(ms) ? ms : 0;
      byName.set(k.name, e);
    }
    const kernels = [...byName.values()].sort((a, b) => b.ms - a.ms || b.count - a.count);
    return {
      backend,
      kernels,
      kernelCount: kernelsRun.length,
      kernelMs: kernels.reduce((s, k) => s + k.ms, 0),
      kernelTimes: timed ? 'measured' : 'not-reported',
      wallMs,
      uploadMs,
      readbackMs,
      peakBytes: info.peakBytes,
    };
  } finally {
    image.dispose();
  }
}
