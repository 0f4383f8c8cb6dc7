import * as tf from '@tensorflow/tfjs-core';

// The backend's matrix-multiply throughput on this device, as a practical "peak": a bench row
// can then say how much of it a detector reaches (convolutions lower to the same kind of work).

/** Best of `runs` timed n x n x n products, in G multiply-adds per second. */
export async function measureMatmulGmacs(n = 512, runs = 5): Promise<number> {
  const a = tf.randomUniform([n, n]) as tf.Tensor2D;
  const b = tf.randomUniform([n, n]) as tf.Tensor2D;
  let best = Infinity;
  try {
    // first product compiles kernels / warms caches; not timed
    const warm = tf.matMul(a, b);
    await warm.data();
    warm.dispose();
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const c = tf.matMul(a, b);
      await c.data();
      best = Math.min(best, performance.now() - t0);
      c.dispose();
    }
  } finally {
    a.dispose();
    b.dispose();
  }
  return (n * n * n) / (best / 1000) / 1e9;
}
