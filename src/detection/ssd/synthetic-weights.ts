import * as tf from '@tensorflow/tfjs-core';
import type { ConvLayer, DepthwiseLayer, L2NormLayer } from './layers';
import type { ConvWeights, HeadWeights, WeightSource } from './weight-source';
import { seededRandom as rng } from '../seeded-random';

// Deterministic stand-in weights for architectures with no trained weights we can install.
// They make the network run at its true cost (same shapes, same kernels), so its speed can be
// measured; what it "detects" is noise, so the app never draws its boxes. He-normal scaling
// keeps activations in a normal float range: denormals or overflow would change the speed.

function hashName(name: string, seed: number): number {
  let h = 2166136261 ^ seed;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return h >>> 0;
}

export class SyntheticWeights implements WeightSource {
  constructor(private readonly seed = 1) {}

  conv(layer: ConvLayer, inChannels: number): ConvWeights {
    return this.make(layer.name, [layer.kernel, layer.kernel, inChannels, layer.filters], layer.kernel * layer.kernel * inChannels);
  }

  depthwise(layer: DepthwiseLayer, inChannels: number): ConvWeights {
    return this.make(layer.name, [layer.kernel, layer.kernel, inChannels, 1], layer.kernel * layer.kernel, inChannels);
  }

  l2norm(_layer: L2NormLayer, channels: number): tf.Tensor1D {
    return tf.fill([channels], 20) as tf.Tensor1D; // SSD's initial conv4_3 scale
  }

  head(index: number, inChannels: number, anchors: number, numClasses: number, kernel: number): HeadWeights {
    const fanIn = kernel * kernel * inChannels;
    return {
      box: this.make(`head_${index}/box`, [kernel, kernel, inChannels, anchors * 4], fanIn),
      cls: this.make(`head_${index}/cls`, [kernel, kernel, inChannels, anchors * numClasses], fanIn),
    };
  }

  /** `outputs`: bias length (a depthwise conv outputs one channel per input channel). */
  private make(name: string, shape: [number, number, number, number], fanIn: number, outputs = shape[3]): ConvWeights {
    const random = rng(hashName(name, this.seed));
    const size = shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(size);
    const std = Math.sqrt(2 / fanIn);
    for (let i = 0; i < size; i += 2) {
      // Box-Muller: two normal samples per pair of uniforms
      const r = Math.sqrt(-2 * Math.log(1 - random())) * std;
      const theta = 2 * Math.PI * random();
      values[i] = r * Math.cos(theta);
      if (i + 1 < size) values[i + 1] = r * Math.sin(theta);
    }
    return { filter: tf.tensor4d(values, shape), bias: tf.zeros([outputs]) as tf.Tensor1D };
  }
}
