import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import type { Detector } from '../detection/detector';
import type { DownloadProgressCallback } from '../detection/download-progress';
import { ModelLoadError } from '../detection/errors';
import type { ModelManifest } from '../detection/manifest';
import { createKerasSsdDetector } from '../detection/keras/keras-ssd-detector';
import { createGraphDetector, loadDetector, modelManifest } from '../detection/registry';
import { userModelManifest } from '../storage/user-models/manifest';
import { getUserModelListing, getUserModelWeights, isUserModelId } from '../storage/user-models/store';

// Which model an id names, and its detector: our bundled or downloadable models through the
// registry, imported ones from IndexedDB (validated when they were imported).

/** Reads from the imported-models database, turning a storage failure into a load error. */
async function fromStorage<T>(read: () => Promise<T | undefined>): Promise<T> {
  let value: T | undefined;
  try {
    value = await read();
  } catch (error) {
    throw new ModelLoadError('model-missing', `Could not read imported models from this browser's storage: ${(error as Error).message}`);
  }
  if (!value) throw new ModelLoadError('model-missing', 'This imported model is no longer stored in this browser. Import it again.');
  return value;
}

export async function resolveManifest(id: string): Promise<ModelManifest> {
  if (!isUserModelId(id)) return modelManifest(id);
  // metadata only: the weights are read once, by resolveDetector
  return userModelManifest(await fromStorage(() => getUserModelListing(id)));
}

export async function resolveDetector(
  id: string,
  manifest: ModelManifest,
  modelBaseUrl: string,
  onProgress?: DownloadProgressCallback,
): Promise<Detector> {
  if (!isUserModelId(id)) return loadDetector(id, modelBaseUrl, onProgress);
  const record = await fromStorage(() => getUserModelWeights(id));
  if (manifest.runtime.format === 'keras-ssd') {
    if (!record.keras || record.shards.length !== 1) throw new ModelLoadError('model-corrupt', `${manifest.name}: its stored Keras weights are incomplete. Import the .h5 file again.`);
    try {
      const { params, numClasses } = manifest.runtime;
      return createKerasSsdDetector({ params, numClasses, labels: manifest.labels }, { layers: record.keras.layers, data: new Float32Array(record.shards[0]) });
    } catch (error) {
      throw new ModelLoadError('model-corrupt', `${manifest.name} could not be built from its Keras weights: ${(error as Error).message}`);
    }
  }
  const json = record.modelJson;
  const total = record.shards.reduce((s, b) => s + b.byteLength, 0);
  const weightData = new Uint8Array(total);
  let offset = 0;
  for (const shard of record.shards) {
    weightData.set(new Uint8Array(shard), offset);
    offset += shard.byteLength;
  }
  try {
    const model = await loadGraphModel(
      tf.io.fromMemory({
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest.flatMap((g) => g.weights) as tf.io.WeightsManifestEntry[],
        weightData: weightData.buffer,
        format: 'graph-model',
        signature: json.signature as object | undefined,
      }),
    );
    return createGraphDetector(manifest, model);
  } catch (error) {
    throw new ModelLoadError('model-corrupt', `${manifest.name} could not be loaded: ${(error as Error).message}`);
  }
}
