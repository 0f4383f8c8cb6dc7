// From the accumulated tensors to what people read: the 12 standard figures (summarize() of the
// official API: means over every threshold, recall point and category whose value is not -1),
// per-class AP, precision/recall curves and Pascal VOC AP. -1 means "no ground truth here".

import { accumulateCoco, precisionIndex, recallIndex, type CocoAccumulation } from './coco-eval.ts';
import { operatingPoints, type OperatingPoints } from './operating-point.ts';
import { RECALL_THRESHOLDS } from './params.ts';
import type { Dataset, Detection } from './types.ts';
import { vocAp, type VocResult } from './voc-ap.ts';

export interface CocoStats {
  AP: number;
  AP50: number;
  AP75: number;
  APs: number;
  APm: number;
  APl: number;
  AR1: number;
  AR10: number;
  AR100: number;
  ARs: number;
  ARm: number;
  ARl: number;
}

export const STAT_NAMES: readonly (keyof CocoStats)[] = ['AP', 'AP50', 'AP75', 'APs', 'APm', 'APl', 'AR1', 'AR10', 'AR100', 'ARs', 'ARm', 'ARl'];

export interface ClassResult {
  categoryId: number;
  name: string;
  /** AP at IoU .50:.95, area all, 100 detections; -1 without ground truth */
  ap: number;
  ap50: number;
  ap75: number;
  /** AR at IoU .50:.95, 100 detections */
  ar100: number;
  /** Pascal VOC all-points AP at IoU .5 */
  vocAp50: number;
  /** regular ground-truth boxes, crowd/difficult regions, and detections scored (<= 100 per image) */
  gtCount: number;
  crowdCount: number;
  detCount: number;
}

export interface PrCurve {
  /** precision at each of the 101 recall thresholds (RECALL_THRESHOLDS), area all, 100 detections */
  iou50: number[];
  iou75: number[];
}

export interface CocoEvaluation {
  stats: CocoStats;
  perClass: ClassResult[];
  curves: {
    recall: readonly number[];
    /** mean over the classes with ground truth, point by point */
    overall: PrCurve;
    /** classes with ground truth only */
    perClass: ({ categoryId: number } & PrCurve)[];
  };
  voc: VocResult;
  operatingPoints: OperatingPoints;
  counts: { images: number; categories: number; gt: number; crowd: number; detections: number; droppedDetections: number };
}

function meanValid(values: readonly number[]): number {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (v > -1) {
      sum += v;
      n++;
    }
  }
  return n ? sum / n : -1;
}

/** the thresholds (or categories) a summary line averages over */
const indices = (n: number, only?: number): number[] => (only === undefined ? Array.from({ length: n }, (_, i) => i) : [only]);

/**
 * One of COCOeval's AP summary lines, at 100 detections per image (the only AP lines it prints):
 * the mean of every precision value that is not -1. iouIndex undefined: all thresholds;
 * area 0..3: all/small/medium/large; k: one category.
 */
export function summarizeAp(acc: CocoAccumulation, area: number, iouIndex?: number, k?: number): number {
  const values: number[] = [];
  for (const t of indices(acc.T, iouIndex)) {
    for (let r = 0; r < acc.R; r++) for (const kk of indices(acc.K, k)) values.push(acc.precision[precisionIndex(acc, t, r, kk, area)]);
  }
  return meanValid(values);
}

/** One of COCOeval's AR summary lines (maxDetIndex 0..2: 1/10/100 detections). */
export function summarizeAr(acc: CocoAccumulation, area: number, maxDetIndex: number, iouIndex?: number, k?: number): number {
  const values: number[] = [];
  for (const t of indices(acc.T, iouIndex)) for (const kk of indices(acc.K, k)) values.push(acc.recall[recallIndex(acc, t, kk, area, maxDetIndex)]);
  return meanValid(values);
}

export function cocoStats(acc: CocoAccumulation): CocoStats {
  // thresholds .5 and .75 are entries 0 and 5 of IOU_THRESHOLDS; maxDets 1/10/100 are 0/1/2
  return {
    AP: summarizeAp(acc, 0),
    AP50: summarizeAp(acc, 0, 0),
    AP75: summarizeAp(acc, 0, 5),
    APs: summarizeAp(acc, 1),
    APm: summarizeAp(acc, 2),
    APl: summarizeAp(acc, 3),
    AR1: summarizeAr(acc, 0, 0),
    AR10: summarizeAr(acc, 0, 1),
    AR100: summarizeAr(acc, 0, 2),
    ARs: summarizeAr(acc, 1, 2),
    ARm: summarizeAr(acc, 2, 2),
    ARl: summarizeAr(acc, 3, 2),
  };
}

function curve(acc: CocoAccumulation, t: number, k: number): number[] {
  return Array.from({ length: acc.R }, (_, r) => acc.precision[precisionIndex(acc, t, r, k, 0)]);
}

/** Scores detections against a labelled set by the official COCO rules (boxes). */
export function evaluateCoco(gt: Dataset, dets: readonly Detection[]): CocoEvaluation {
  const acc = accumulateCoco(gt, dets);
  const names = new Map(gt.categories.map((c) => [c.id, c.name]));
  const voc = vocAp(acc.matched50);
  const vocById = new Map(voc.perClass.map((c) => [c.categoryId, c.ap50]));
  const perClass: ClassResult[] = acc.catIds.map((id, k) => ({
    categoryId: id,
    name: names.get(id) ?? String(id),
    ap: summarizeAp(acc, 0, undefined, k),
    ap50: summarizeAp(acc, 0, 0, k),
    ap75: summarizeAp(acc, 0, 5, k),
    ar100: summarizeAr(acc, 0, 2, undefined, k),
    vocAp50: vocById.get(id) ?? -1,
    gtCount: acc.gtCount[k],
    crowdCount: acc.crowdCount[k],
    detCount: acc.detCount[k],
  }));
  const withGt = acc.catIds.map((_, k) => k).filter((k) => acc.precision[precisionIndex(acc, 0, 0, k, 0)] > -1);
  const overall = (t: number) =>
    Array.from({ length: acc.R }, (_, r) => meanValid(withGt.map((k) => acc.precision[precisionIndex(acc, t, r, k, 0)])));
  return {
    stats: cocoStats(acc),
    perClass,
    curves: {
      recall: RECALL_THRESHOLDS,
      overall: { iou50: overall(0), iou75: overall(5) },
      perClass: withGt.map((k) => ({ categoryId: acc.catIds[k], iou50: curve(acc, 0, k), iou75: curve(acc, 5, k) })),
    },
    voc,
    operatingPoints: operatingPoints(acc.matched50),
    counts: {
      images: new Set(gt.images.map((i) => i.id)).size,
      categories: acc.K,
      gt: acc.gtCount.reduce((s, v) => s + v, 0),
      crowd: acc.crowdCount.reduce((s, v) => s + v, 0),
      detections: acc.detCount.reduce((s, v) => s + v, 0),
      droppedDetections: acc.droppedDetections,
    },
  };
}
