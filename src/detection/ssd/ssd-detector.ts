import * as tf from '@tensorflow/tfjs-core';
import type { Detector, DetectOptions, DetectResult } from '../detector';
import { preprocess, squareToImage, type PreprocessConfig } from '../preprocess';
import { decodeDetections, type DecodeConfig } from './decode';
import type { SsdNetwork } from './network';

/**
 * One frame: preprocess on the backend, run the network, read its single output tensor back
 * asynchronously (never dataSync: a synchronous GPU read stalls the pipeline and, on WebGPU,
 * can lose the device), then decode and suppress on the CPU.
 */
export class SsdDetector implements Detector {
  constructor(
    private readonly network: SsdNetwork,
    private readonly input: PreprocessConfig,
    private readonly decode: DecodeConfig,
  ) {}

  get inputSize(): number {
    return this.input.inputSize;
  }

  async detect(image: tf.Tensor3D, options: DetectOptions): Promise<DetectResult> {
    const t0 = performance.now();
    const x = tf.tidy(() => preprocess(image, this.input));
    const t1 = performance.now();
    let rows: Float32Array;
    let t1b: number;
    try {
      const y = tf.tidy(() => this.network.predict(x));
      t1b = performance.now();
      try {
        rows = (await y.data()) as Float32Array;
      } finally {
        y.dispose();
      }
    } finally {
      x.dispose();
    }
    const t2 = performance.now();
    const [height, width] = image.shape;
    const { sy, sx } = squareToImage(this.input, height, width);
    const detections = options.skipDecode ? [] : decodeDetections(rows, this.decode, options, sy, sx);
    const t3 = performance.now();
    return { detections, timings: { preprocessMs: t1 - t0, inferenceMs: t2 - t1, readbackMs: t2 - t1b, postprocessMs: t3 - t2 } };
  }

  async timeInference(runs: number): Promise<number[]> {
    const size = this.input.inputSize;
    const x = tf.zeros([1, size, size, 3]) as tf.Tensor4D;
    const samples: number[] = [];
    try {
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        const y = tf.tidy(() => this.network.predict(x));
        try {
          await y.data();
        } finally {
          y.dispose(); // also when the read-back fails (a lost GPU device)
        }
        samples.push(performance.now() - t0);
      }
    } finally {
      x.dispose();
    }
    return samples;
  }

  dispose(): void {
    this.network.dispose();
  }
}
