import * as tf from '@tensorflow/tfjs-core';

// The backend's throughput on this device: a practical "peak" a bench row can compare a
// detector's achieved mult-adds per second with. It must be an upper bound: a matmul alone was
// not (a detector's fused 1x1 convolutions ran at 115% of it on WASM), so the probe is the best
// of large matrix products (the size grows until one takes long enough to be dominated by
// arithmetic) and of fused 1x1 convolutions at SSD widths on a 38x38 map, each the best of
// several runs. A row above 100% of it is reported as a probe fault, not as a share.

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

/** Best of three fused 1x1 convolutions (bias, ReLU) of `width` channels on a 38x38 map, in ms. */
async function timeConv1x1(width: number): Promise<number> {
  const x = tf.randomUniform([1, 38, 38, width]) as tf.Tensor4D;
  const filter = tf.randomUniform([1, 1, width, width], -0.05, 0.05) as tf.Tensor4D;
  const bias = tf.zeros([width]) as tf.Tensor1D;
  const run = () => tf.fused.conv2d({ x, filter, bias, strides: 1, pad: 'same', activation: 'relu' });
  try {
    await readAndDispose(run());
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await readAndDispose(run());
      best = Math.min(best, performance.now() - t0);
    }
    return best;
  } finally {
    tf.dispose([x, filter, bias]);
  }
}

/** G multiply-adds per second: the fastest of large matrix products and SSD-width 1x1 convs. */
export async function measureMatmulGmacs(): Promise<number> {
  let n = 256;
  let bestGmacs = 0;
  for (;;) {
    const ms = await timeProduct(n);
    bestGmacs = Math.max(bestGmacs, (n * n * n) / (ms / 1000) / 1e9);
    if (ms >= ENOUGH_MS || n >= MAX_N) break;
    n *= 2;
  }
  // widening until one convolution is long enough to count (a slow backend stops early)
  for (const width of [256, 512, 1024]) {
    const ms = await timeConv1x1(width);
    bestGmacs = Math.max(bestGmacs, (38 * 38 * width * width) / (ms / 1000) / 1e9);
    if (ms >= ENOUGH_MS) break;
  }
  return bestGmacs;
}
