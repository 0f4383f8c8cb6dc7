// Pascal VOC AP (VOC2010 onward, "all points"): the area under the precision/recall curve after
// precision is made monotone from the right, summed where recall changes, instead of COCO's
// 101-point sampling. It is computed on the same matches as COCO's AP50 (IoU >= .5, crowd and
// difficult regions ignored, up to 100 detections per image and class), so the two figures
// differ only by how the curve is integrated.

import type { CategoryMatches } from './coco-eval.ts';

/** AP of one class; -1 when it has no ground truth. */
export function vocAllPointsAp(m: CategoryMatches): number {
  if (m.gtCount === 0) return -1;
  const n = m.tp.length;
  // mrec = [0, rec..., 1], mpre = [0, prec..., 0] as the devkit builds them
  const mrec = new Float64Array(n + 2);
  const mpre = new Float64Array(n + 2);
  let tp = 0;
  for (let i = 0; i < n; i++) {
    tp += m.tp[i];
    mrec[i + 1] = tp / m.gtCount;
    mpre[i + 1] = tp / Math.max(i + 1, Number.EPSILON);
  }
  mrec[n + 1] = 1;
  for (let i = n; i > 0; i--) mpre[i - 1] = Math.max(mpre[i - 1], mpre[i]);
  let ap = 0;
  for (let i = 0; i < n + 1; i++) if (mrec[i + 1] !== mrec[i]) ap += (mrec[i + 1] - mrec[i]) * mpre[i + 1];
  return ap;
}

export interface VocResult {
  /** mean over the classes that have ground truth; -1 when none has */
  mAP50: number;
  perClass: { categoryId: number; ap50: number }[];
}

export function vocAp(matches: readonly CategoryMatches[]): VocResult {
  const perClass = matches.map((m) => ({ categoryId: m.categoryId, ap50: vocAllPointsAp(m) }));
  const valid = perClass.filter((c) => c.ap50 > -1);
  return { mAP50: valid.length ? valid.reduce((s, c) => s + c.ap50, 0) / valid.length : -1, perClass };
}
