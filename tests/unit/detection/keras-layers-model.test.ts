import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import h5wasm from 'h5wasm/node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { detectKerasSsd } from '../../../src/detection/keras/keras-layout';
import { createKerasSsdDetector } from '../../../src/detection/keras/keras-ssd-detector';
import { kerasPreset } from '../../../src/detection/keras/ssd-keras-params';
import { ImportError } from '../../../src/storage/user-models/import-error';
import { readKerasH5 } from '../../../src/storage/user-models/keras-h5';
import { isLayersModelJson, readLayersModel } from '../../../src/storage/user-models/keras-layers-model';
import type { ImportFile } from '../../../src/storage/user-models/validate';
import { seededKerasWeights, ssdKerasLayers, writeKerasH5 } from '../helpers/ssd-keras-h5';
import { ssd300LayersModel, type SavedLayersModel } from '../helpers/ssd-keras-layers';
import { useWasm } from '../helpers/node-tf';
import { rng } from '../helpers/rng';

// The same ssd_keras SSD300 weights as a TF.js layers model saved by TF.js and as an .h5: read
// as data (no layer executed), the anchors taken from its AnchorBoxes layers, and the network
// our builder makes from it predicts exactly what the .h5 path's network predicts.

const CLASSES = 4;
const layers = ssdKerasLayers('ssd300', CLASSES);
const values = seededKerasWeights(layers, 9);
const preset = kerasPreset('ssd300-voc');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssd-keras-layers-'));
let saved: SavedLayersModel;

const fileOf = (name: string, bytes: Uint8Array | string): ImportFile => {
  const buf = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  return {
    name,
    size: buf.byteLength,
    arrayBuffer: async () => buf.slice().buffer as ArrayBuffer,
    text: async () => new TextDecoder().decode(buf),
  };
};
const filesOf = (json: unknown, bin = saved.bin) => [fileOf('model.json', JSON.stringify(json)), fileOf('group1-shard1of1.bin', bin)];

