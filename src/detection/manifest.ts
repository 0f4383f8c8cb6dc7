import type { KerasSsdParams } from './keras/ssd-keras-params';
import type { LabelSet } from './labels/coco';

// The shape of our model manifests (models/*.json). Types only.

export interface GraphRuntime {
  format: 'graph';
  adapter: 'centernet' | 'postprocessed' | 'ssd-raw' | 'yolov8' | 'yolov5';
  execution: 'execute' | 'executeAsync';
  outputs: string[];
  input: { resize: 'stretch' | 'pad-square' | 'none'; dtype: 'float32' | 'int32'; scale: number; offset: number };
  /** ssd-raw only */
  boxes?: 'decoded' | 'encoded';
  scoresIncludeBackground?: boolean;
  /** ssd-raw with encoded boxes: which of our anchor configs */
  anchors?: string;
}

export type ModelRuntime =
  | { format: 'tf-weights'; architecture: string }
  | { format: 'synthetic'; architecture: string }
  /** an imported ssd_keras VGG16-SSD: its training parameters and class count (with the background) */
  | { format: 'keras-ssd'; params: KerasSsdParams; numClasses: number }
  | GraphRuntime;

export interface ModelManifest {
  id: string;
  name: string;
  description?: string;
  family: string;
  backbone: string;
  group: 'trained' | 'speed-only' | 'user';
  trained: boolean;
  inputSize: number;
  labels: LabelSet;
  runtime: ModelRuntime;
  /** files served from our origin, copied from an npm package at build time */
  weights?: { package: string; model?: string; manifest?: string; files: string[]; sizeBytes: number };
  /** downloaded from its official home on first use, then cached */
  network?: { url: string };
  /** stored values in the model file (graph models), counted from its weights manifest */
  params?: number;
  origin: string;
  license: string;
  licenseUrl?: string;
  /** the accuracy its authors published (COCO val, in percent), with where it comes from */
  published?: PublishedAccuracy;
  /** the score threshold it runs at until the user picks one: measured, never guessed */
  defaultScoreThreshold?: MeasuredThreshold;
}

/**
 * A model's operating point as measured by `npm run eval` (best F1 at IoU .5, pooled over
 * classes): the threshold, the set and backend it was measured on, and what it gives there.
 */
export interface MeasuredThreshold {
  value: number;
  /** the labelled set, as named in its folder, and how many images of it */
  dataset: string;
  images: number;
  backend: string;
  /** YYYY-MM-DD */
  measured: string;
  /** at `value`, in percent */
  recall: number;
  precision: number;
  /** recall and precision at 0.5, the threshold used for every model before, in percent */
  at05?: { recall: number; precision: number };
}

export interface PublishedAccuracy {
  /** COCO AP at IoU .50:.95 */
  ap: number;
  /** AP at IoU .5, where published */
  ap50?: number;
  source: string;
}
