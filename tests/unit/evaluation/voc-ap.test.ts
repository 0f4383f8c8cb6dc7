// Pascal VOC all-points AP (VOC2010+), by hand, and how it differs from COCO's 101 points.

import { describe, expect, test } from 'vitest';
import type { CategoryMatches } from '../../../src/evaluation/coco-eval.ts';
import { evaluateCoco } from '../../../src/evaluation/evaluate.ts';
import { vocAllPointsAp, vocAp } from '../../../src/evaluation/voc-ap.ts';
import { dataset, det } from './build.ts';

const matches = (categoryId: number, gtCount: number, tp: number[]): CategoryMatches => ({
  categoryId,
  gtCount,
  scores: Float64Array.from(tp, (_, i) => 1 - i / 100),
  tp: Uint8Array.from(tp),
});

describe('Pascal VOC AP, all points', () => {
  test('area under the monotone precision envelope, summed where recall changes', () => {
    // 2 boxes; TP, FP, TP. recall [.5 .5 1], precision [1 .5 .667];
    // mrec [0 .5 .5 1 1], mpre [0 1 .5 .667 0] -> envelope [1 1 .667 .667 0];
    // recall steps: 0 -> .5 at precision 1, .5 -> 1 at 2/3: AP = .5 + 1/3
    expect(vocAllPointsAp(matches(1, 2, [1, 0, 1]))).toBeCloseTo(0.5 + 1 / 3, 15);
  });

  test('a leading false positive is lifted by the envelope', () => {
    // 1 box; FP then TP: recall [0, 1], precision [0, .5]: one step 0 -> 1 at 1/2
    expect(vocAllPointsAp(matches(1, 1, [0, 1]))).toBe(0.5);
  });

  test('no detections: 0; no ground truth: -1, left out of the mean', () => {
    expect(vocAllPointsAp(matches(1, 3, []))).toBe(0);
    const r = vocAp([matches(1, 2, [1, 1]), matches(2, 0, [0]), matches(3, 4, [])]);
    expect(r.perClass.map((c) => c.ap50)).toEqual([1, -1, 0]);
    expect(r.mAP50).toBe(0.5);
  });

  test('same matches as COCO AP50, integrated differently', () => {
    // the 101-point case of coco-eval.test.ts: COCO AP50 (51 + 50 * 2/3) / 101 = 0.83498...,
    // VOC all points 0.83333...
    const gt = dataset([
      { image: 1, cat: 1, box: [0, 0, 10, 10] },
      { image: 1, cat: 1, box: [100, 100, 10, 10] },
    ]);
    const e = evaluateCoco(gt, [det(1, 1, [0, 0, 10, 10], 0.9), det(1, 1, [600, 400, 20, 20], 0.8), det(1, 1, [100, 100, 10, 10], 0.7)]);
    expect(e.voc.mAP50).toBeCloseTo(0.5 + 1 / 3, 15);
    expect(e.perClass[0].vocAp50).toBeCloseTo(0.5 + 1 / 3, 15);
    expect(e.stats.AP50).toBeCloseTo((51 + (50 * 2) / 3) / 101, 12);
  });

  test('crowd (difficult) matches are neither hits nor misses', () => {
    // a detection inside a crowd ranked first, then a hit: VOC AP 1, as the devkit's "difficult"
    const gt = dataset([
      { image: 1, cat: 1, box: [0, 0, 100, 100], crowd: true },
      { image: 1, cat: 1, box: [200, 200, 10, 10] },
    ]);
    const e = evaluateCoco(gt, [det(1, 1, [10, 10, 20, 20], 0.9), det(1, 1, [200, 200, 10, 10], 0.8)]);
    expect(e.voc.mAP50).toBe(1);
  });
});
