import * as tf from '@tensorflow/tfjs-core';

export type ResizeMode = 'pad-square' | 'stretch';

export interface PreprocessConfig {
  inputSize: number;
  resize: ResizeMode;
  /** input = pixel * scale + offset (e.g. 2/255 and -1 for [-1, 1]). */
  scale: number;
  offset: number;
  /** ssd_keras / Caffe VGG: subtracted from the RGB pixels (after scale and offset) */
  mean?: readonly [number, number, number];
  /** feed the channels as BGR (ssd_keras's swap_channels [2, 1, 0]) */
  bgr?: boolean;
}

/**
 * [H, W, 3] pixels -> [1, S, S, 3] model input, on the backend. 'pad-square' pads the short
 * side at the bottom or right with black before resizing, keeping the aspect ratio (the way
 * the face model was fed in its reference implementation); boxes come back through
 * squareToImage. Call inside tf.tidy.
 */
export function preprocess(image: tf.Tensor3D, config: PreprocessConfig): tf.Tensor4D {
  const [h, w] = image.shape;
  let x: tf.Tensor3D = image.dtype === 'float32' ? image : tf.cast(image, 'float32');
  if (config.resize === 'pad-square' && h !== w) {
    const side = Math.max(h, w);
    x = tf.pad(x, [[0, side - h], [0, side - w], [0, 0]]);
  }
  const resized = tf.image.resizeBilinear(x, [config.inputSize, config.inputSize], false, false);
  // models fed raw 0..255 pixels need no normalization: skip two full-image passes
  let normalized = config.scale === 1 && config.offset === 0 ? resized : tf.add(tf.mul(resized, config.scale), config.offset);
  if (config.mean) normalized = tf.sub(normalized, tf.tensor1d([...config.mean]));
  if (config.bgr) normalized = tf.reverse(normalized, -1);
  return tf.expandDims(normalized, 0) as tf.Tensor4D;
}

/** Factors that take a normalized box in model-input space back to the image's [0,1] space. */
export function squareToImage(config: PreprocessConfig, height: number, width: number): { sy: number; sx: number } {
  if (config.resize === 'stretch') return { sy: 1, sx: 1 };
  const side = Math.max(height, width);
  return { sy: side / height, sx: side / width };
}
