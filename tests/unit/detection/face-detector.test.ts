import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import path from 'node:path';
import { createFaceDetector } from '../../../src/detection/models/ssd-mobilenet-v1-face';
import type { Detector } from '../../../src/detection/detector';
import { faceWeights, samplePhoto, useWasm } from '../helpers/node-tf';
import { loadFaceReference, type RefBox, type RefPhoto } from '../helpers/face-reference';

// Our SSD (own network code, anchors, decoding, NMS) against @vladmandic/face-api's own
// SsdMobilenetv1 on the same weights and photos. The reference is produced by running
// face-api itself (scripts/face-api-reference.mjs), never typed in by hand.

type Box = RefBox;
const loadReference = loadFaceReference;

function iou(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x));
  const iy = Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
  const inter = ix * iy;
  return inter / (a.width * a.height + b.width * b.height - inter);
}

const SCORE_THRESHOLD = 0.5; // face-api's SsdMobilenetv1Options default minConfidence

let detector: Detector;
let reference: RefPhoto[];

beforeAll(async () => {
  await useWasm();
  reference = loadReference();
  const weights = faceWeights();
  detector = createFaceDetector(weights);
  tf.dispose(Object.values(weights));
});

afterAll(() => detector?.dispose());

describe('SSD MobileNetV1 face detector vs face-api', () => {
  it('has a reference for sample1..sample6 with faces in each', () => {
    expect(reference.map((r) => path.basename(r.file))).toEqual([1, 2, 3, 4, 5, 6].map((n) => `sample${n}.jpg`));
    for (const r of reference) expect(r.faces.length).toBeGreaterThan(0);
  });

  for (const n of [1, 2, 3, 4, 5, 6]) {
    it(`sample${n}.jpg: same faces (IoU >= 0.9, score within 0.02), nothing extra`, async () => {
      const ref = reference.find((r) => path.basename(r.file) === `sample${n}.jpg`)!;
      const photo = samplePhoto(n);
      const before = tf.memory().numTensors;
      const result = await detector.detect(photo.tensor, { scoreThreshold: SCORE_THRESHOLD, iouThreshold: 0.5, maxDetections: 100 });
      expect(tf.memory().numTensors).toBe(before); // nothing leaks per frame
      photo.tensor.dispose();
      expect([photo.width, photo.height]).toEqual([ref.width, ref.height]);

      const ours = result.detections.map((d) => ({
        score: d.score,
        label: d.label,
        box: { x: d.box.x * photo.width, y: d.box.y * photo.height, width: d.box.width * photo.width, height: d.box.height * photo.height },
      }));
      const used = new Set<number>();
      for (const face of ref.faces) {
        let best = -1;
        let bestIou = 0;
        ours.forEach((o, i) => {
          const v = iou(o.box, face.box);
          if (!used.has(i) && v > bestIou) [best, bestIou] = [i, v];
        });
        expect(bestIou, `reference face ${JSON.stringify(face)} best IoU`).toBeGreaterThanOrEqual(0.9);
        expect(Math.abs(ours[best].score - face.score)).toBeLessThanOrEqual(0.02);
        expect(ours[best].label).toBe('face');
        used.add(best);
      }
      const extra = ours.filter((o, i) => !used.has(i) && o.score >= SCORE_THRESHOLD);
      expect(extra, 'faces face-api did not find').toEqual([]);
    });
  }
});
