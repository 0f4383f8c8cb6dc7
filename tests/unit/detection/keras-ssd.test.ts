import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import h5wasm from 'h5wasm/node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateAnchors } from '../../../src/detection/ssd/anchors';
import { buildSsd } from '../../../src/detection/ssd/build';
import type { WeightSource } from '../../../src/detection/ssd/weight-source';
import { detectKerasSsd, KerasLayoutError } from '../../../src/detection/keras/keras-layout';
import { kerasVggSsd } from '../../../src/detection/keras/ssd-keras-architecture';
import { kerasAnchorConfig, kerasBoxesPerLayer, kerasPreset } from '../../../src/detection/keras/ssd-keras-params';
import { createKerasSsdDetector } from '../../../src/detection/keras/keras-ssd-detector';
import { readKerasH5 } from '../../../src/storage/user-models/keras-h5';
import { ImportError } from '../../../src/storage/user-models/import-error';
import type { KerasWeights } from '../../../src/detection/keras/keras-weights';
import { seededKerasWeights, ssdKerasLayers, writeKerasH5 } from '../helpers/ssd-keras-h5';
import { useWasm } from '../helpers/node-tf';
import { rng } from '../helpers/rng';

// ssd_keras weights into our SSD builder, end to end on a file written here: the HDF5 reader,
// the layout detection, ssd_keras's anchors (checked by hand), the loc channel reordering and
// ssd_keras's decoding, against the same seeded numbers handed to the builder directly.

const CLASSES = 4; // 3 + background: the heads stay small, the VGG base is the real one
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssd-keras-'));
const layers = ssdKerasLayers('ssd300', CLASSES);
const values = seededKerasWeights(layers, 7);

async function read(file: string): Promise<KerasWeights> {
  await h5wasm.ready;
  const f = new h5wasm.File(file, 'r');
  try {
    return readKerasH5(f, path.basename(file), 300 * 1048576);
  } finally {
    f.close();
  }
}

function refused(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('not refused');
}

