import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import { YoloAdapter, yoloGeometry, type YoloLayout } from '../../../src/detection/adapters/yolo';
import { GraphDetector } from '../../../src/detection/graph/graph-detector';
import { COCO_80 } from '../../../src/detection/labels/coco';
import { useWasm } from '../helpers/node-tf';
import { yoloGraphFiles, yoloOutput, type YoloObject } from '../helpers/yolo-graph';

// YOLO outputs through the real GraphDetector (TensorFlow.js, WASM in Node) from graph files
// written the way the exporters lay them out, with boxes at known places.

beforeAll(useWasm);

const SIZE = 320;
// a dog, a weaker copy of it (NMS drops it), a bicycle, and a person below the threshold
const OBJECTS: YoloObject[] = [
  { classId: 16, score: 0.9, cx: 0.5, cy: 0.4, w: 0.4, h: 0.3 },
  { classId: 16, score: 0.6, cx: 0.51, cy: 0.41, w: 0.4, h: 0.3 },
  { classId: 1, score: 0.7, cx: 0.25, cy: 0.7, w: 0.2, h: 0.2 },
  { classId: 0, score: 0.3, cx: 0.8, cy: 0.2, w: 0.1, h: 0.2 },
];
const options = { scoreThreshold: 0.5, iouThreshold: 0.5, maxDetections: 10 };

function expectBox(actual: { x: number; y: number; width: number; height: number }, o: YoloObject, sy = 1, sx = 1) {
  expect(actual.x).toBeCloseTo((o.cx - o.w / 2) * sx, 5);
  expect(actual.y).toBeCloseTo((o.cy - o.h / 2) * sy, 5);
  expect(actual.width).toBeCloseTo(o.w * sx, 5);
  expect(actual.height).toBeCloseTo(o.h * sy, 5);
}

async function detectorFor(layout: YoloLayout, objects: YoloObject[], resize: 'stretch' | 'pad-square' = 'stretch') {
  const { modelJson, bin } = yoloGraphFiles({ layout, inputSize: SIZE, classes: 80, candidates: 200, objects });
  const json = modelJson as { modelTopology: object; weightsManifest: Array<{ weights: tf.io.WeightsManifestEntry[] }> };
  const model = await loadGraphModel(
    tf.io.fromMemory({ modelTopology: json.modelTopology, format: 'graph-model', weightSpecs: json.weightsManifest[0].weights, weightData: bin.slice().buffer }),
  );
  const adapter = new YoloAdapter({ layout, outputs: ['Identity'], inputSize: SIZE, labels: COCO_80 });
  return new GraphDetector(model, SIZE, { resize, dtype: 'float32', scale: 1 / 255, offset: 0 }, 'execute', adapter);
}

describe('YOLO outputs', () => {
  it('YOLOv8 ([1, 4 + C, N], boxes in input pixels): best class, NMS per class, COCO 80 labels, boxes where they were put', async () => {
    const detector = await detectorFor('yolov8', OBJECTS);
    const img = tf.zeros([240, 320, 3], 'int32') as tf.Tensor3D;
    const { detections } = await detector.detect(img, options);
    img.dispose();
    expect(detections.map((d) => [d.label, d.classId, +d.score.toFixed(4)])).toEqual([
      ['dog', 16, 0.9],
      ['bicycle', 1, 0.7],
    ]);
    expectBox(detections[0].box, OBJECTS[0]);
    expectBox(detections[1].box, OBJECTS[2]);
    detector.dispose();
  });

  it('YOLOv5 ([1, N, 5 + C], boxes 0-1): the score is objectness x class probability', async () => {
    const objects = [
      { ...OBJECTS[0], objectness: 0.95 },
      { ...OBJECTS[2], objectness: 0.9 },
      // a sure class but a weak objectness: 0.45, below the threshold
      { classId: 2, score: 1, objectness: 0.45, cx: 0.7, cy: 0.7, w: 0.2, h: 0.1 },
    ];
    const detector = await detectorFor('yolov5', objects);
    const img = tf.zeros([240, 320, 3], 'int32') as tf.Tensor3D;
    const { detections } = await detector.detect(img, options);
    img.dispose();
    expect(detections.map((d) => [d.label, +d.score.toFixed(4)])).toEqual([
      ['dog', 0.855],
      ['bicycle', 0.63],
    ]);
    expectBox(detections[0].box, objects[0]);
    detector.dispose();
  });

  it('letterboxed input: boxes come back to the frame (a 4:3 frame padded at the bottom)', async () => {
    const detector = await detectorFor('yolov8', [OBJECTS[0]], 'pad-square');
    const img = tf.zeros([240, 320, 3], 'int32') as tf.Tensor3D;
    const { detections } = await detector.detect(img, options);
    img.dispose();
    expect(detections).toHaveLength(1);
    // the model saw the frame in the top 3/4 of its square: frame y = model y x 4/3
    expectBox(detections[0].box, OBJECTS[0], 4 / 3, 1);
    detector.dispose();
  });

  it('a YOLOv8 output transposed to [1, N, 4 + C] reads the same', () => {
    const { values, shape } = yoloOutput({ layout: 'yolov8', inputSize: SIZE, classes: 80, candidates: 200, objects: OBJECTS });
    const [, a, n] = shape;
    const transposed = new Float32Array(values.length);
    for (let k = 0; k < a; k++) for (let i = 0; i < n; i++) transposed[i * a + k] = values[k * n + i];
    const adapter = new YoloAdapter({ layout: 'yolov8', outputs: ['Identity'], inputSize: SIZE, labels: COCO_80 });
    const straight = adapter.decode({ values: [values], shapes: [shape] }, options, 1, 1);
    const flipped = adapter.decode({ values: [transposed], shapes: [[1, n, a]] }, options, 1, 1);
    expect(flipped).toEqual(straight);
    expect(straight.map((d) => d.label)).toEqual(['dog', 'bicycle']);
  });

  it('classes without a label are skipped; a shape that is no YOLO output is refused with the shape', () => {
    const { values, shape } = yoloOutput({ layout: 'yolov8', inputSize: SIZE, classes: 80, candidates: 200, objects: OBJECTS });
    const onlyBicycle = new YoloAdapter({ layout: 'yolov8', outputs: ['Identity'], inputSize: SIZE, labels: ['', 'bicycle'] });
    expect(onlyBicycle.decode({ values: [values], shapes: [shape] }, options, 1, 1).map((d) => d.label)).toEqual(['bicycle']);
    expect(() => onlyBicycle.decode({ values: [new Float32Array(12)], shapes: [[1, 3, 4]] }, options, 1, 1)).toThrow(/\[1,3,4\]/);
    expect(yoloGeometry([1, 84, 8400], 'yolov8')).toEqual({ candidates: 8400, classes: 80, channelsFirst: true });
    expect(yoloGeometry([1, 25200, 85], 'yolov5')).toEqual({ candidates: 25200, classes: 80, channelsFirst: false });
    expect(yoloGeometry([2, 84, 8400], 'yolov8')).toBeNull();
    expect(yoloGeometry([1, 4, 8400], 'yolov8')).toBeNull();
  });
});
