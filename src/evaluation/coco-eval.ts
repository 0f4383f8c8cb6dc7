// COCO box evaluation, rule for rule as the official COCOeval does it (evaluateImg, then
// accumulate), one category at a time so memory stays bounded on large runs:
//  - per image and category: detections sorted by score with a stable sort, cut to 100;
//  - per area range: ground truth that is crowd or outside the range is "ignore" and sorted
//    last (stable); each detection, in score order, takes the unmatched ground truth with the
//    highest IoU >= t (a crowd can be taken again; once a regular match is held the ignore
//    tail is not looked at; a later equal IoU wins, as in the official loop);
//  - a detection matched to an ignore region is ignored, an unmatched one outside the range too;
//  - per category: all images' detections (each image's first maxDet) in one stable sort by
//    score, ties kept in image-id order; precision made monotone from the right and read at
//    101 recall thresholds with searchsorted(left); -1 where the category has no ground truth.
// One known difference: COCOeval takes a ground-truth annotation whose id is 0 as "no match"
// (it stores ids in a zero-initialised array); here a match is a match whatever the id.

import { iouMatrix } from './iou.ts';
import { AREA_RANGES, EPS, IOU_THRESHOLDS, MAX_DETS, RECALL_THRESHOLDS } from './params.ts';
import type { Dataset, Detection } from './types.ts';

/** The accumulated tensors, laid out as numpy's C order so tests can index them the same way. */
export interface CocoAccumulation {
  /** sorted category ids of the set: index k */
  catIds: number[];
  T: number;
  R: number;
  K: number;
  A: number;
  M: number;
  /**
   * [T][R][K][A] at 100 detections per image (COCOeval also keeps maxDets 1 and 10 here, but no
   * summary reads them: AR1 and AR10 come from recall). -1 where the category has no ground truth
   * in that area range.
   */
  precision: Float64Array;
  /** [T][K][A][M] */
  recall: Float64Array;
  /** IoU .5, area all, 100 per image: each category's scored detections, for operating points */
  matched50: CategoryMatches[];
  /** per category k: regular (non-crowd) ground truth, crowd regions, detections kept */
  gtCount: Int32Array;
  crowdCount: Int32Array;
  detCount: Int32Array;
  /** detections whose category is not in the set (COCOeval drops them too) */
  droppedDetections: number;
}

export interface CategoryMatches {
  categoryId: number;
  /** ground truth that counts (not crowd) */
  gtCount: number;
  /** the detections that are not ignored, in evaluation order (score descending, stable) */
  scores: Float64Array;
  /** 1 where that detection is a true positive */
  tp: Uint8Array;
}

export const precisionIndex = (acc: CocoAccumulation, t: number, r: number, k: number, a: number): number =>
  ((t * acc.R + r) * acc.K + k) * acc.A + a;
export const recallIndex = (acc: CocoAccumulation, t: number, k: number, a: number, m: number): number =>
  ((t * acc.K + k) * acc.A + a) * acc.M + m;

const FP = 0;
const TP = 1;
const IGNORED = 2;

/**
 * Indices of the items that have a (category, image) slot, ordered by slot, then by index (so
 * each group keeps file order). One numeric sort of slot * n + index instead of maps of lists.
 */
function groupBySlot(n: number, slotOf: (j: number) => number): { order: Int32Array; slot: Float64Array } {
  const slots = new Float64Array(n);
  let count = 0;
  let maxSlot = 0;
  for (let j = 0; j < n; j++) {
    slots[j] = slotOf(j);
    if (slots[j] >= 0) count++;
    if (slots[j] > maxSlot) maxSlot = slots[j];
  }
  const order = new Int32Array(count);
  const slot = new Float64Array(count);
  if ((maxSlot + 1) * n < 2 ** 53) {
    // exact as one double: a native numeric sort
    const keys = new Float64Array(count);
    let c = 0;
    for (let j = 0; j < n; j++) if (slots[j] >= 0) keys[c++] = slots[j] * n + j;
    keys.sort();
    for (let i = 0; i < count; i++) {
      order[i] = keys[i] % n;
      slot[i] = (keys[i] - order[i]) / n;
    }
  } else {
    const idx = Array.from({ length: n }, (_, j) => j).filter((j) => slots[j] >= 0);
    idx.sort((a, b) => slots[a] - slots[b] || a - b);
    idx.forEach((j, i) => {
      order[i] = j;
      slot[i] = slots[j];
    });
  }
  return { order, slot };
}

