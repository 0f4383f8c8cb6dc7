import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { proposeLayout, type ModelOutput } from '../../../src/storage/user-models/layout';
import { validateModelFiles, type ImportFile } from '../../../src/storage/user-models/validate';
import { en } from '../../../src/i18n/en';
import { ja } from '../../../src/i18n/ja';
import { HUMAN } from '../helpers/node-tf';
import { yoloGraphFiles } from '../helpers/yolo-graph';

// The import form proposes an output layout from the model's own outputs: the real graphs of
// @vladmandic/human read through the validator, and YOLO graphs written as their exporters do.

function file(name: string, data: Uint8Array): ImportFile {
  return {
    name,
    size: data.byteLength,
    arrayBuffer: async () => data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer,
    text: async () => new TextDecoder().decode(data),
  };
}
const read = (name: string) => new Uint8Array(fs.readFileSync(path.join(HUMAN, 'models', name)));

async function outputsOf(json: string, bin: string): Promise<ModelOutput[]> {
  return (await validateModelFiles([file(json, read(json)), file(bin, read(bin))])).outputShapes;
}

async function yoloOutputs(layout: 'yolov8' | 'yolov5', classes: number, candidates: number) {
  const { modelJson, bin } = yoloGraphFiles({ layout, inputSize: 64, classes, candidates, objects: [] });
  const v = await validateModelFiles([file('model.json', new TextEncoder().encode(JSON.stringify(modelJson))), file('group1-shard1of1.bin', bin)]);
  return v.outputShapes;
}

describe('output layout, told from the outputs', () => {
  it('MB3-CenterNet (three outputs): the [1, 100, 6] rows', async () => {
    const outputs = await outputsOf('centernet.json', 'centernet.bin');
    expect(outputs.map((o) => o.name).sort()).toEqual(['tower_0/detections', 'tower_0/keypoints', 'tower_0/wh']);
    const p = proposeLayout(outputs);
    expect(p.adapter).toBe('centernet');
    expect(p.outputs).toEqual(['tower_0/detections']);
    expect(en.importer.layout(p.evidence)).toBe('One output [1, 100, 6]: CenterNet rows, 100 peaks.');
  });

  it('handtrack (an SSD with post-NMS outputs too): scores and boxes of the 12,804 raw candidates', async () => {
    const p = proposeLayout(await outputsOf('handtrack.json', 'handtrack.bin'));
    expect(p.adapter).toBe('ssd-raw');
    expect(p.outputs).toEqual(['Identity_7', 'Identity_6']);
    expect(p.evidence).toMatchObject({ kind: 'ssd-raw', classes: 8, candidates: 12804 });
  });

  it('YOLOv8 [1, 84, 8400] and YOLOv5 [1, 25200, 85], read through the validator, with the reason in words', async () => {
    const v8 = proposeLayout(await yoloOutputs('yolov8', 80, 8400));
    expect(v8).toMatchObject({ adapter: 'yolov8', outputs: ['Identity'], pixelRange: '0-1', resize: 'pad-square' });
    expect(en.importer.layout(v8.evidence)).toBe('One output [1, 84, 8400]: YOLOv8-style, 80 classes, 8400 candidates.');
    expect(ja.importer.layout(v8.evidence)).toContain('YOLOv8');
    const v5 = proposeLayout(await yoloOutputs('yolov5', 80, 25200));
    expect(v5).toMatchObject({ adapter: 'yolov5', outputs: ['Identity'] });
    expect(en.importer.layout(v5.evidence)).toBe('One output [1, 25200, 85]: YOLOv5-style, 80 classes, 25200 candidates with objectness.');
    // a one-class model of each
    expect(proposeLayout([{ name: 'out', shape: [1, 5, 2100] }]).evidence).toMatchObject({ kind: 'yolov8', classes: 1, candidates: 2100 });
    expect(proposeLayout([{ name: 'out', shape: [1, 2100, 6] }]).evidence).toMatchObject({ kind: 'yolov5', classes: 1 });
  });

  it('TF Object Detection API post-processed outputs by their names, in the adapter\'s order', () => {
    const p = proposeLayout(['num_detections', 'detection_scores', 'detection_classes', 'detection_boxes'].map((name) => ({ name, shape: null })));
    expect(p).toMatchObject({ adapter: 'postprocessed', outputs: ['detection_boxes', 'detection_scores', 'detection_classes', 'num_detections'] });
  });

  it('anything else: no layout, and every output with its shape for the user to pick', async () => {
    const movenet = proposeLayout(await outputsOf('movenet-lightning.json', 'movenet-lightning.bin'));
    expect(movenet.adapter).toBeNull();
    expect(en.importer.layout(movenet.evidence)).toBe('No known layout in its outputs (Identity [1, 1, 17, 3]). Pick the format yourself.');
    // free dimensions and missing shapes tell nothing
    expect(proposeLayout([{ name: 'out', shape: [1, -1, 85] }]).adapter).toBeNull();
    expect(en.importer.layout(proposeLayout([]).evidence)).toMatch(/names no outputs/);
    expect(proposeLayout([{ name: 'a', shape: null }]).evidence).toEqual({ kind: 'unknown', outputs: [{ name: 'a', shape: null }] });
  });
});
