import * as tf from '@tensorflow/tfjs-core';
import { ModelLoadError } from '../errors';
import type { ConvLayer, DepthwiseLayer, L2NormLayer } from '../ssd/layers';
import type { ConvWeights, HeadWeights, WeightSource } from '../ssd/weight-source';
import { findWeight, shapeText, type KerasLayer, type KerasWeightRole, type KerasWeights } from './keras-weights';

/**
 * ssd_keras weights for our builder, read by Keras layer name. Head k of the network is the
 * pair `${taps[k]}_mbox_loc` / `_mbox_conf`; the loc kernel's four channels per anchor are
 * reordered from ssd_keras's (cx, cy, w, h) to our box coder's (y, x, h, w) here, once, so
 * the decoder runs unchanged with scales 1 / variance (see kerasBoxCoderScales).
 */
export class KerasWeightSource implements WeightSource {
  private readonly layers: Map<string, KerasLayer>;

  constructor(
    private readonly weights: KerasWeights,
    private readonly taps: readonly string[],
  ) {
    this.layers = new Map(weights.layers.map((l) => [l.name, l]));
  }

  conv(layer: ConvLayer, inChannels: number): ConvWeights {
    return {
      filter: this.tensor(layer.name, 'kernel', [layer.kernel, layer.kernel, inChannels, layer.filters]) as tf.Tensor4D,
      bias: this.tensor(layer.name, 'bias', [layer.filters]) as tf.Tensor1D,
    };
  }

  depthwise(layer: DepthwiseLayer): ConvWeights {
    throw new ModelLoadError('model-corrupt', `ssd_keras VGG weights have no depthwise layer '${layer.name}'.`);
  }

  l2norm(layer: L2NormLayer, channels: number): tf.Tensor1D {
    return this.tensor(layer.name, 'gamma', [channels]) as tf.Tensor1D;
  }

  head(index: number, inChannels: number, anchors: number, numClasses: number, kernel: number): HeadWeights {
    const tap = this.taps[index];
    const loc = `${tap}_mbox_loc`;
    const conf = `${tap}_mbox_conf`;
    const box: ConvWeights = tf.tidy(() => {
      // channel a*4 + j holds (cx, cy, w, h)[j] of anchor a; we want (cy, cx, h, w)
      const order = Array.from({ length: anchors * 4 }, (_, i) => Math.floor(i / 4) * 4 + [1, 0, 3, 2][i % 4]);
      const idx = tf.tensor1d(order, 'int32');
      return {
        filter: tf.gather(this.tensor(loc, 'kernel', [kernel, kernel, inChannels, anchors * 4]), idx, 3) as tf.Tensor4D,
        bias: tf.gather(this.tensor(loc, 'bias', [anchors * 4]), idx) as tf.Tensor1D,
      };
    });
    return {
      box,
      cls: {
        filter: this.tensor(conf, 'kernel', [kernel, kernel, inChannels, anchors * numClasses]) as tf.Tensor4D,
        bias: this.tensor(conf, 'bias', [anchors * numClasses]) as tf.Tensor1D,
      },
    };
  }

  /** A new tensor over the weight's values (a view of the shared buffer, copied by TF). */
  private tensor(layer: string, role: KerasWeightRole, shape: number[]): tf.Tensor {
    const w = findWeight(this.layers.get(layer), role);
    if (!w) throw new ModelLoadError('model-corrupt', `The Keras weights have no ${role} for layer '${layer}'.`);
    if (w.shape.length !== shape.length || w.shape.some((d, i) => d !== shape[i])) {
      throw new ModelLoadError('model-corrupt', `Keras weight '${w.name}' is ${shapeText(w.shape)}, expected ${shapeText(shape)}.`);
    }
    const size = shape.reduce((a, b) => a * b, 1);
    return tf.tensor(this.weights.data.subarray(w.offset, w.offset + size), shape, 'float32');
  }
}
