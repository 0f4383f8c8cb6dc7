import type * as tf from '@tensorflow/tfjs-core';
import type { ConvLayer, DepthwiseLayer, L2NormLayer } from './layers';

/** A conv layer's weights ready for a fused kernel: batch norm already folded in. */
export interface ConvWeights {
  /** [k, k, in, out] for conv, [k, k, in, 1] for depthwise. */
  filter: tf.Tensor4D;
  bias: tf.Tensor1D;
}

export interface HeadWeights {
  /** [k, k, in, anchors * 4] */
  box: ConvWeights;
  /** [k, k, in, anchors * numClasses] */
  cls: ConvWeights;
}

/**
 * Where a network's weights come from: trained weights read by name from a TF checkpoint
 * export, or deterministic synthetic weights for speed-only models. The builder asks for
 * each layer's weights with the shapes it expects; a source returns new tensors the network
 * then owns.
 */
export interface WeightSource {
  conv(layer: ConvLayer, inChannels: number): ConvWeights;
  depthwise(layer: DepthwiseLayer, inChannels: number): ConvWeights;
  l2norm(layer: L2NormLayer, channels: number): tf.Tensor1D;
  head(index: number, inChannels: number, anchors: number, numClasses: number, kernel: number): HeadWeights;
}
