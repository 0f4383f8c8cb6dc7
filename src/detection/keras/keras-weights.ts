// Keras weights as the importer hands them over: every layer of the file with its weights' names
// and shapes, and all values in one float32 buffer (what is stored and what the worker builds
// from). Free of TensorFlow.js and of HDF5: the reader fills it, the layout and the weight source
// read it.

export interface KerasWeight {
  /** as Keras names it, e.g. 'conv4_3/kernel:0' */
  name: string;
  shape: number[];
  /** index of the first value in KerasWeights.data (floats, not bytes) */
  offset: number;
}

export interface KerasLayer {
  name: string;
  weights: KerasWeight[];
}

export interface KerasWeights {
  layers: KerasLayer[];
  data: Float32Array;
}

export type KerasWeightRole = 'kernel' | 'bias' | 'gamma' | 'depthwise_kernel' | 'beta' | 'moving_mean' | 'moving_variance';

/** A weight's role from its Keras name ('conv1_1/kernel:0' -> 'kernel', 'conv4_3_norm/conv4_3_norm_gamma:0' -> 'gamma'). */
export function weightRole(name: string): string {
  const last = name.split('/').pop() ?? name;
  const bare = last.replace(/:\d+$/, '');
  if (bare.endsWith('gamma')) return 'gamma';
  return bare;
}

export function findWeight(layer: KerasLayer | undefined, role: KerasWeightRole): KerasWeight | undefined {
  return layer?.weights.find((w) => weightRole(w.name) === role);
}

export const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;
