import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { CenterNetAdapter } from './adapters/centernet';
import type { OutputAdapter } from './adapters/adapter';
import { PostprocessedAdapter } from './adapters/postprocessed';
import { SsdRawAdapter } from './adapters/ssd-raw';
import { YoloAdapter } from './adapters/yolo';
import type { Detector } from './detector';
import { countingFetch, type DownloadProgressCallback } from './download-progress';
import { ModelLoadError } from './errors';
import { GraphDetector } from './graph/graph-detector';
import { resolveLabels } from './labels/coco';
import type { GraphRuntime, ModelManifest } from './manifest';
import { architecture } from './models/architectures';
import { createFaceDetector } from './models/ssd-mobilenet-v1-face';
import { generateAnchors } from './ssd/anchors';
import { TF_OD_API_SCALES } from './ssd/box-coder';
import { buildSsd } from './ssd/build';
import { SsdDetector } from './ssd/ssd-detector';
import { SyntheticWeights } from './ssd/synthetic-weights';
import { loadWeights } from './weights-loader';

// Model id -> manifest (models/*.json) -> loader. Package models are served from our origin
// at <modelBaseUrl><id>/ (copied there by the build); network models come from their
// official URL (cached by the service worker after the first download).

export type { ModelManifest } from './manifest';

const MANIFESTS: Record<string, ModelManifest> = Object.fromEntries(
  Object.values(import.meta.glob<ModelManifest>('../../models/*.json', { eager: true, import: 'default' })).map((m) => [m.id, m]),
);

export function modelIds(): string[] {
  return Object.keys(MANIFESTS);
}

export function modelManifest(id: string): ModelManifest {
  const manifest = MANIFESTS[id];
  if (!manifest) throw new ModelLoadError('model-missing', `Unknown model '${id}'. Known models: ${Object.keys(MANIFESTS).join(', ')}.`);
  return manifest;
}

/** URL of a model file as served: <base><id>/<file name>. */
export function servedFileUrl(modelBaseUrl: string, id: string, file: string): string {
  return new URL(`${id}/${file.split('/').pop()}`, modelBaseUrl).href;
}

function adapterFor(manifest: ModelManifest, runtime: GraphRuntime): OutputAdapter {
  const labels = resolveLabels(manifest.labels);
  switch (runtime.adapter) {
    case 'centernet':
      return new CenterNetAdapter(runtime.outputs, manifest.inputSize, labels);
    case 'postprocessed':
      return new PostprocessedAdapter(runtime.outputs, labels);
    case 'yolov8':
    case 'yolov5':
      return new YoloAdapter({ layout: runtime.adapter, outputs: runtime.outputs, inputSize: manifest.inputSize, labels });
    case 'ssd-raw':
      return new SsdRawAdapter({
        outputs: runtime.outputs,
        labels,
        boxes: runtime.boxes ?? 'decoded',
        anchors: runtime.anchors ? generateAnchors(architecture(runtime.anchors).anchors) : undefined,
        scoresIncludeBackground: runtime.scoresIncludeBackground ?? false,
      });
  }
}

async function loadGraph(manifest: ModelManifest, url: string, onProgress?: DownloadProgressCallback): Promise<GraphDetector> {
  let model;
  try {
    model = await loadGraphModel(url, onProgress ? { fetchFunc: countingFetch(onProgress, manifest.weights?.sizeBytes ?? null) } : {});
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    if (manifest.network && typeof navigator !== 'undefined' && navigator.onLine === false) {
      throw new ModelLoadError('model-missing', `${manifest.name} needs the network once to download; you are offline. Connect, then choose it again.`);
    }
    const missing = /fetch|404|network|Failed to/i.test(message);
    throw new ModelLoadError(missing ? 'model-missing' : 'model-corrupt', `Could not load ${manifest.name} from ${url}: ${message}`);
  }
  return createGraphDetector(manifest, model);
}

/** A loaded graph model wrapped with the input handling and adapter its manifest names. */
export function createGraphDetector(manifest: ModelManifest, model: GraphModel): GraphDetector {
  const runtime = manifest.runtime as GraphRuntime;
  return new GraphDetector(model, manifest.inputSize, runtime.input, runtime.execution, adapterFor(manifest, runtime));
}

export function createSyntheticDetector(manifest: ModelManifest): SsdDetector {
  if (manifest.runtime.format !== 'synthetic') throw new Error(`${manifest.id} is not a synthetic model`);
  const arch = architecture(manifest.runtime.architecture);
  return new SsdDetector(
    buildSsd(arch, new SyntheticWeights()),
    { inputSize: arch.inputSize, resize: 'stretch', scale: 2 / 255, offset: -1 },
    { anchors: generateAnchors(arch.anchors), numClasses: arch.numClasses, labels: [], scoreFunction: 'sigmoid', boxCoderScales: TF_OD_API_SCALES },
  );
}

/** `onProgress` hears downloaded bytes (not called for synthetic models: nothing to fetch). */
export async function loadDetector(id: string, modelBaseUrl: string, onProgress?: DownloadProgressCallback): Promise<Detector> {
  const manifest = modelManifest(id);
  const runtime = manifest.runtime;
  if (runtime.format === 'synthetic') return createSyntheticDetector(manifest);
  if (runtime.format === 'graph') {
    const url = manifest.network ? manifest.network.url : servedFileUrl(modelBaseUrl, id, manifest.weights!.model!);
    return loadGraph(manifest, url, onProgress);
  }
  const weights = await loadWeights(servedFileUrl(modelBaseUrl, id, manifest.weights!.manifest!), onProgress, manifest.weights?.sizeBytes ?? null);
  try {
    return createFaceDetector(weights);
  } finally {
    // the network holds its own (folded) copies
    tf.dispose(Object.values(weights));
  }
}
