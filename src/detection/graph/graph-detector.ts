import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import type { OutputAdapter } from '../adapters/adapter';
import type { Detector, DetectOptions, DetectResult } from '../detector';
import { preprocess, squareToImage, type PreprocessConfig } from '../preprocess';

export interface GraphInput {
  /** 'none': the graph resizes itself (COCO-SSD takes any image size) */
  resize: PreprocessConfig['resize'] | 'none';
  dtype: 'float32' | 'int32';
  scale: number;
  offset: number;
}

/**
 * A converted TensorFlow.js graph model plus the adapter for its outputs. `execute` where the
 * graph allows it; `executeAsync` for graphs with dynamic ops (in-graph NMS, while loops).
 * Outputs are read back with await data(), never synchronously.
 */
export class GraphDetector implements Detector {
  constructor(
    private readonly model: GraphModel,
    readonly inputSize: number,
    private readonly input: GraphInput,
    private readonly execution: 'execute' | 'executeAsync',
    private readonly adapter: OutputAdapter,
  ) {}

  private prepare(image: tf.Tensor3D): tf.Tensor4D {
    return tf.tidy(() => {
      let x: tf.Tensor4D;
      if (this.input.resize === 'none') {
        x = tf.expandDims(image, 0) as tf.Tensor4D;
      } else {
        x = preprocess(image, { inputSize: this.inputSize, resize: this.input.resize, scale: this.input.scale, offset: this.input.offset });
      }
      return (x.dtype === this.input.dtype ? x : tf.cast(x, this.input.dtype)) as tf.Tensor4D;
    });
  }

  private async run(x: tf.Tensor4D): Promise<tf.Tensor[]> {
    const names = [...this.adapter.outputs];
    const out = this.execution === 'execute' ? this.model.execute(x, names) : await this.model.executeAsync(x, names);
    return Array.isArray(out) ? out : [out];
  }

  async detect(image: tf.Tensor3D, options: DetectOptions): Promise<DetectResult> {
    const t0 = performance.now();
    const x = this.prepare(image);
    const t1 = performance.now();
    let values: Float32Array[];
    let shapes: number[][];
    let t1b: number;
    try {
      const outputs = await this.run(x);
      t1b = performance.now();
      try {
        values = (await Promise.all(outputs.map((t) => t.data()))) as Float32Array[];
        shapes = outputs.map((t) => t.shape);
      } finally {
        tf.dispose(outputs);
      }
    } finally {
      x.dispose();
    }
    const t2 = performance.now();
    const [height, width] = image.shape;
    const { sy, sx } =
      this.input.resize === 'pad-square'
        ? squareToImage({ inputSize: this.inputSize, resize: 'pad-square', scale: 1, offset: 0 }, height, width)
        : { sy: 1, sx: 1 };
    const detections = options.skipDecode ? [] : this.adapter.decode({ values, shapes }, options, sy, sx);
    return { detections, timings: { preprocessMs: t1 - t0, inferenceMs: t2 - t1, readbackMs: t2 - t1b, postprocessMs: performance.now() - t2 } };
  }

  async timeInference(runs: number): Promise<number[]> {
    const size = this.inputSize;
    const x = tf.zeros([1, size, size, 3], this.input.dtype) as tf.Tensor4D;
    const samples: number[] = [];
    try {
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        const outputs = await this.run(x);
        try {
          await Promise.all(outputs.map((t) => t.data()));
        } finally {
          tf.dispose(outputs); // also when a read-back fails (a lost GPU device)
        }
        samples.push(performance.now() - t0);
      }
    } finally {
      x.dispose();
    }
    return samples;
  }

  dispose(): void {
    this.model.dispose();
  }
}
