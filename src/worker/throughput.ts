import * as tf from '@tensorflow/tfjs-core';

// The backend's matrix-multiply throughput on this device: a practical "peak" a bench row can
// compare a detector's achieved mult-adds per second with. Small products under-use a backend
// (thread start-up, dispatch), so the size grows until one product takes long enough to be
// dominated by arithmetic; the best of several runs at that size is reported.

const ENOUGH_MS = 60;
const MAX_N = 2048;

/** Waits for the product on the device; it is released even when the read-back fails. */
async function readAndDispose(c: tf.Tensor): Promise<void> {
  try {
    await c.data();
  } finally {
    c.dispose();
  }
}

async function timeProduct(n: number): Promise<number> {
  const [a, b] = [tf.randomUniform([n, n]) as tf.Tensor2D, tf.randomUniform([n, n]) as tf.Tensor2D];
  try {
    await readAndDispose(tf.matMul(a, b)); // compiles kernels / warms caches; not timed
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await readAndDispose(tf.matMul(a, b));
      best = Math.min(best, performance.now() - t0);
    }
    return best;
  } finally {
    a.dispose();
    b.dispose();
  }
}

/** G multiply-adds per second of the fastest n x n x n product at a size where it counts. */
export async function measureMatmulGmacs(): Promise<number> {
  let n = 256;
  let bestGmacs = 0;
  for (;;) {
    const ms = await timeProduct(n);
    bestGmacs = Math.max(bestGmacs, (n * n * n) / (ms / 1000) / 1e9);
    if (ms >= ENOUGH_MS || n >= MAX_N) return bestGmacs;
    n *= 2;
  }
}
