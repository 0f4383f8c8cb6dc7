import * as tf from '@tensorflow/tfjs-core';
import type { LayerSpec } from './layers';
import type { ConvWeights } from './weight-source';

export interface BuiltLayer {
  spec: LayerSpec;
  weights?: ConvWeights;
  /** l2norm scale */
  scale?: tf.Tensor1D;
  /** index of the predictor reading this layer's output, or -1. */
  head: number;
}

export interface BuiltHead {
  /** box encodings and class logits of every anchor in one conv, channels interleaved per
   * anchor ([4 box, numClasses logits] x anchors) so the output reshapes to rows directly. */
  weights: ConvWeights;
}

/**
 * The executable SSD: fused conv kernels for the backbone and extras, one fused conv per
 * predictor, and a single output tensor [1, anchors, 4 + numClasses] so that a frame needs
 * exactly one readback.
 */
export class SsdNetwork {
  constructor(
    private readonly layers: BuiltLayer[],
    private readonly heads: BuiltHead[],
    /** 4 + numClasses */
    readonly rowSize: number,
  ) {}

  /** x: [1, S, S, 3] normalized input. Returns [1, anchors, rowSize]. Call inside tf.tidy. */
  predict(x: tf.Tensor4D): tf.Tensor3D {
    const outputs: tf.Tensor3D[] = new Array(this.heads.length);
    let h = x;
    for (const layer of this.layers) {
      const { spec } = layer;
      let tap: tf.Tensor4D = h;
      if (spec.kind === 'conv') {
        const pad = spec.padding ?? 'same';
        const input = typeof pad === 'number' ? tf.pad(h, [[0, 0], [pad, pad], [pad, pad], [0, 0]]) : h;
        h = tf.fused.conv2d({
          x: input,
          filter: layer.weights!.filter,
          bias: layer.weights!.bias,
          strides: spec.stride,
          pad: typeof pad === 'number' ? 'valid' : pad,
          dilations: spec.dilation ?? 1,
          activation: spec.activation,
        });
        tap = h;
      } else if (spec.kind === 'depthwise') {
        h = tf.fused.depthwiseConv2d({
          x: h,
          filter: layer.weights!.filter,
          bias: layer.weights!.bias,
          strides: spec.stride,
          pad: 'same',
          activation: spec.activation,
        });
        tap = h;
      } else if (spec.kind === 'maxpool') {
        h = tf.maxPool(h, spec.size, spec.stride, spec.padding);
        tap = h;
      } else {
        // L2-normalize across channels and rescale; the trunk continues with the raw input.
        const norm = tf.sqrt(tf.maximum(tf.sum(tf.square(h), 3, true), 1e-10));
        tap = tf.mul(tf.div(h, norm), layer.scale!) as tf.Tensor4D;
      }
      if (layer.head >= 0) {
        const head = this.heads[layer.head].weights;
        const y = tf.fused.conv2d({ x: tap, filter: head.filter, bias: head.bias, strides: 1, pad: 'same' });
        outputs[layer.head] = tf.reshape(y, [1, -1, this.rowSize]);
      }
    }
    return outputs.length === 1 ? outputs[0] : (tf.concat(outputs, 1) as tf.Tensor3D);
  }

  dispose(): void {
    for (const layer of this.layers) {
      layer.weights?.filter.dispose();
      layer.weights?.bias.dispose();
      layer.scale?.dispose();
    }
    for (const head of this.heads) {
      head.weights.filter.dispose();
      head.weights.bias.dispose();
    }
  }
}
