// Non-max suppression and its IoU on [y1, x1, y2, x2] boxes: greedy by score, per class,
// at most maxDetections.
import { describe, expect, it } from 'vitest';
import { iou, nonMaxSuppression, type Candidate } from '../../../src/detection/nms';

const c = (box: [number, number, number, number], score: number, classId = 1): Candidate => ({ box, score, classId });
/** The scores NMS keeps, in its order (IoU threshold 0.5, at most 10 unless said). */
const keptScores = (candidates: Candidate[], maxDetections = 10) => nonMaxSuppression(candidates, 0.5, maxDetections).map((k) => k.score);

describe('IoU', () => {
  it('is 1 for the same box and 0 for disjoint or touching boxes', () => {
    expect(iou([0, 0, 1, 1], [0, 0, 1, 1])).toBe(1);
    expect(iou([0, 0, 1, 1], [0, 1, 1, 2])).toBe(0);
    expect(iou([0, 0, 1, 1], [2, 2, 3, 3])).toBe(0);
  });
  it('half-overlapping unit squares: intersection 0.5, union 1.5 -> 1/3', () => {
    expect(iou([0, 0, 1, 1], [0, 0.5, 1, 1.5])).toBeCloseTo(1 / 3, 10);
  });
  it('a box inside another: 0.25 / 1 = 0.25', () => {
    expect(iou([0, 0, 1, 1], [0.25, 0.25, 0.75, 0.75])).toBeCloseTo(0.25, 10);
  });
  it('degenerate boxes overlap nothing', () => {
    expect(iou([0, 0, 0, 1], [0, 0, 1, 1])).toBe(0);
  });
});

describe('non-max suppression', () => {
  it('keeps the best of an overlapping pair and a separate box, sorted by score', () => {
    // [0,0.1,1,1.1] vs [0,0,1,1]: intersection 0.9, union 1.1 -> 0.82 > 0.5: the 0.7 box goes
    expect(keptScores([c([0, 0, 1, 1], 0.7), c([0, 0.1, 1, 1.1], 0.9), c([5, 5, 6, 6], 0.8)])).toEqual([0.9, 0.8]);
  });

  it('keeps overlapping boxes whose IoU is at or below the threshold', () => {
    // IoU 1/3: kept at threshold 0.5, suppressed at 0.3
    const pair = [c([0, 0, 1, 1], 0.9), c([0, 0.5, 1, 1.5], 0.8)];
    expect(nonMaxSuppression(pair, 0.5, 10)).toHaveLength(2);
    expect(nonMaxSuppression(pair, 0.3, 10)).toHaveLength(1);
  });

  it('suppresses within a class only', () => {
    const kept = nonMaxSuppression([c([0, 0, 1, 1], 0.9, 1), c([0, 0, 1, 1], 0.8, 2)], 0.5, 10);
    expect(kept.map((k) => k.classId)).toEqual([1, 2]);
  });

  it('a suppressed box does not suppress others (greedy order)', () => {
    // A(0.9) suppresses B(0.8); B would have suppressed C(0.7), but C overlaps A by only 1/3
    expect(keptScores([c([0, 0, 1, 1], 0.9), c([0, 0.25, 1, 1.25], 0.8), c([0, 0.5, 1, 1.5], 0.7)])).toEqual([0.9, 0.7]);
  });

  it('stops at maxDetections', () => {
    const many = Array.from({ length: 5 }, (_, i) => c([i * 2, 0, i * 2 + 1, 1], 0.5 + i / 10));
    expect(keptScores(many, 3)).toEqual([0.9, 0.8, 0.7]);
  });
});
