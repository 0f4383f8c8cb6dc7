// Box IoU as the COCO mask API computes it for boxes (bbIou): boxes that only touch have IoU 0,
// and against a crowd (ignore) region the union is the detection's own area, so a detection
// lying inside a crowd scores 1 however large the crowd is.

import type { BBox } from './types.ts';

export function boxIou(d: BBox, g: BBox, crowd: boolean): number {
  const w = Math.min(d[2] + d[0], g[2] + g[0]) - Math.max(d[0], g[0]);
  if (w <= 0) return 0;
  const h = Math.min(d[3] + d[1], g[3] + g[1]) - Math.max(d[1], g[1]);
  if (h <= 0) return 0;
  const i = w * h;
  const da = d[2] * d[3];
  // same operation order as the C code (da + ga - i) so the doubles agree
  const u = crowd ? da : da + g[2] * g[3] - i;
  return i / u;
}

/** D x G matrix, row-major: iou[d * G + g]. */
export function iouMatrix(dets: readonly BBox[], gts: readonly BBox[], crowd: readonly boolean[]): Float64Array {
  const G = gts.length;
  const out = new Float64Array(dets.length * G);
  for (let d = 0; d < dets.length; d++) {
    for (let g = 0; g < G; g++) out[d * G + g] = boxIou(dets[d], gts[g], crowd[g]);
  }
  return out;
}
