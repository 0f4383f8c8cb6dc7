import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { generateAnchors } from '../../../src/detection/ssd/anchors';
import { buildSsd } from '../../../src/detection/ssd/build';
import { countCost } from '../../../src/detection/ssd/cost';
import { SyntheticWeights } from '../../../src/detection/ssd/synthetic-weights';
import { architecture } from '../../../src/detection/models/architectures';
import { MODELS } from '../../../src/shared/model-catalog';
import { useWasm } from '../helpers/node-tf';

beforeAll(useWasm);

const within = (actual: number, expected: number, tolerance: number) => Math.abs(actual - expected) / expected <= tolerance;

/**
 * Independent count: build the network, then count what TensorFlow.js really holds and runs:
 * parameters as the sizes of the built weight tensors, mult-adds from the shapes of every conv
 * kernel tf.profile saw during one forward pass.
 */
async function measured(id: string): Promise<{ params: number; multAdds: number }> {
  const arch = architecture(id);
  const before = tf.memory().numTensors;
  const network = buildSsd(arch, new SyntheticWeights());
  const params = tf.memory().numTensors - before > 0 ? heldValues(network) : 0;
  const x = tf.zeros([1, arch.inputSize, arch.inputSize, 3]) as tf.Tensor4D;
  const info = await tf.profile(() => tf.tidy(() => network.predict(x)));
  let multAdds = 0;
  for (const k of info.kernels) {
    const out = k.outputShapes[0] as number[];
    const filter = k.inputShapes[1] as number[];
    if (k.name === 'FusedConv2D' || k.name === 'Conv2D') multAdds += out[1] * out[2] * out[3] * filter[0] * filter[1] * filter[2];
    if (k.name === 'FusedDepthwiseConv2D' || k.name === 'DepthwiseConv2dNative') multAdds += out[1] * out[2] * out[3] * filter[0] * filter[1];
  }
  x.dispose();
  network.dispose();
  return { params, multAdds };
}

function heldValues(network: unknown): number {
  // every weight tensor the network object references
  const seen = new Set<tf.Tensor>();
  const walk = (v: unknown) => {
    if (v instanceof tf.Tensor) seen.add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(network);
  return [...seen].reduce((s, t) => s + t.size, 0);
}

describe('anchors per architecture', () => {
  it('VGG16-SSD300 has 8732 default boxes (SSD paper)', () => {
    expect(generateAnchors(architecture('vgg16-ssd300').anchors).length / 4).toBe(8732);
  });
  it('MobileNetV1-SSD300 has 1917 (19x19x3 + (10x10+5x5+3x3+2x2+1x1)x6)', () => {
    for (const w of ['10', '075', '05', '025']) expect(generateAnchors(architecture(`mobilenet-v1-${w}-ssd300`).anchors).length / 4).toBe(1917);
  });
});

describe('parameters and mult-adds', () => {
  it('MobileNetV1-SSD300: 6.8 M parameters as published (MobileNet paper, Howard et al. 2017, Table 13)', () => {
    const c = countCost(architecture('mobilenet-v1-10-ssd300'));
    expect(within(c.params, 6.8e6, 0.02), `${c.params}`).toBe(true);
  });

  it('VGG16-SSD300 (VOC, 21 classes): 26.29 M parameters as in the SSD300 VOC model (ssd.pytorch counts 26,285,486)', () => {
    const c = countCost(architecture('vgg16-ssd300'));
    expect(within(c.params, 26_285_486, 0.02), `${c.params}`).toBe(true);
  });

  for (const id of ['mobilenet-v1-10-ssd300', 'mobilenet-v1-025-ssd300', 'vgg16-ssd300', 'ssd-mobilenet-v1-face']) {
    it(`${id}: our layer count agrees with what TensorFlow.js holds and runs (within 2%)`, async () => {
      const counted = countCost(architecture(id));
      const real = await measured(id);
      console.log(`[cost] ${id}: params ${counted.params} vs ${real.params}; mult-adds ${counted.multAdds} vs ${real.multAdds}`);
      expect(within(counted.params, real.params, 0.02)).toBe(true);
      expect(within(counted.multAdds, real.multAdds, 0.02)).toBe(true);
    });
  }

  it('the catalog shows every SSD we build with its parameters and mult-adds', () => {
    const built = MODELS.filter((m) => m.group === 'speed-only' || m.id === 'ssd-mobilenet-v1-face');
    expect(built.length).toBe(9);
    for (const m of built) {
      expect(m.params).toBeGreaterThan(0);
      expect(m.multAdds).toBeGreaterThan(0);
    }
    // the comparison the app exists for: MobileNet needs a small fraction of VGG16's work
    const vgg = MODELS.find((m) => m.id === 'vgg16-ssd300')!;
    const mb = MODELS.find((m) => m.id === 'mobilenet-v1-10-ssd300')!;
    expect(vgg.multAdds! / mb.multAdds!).toBeGreaterThan(20);
  });
});
