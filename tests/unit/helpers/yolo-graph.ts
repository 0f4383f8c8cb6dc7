// A tiny TensorFlow.js graph model with a YOLO output layout, written by the test: an `images`
// input [1, S, S, 3] and one constant output `Identity` holding known boxes, laid out as
// Ultralytics' YOLOv8 export ([1, 4 + C, N], boxes in input pixels, no objectness) or YOLOv5's
// ([1, N, 5 + C], boxes 0-1, objectness). The files are what tensorflowjs_converter writes:
// model.json (topology, weights manifest, signature with shapes) and one .bin shard.
import type { YoloLayout } from '../../../src/detection/adapters/yolo';

export interface YoloObject {
  classId: number;
  score: number;
  /** centre and size, normalized to the model input (0-1) */
  cx: number;
  cy: number;
  w: number;
  h: number;
  /** YOLOv5: objectness (default 1); the box's score is objectness x score */
  objectness?: number;
}

export interface YoloGraphSpec {
  layout: YoloLayout;
  inputSize: number;
  classes: number;
  candidates: number;
  /** placed at candidates 0, 1, ...; every other candidate scores 0 */
  objects: YoloObject[];
}

/** The output values as the layout lays them out. */
export function yoloOutput(spec: YoloGraphSpec): { values: Float32Array; shape: number[] } {
  const { layout, inputSize: s, classes, candidates: n, objects } = spec;
  const extra = layout === 'yolov8' ? 4 : 5;
  const stride = extra + classes;
  const values = new Float32Array(stride * n);
  // value k of candidate i
  const set = layout === 'yolov8' ? (i: number, k: number, v: number) => (values[k * n + i] = v) : (i: number, k: number, v: number) => (values[i * stride + k] = v);
  const unit = layout === 'yolov8' ? s : 1;
  objects.forEach((o, i) => {
    [o.cx, o.cy, o.w, o.h].forEach((v, k) => set(i, k, v * unit));
    if (layout === 'yolov5') set(i, 4, o.objectness ?? 1);
    set(i, extra + o.classId, o.score);
  });
  return { values, shape: layout === 'yolov8' ? [1, stride, n] : [1, n, stride] };
}

export function yoloGraphFiles(spec: YoloGraphSpec, shard = 'group1-shard1of1.bin'): { modelJson: object; bin: Uint8Array } {
  const { values, shape } = yoloOutput(spec);
  const dims = (d: number[]) => ({ dim: d.map((size) => ({ size: String(size) })) });
  const input = [1, spec.inputSize, spec.inputSize, 3];
  const modelJson = {
    format: 'graph-model',
    generatedBy: 'ssd-cam tests',
    convertedBy: 'ssd-cam tests (the layout of tensorflowjs_converter 4.x)',
    modelTopology: {
      node: [
        { name: 'images', op: 'Placeholder', attr: { dtype: { type: 'DT_FLOAT' }, shape: { shape: dims(input) } } },
        { name: 'predictions', op: 'Const', attr: { value: { tensor: { dtype: 'DT_FLOAT', tensorShape: dims(shape) } }, dtype: { type: 'DT_FLOAT' } } },
        { name: 'Identity', op: 'Identity', input: ['predictions'], attr: { T: { type: 'DT_FLOAT' } } },
      ],
      versions: { producer: 1 },
    },
    weightsManifest: [{ paths: [shard], weights: [{ name: 'predictions', shape, dtype: 'float32' }] }],
    signature: {
      inputs: { 'images:0': { name: 'images:0', dtype: 'DT_FLOAT', tensorShape: dims(input) } },
      outputs: { 'Identity:0': { name: 'Identity:0', dtype: 'DT_FLOAT', tensorShape: dims(shape) } },
    },
  };
  return { modelJson, bin: new Uint8Array(values.buffer) };
}
