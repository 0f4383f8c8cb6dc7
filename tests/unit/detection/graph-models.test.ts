import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import path from 'node:path';
import { createGraphDetector, modelManifest } from '../../../src/detection/registry';
import type { Detector } from '../../../src/detection/detector';
import { HUMAN, packageGraphModel, samplePhoto, useWasm } from '../helpers/node-tf';

// The npm-shipped COCO and hand detectors, run through our adapters on real photos.

const options = { scoreThreshold: 0.4, iouThreshold: 0.5, maxDetections: 50 };
let centernet: Detector;

beforeAll(async () => {
  await useWasm();
  centernet = createGraphDetector(modelManifest('centernet-mobilenet-v3-coco'), await packageGraphModel(path.join(HUMAN, 'models/centernet.json')));
});
afterAll(() => centernet?.dispose());

describe('centernet-mobilenet-v3-coco', () => {
  // Photos of people: every clearly visible person is found and labelled 'person' (>= 0.4).
  // "Clearly visible": the faces face-api finds at >= 0.9 in the same photo, each of which
  // must sit inside a person box.
  // sample1: three people seen from the waist up; sample5: a group where three stand clear
  for (const n of [1, 5]) {
    it(`finds the people in sample${n}.jpg`, async () => {
      const photo = samplePhoto(n);
      const before = tf.memory().numTensors;
      const { detections } = await centernet.detect(photo.tensor, options);
      expect(tf.memory().numTensors).toBe(before);
      photo.tensor.dispose();
      const persons = detections.filter((d) => d.label === 'person');
      console.log(`[centernet] sample${n}: ${detections.map((d) => `${d.label}:${d.score.toFixed(2)}`).join(' ')}`);
      expect(persons.length).toBeGreaterThanOrEqual(3);
      for (const p of persons) expect(p.score).toBeGreaterThanOrEqual(0.4);
    });
  }

  it('puts each clearly visible face of sample1 inside a person box', async () => {
    const photo = samplePhoto(1);
    const { detections } = await centernet.detect(photo.tensor, options);
    photo.tensor.dispose();
    // face-api's three faces in sample1 (centres, photo pixels; tests/.fixtures reference)
    const faceCentres = [[503, 474], [931, 534], [1577, 320]];
    for (const [cx, cy] of faceCentres) {
      const inside = detections.filter(
        (d) => d.label === 'person' && cx / photo.width > d.box.x && cx / photo.width < d.box.x + d.box.width && cy / photo.height > d.box.y && cy / photo.height < d.box.y + d.box.height,
      );
      expect(inside.length, `person box around the face at ${cx},${cy}`).toBeGreaterThan(0);
    }
  });
});

describe('ssd-mobilenet-v2-fpnlite-hands (dynamic ops: executeAsync)', () => {
  it('runs through executeAsync and finds the faces of sample1 with the right boxes', async () => {
    const manifest = modelManifest('ssd-mobilenet-v2-fpnlite-hands');
    expect(manifest.runtime.format === 'graph' && manifest.runtime.execution).toBe('executeAsync');
    const hands = createGraphDetector(manifest, await packageGraphModel(path.join(HUMAN, 'models/handtrack.json')));
    try {
      const photo = samplePhoto(1);
      const before = tf.memory().numTensors;
      const { detections, timings } = await hands.detect(photo.tensor, { scoreThreshold: 0.5, iouThreshold: 0.5, maxDetections: 20 });
      expect(tf.memory().numTensors).toBe(before);
      photo.tensor.dispose();
      console.log(`[handtrack] sample1: ${detections.map((d) => `${d.label}:${d.score.toFixed(2)}`).join(' ')}`);
      expect(timings.inferenceMs).toBeGreaterThan(0);
      for (const d of detections) {
        expect(['hand', 'fist', 'pinch', 'point', 'face', 'tip', 'pinchtip']).toContain(d.label);
        expect(d.score).toBeGreaterThan(0.5);
        expect(d.score).toBeLessThanOrEqual(1);
        for (const v of [d.box.x, d.box.y, d.box.width, d.box.height]) expect(v).toBeGreaterThanOrEqual(0);
        expect(d.box.x + d.box.width).toBeLessThanOrEqual(1.000001);
        expect(d.box.y + d.box.height).toBeLessThanOrEqual(1.000001);
      }
      // face-api's three faces in sample1 (x, y, w, h in photo pixels, tests/.fixtures
      // reference). The two datasets draw face boxes differently (handtrack's take in more
      // hair and chin), so the check is mutual: each reference face's centre lies inside a
      // 'face' box whose own centre lies inside the reference face.
      const faces = [[414, 355, 178, 238], [838, 421, 187, 228], [1476, 200, 203, 241]];
      const boxes = detections
        .filter((d) => d.label === 'face')
        .map((d) => ({ x: d.box.x * photo.width, y: d.box.y * photo.height, w: d.box.width * photo.width, h: d.box.height * photo.height }));
      const inside = (px: number, py: number, b: { x: number; y: number; w: number; h: number }) => px > b.x && px < b.x + b.w && py > b.y && py < b.y + b.h;
      for (const [x, y, w, h] of faces) {
        const ref = { x, y, w, h };
        const match = boxes.filter((b) => inside(x + w / 2, y + h / 2, b) && inside(b.x + b.w / 2, b.y + b.h / 2, ref));
        expect(match.length, `a 'face' box on the face at ${x},${y}`).toBe(1);
      }
      expect(boxes.length).toBe(faces.length);
    } finally {
      hands.dispose();
    }
  });
});

