import * as tf from '@tensorflow/tfjs-core';

// tf.browser.fromPixels does not take a VideoFrame, so frames are drawn once onto a reused
// OffscreenCanvas at their own size (no scaling here: resizing happens on the backend in
// detection/preprocess.ts, the same code the Node tests run).

let canvas: OffscreenCanvas | null = null;
let context: OffscreenCanvasRenderingContext2D | null = null;

export function frameSize(frame: VideoFrame | ImageBitmap): { width: number; height: number } {
  if ('displayWidth' in frame) return { width: frame.displayWidth, height: frame.displayHeight };
  return { width: frame.width, height: frame.height };
}

/** [H, W, 3] int32 pixels. Closes the frame. */
export function frameToTensor(frame: VideoFrame | ImageBitmap): tf.Tensor3D {
  try {
    if (frame instanceof ImageBitmap) return tf.browser.fromPixels(frame);
    const { width, height } = frameSize(frame);
    if (!canvas || canvas.width !== width || canvas.height !== height) {
      canvas = new OffscreenCanvas(width, height);
      context = canvas.getContext('2d', { willReadFrequently: true });
    }
    if (!context) throw new Error('2D canvas is not available in this worker');
    context.drawImage(frame, 0, 0, width, height);
    // ImageData goes straight to the backend's pixel upload; passing the canvas would make
    // tfjs draw it onto a canvas of its own first.
    return tf.browser.fromPixels(context.getImageData(0, 0, width, height));
  } finally {
    frame.close();
  }
}
