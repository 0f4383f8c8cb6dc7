import * as tf from '@tensorflow/tfjs-core';
import faceManifest from '../../models/ssd-mobilenet-v1-face.json';
import type { Detector } from './detector';
import { ModelLoadError } from './errors';
import { createFaceDetector } from './models/ssd-mobilenet-v1-face';
import { loadWeights } from './weights-loader';

// Model id -> manifest -> loader. Served model files live under <modelBaseUrl><id>/, copied
// there from their npm package by the build (see vite.config.ts and models/).

export interface ModelManifest {
  id: string;
  name: string;
  inputSize: number;
  labels: string[];
  trained: boolean;
  origin: string;
  license: string;
  weights: { package: string; manifest: string; files: string[]; sizeBytes: number };
}

interface ModelEntry {
  manifest: ModelManifest;
  create(weights: tf.NamedTensorMap): Detector;
}

const MODELS: Record<string, ModelEntry> = {
  [faceManifest.id]: { manifest: faceManifest, create: createFaceDetector },
};

export function modelManifest(id: string): ModelManifest {
  const entry = MODELS[id];
  if (!entry) throw new ModelLoadError('model-missing', `Unknown model '${id}'. Known models: ${Object.keys(MODELS).join(', ')}.`);
  return entry.manifest;
}

/** URL of a model file as served: <base><id>/<file name>. */
export function servedFileUrl(modelBaseUrl: string, id: string, file: string): string {
  return new URL(`${id}/${file.split('/').pop()}`, modelBaseUrl).href;
}

export async function loadDetector(id: string, modelBaseUrl: string): Promise<Detector> {
  const manifest = modelManifest(id);
  const weights = await loadWeights(servedFileUrl(modelBaseUrl, id, manifest.weights.manifest));
  try {
    return MODELS[id].create(weights);
  } finally {
    // the network holds its own (folded) copies
    tf.dispose(Object.values(weights));
  }
}