beforeAll(async () => {
  await useWasm();
  saved = await ssd300LayersModel(layers, values, preset, CLASSES);
  await writeKerasH5(path.join(dir, 'weights.h5'), layers, values);
}, 180_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('an ssd_keras SSD300 saved by TF.js as a layers model', () => {
  it('is told from a graph model, holds the three custom layers, and its anchors are read from AnchorBoxes', async () => {
    expect(isLayersModelJson(saved.modelJson)).toBe(true);
    expect(isLayersModelJson({ format: 'graph-model', modelTopology: { node: [] } })).toBe(false);
    const text = JSON.stringify(saved.modelJson);
    for (const cls of ['L2Normalization', 'AnchorBoxes', 'DecodeDetections']) expect(text).toContain(`"class_name":"${cls}"`);
    const read = await readLayersModel(filesOf(saved.modelJson), 300 * 1048576);
    // no input Lambdas in this model: no mean, no swap; everything else as ssd_keras's VOC settings
    expect(read.params).toEqual({ ...preset, subtractMean: [0, 0, 0], swapToBgr: false });
    const layout = detectKerasSsd('model.json', read.weights.layers);
    expect(layout).toMatchObject({ variant: 'ssd300', numClasses: CLASSES, boxesPerLayer: [4, 6, 6, 6, 4, 4] });
  });

  it('predicts exactly what the .h5 path predicts (same weights, our builder)', async () => {
    const read = await readLayersModel(filesOf(saved.modelJson), 300 * 1048576);
    await h5wasm.ready;
    const f = new h5wasm.File(path.join(dir, 'weights.h5'), 'r');
    const fromH5 = readKerasH5(f, 'weights.h5', 300 * 1048576);
    f.close();
    const card = { params: preset, numClasses: CLASSES, labels: ['a', 'b', 'c'] };
    const a = createKerasSsdDetector(card, read.weights);
    const b = createKerasSsdDetector(card, fromH5);
    const random = rng(5);
    const image = tf.tensor3d(new Float32Array(240 * 320 * 3).map(() => Math.floor(random() * 256)), [240, 320, 3]);
    try {
      const net = (d: unknown) => (d as { network: { predict(x: tf.Tensor4D): tf.Tensor3D } }).network;
      const x = tf.randomUniform([1, 300, 300, 3], -120, 120, 'float32', 3) as tf.Tensor4D;
      const ya = net(a).predict(x);
      const yb = net(b).predict(x);
      const [va, vb] = [await ya.data(), await yb.data()];
      tf.dispose([x, ya, yb]);
      let maxDiff = 0;
      for (let i = 0; i < va.length; i++) maxDiff = Math.max(maxDiff, Math.abs(va[i] - vb[i]));
      console.log(`[keras-layers] layers model vs .h5: max abs diff ${maxDiff}`);
      expect(va.length).toBe(8732 * (4 + CLASSES));
      expect(maxDiff).toBeLessThanOrEqual(1e-4);
      const opts = { scoreThreshold: 0.3, iouThreshold: 0.5, maxDetections: 20 };
      expect((await a.detect(image, opts)).detections).toEqual((await b.detect(image, opts)).detections);
    } finally {
      a.dispose();
      b.dispose();
      image.dispose();
    }
  }, 120_000);

  it('refuses a class it does not build, a Lambda with code, quantized weights and a short shard, by name', async () => {
    const json = structuredClone(saved.modelJson) as { modelTopology: { config: { layers: Array<{ class_name: string; config: { name: string } }> } }; weightsManifest: Array<{ weights: Array<Record<string, unknown>> }> };
    const layerList = (j: typeof json) => j.modelTopology.config.layers;
    const custom = structuredClone(json);
    layerList(custom)[5].class_name = 'MyAttention';
    await expect(readLayersModel(filesOf(custom), 1e9)).rejects.toThrow(new RegExp(`layer '${layerList(custom)[5].config.name}' is of class 'MyAttention' \\(SSD Cam does not build that class\\)`));
    const lambda = structuredClone(json);
    layerList(lambda)[3].class_name = 'Lambda';
    layerList(lambda)[3].config.name = 'my_lambda';
    const e = await readLayersModel(filesOf(lambda), 1e9).catch((x) => x);
    expect(e).toBeInstanceOf(ImportError);
    expect(e.kind).toBe('unknown-layer');
    expect(e.message).toMatch(/layer 'my_lambda' is of class 'Lambda' \(a Lambda holds Python code, which is never run here\)/);
    const quantized = structuredClone(json);
    quantized.weightsManifest[0].weights[0].quantization = { dtype: 'uint8', scale: 1, min: 0 };
    await expect(readLayersModel(filesOf(quantized), 1e9)).rejects.toThrow(/weight 'conv1_1\/kernel' is quantized/);
    await expect(readLayersModel(filesOf(json, saved.bin.subarray(0, 1000)), 1e9)).rejects.toThrow(/group1-shard1of1\.bin: 1000 bytes where the weights of group 0 need \d+/);
    await expect(readLayersModel(filesOf(json), 10 * 1048576)).rejects.toThrow(/describes more than 10 MB of weights/);
  });

  it('200 seeded mutations of its model.json are each read or refused with an ImportError, never another failure', async () => {
    const text = JSON.stringify(saved.modelJson);
    const random = rng(77);
    const tally = new Map<string, number>();
    for (let c = 0; c < 200; c++) {
      const chars = [...text];
      for (let k = 0, n = 1 + Math.floor(random() * 6); k < n; k++) chars[Math.floor(random() * chars.length)] = '{}[]":,0-9ax '[Math.floor(random() * 13)];
      const files = [fileOf('model.json', chars.join('')), fileOf('group1-shard1of1.bin', saved.bin)];
      let outcome: string;
      try {
        const read = await readLayersModel(files, 300 * 1048576);
        try {
          detectKerasSsd('model.json', read.weights.layers);
          outcome = 'read';
        } catch (error) {
          outcome = (error as Error).name === 'KerasLayoutError' ? 'refused:keras-layout' : `other:${(error as Error).name}`;
        }
      } catch (error) {
        outcome = error instanceof ImportError ? `refused:${error.kind}` : `other:${(error as Error)?.name}:${(error as Error)?.message}`;
      }
      tally.set(outcome, (tally.get(outcome) ?? 0) + 1);
    }
    console.log(`[keras-layers] fuzz: ${[...tally].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    expect([...tally.keys()].filter((k) => k.startsWith('other'))).toEqual([]);
  }, 60_000);
});
