import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import { SsdRawAdapter } from '../../../src/detection/adapters/ssd-raw';
import { GraphDetector } from '../../../src/detection/graph/graph-detector';
import { COCO_90 } from '../../../src/detection/labels/coco';
import { modelManifest } from '../../../src/detection/registry';
import { generateAnchors, type SsdAnchorConfig } from '../../../src/detection/ssd/anchors';
import { encodeBox, TF_OD_API_SCALES } from '../../../src/detection/ssd/box-coder';
import { useWasm } from '../helpers/node-tf';

// A tiny TensorFlow.js graph model with COCO-SSD's output layout, built here: an int32
// `image_tensor` input and constant `Postprocessor/Slice` (scores [1, N, 90], no background)
// and `Postprocessor/ExpandDims_1` (boxes [1, N, 1, 4]) outputs holding known boxes.

beforeAll(useWasm);

type Box = [number, number, number, number];

async function graphWith(scores: Float32Array, boxes: Float32Array, n: number) {
  const constNode = (name: string, shape: number[]) => ({
    name,
    op: 'Const',
    attr: { value: { tensor: { dtype: 'DT_FLOAT', tensorShape: { dim: shape.map((size) => ({ size: String(size) })) } } }, dtype: { type: 'DT_FLOAT' } },
  });
  const topology = {
    node: [
      { name: 'image_tensor', op: 'Placeholder', attr: { dtype: { type: 'DT_INT32' }, shape: { shape: { dim: [{ size: '1' }, { size: '-1' }, { size: '-1' }, { size: '3' }] } } } },
      constNode('scores_values', [1, n, 90]),
      constNode('boxes_values', [1, n, 1, 4]),
      { name: 'Postprocessor/Slice', op: 'Identity', input: ['scores_values'], attr: { T: { type: 'DT_FLOAT' } } },
      { name: 'Postprocessor/ExpandDims_1', op: 'Identity', input: ['boxes_values'], attr: { T: { type: 'DT_FLOAT' } } },
    ],
    versions: { producer: 1 },
  };
  const weightData = new Uint8Array(scores.byteLength + boxes.byteLength);
  weightData.set(new Uint8Array(scores.buffer, scores.byteOffset, scores.byteLength), 0);
  weightData.set(new Uint8Array(boxes.buffer, boxes.byteOffset, boxes.byteLength), scores.byteLength);
  return loadGraphModel(
    tf.io.fromMemory({
      modelTopology: topology,
      format: 'graph-model',
      weightSpecs: [
        { name: 'scores_values', shape: [1, n, 90], dtype: 'float32' },
        { name: 'boxes_values', shape: [1, n, 1, 4], dtype: 'float32' },
      ],
      weightData: weightData.buffer,
    }),
  );
}

// four boxes: a person, a weaker overlapping person (NMS must drop it), a car, and noise
const BOXES: Box[] = [
  [0.1, 0.1, 0.5, 0.4],
  [0.12, 0.11, 0.52, 0.41],
  [0.6, 0.5, 0.9, 0.95],
  [0.0, 0.0, 0.2, 0.2],
];
function scoresFor(): Float32Array {
  const s = new Float32Array(4 * 90).fill(0.01);
  s[0 * 90 + 0] = 0.9; // column 0 = COCO id 1, person
  s[1 * 90 + 0] = 0.8;
  s[2 * 90 + 2] = 0.7; // column 2 = COCO id 3, car
  s[3 * 90 + 10] = 0.3; // below the threshold
  return s;
}

function expectBox(actual: { x: number; y: number; width: number; height: number }, b: Box) {
  expect(actual.y).toBeCloseTo(b[0], 4);
  expect(actual.x).toBeCloseTo(b[1], 4);
  expect(actual.height).toBeCloseTo(b[2] - b[0], 4);
  expect(actual.width).toBeCloseTo(b[3] - b[1], 4);
}

const image = () => tf.zeros([240, 320, 3], 'int32') as tf.Tensor3D;
const options = { scoreThreshold: 0.5, iouThreshold: 0.5, maxDetections: 10 };

describe('TF Object Detection API SSD adapter (COCO-SSD layout)', () => {
  it('decoded boxes (as exported graphs give them): best class per box, NMS, COCO ids and labels', async () => {
    const manifest = modelManifest('coco-ssd-mobilenet-v1');
    const runtime = manifest.runtime;
    if (runtime.format !== 'graph') throw new Error('expected a graph model');
    expect(runtime.outputs).toEqual(['Postprocessor/Slice', 'Postprocessor/ExpandDims_1']);
    const model = await graphWith(scoresFor(), new Float32Array(BOXES.flat()), 4);
    const adapter = new SsdRawAdapter({ outputs: runtime.outputs, labels: COCO_90, boxes: 'decoded', scoresIncludeBackground: false });
    const detector = new GraphDetector(model, 300, runtime.input, runtime.execution, adapter);
    const img = image();
    const { detections } = await detector.detect(img, options);
    img.dispose();
    expect(detections.map((d) => [d.label, d.classId, +d.score.toFixed(3)])).toEqual([
      ['person', 1, 0.9],
      ['car', 3, 0.7],
    ]);
    expectBox(detections[0].box, BOXES[0]);
    expectBox(detections[1].box, BOXES[2]);
    detector.dispose();
  });

  it('encoded boxes are decoded with our anchor generator and box coder', async () => {
    const config: SsdAnchorConfig = { featureMapSizes: [2], minScale: 0.5, maxScale: 0.5, aspectRatios: [1], interpolatedScaleAspectRatio: 0, reduceBoxesInLowestLayer: false };
    const anchors = generateAnchors(config); // 4 anchors: one per cell of a 2x2 map
    expect(anchors.length / 4).toBe(4);
    const encoded = new Float32Array(
      BOXES.flatMap((b, i) => encodeBox(b, Array.from(anchors.slice(i * 4, i * 4 + 4)) as Box, TF_OD_API_SCALES)),
    );
    const model = await graphWith(scoresFor(), encoded, 4);
    const adapter = new SsdRawAdapter({ outputs: ['Postprocessor/Slice', 'Postprocessor/ExpandDims_1'], labels: COCO_90, boxes: 'encoded', anchors, scoresIncludeBackground: false });
    const detector = new GraphDetector(model, 300, { resize: 'none', dtype: 'int32', scale: 1, offset: 0 }, 'executeAsync', adapter);
    const img = image();
    const { detections } = await detector.detect(img, options);
    img.dispose();
    expect(detections.map((d) => d.label)).toEqual(['person', 'car']);
    expectBox(detections[0].box, BOXES[0]);
    expectBox(detections[1].box, BOXES[2]);
    detector.dispose();
  });

  it('with a background column, column c is class id c', async () => {
    const adapter = new SsdRawAdapter({ outputs: ['s', 'b'], labels: COCO_90, boxes: 'decoded', scoresIncludeBackground: true });
    // one box; columns: background 0.95 (ignored), id 1 person 0.2, id 2 bicycle 0.6
    const scores = new Float32Array(91).fill(0);
    scores[0] = 0.95;
    scores[1] = 0.2;
    scores[2] = 0.6;
    const [d] = adapter.decode({ values: [scores, new Float32Array([0.1, 0.2, 0.3, 0.4])], shapes: [[1, 1, 91], [1, 1, 1, 4]] }, options, 1, 1);
    expect([d.label, d.classId]).toEqual(['bicycle', 2]);
  });
});
