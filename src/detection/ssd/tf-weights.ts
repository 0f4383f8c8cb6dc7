import * as tf from '@tensorflow/tfjs-core';
import { ModelLoadError } from '../errors';
import type { ConvLayer, DepthwiseLayer, L2NormLayer } from './layers';
import type { ConvWeights, HeadWeights, WeightSource } from './weight-source';

// TF's batch-norm epsilon (0.001 as float32), used when folding batch norm into conv weights.
const BN_EPSILON = 0.0010000000474974513;

export interface TfWeightNaming {
  /** layer name in our spec -> variable scope in the checkpoint, where they differ. */
  aliases?: Record<string, string>;
  /** variable scope of box predictor k, e.g. k => `Prediction/BoxPredictor_${k}`. */
  headScope: (index: number) => string;
}

/**
 * Reads TF-named weights (TF Object Detection API / TF-slim layout) and folds batch norm into
 * the preceding conv at load time, so inference runs one fused conv+bias+activation kernel
 * per layer instead of conv, batch-norm and clip kernels.
 */
export class TfNamedWeights implements WeightSource {
  constructor(
    private readonly weights: tf.NamedTensorMap,
    private readonly naming: TfWeightNaming,
  ) {}

  conv(layer: ConvLayer, inChannels: number): ConvWeights {
    const scope = this.scope(layer.name);
    const filter = this.get(`${scope}/weights`, [layer.kernel, layer.kernel, inChannels, layer.filters]);
    return this.withBias(scope, filter as tf.Tensor4D, layer.filters);
  }

  depthwise(layer: DepthwiseLayer, inChannels: number): ConvWeights {
    const scope = this.scope(layer.name);
    const filter = this.get(`${scope}/depthwise_weights`, [layer.kernel, layer.kernel, inChannels, 1]);
    return this.withBias(scope, filter as tf.Tensor4D, inChannels, 2);
  }

  l2norm(layer: L2NormLayer, channels: number): tf.Tensor1D {
    const scope = this.scope(layer.name);
    return tf.clone(this.get(`${scope}/gamma`, [channels])) as tf.Tensor1D;
  }

  head(index: number, inChannels: number, anchors: number, numClasses: number, kernel: number): HeadWeights {
    const scope = this.naming.headScope(index);
    const part = (name: string, outputs: number): ConvWeights => ({
      filter: tf.clone(this.get(`${scope}/${name}/weights`, [kernel, kernel, inChannels, outputs])) as tf.Tensor4D,
      bias: tf.clone(this.get(`${scope}/${name}/biases`, [outputs])) as tf.Tensor1D,
    });
    return { box: part('BoxEncodingPredictor', anchors * 4), cls: part('ClassPredictor', anchors * numClasses) };
  }

  private scope(name: string): string {
    return this.naming.aliases?.[name] ?? name;
  }

  private has(name: string): boolean {
    return name in this.weights;
  }

  private get(name: string, shape: number[]): tf.Tensor {
    const t = this.weights[name];
    if (!t) throw new ModelLoadError('model-corrupt', `The model's weights have no '${name}'.`);
    if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
      throw new ModelLoadError('model-corrupt', `Weight '${name}' has shape [${t.shape}], expected [${shape}].`);
    }
    return t;
  }

  /**
   * The bias of a conv: plain biases, a BN offset already folded by the exporter, or full batch
   * norm parameters that we fold here (scaling output channel c by gamma_c / sqrt(var_c + eps)).
   * `channelAxis` is the filter axis of the output channels (3 for conv, 2 for depthwise).
   */
  private withBias(scope: string, filter: tf.Tensor4D, channels: number, channelAxis = 3): ConvWeights {
    if (this.has(`${scope}/biases`)) {
      return { filter: tf.clone(filter), bias: tf.clone(this.get(`${scope}/biases`, [channels])) as tf.Tensor1D };
    }
    if (this.has(`${scope}/convolution_bn_offset`)) {
      return { filter: tf.clone(filter), bias: tf.clone(this.get(`${scope}/convolution_bn_offset`, [channels])) as tf.Tensor1D };
    }
    const bn = (n: string) => this.get(`${scope}/BatchNorm/${n}`, [channels]);
    if (!this.has(`${scope}/BatchNorm/moving_mean`)) {
      throw new ModelLoadError('model-corrupt', `The model's weights have no bias or batch norm for '${scope}'.`);
    }
    return tf.tidy(() => {
      const gamma = this.has(`${scope}/BatchNorm/gamma`) ? bn('gamma') : tf.ones([channels]);
      const scale = tf.div(gamma, tf.sqrt(tf.add(bn('moving_variance'), BN_EPSILON)));
      const broadcast = tf.reshape(scale, channelAxis === 3 ? [1, 1, 1, channels] : [1, 1, channels, 1]);
      return {
        filter: tf.mul(filter, broadcast) as tf.Tensor4D,
        bias: tf.sub(bn('beta'), tf.mul(bn('moving_mean'), scale)) as tf.Tensor1D,
      };
    });
  }
}
