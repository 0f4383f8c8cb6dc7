// Bare model timing (thread calibration, cold start, bench) with real weights on the WASM
// backend: when reading an output back fails (a lost GPU device does this), every output
// tensor is still released, so a failed timing leaves no memory behind in the worker.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import path from 'node:path';
import type { Detector } from '../../../src/detection/detector';
import { createFaceDetector } from '../../../src/detection/models/ssd-mobilenet-v1-face';
import { createGraphDetector, modelManifest } from '../../../src/detection/registry';
import { measureMatmulGmacs } from '../../../src/worker/throughput';
import { HUMAN, faceWeights, packageGraphModel, useWasm } from '../helpers/node-tf';

let ssd: Detector;
let graph: Detector;

beforeAll(async () => {
  await useWasm();
  const weights = faceWeights();
  ssd = createFaceDetector(weights);
  tf.dispose(Object.values(weights));
  graph = createGraphDetector(modelManifest('centernet-mobilenet-v3-coco'), await packageGraphModel(path.join(HUMAN, 'models/centernet.json')));
});

afterAll(() => {
  ssd?.dispose();
  graph?.dispose();
});

afterEach(() => vi.restoreAllMocks());

describe('timeInference when a read-back fails', () => {
  for (const [name, detector] of [['SSD (face)', () => ssd], ['graph model (centernet)', () => graph]] as const) {
    it(`${name}: the outputs are released when data() throws`, async () => {
      await detector().timeInference(1); // compiles and warms up: later runs allocate nothing new
      const before = tf.memory().numTensors;
      vi.spyOn(tf.Tensor.prototype, 'data').mockRejectedValueOnce(new Error('GPU device lost'));
      await expect(detector().timeInference(1)).rejects.toThrow('GPU device lost');
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('the bench\'s matmul peak: the product is released when data() throws', async () => {
    const before = tf.memory().numTensors;
    vi.spyOn(tf.Tensor.prototype, 'data').mockRejectedValueOnce(new Error('GPU device lost'));
    await expect(measureMatmulGmacs()).rejects.toThrow('GPU device lost');
    expect(tf.memory().numTensors).toBe(before);
  });
});