beforeAll(async () => {
  await useWasm();
  await writeKerasH5(path.join(dir, 'weights.h5'), layers, values);
  await writeKerasH5(path.join(dir, 'model.h5'), layers, values, { fullSave: true });
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('ssd_keras anchors (SSD300, VOC settings)', () => {
  const params = kerasPreset('ssd300-voc');
  const anchors = generateAnchors(kerasAnchorConfig(params));
  const box = (i: number) => Array.from(anchors.slice(i * 4, i * 4 + 4));

  it('8,732 boxes: 4, 6, 6, 6, 4, 4 per cell on 38, 19, 10, 5, 3, 1', () => {
    expect(kerasBoxesPerLayer(params)).toEqual([4, 6, 6, 6, 4, 4]);
    expect(anchors.length / 4).toBe(8732);
  });

  it('the first boxes: cell (0, 0) of the 38x38 map, centre 0.5 x 8 px of 300, scale 0.1, then sqrt(0.1 x 0.2), then ratio 2', () => {
    const c = 4 / 300; // (0.5 + 0) * 8 / 300
    const close = (got: number[], want: number[]) => got.forEach((v, i) => expect(v).toBeCloseTo(want[i], 6));
    close(box(0), [c - 0.05, c - 0.05, c + 0.05, c + 0.05]);
    const s2 = Math.sqrt(0.1 * 0.2) / 2;
    close(box(1), [c - s2, c - s2, c + s2, c + s2]);
    // ratio 2: w = 0.1 sqrt 2, h = 0.1 / sqrt 2; [ymin, xmin, ymax, xmax]
    close(box(2), [c - 0.1 / Math.SQRT2 / 2, c - (0.1 * Math.SQRT2) / 2, c + 0.1 / Math.SQRT2 / 2, c + (0.1 * Math.SQRT2) / 2]);
    // the next cell to the right is 8 px further
    close(box(4), [c - 0.05, c + 8 / 300 - 0.05, c + 0.05, c + 8 / 300 + 0.05]);
  });

  it('the last box: the 1x1 map centred at 150 px, scale 0.88, ratio 1/2 (w 0.622, h 1.245)', () => {
    const w = 0.88 * Math.sqrt(0.5);
    const h = 0.88 / Math.sqrt(0.5);
    const got = box(8731);
    [0.5 - h / 2, 0.5 - w / 2, 0.5 + h / 2, 0.5 + w / 2].forEach((v, i) => expect(got[i]).toBeCloseTo(v, 6));
    expect(got[0]).toBeCloseTo(-0.122254, 5);
    expect(got[3]).toBeCloseTo(0.811127, 5);
  });

  it('clip_boxes: a corner below 0 px becomes 0, one at or past 300 px becomes 299, as ssd_keras clips', () => {
    const clipped = generateAnchors(kerasAnchorConfig({ ...params, clipBoxes: true }));
    let moved = 0;
    anchors.forEach((u, i) => {
      const want = u < 0 ? 0 : u >= 1 ? 299 / 300 : u;
      if (want !== u) moved++;
      expect(clipped[i]).toBeCloseTo(want, 6);
    });
    expect(moved).toBeGreaterThan(100);
    expect(clipped[0]).toBe(0);
  });
});

describe('reading ssd_keras .h5 weights', () => {
  it('save_weights and full save files give the same layers and values; the layout is SSD300 with 4 classes', async () => {
    const a = await read(path.join(dir, 'weights.h5'));
    const b = await read(path.join(dir, 'model.h5'));
    expect(a.layers.map((l) => l.name)).toEqual(layers.map((l) => l.name));
    expect(b.layers).toEqual(a.layers);
    expect(b.data.length).toBe(a.data.length);
    const kernel = a.layers.find((l) => l.name === 'conv4_3')!.weights[0];
    expect(kernel.name).toBe('conv4_3/kernel:0');
    expect(kernel.shape).toEqual([3, 3, 512, 512]);
    expect(Array.from(a.data.subarray(kernel.offset, kernel.offset + 5))).toEqual(Array.from(values.get('conv4_3/kernel:0')!.values.subarray(0, 5)));
    const layout = detectKerasSsd('weights.h5', a.layers);
    expect(layout).toMatchObject({ variant: 'ssd300', numClasses: CLASSES, boxesPerLayer: [4, 6, 6, 6, 4, 4] });
    expect(layout.params).toBe(a.data.length);
  });

  it('refuses, naming the file and what it found: no Keras weights, a missing layer, a wrong shape, the cap', async () => {
    await h5wasm.ready;
    const other = path.join(dir, 'other.h5');
    const f = new h5wasm.File(other, 'w');
    f.create_group('data').create_dataset({ name: 'x', data: new Float32Array(4), shape: [4], dtype: '<f' });
    f.close();
    const e1 = await read(other).catch((e) => e);
    expect(e1).toBeInstanceOf(ImportError);
    expect(e1.kind).toBe('no-keras-weights');
    expect(e1.message).toMatch(/other\.h5 is an HDF5 file but holds no Keras weights.*its top level: data/);

    const dropped = path.join(dir, 'dropped.h5');
    await writeKerasH5(dropped, layers, values, { drop: ['fc7/kernel:0'] });
    const w2 = await read(dropped);
    const err2 = refused(() => detectKerasSsd('dropped.h5', w2.layers));
    expect(err2).toBeInstanceOf(KerasLayoutError);
    expect(err2.message).toMatch(/dropped\.h5 looks like an ssd_keras SSD300 but its weights do not fit: layer 'fc7' has no kernel/);

    const wrong = path.join(dir, 'wrong.h5');
    await writeKerasH5(wrong, layers, values, { override: { 'conv5_1/kernel:0': { shape: [3, 3, 512, 256], values: new Float32Array(3 * 3 * 512 * 256) } } });
    const w3 = await read(wrong);
    expect(() => detectKerasSsd('wrong.h5', w3.layers)).toThrow(/conv5_1\/kernel:0 is \[3, 3, 512, 256\], expected \[3, 3, 512, 512\]/);

    const notSsd = refused(() => detectKerasSsd('mnist.h5', [{ name: 'dense_1', weights: [{ name: 'dense_1/kernel:0', shape: [784, 10], offset: 0 }] }]));
    expect(notSsd.message).toMatch(/mnist\.h5 holds no ssd_keras SSD300 or SSD512.*dense_1: kernel:0 \[784, 10\]/);

    await h5wasm.ready;
    const f2 = new h5wasm.File(path.join(dir, 'weights.h5'), 'r');
    try {
      const big = refused(() => readKerasH5(f2, 'weights.h5', 10 * 1048576));
      expect((big as ImportError).kind).toBe('too-large');
      expect(big.message).toMatch(/weights\.h5 holds more than 10 MB of weights \(reached at 'conv[0-9_]+\/kernel:0'\)/);
    } finally {
      f2.close();
    }
  });
});

describe('an ssd_keras SSD300 on our builder', () => {
  it('raw predictions equal the same weights handed straight to the builder (max abs diff <= 1e-4), and decoding follows ssd_keras', async () => {
    const weights = await read(path.join(dir, 'weights.h5'));
    const params = kerasPreset('ssd300-voc');
    const card = { params, numClasses: CLASSES, labels: ['cat', 'dog', 'bird'] };
    const arch = kerasVggSsd(params, CLASSES);
    // the same numbers, given to the builder by name with no reordering: loc channels stay (cx, cy, w, h)
    const get = (n: string) => tf.tensor(values.get(n)!.values, values.get(n)!.shape);
    const direct: WeightSource = {
      conv: (l) => ({ filter: get(`${l.name}/kernel:0`) as tf.Tensor4D, bias: get(`${l.name}/bias:0`) as tf.Tensor1D }),
      depthwise: () => {
        throw new Error('none');
      },
      l2norm: (l) => get(`${l.name}/${l.name}_gamma:0`) as tf.Tensor1D,
      head: (i) => {
        const t = arch.taps[i];
        return {
          box: { filter: get(`${t}_mbox_loc/kernel:0`) as tf.Tensor4D, bias: get(`${t}_mbox_loc/bias:0`) as tf.Tensor1D },
          cls: { filter: get(`${t}_mbox_conf/kernel:0`) as tf.Tensor4D, bias: get(`${t}_mbox_conf/bias:0`) as tf.Tensor1D },
        };
      },
    };
    const reference = buildSsd(arch, direct);
    const detector = createKerasSsdDetector(card, weights);
    const random = rng(3);
    const pixels = tf.tensor3d(new Float32Array(300 * 300 * 3).map(() => Math.floor(random() * 256)), [300, 300, 3]);
    // ssd_keras's input: minus the mean, channels swapped to BGR (no resize at 300 x 300)
    const input = tf.tidy(() => tf.expandDims(tf.reverse(tf.sub(pixels, tf.tensor1d([123, 117, 104])), -1)) as tf.Tensor4D);
    const before = tf.memory().numTensors;
    try {
      const refOut = tf.tidy(() => reference.predict(input));
      // our network (built from the file) on the same input
      const oursOut = tf.tidy(() => (detector as unknown as { network: typeof reference }).network.predict(input));
      const ref = (await refOut.data()) as Float32Array;
      const ours = (await oursOut.data()) as Float32Array;
      tf.dispose([refOut, oursOut]);
      const stride = 4 + CLASSES;
      expect(ours.length).toBe(8732 * stride);
      let maxDiff = 0;
      for (let i = 0; i < 8732; i++) {
        const r = i * stride;
        // ours (cy, cx, h, w) vs ssd_keras's (cx, cy, w, h); class logits in place
        const pairs: Array<[number, number]> = [[ours[r], ref[r + 1]], [ours[r + 1], ref[r]], [ours[r + 2], ref[r + 3]], [ours[r + 3], ref[r + 2]]];
        for (let c = 4; c < stride; c++) pairs.push([ours[r + c], ref[r + c]]);
        for (const [a, b] of pairs) maxDiff = Math.max(maxDiff, Math.abs(a - b));
      }
      console.log(`[keras-ssd] max abs diff of raw predictions: ${maxDiff.toExponential(2)}`);
      expect(maxDiff).toBeLessThanOrEqual(1e-4);

      // ssd_keras's decoding of the reference rows, written out here: softmax, then
      // cx = cx_pred * v0 * w_a + cx_a, w = exp(w_pred * v2) * w_a (centroids, normalized)
      const anchors = generateAnchors(kerasAnchorConfig(params));
      const v = params.variances;
      const found: Array<{ score: number; classId: number; box: number[] }> = [];
      for (let i = 0; i < 8732; i++) {
        const r = i * stride;
        const logits = Array.from(ref.subarray(r + 4, r + stride));
        const m = Math.max(...logits);
        const e = logits.map((x) => Math.exp(x - m));
        const sum = e.reduce((a, b) => a + b, 0);
        const a = anchors.subarray(i * 4, i * 4 + 4);
        const [wa, ha] = [a[3] - a[1], a[2] - a[0]];
        const [cxa, cya] = [a[1] + wa / 2, a[0] + ha / 2];
        const cx = ref[r] * v[0] * wa + cxa;
        const cy = ref[r + 1] * v[1] * ha + cya;
        const w = Math.exp(ref[r + 2] * v[2]) * wa;
        const h = Math.exp(ref[r + 3] * v[3]) * ha;
        for (let c = 1; c < CLASSES; c++) if (e[c] / sum > 0.3) found.push({ score: e[c] / sum, classId: c, box: [cx - w / 2, cy - h / 2, w, h] });
      }
      found.sort((p, q) => q.score - p.score);
      const result = await detector.detect(pixels, { scoreThreshold: 0.3, iouThreshold: 1, maxDetections: 10 });
      expect(result.detections.length).toBe(Math.min(10, found.length));
      expect(found.length).toBeGreaterThan(0);
      result.detections.forEach((d, k) => {
        const want = found[k];
        expect(d.score).toBeCloseTo(want.score, 4);
        expect(d.classId).toBe(want.classId);
        expect(d.label).toBe(card.labels[want.classId - 1]);
        // ours is clipped to the image; compare where the reference box lies inside it
        const [x, y, w, h] = want.box;
        if (x >= 0 && y >= 0 && x + w <= 1 && y + h <= 1) {
          expect(d.box.x).toBeCloseTo(x, 4);
          expect(d.box.y).toBeCloseTo(y, 4);
          expect(d.box.width).toBeCloseTo(w, 4);
          expect(d.box.height).toBeCloseTo(h, 4);
        }
      });
      expect(tf.memory().numTensors, 'tensors left by predict and detect').toBe(before);
    } finally {
      reference.dispose();
      detector.dispose();
      tf.dispose([pixels, input]);
    }
  }, 240_000);
});
