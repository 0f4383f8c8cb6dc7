// Accuracy evaluation inside the worker: one labelled image through the same pipeline as a
// live frame (the running backend, the model's own preprocessing, decoding and NMS), at the
// low threshold the COCO protocol asks for. Images usually arrive as pixels made by the page's
// pixel worker while the previous image ran here; a file (very large images) is decoded here
// with createImageBitmap, which the browser does off this thread, starting the moment the
// request arrives. Images run one at a time (in arrival order) so their timings never overlap.
import * as tf from '@tensorflow/tfjs-core';
import type { Detector, DetectOptions } from '../detection/detector';
import type { EvaluateRequest, EvaluateResponse } from '../shared/protocol';
import { frameToTensor } from './frame-to-tensor';

/** the image running now (or settled): the next one starts when it is done */
let turn: Promise<unknown> = Promise.resolve();

export function evaluateImage(detector: Detector, options: DetectOptions, request: EvaluateRequest): Promise<EvaluateResponse> {
  const arrived = performance.now();
  const file = request.image instanceof Blob ? request.image : null;
  const pixels = request.image instanceof Blob ? null : request.image;
  const decoding: Promise<{ bitmap: ImageBitmap | null; readyAt: number }> = file
    ? createImageBitmap(file).then((bitmap) => ({ bitmap, readyAt: performance.now() }))
    : Promise.resolve({ bitmap: null, readyAt: arrived });
  // awaited below; this only keeps a failure from being reported twice as unhandled
  decoding.catch(() => {});
  const run = turn.then(async (): Promise<EvaluateResponse> => {
    const turnAt = performance.now();
    let decoded;
    try {
      decoded = await decoding;
    } catch (error) {
      throw new Error(`image ${request.imageId} (${file?.type || 'unknown type'}, ${file?.size} bytes) could not be decoded: ${(error as Error).message ?? error}`);
    }
    const start = performance.now();
    const { width, height } = decoded.bitmap ?? pixels!;
    // the pixel worker's int32 RGB are what fromPixels makes of the same bitmap
    const image = decoded.bitmap ? frameToTensor(decoded.bitmap) : tf.tensor3d(pixels!.data, [height, width, 3], 'int32'); // closes the bitmap
    try {
      const tPixels = performance.now();
      const result = await detector.detect(image, {
        ...options,
        scoreThreshold: request.scoreThreshold,
        maxDetections: request.maxDetections,
        skipDecode: false,
      });
      const memory = tf.memory();
      return {
        type: 'evaluate',
        id: request.id,
        imageId: request.imageId,
        width,
        height,
        detections: result.detections,
        timings: {
          preprocessMs: tPixels - start + result.timings.preprocessMs,
          inferenceMs: result.timings.inferenceMs,
          readbackMs: result.timings.readbackMs,
          postprocessMs: result.timings.postprocessMs,
          totalMs: performance.now() - start,
        },
        decodeMs: decoded.readyAt - arrived,
        decodeWaitMs: Math.max(0, start - turnAt),
        numTensors: memory.numTensors,
        numBytes: memory.numBytes,
      };
    } finally {
      image.dispose();
    }
  });
  turn = run.catch(() => {});
  return run;
}
