import { beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { decodeWeights, parseWeightsManifest } from '../../../src/detection/weights-loader';
import { ModelLoadError } from '../../../src/detection/errors';
import { FACE_API, toArrayBuffer, useWasm } from '../helpers/node-tf';

beforeAll(useWasm);

const dir = path.join(FACE_API, 'model');
const manifestJson = () => JSON.parse(fs.readFileSync(path.join(dir, 'ssd_mobilenetv1_model-weights_manifest.json'), 'utf8'));
const shard = () => toArrayBuffer(fs.readFileSync(path.join(dir, 'ssd_mobilenetv1_model.bin')));

function expectModelError(fn: () => unknown, kind: string, text: RegExp) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ModelLoadError);
    expect((error as ModelLoadError).kind).toBe(kind);
    expect((error as Error).message).toMatch(text);
    return;
  }
  throw new Error('expected a ModelLoadError');
}

describe('weights loader', () => {
  it('decodes the face model: uint8-quantized weights become float32 tensors', () => {
    const weights = decodeWeights(parseWeightsManifest(manifestJson()), [shard()]);
    const w = weights['MobilenetV1/Conv2d_13_pointwise/weights'];
    expect(w.shape).toEqual([1, 1, 1024, 1024]);
    expect(w.dtype).toBe('float32');
  });

  it('refuses a truncated shard, saying so', () => {
    const short = shard().slice(0, 1000);
    expectModelError(() => decodeWeights(parseWeightsManifest(manifestJson()), [short]), 'model-corrupt', /truncated/);
  });

  it('refuses JSON that is not a weights manifest', () => {
    expectModelError(() => parseWeightsManifest({ modelTopology: {} }), 'model-corrupt', /not a TensorFlow.js weights manifest/);
    expectModelError(() => parseWeightsManifest([{ paths: ['a.bin'], weights: [{ name: 'x', shape: [-1], dtype: 'float32' }] }]), 'model-corrupt', /not a TensorFlow.js/);
  });
});
