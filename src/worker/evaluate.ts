// Accuracy evaluation inside the worker: one labelled image through the same pipeline as a
// live frame (the running backend, the model's own preprocessing, decoding and NMS), at the
// low threshold the COCO protocol asks for. The encoded file is decoded here with
// createImageBitmap, which the browser does off this thread: decoding starts the moment the
// request arrives, so the next image decodes while the current one runs, and images run one
// at a time (in arrival order) so their timings never overlap.
import * as tf from '@tensorflow/tfjs-core';
import type { Detector, DetectOptions } from '../detection/detector';
import type { EvaluateRequest, EvaluateResponse } from '../shared/protocol';
import { frameToTensor } from './frame-to-tensor';

/** the image running now (or settled): the next one starts when it is done */
let turn: Promise<unknown> = Promise.resolve();

export function evaluateImage(detector: Detector, options: DetectOptions, request: EvaluateRequest): Promise<EvaluateResponse> {
  const arrived = performance.now();
  const decoding = createImageBitmap(request.image).then((bitmap) => ({ bitmap, readyAt: performance.now() }));
  // awaited below; this only keeps a failure from being reported twice as unhandled
  decoding.catch(() => {});
  const run = turn.then(async (): Promise<EvaluateResponse> => {
    const turnAt = performance.now();
    let decoded;
    try {
      decoded = await decoding;
    } catch (error) {
      throw new Error(`image ${request.imageId} (${request.image.type || 'unknown type'}, ${request.image.size} bytes) could not be decoded: ${(error as Error).message ?? error}`);
    }
    const start = performance.now();
    const { width, height } = decoded.bitmap;
    const image = frameToTensor(decoded.bitmap); // closes the bitmap
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
