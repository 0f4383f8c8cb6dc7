// A network is a flat list of layer descriptions; backbones and extra feature layers are
// functions that return such lists. Everything else (weights, execution, cost counting)
// reads these descriptions, so a new backbone is a new list, not new execution code.

export type Activation = 'relu6' | 'relu' | 'linear';

export interface ConvLayer {
  kind: 'conv';
  name: string;
  filters: number;
  kernel: number;
  stride: number;
  dilation?: number;
  /** 'same' unless said otherwise; a number pads that many pixels on each side. */
  padding?: 'same' | 'valid' | number;
  activation: Activation;
}

export interface DepthwiseLayer {
  kind: 'depthwise';
  name: string;
  kernel: number;
  stride: number;
  activation: Activation;
}

export interface MaxPoolLayer {
  kind: 'maxpool';
  name: string;
  size: number;
  stride: number;
  padding: 'same' | 'valid';
}

/** Channel-wise L2 normalization with a learned per-channel scale (VGG16-SSD conv4_3). */
export interface L2NormLayer {
  kind: 'l2norm';
  name: string;
  /** the normalized output is what the predictor sees; the next layer reads the input. */
  branch: true;
}

export type LayerSpec = ConvLayer | DepthwiseLayer | MaxPoolLayer | L2NormLayer;

/** Spatial size after a layer, TF semantics ('same' rounds up, 'valid' drops the rest). */
export function outputSize(layer: LayerSpec, input: number): number {
  if (layer.kind === 'l2norm') return input;
  const kernel = layer.kind === 'maxpool' ? layer.size : layer.kernel;
  const dilation = layer.kind === 'conv' ? (layer.dilation ?? 1) : 1;
  const padding = layer.kind === 'maxpool' ? layer.padding : layer.kind === 'conv' ? (layer.padding ?? 'same') : 'same';
  if (padding === 'same') return Math.ceil(input / layer.stride);
  const effective = (kernel - 1) * dilation + 1;
  const padded = typeof padding === 'number' ? input + 2 * padding : input;
  return Math.floor((padded - effective) / layer.stride) + 1;
}
