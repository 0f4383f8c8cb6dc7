import * as tf from '@tensorflow/tfjs-core';
import { countingFetch, type DownloadProgressCallback } from './download-progress';
import { ModelLoadError } from './errors';

// Loads a TensorFlow.js weights manifest (weights_manifest.json + .bin shards) and checks it
// before any byte reaches TensorFlow.js: every shard present, byte counts matching what the
// manifest's shapes and dtypes need.

type WeightsManifest = tf.io.WeightsManifestConfig;
type WeightEntry = tf.io.WeightsManifestEntry;

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2, complex64: 8 };

function bytesOf(entry: WeightEntry): number {
  const count = entry.shape.reduce((a, b) => a * b, 1);
  if (entry.dtype === 'string') throw new ModelLoadError('model-corrupt', `Weight '${entry.name}' is a string tensor; only numeric weights are supported.`);
  const dtype = entry.quantization?.dtype ?? entry.dtype;
  const size = BYTES[dtype];
  if (!size) throw new ModelLoadError('model-corrupt', `Weight '${entry.name}' has unknown dtype '${dtype}'.`);
  return count * size;
}

export function parseWeightsManifest(json: unknown): WeightsManifest {
  const ok =
    Array.isArray(json) &&
    json.every(
      (g) =>
        g && Array.isArray(g.paths) && g.paths.every((p: unknown) => typeof p === 'string') &&
        Array.isArray(g.weights) &&
        g.weights.every((w: WeightEntry) => w && typeof w.name === 'string' && Array.isArray(w.shape) && w.shape.every((d) => Number.isInteger(d) && d >= 0) && typeof w.dtype === 'string'),
    );
  if (!ok) throw new ModelLoadError('model-corrupt', 'The weights manifest is not a TensorFlow.js weights manifest (expected groups of paths and weights).');
  return json as WeightsManifest;
}

/** Decodes already fetched shards (in manifest order) into named tensors. */
export function decodeWeights(manifest: WeightsManifest, shards: ArrayBuffer[]): tf.NamedTensorMap {
  const entries = manifest.flatMap((g) => g.weights);
  const need = entries.reduce((sum, e) => sum + bytesOf(e), 0);
  const have = shards.reduce((sum, b) => sum + b.byteLength, 0);
  if (have !== need) {
    throw new ModelLoadError('model-corrupt', `The weight files hold ${have} bytes but the manifest describes ${need}: a file is truncated or does not belong to this manifest.`);
  }
  const joined = new Uint8Array(have);
  let offset = 0;
  for (const b of shards) {
    joined.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  return tf.io.decodeWeights(joined.buffer, entries);
}

async function fetchOk(url: string, what: string, fetchImpl: typeof fetch = fetch): Promise<Response> {
  let response: Response;
  try {
    response = await fetchImpl(url);
  } catch (error) {
    throw new ModelLoadError('model-missing', `Could not download the ${what} (${url}): ${(error as Error).message}.`);
  }
  if (!response.ok) throw new ModelLoadError('model-missing', `The ${what} is missing (${url}: HTTP ${response.status}).`);
  return response;
}

/**
 * Fetches a manifest and its shards relative to the manifest's URL. `onProgress` hears the
 * bytes as they arrive (`expectedBytes`: the shards' total, when the caller knows it).
 */
export async function loadWeights(
  manifestUrl: string,
  onProgress?: DownloadProgressCallback,
  expectedBytes: number | null = null,
): Promise<tf.NamedTensorMap> {
  const fetchImpl = onProgress ? countingFetch(onProgress, expectedBytes) : (input: RequestInfo | URL) => fetch(input);
  const response = await fetchOk(manifestUrl, 'weights manifest', fetchImpl);
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new ModelLoadError('model-corrupt', `The weights manifest (${manifestUrl}) is not valid JSON.`);
  }
  const manifest = parseWeightsManifest(json);
  const paths = manifest.flatMap((g) => g.paths);
  const shards = await Promise.all(
    paths.map(async (p) => (await fetchOk(new URL(p, manifestUrl).href, `weight file ${p}`, fetchImpl)).arrayBuffer()),
  );
  return decodeWeights(manifest, shards);
}
