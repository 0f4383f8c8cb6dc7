import type { LabelSet } from './labels/coco';

// The shape of our model manifests (models/*.json). Types only.

export interface GraphRuntime {
  format: 'graph';
  adapter: 'centernet' | 'postprocessed' | 'ssd-raw';
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
}
