// The evaluator on real COCO annotations (../shared/datasets/coco128-dev: 64 images, 430 boxes,
// 7 of them crowd regions), with results predictable by hand. Skipped only where the folder
// is absent (a clean clone without ../shared).

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { evaluateCoco } from '../../../src/evaluation/evaluate.ts';
import { readCocoInstances } from '../../../src/evaluation/readers/coco.ts';
import type { Dataset, Detection } from '../../../src/evaluation/types.ts';

const file = fileURLToPath(new URL('../../../../shared/datasets/coco128-dev/instances.json', import.meta.url));

describe.skipIf(!existsSync(file))('coco128-dev', () => {
  const read = () => {
    const r = readCocoInstances(readFileSync(file, 'utf8'), 'instances.json');
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  /** AR at maxDets m when every box is found exactly and only m per image and class count:
   * per class, sum over images of min(boxes, m) / boxes, averaged over classes */
  const arByCounting = (gt: Dataset, m: number) => {
    const per = new Map<number, Map<number, number>>();
    for (const a of gt.annotations) {
      if (a.iscrowd) continue;
      const byImg = per.get(a.category_id) ?? new Map<number, number>();
      byImg.set(a.image_id, (byImg.get(a.image_id) ?? 0) + 1);
      per.set(a.category_id, byImg);
    }
    const rec = [...per.values()].map((byImg) => {
      const counts = [...byImg.values()];
      return counts.reduce((s, n) => s + Math.min(n, m), 0) / counts.reduce((s, n) => s + n, 0);
    });
    return rec.reduce((s, v) => s + v, 0) / rec.length;
  };

  test('reads the set through the COCO reader', () => {
    const gt = read();
    expect(gt.images).toHaveLength(64);
    expect(gt.annotations).toHaveLength(430);
    expect(gt.annotations.filter((a) => a.iscrowd)).toHaveLength(7);
    expect(new Set(gt.annotations.map((a) => a.category_id)).size).toBe(63);
  });

  test('ground truth as detections (score 1): AP 1', () => {
    // every regular box found exactly (IoU 1 at every threshold), crowd regions not detected.
    // AP and AR100 are 1 (to the 2e-16 that COCOeval's eps leaves); AR1 and AR10 count how many
    // boxes the first 1 or 10 detections of each image and class can find.
    const gt = read();
    const dets: Detection[] = gt.annotations.filter((a) => !a.iscrowd).map((a) => ({ image_id: a.image_id, category_id: a.category_id, bbox: a.bbox, score: 1 }));
    const s = evaluateCoco(gt, dets).stats;
    for (const k of ['AP', 'AP50', 'AP75', 'APs', 'APm', 'APl', 'AR100', 'ARs', 'ARm', 'ARl'] as const) expect(s[k], k).toBeCloseTo(1, 12);
    expect(s.AR1).toBeCloseTo(arByCounting(gt, 1), 12);
    expect(s.AR10).toBeCloseTo(arByCounting(gt, 10), 12);
    expect(s.AR1).toBeLessThan(0.75);
  });

  test('every box shifted right by 16% of its width: found at IoU .50 to .70 only, AP 0.5', () => {
    // a box moved by d*w along x overlaps itself by (1-d)/(1+d) = 0.84/1.16 = 0.724: a hit at
    // the 5 thresholds .50 .. .70, a miss at .75 .. .95. AP = AR100 = 5/10, AP50 1, AP75 0,
    // and AR1/AR10 half of the exact case.
    const gt = read();
    const dets: Detection[] = gt.annotations
      .filter((a) => !a.iscrowd)
      .map((a) => ({ image_id: a.image_id, category_id: a.category_id, bbox: [a.bbox[0] + 0.16 * a.bbox[2], a.bbox[1], a.bbox[2], a.bbox[3]], score: 1 }));
    const s = evaluateCoco(gt, dets).stats;
    expect(s.AP).toBeCloseTo(0.5, 12);
    expect(s.AP50).toBeCloseTo(1, 12);
    expect(s.AP75).toBe(0);
    expect(s.AR100).toBeCloseTo(0.5, 12);
    expect(s.AR1).toBeCloseTo(arByCounting(gt, 1) / 2, 12);
    expect(s.AR10).toBeCloseTo(arByCounting(gt, 10) / 2, 12);
  });
});
