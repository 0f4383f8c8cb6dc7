import type * as tf from '@tensorflow/tfjs-core';

/** Mirrors engine/protocol.ts Detection; kept here so detection/ depends on nothing else. */
export interface DetectedObject {
  label: string;
  classId: number;
  score: number;
  /** normalized [0,1] coordinates of the input image. */
  box: { x: number; y: number; width: number; height: number };
}

export interface DetectOptions {
  scoreThreshold: number;
  iouThreshold: number;
  maxDetections: number;
  /** speed-only models: run the network, skip decoding (their boxes are noise) */
  skipDecode?: boolean;
}

export interface DetectTimings {
  preprocessMs: number;
  /** model execution until its outputs are on the CPU; includes readbackMs */
  inferenceMs: number;
  /** the await data() part of inferenceMs: on GPU backends mostly waiting for the device */
  readbackMs: number;
  postprocessMs: number;
}

export interface DetectResult {
  detections: DetectedObject[];
  timings: DetectTimings;
}

/** What every model the app runs looks like to the worker. */
export interface Detector {
  readonly inputSize: number;
  /** image: [height, width, 3] RGB, 0..255 (int32 or float32). The caller keeps ownership. */
  detect(image: tf.Tensor3D, options: DetectOptions): Promise<DetectResult>;
  /** bare model execution on a prepared input, read back; for the pipeline-overhead figure. */
  timeInference(runs: number): Promise<number[]>;
  dispose(): void;
}