/** Stable order of indices by score descending (ties keep their index order). */
function sortByScore(scores: ArrayLike<number>, n: number): Int32Array {
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  idx.sort((a, b) => scores[b] - scores[a] || a - b);
  return idx;
}

export function accumulateCoco(gt: Dataset, dets: readonly Detection[]): CocoAccumulation {
  const catIds = [...new Set(gt.categories.map((c) => c.id))].sort((a, b) => a - b);
  const imgIds = [...new Set(gt.images.map((i) => i.id))].sort((a, b) => a - b);
  const catPos = new Map(catIds.map((id, k) => [id, k]));
  const imgPos = new Map(imgIds.map((id, i) => [id, i]));
  const T = IOU_THRESHOLDS.length;
  const R = RECALL_THRESHOLDS.length;
  const K = catIds.length;
  const I = imgIds.length;
  const A = AREA_RANGES.length;
  const M = MAX_DETS.length;
  const maxDet = MAX_DETS[M - 1];
  const anns = gt.annotations;

  // ground truth of an unknown image or category is left out, as COCOeval's index does
  const gts = groupBySlot(anns.length, (j) => {
    const k = catPos.get(anns[j].category_id);
    const i = imgPos.get(anns[j].image_id);
    return k === undefined || i === undefined ? -1 : k * I + i;
  });
  let droppedDetections = 0;
  const dts = groupBySlot(dets.length, (j) => {
    const i = imgPos.get(dets[j].image_id);
    // loadRes refuses such a file ("Results do not correspond to current coco set")
    if (i === undefined) throw new Error(`detection on image_id ${dets[j].image_id}, which is not in the ground truth`);
    const k = catPos.get(dets[j].category_id);
    if (k === undefined) {
      droppedDetections++;
      return -1;
    }
    return k * I + i;
  });

  const precision = new Float64Array(T * R * K * A).fill(-1);
  const recall = new Float64Array(T * K * A * M).fill(-1);
  const acc: CocoAccumulation = {
    catIds, T, R, K, A, M, precision, recall, matched50: [],
    gtCount: new Int32Array(K), crowdCount: new Int32Array(K), detCount: new Int32Array(K), droppedDetections,
  };

  let gp = 0; // cursors in gts / dts, both ordered by category, then image
  let dp = 0;
  const byScore = (a: number, b: number) => dets[b].score - dets[a].score;
  for (let k = 0; k < K; k++) {
    // This category's images (with boxes or detections), in image order, each with its ground
    // truth range and its detections sorted by score (stable: Array.prototype.sort is) and cut
    // to maxDet, flattened in image order as accumulate concatenates them.
    const images: { gs: number; ge: number; ds: number; de: number }[] = [];
    const kept: number[] = [];
    const end = (k + 1) * I;
    while ((gp < gts.order.length && gts.slot[gp] < end) || (dp < dts.order.length && dts.slot[dp] < end)) {
      const sg = gp < gts.order.length && gts.slot[gp] < end ? gts.slot[gp] : Infinity;
      const sd = dp < dts.order.length && dts.slot[dp] < end ? dts.slot[dp] : Infinity;
      const slot = Math.min(sg, sd);
      const gs = gp;
      while (gp < gts.order.length && gts.slot[gp] === slot) gp++;
      let de = dp;
      while (de < dts.order.length && dts.slot[de] === slot) de++;
      const group = Array.from(dts.order.subarray(dp, de));
      if (group.length > 1) group.sort(byScore);
      const ds = kept.length;
      for (let i = 0; i < Math.min(group.length, maxDet); i++) kept.push(group[i]);
      images.push({ gs, ge: gp, ds, de: kept.length });
      dp = de;
    }
    if (images.length === 0) continue;
    const n = kept.length;
    acc.detCount[k] = n;
    const scores = new Float64Array(n);
    const rank = new Int32Array(n);
    const dArea = new Float64Array(n);
    for (const im of images) {
      for (let j = im.ds; j < im.de; j++) {
        const b = dets[kept[j]].bbox;
        scores[j] = dets[kept[j]].score;
        rank[j] = j - im.ds;
        dArea[j] = b[2] * b[3];
      }
    }
    const state = new Uint8Array(A * T * n); // [a][t][detection]
    const npig = new Array<number>(A).fill(0);

    for (const im of images) {
      const G = im.ge - im.gs;
      const D = im.de - im.ds;
      if (G === 0) {
        // nothing to match: a miss, or ignored when outside the area range
        for (let a = 0; a < A; a++) {
          const [lo, hi] = AREA_RANGES[a];
          for (let j = im.ds; j < im.de; j++) {
            const v = dArea[j] < lo || dArea[j] > hi ? IGNORED : FP;
            for (let t = 0; t < T; t++) state[(a * T + t) * n + j] = v;
          }
        }
        continue;
      }
      const g = Array.from(gts.order.subarray(im.gs, im.ge), (j) => anns[j]);
      const crowd = g.map((x) => x.iscrowd === 1);
      for (const c of crowd) {
        if (c) acc.crowdCount[k]++;
        else acc.gtCount[k]++;
      }
      const ious = D > 0 ? iouMatrix(kept.slice(im.ds, im.de).map((j) => dets[j].bbox), g.map((x) => x.bbox), crowd) : null;
      const taken = new Uint8Array(G);
      const gOrder = new Int32Array(G);
      const ignore = new Array<boolean>(G);
      for (let a = 0; a < A; a++) {
        const [lo, hi] = AREA_RANGES[a];
        for (let i = 0; i < G; i++) ignore[i] = crowd[i] || g[i].area < lo || g[i].area > hi;
        // regular ground truth first, ignore last, each group in file order
        let o = 0;
        for (let i = 0; i < G; i++) if (!ignore[i]) gOrder[o++] = i;
        npig[a] += o;
        for (let i = 0; i < G; i++) if (ignore[i]) gOrder[o++] = i;
        if (!ious) continue;
        for (let t = 0; t < T; t++) {
          const base = (a * T + t) * n + im.ds;
          taken.fill(0);
          for (let di = 0; di < D; di++) {
            let best = Math.min(IOU_THRESHOLDS[t], 1 - 1e-10);
            let m = -1;
            for (let gi = 0; gi < G; gi++) {
              const gIdx = gOrder[gi];
              if (taken[gi] && !crowd[gIdx]) continue;
              if (m > -1 && !ignore[gOrder[m]] && ignore[gIdx]) break;
              const v = ious[di * G + gIdx];
              if (v < best) continue;
              best = v;
              m = gi;
            }
            if (m === -1) {
              const area = dArea[im.ds + di];
              state[base + di] = area < lo || area > hi ? IGNORED : FP;
            } else {
              taken[m] = 1;
              state[base + di] = ignore[gOrder[m]] ? IGNORED : TP;
            }
          }
        }
      }
    }
    const sorted = sortByScore(scores, n);

    // operating points use IoU .5, area all and every kept detection
    {
      const keep: number[] = [];
      for (let j = 0; j < n; j++) if (state[sorted[j]] !== IGNORED) keep.push(sorted[j]);
      acc.matched50.push({
        categoryId: catIds[k],
        gtCount: npig[0],
        scores: Float64Array.from(keep, (i) => scores[i]),
        tp: Uint8Array.from(keep, (i) => (state[i] === TP ? 1 : 0)),
      });
    }

    const rc = new Float64Array(n);
    const pr = new Float64Array(n);
    for (let a = 0; a < A; a++) {
      if (npig[a] === 0) continue;
      for (let t = 0; t < T; t++) {
        const base = (a * T + t) * n;
        // recall at maxDets 1 and 10: the last point of the curve, tp / npig (order-free)
        for (let m = 0; m < M - 1; m++) {
          let tp = 0;
          for (let i = 0; i < n; i++) if (rank[i] < MAX_DETS[m] && state[base + i] === TP) tp++;
          recall[recallIndex(acc, t, k, a, m)] = tp / npig[a];
        }
        // at 100 (every kept detection) the whole curve. An ignored detection only repeats
        // the previous (recall, precision) point in COCOeval's arrays; leaving it out changes
        // neither the envelope nor where searchsorted lands, so only counted ones are kept.
        let tp = 0;
        let fp = 0;
        let len = 0;
        for (let j = 0; j < n; j++) {
          const v = state[base + sorted[j]];
          if (v === IGNORED) continue;
          if (v === TP) tp++;
          else fp++;
          rc[len] = tp / npig[a];
          pr[len] = tp / (fp + tp + EPS);
          len++;
        }
        recall[recallIndex(acc, t, k, a, M - 1)] = len > 0 ? rc[len - 1] : 0;
        for (let i = len - 1; i > 0; i--) if (pr[i] > pr[i - 1]) pr[i - 1] = pr[i];
        // searchsorted(rc, recThrs, 'left'): first point whose recall reaches the threshold
        let p = 0;
        for (let r = 0; r < R; r++) {
          const thr = RECALL_THRESHOLDS[r];
          while (p < len && rc[p] < thr) p++;
          precision[precisionIndex(acc, t, r, k, a)] = p < len ? pr[p] : 0;
        }
      }
    }
  }
  return acc;
}
