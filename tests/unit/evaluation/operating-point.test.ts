// The F1-best score threshold and recall/precision at a threshold, worked out by hand.

import { describe, expect, test } from 'vitest';
import type { CategoryMatches } from '../../../src/evaluation/coco-eval.ts';
import { evaluateCoco } from '../../../src/evaluation/evaluate.ts';
import { atThreshold, bestF1, operatingPoints, thresholdSweep } from '../../../src/evaluation/operating-point.ts';
import { dataset, det } from './build.ts';

const m = (categoryId: number, gtCount: number, rows: [number, 0 | 1][]): CategoryMatches => ({
  categoryId,
  gtCount,
  scores: Float64Array.from(rows, (r) => r[0]),
  tp: Uint8Array.from(rows, (r) => r[1]),
});

describe('F1-best threshold', () => {
  test('the cut with the highest F1, and the thresholds that give it', () => {
    // 4 objects; detections .9 TP, .8 TP, .7 FP, .6 TP, .5 FP, .4 FP.
    // F1 = 2tp / (2tp + fp + fn) after each: .9: 2/5 = .4; .8: 4/6 = .667; .7: 4/7 = .571;
    // .6: 6/8 = .75 (best); .5: 6/9 = .667; .4: 6/10 = .6.
    // Keeping down to .6 means a threshold in [.5, .6) (kept when score > threshold).
    const p = bestF1([m(1, 4, [[0.9, 1], [0.8, 1], [0.7, 0], [0.6, 1], [0.5, 0], [0.4, 0]])])!;
    expect(p).toMatchObject({ tp: 3, fp: 1, fn: 1, gt: 4, detections: 4, recall: 0.75, precision: 0.75, f1: 0.75 });
    expect(p.thresholdRange).toEqual([0.5, 0.6]);
    expect(p.threshold).toBeCloseTo(0.55, 15);
  });

  test('equal scores are one step: a threshold cannot split them', () => {
    // 1 object; .7 TP and .7 FP: the only cut keeps both, F1 = 2 / (2 + 1 + 0) = 2/3
    const p = bestF1([m(1, 1, [[0.7, 1], [0.7, 0]])])!;
    expect(p.f1).toBeCloseTo(2 / 3, 15);
    expect(p.detections).toBe(2);
    expect(p.thresholdRange).toEqual([0, 0.7]);
  });

  test('on equal F1 the higher threshold wins (fewer boxes)', () => {
    // 2 objects; .9 TP -> 2/3; .8 FP -> 2/4; .7 FP -> 2/5; .6 TP -> 4/6 = 2/3 again: keep .9
    const p = bestF1([m(1, 2, [[0.9, 1], [0.8, 0], [0.7, 0], [0.6, 1]])])!;
    expect(p.f1).toBeCloseTo(2 / 3, 15);
    expect(p.thresholdRange).toEqual([0.8, 0.9]);
  });

  test('overall pools classes; detections of a class with no boxes are false positives there', () => {
    // class 1: one object, found at .9. Class 2: no objects, a detection at .95.
    // pooled: .95 FP -> F1 0; .9 TP -> 2 / (2 + 1 + 0) = 2/3. Per class only class 1: F1 1.
    const ps = operatingPoints([m(1, 1, [[0.9, 1]]), m(2, 0, [[0.95, 0]])]);
    expect(ps.overall!.f1).toBeCloseTo(2 / 3, 15);
    expect(ps.overall!.thresholdRange).toEqual([0, 0.9]);
    expect(ps.perClass).toHaveLength(1);
    expect(ps.perClass[0]).toMatchObject({ categoryId: 1, f1: 1, recall: 1, precision: 1 });
  });

  test('no boxes at all: no operating point; no hit at all: keep nothing', () => {
    expect(bestF1([m(1, 0, [[0.9, 0]])])).toBeNull();
    const p = bestF1([m(1, 2, [[0.9, 0], [0.5, 0]])])!;
    expect(p).toMatchObject({ tp: 0, fp: 0, detections: 0, f1: 0, recall: 0 });
    expect(p.thresholdRange[0]).toBe(0.9);
  });
});

describe('recall and precision at a given threshold', () => {
  const matches = [m(1, 10, [[0.9, 1], [0.6, 1], [0.5, 1], [0.5, 0], [0.3, 1], [0.2, 0]])];

  test('kept when score > threshold, as the detectors filter', () => {
    // at 0.5: .9 and .6 kept (both hits), the two at exactly .5 are not: recall 2/10, precision 1
    const p = atThreshold(matches, 0.5);
    expect(p).toMatchObject({ threshold: 0.5, tp: 2, fp: 0, fn: 8, recall: 0.2, precision: 1 });
    expect(p.f1).toBeCloseTo(4 / 12, 15);
    expect(p.thresholdRange).toEqual([0.5, 0.6]);
    // at 0.25: 4 hits and 1 miss kept: recall .4, precision .8
    expect(atThreshold(matches, 0.25)).toMatchObject({ tp: 4, fp: 1, recall: 0.4, precision: 0.8 });
  });

  test('a sweep 0.00 .. 0.99 for charts', () => {
    const sweep = thresholdSweep(matches);
    expect(sweep).toHaveLength(100);
    expect(sweep[0]).toMatchObject({ threshold: 0, tp: 4, fp: 2 });
    expect(sweep[50]).toMatchObject({ threshold: 0.5, tp: 2, fp: 0 });
    expect(sweep.every((p, i) => i === 0 || p.recall <= sweep[i - 1].recall)).toBe(true);
  });
});

describe('from an evaluation (COCO matching at IoU .5)', () => {
  test('a detection on a crowd region is not a false positive; IoU .5 decides hits', () => {
    // image 1: a person found at IoU 0.625 (score .8; a hit at .5) and a detection inside a
    // crowd (.9: ignored). image 2: a person missed, and a false positive at .7.
    // Kept: .8 TP, .7 FP. F1 after .8: 2/(2+0+1) = 2/3; after .7: 2/(2+1+1) = 1/2: best .8.
    const gt = dataset(
      [
        { image: 1, cat: 1, box: [0, 0, 10, 10] },
        { image: 1, cat: 1, box: [100, 0, 100, 100], crowd: true },
        { image: 2, cat: 1, box: [0, 0, 10, 10] },
      ],
      [1, 2],
    );
    const e = evaluateCoco(gt, [det(1, 1, [0, 0, 10, 6.25], 0.8), det(1, 1, [120, 20, 20, 20], 0.9), det(2, 1, [300, 300, 10, 10], 0.7)]);
    const p = e.operatingPoints.overall!;
    expect(p).toMatchObject({ tp: 1, fp: 0, gt: 2, recall: 0.5, precision: 1 });
    expect(p.f1).toBeCloseTo(2 / 3, 15);
    expect(p.thresholdRange).toEqual([0.7, 0.8]);
    expect(e.operatingPoints.perClass).toEqual([{ categoryId: 1, ...p }]);
  });
});
