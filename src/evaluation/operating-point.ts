// A model's operating point, measured: the score threshold that maximizes F1 at IoU .5 (COCO
// matching, up to 100 detections per image and class, crowd/difficult matches ignored), overall
// and per class, plus recall/precision at any given threshold ("at 0.5 it finds 16%").
// Thresholds follow the detectors' own rule: a detection is kept when score > threshold.
// Overall figures pool every class; detections of a class the set has no boxes of count as
// false positives there (COCO's AP skips such classes, but a user sees those boxes).

import type { CategoryMatches } from './coco-eval.ts';

export interface OperatingPoint {
  /** a threshold that keeps exactly this set of detections (score > threshold): the middle of thresholdRange */
  threshold: number;
  /** every threshold in [from, to) keeps the same detections */
  thresholdRange: [number, number];
  /** detections kept (ignored ones not counted), true/false positives, missed and labelled objects */
  detections: number;
  tp: number;
  fp: number;
  fn: number;
  gt: number;
  /** tp / gt (0 when gt is 0) */
  recall: number;
  /** tp / (tp + fp), 0 when nothing is kept */
  precision: number;
  /** 2 tp / (2 tp + fp + fn) */
  f1: number;
}

export interface OperatingPoints {
  /** best F1 over all classes pooled; null when the set has no boxes */
  overall: OperatingPoint | null;
  /** best F1 per class, for classes with boxes */
  perClass: ({ categoryId: number } & OperatingPoint)[];
  /** all classes pooled at thresholds 0.00, 0.01 ... 0.99 (index 50 is the usual default 0.5) */
  sweep: OperatingPoint[];
}

/** every scored detection of the given classes, score descending (ties in any order: a
 * threshold takes or leaves equal scores together), with prefix counts of hits */
interface Pooled {
  scores: Float64Array;
  /** tpBefore[i]: hits among the first i */
  tpBefore: Int32Array;
  gt: number;
}

function pool(matches: readonly CategoryMatches[]): Pooled {
  let hits = 0;
  let total = 0;
  for (const m of matches) {
    total += m.scores.length;
    for (const v of m.tp) hits += v;
  }
  // two native numeric sorts (hits, misses) and a merge, instead of one comparator sort
  const hit = new Float64Array(hits);
  const miss = new Float64Array(total - hits);
  let h = 0;
  let f = 0;
  for (const m of matches) for (let i = 0; i < m.scores.length; i++) m.tp[i] ? (hit[h++] = m.scores[i]) : (miss[f++] = m.scores[i]);
  hit.sort();
  miss.sort();
  const scores = new Float64Array(total);
  const tpBefore = new Int32Array(total + 1);
  h = hits - 1;
  f = total - hits - 1;
  for (let i = 0; i < total; i++) {
    const takeHit = f < 0 || (h >= 0 && hit[h] >= miss[f]);
    scores[i] = takeHit ? hit[h--] : miss[f--];
    tpBefore[i + 1] = tpBefore[i] + (takeHit ? 1 : 0);
  }
  return { scores, tpBefore, gt: matches.reduce((s, m) => s + m.gtCount, 0) };
}

function point(tp: number, fp: number, gt: number, range: [number, number]): OperatingPoint {
  const fn = gt - tp;
  return {
    threshold: (range[0] + range[1]) / 2,
    thresholdRange: range,
    detections: tp + fp,
    tp,
    fp,
    fn,
    gt,
    recall: gt > 0 ? tp / gt : 0,
    precision: tp + fp > 0 ? tp / (tp + fp) : 0,
    f1: 2 * tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : 0,
  };
}

function best(p: Pooled): OperatingPoint | null {
  if (p.gt === 0) return null;
  const n = p.scores.length;
  // keeping nothing: any threshold from the top score up
  let bestPoint = point(0, 0, p.gt, [n ? p.scores[0] : 0, Math.max(1, n ? p.scores[0] : 1)]);
  let i = 0;
  while (i < n) {
    // a threshold cannot split equal scores: take the whole group
    const s = p.scores[i];
    while (i < n && p.scores[i] === s) i++;
    const tp = p.tpBefore[i];
    const fp = i - tp;
    const f1 = (2 * tp) / (tp + fp + p.gt);
    // strictly better only: on a tie the higher threshold (fewer boxes) wins
    if (f1 > bestPoint.f1) bestPoint = point(tp, fp, p.gt, [i < n ? p.scores[i] : Math.min(0, s), s]);
  }
  return bestPoint;
}

function at(p: Pooled, threshold: number): OperatingPoint {
  // kept: the first i scores, those > threshold (binary search on the descending scores)
  let lo = 0;
  let hi = p.scores.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (p.scores[mid] > threshold) lo = mid + 1;
    else hi = mid;
  }
  const tp = p.tpBefore[lo];
  const range: [number, number] = [lo < p.scores.length ? p.scores[lo] : Math.min(0, threshold), lo > 0 ? p.scores[lo - 1] : Math.max(1, threshold)];
  return { ...point(tp, lo - tp, p.gt, range), threshold };
}

/** The F1-best threshold over the given classes pooled. */
export function bestF1(matches: readonly CategoryMatches[]): OperatingPoint | null {
  return best(pool(matches));
}

/** Recall, precision and F1 when the detectors keep score > threshold. */
export function atThreshold(matches: readonly CategoryMatches[], threshold: number): OperatingPoint {
  return at(pool(matches), threshold);
}

const SWEEP = Array.from({ length: 100 }, (_, i) => i / 100);

/** atThreshold at 0, 0.01, ... 0.99 (or the given thresholds), for a recall/precision/F1 chart. */
export function thresholdSweep(matches: readonly CategoryMatches[], thresholds: readonly number[] = SWEEP): OperatingPoint[] {
  const p = pool(matches);
  return thresholds.map((t) => at(p, t));
}

export function operatingPoints(matches: readonly CategoryMatches[]): OperatingPoints {
  const p = pool(matches);
  return {
    overall: best(p),
    perClass: matches
      .filter((m) => m.gtCount > 0)
      .map((m) => ({ categoryId: m.categoryId, ...(bestF1([m]) as OperatingPoint) })),
    sweep: SWEEP.map((t) => at(p, t)),
  };
}
