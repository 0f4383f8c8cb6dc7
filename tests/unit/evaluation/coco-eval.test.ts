// The COCO evaluator, rule by rule, on cases small enough to work out by hand (each test says how),
// then against figures published from the official pycocotools evaluator.

import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { accumulateCoco, precisionIndex, recallIndex } from '../../../src/evaluation/coco-eval.ts';
import { evaluateCoco } from '../../../src/evaluation/evaluate.ts';
import { boxIou } from '../../../src/evaluation/iou.ts';
import { IOU_THRESHOLDS, RECALL_THRESHOLDS } from '../../../src/evaluation/params.ts';
import type { BBox, Dataset, Detection } from '../../../src/evaluation/types.ts';
import { dataset, det, ONE_TP } from './build.ts';

const FAR: BBox = [600, 400, 20, 20]; // overlaps nothing in these cases

describe('parameters', () => {
  test('IoU and recall thresholds are the doubles numpy.linspace gives COCOeval', () => {
    // printed by numpy: np.linspace(.5, .95, 10).tolist()
    expect(IOU_THRESHOLDS).toEqual([0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.8999999999999999, 0.95]);
    expect(RECALL_THRESHOLDS).toHaveLength(101);
    // numpy: [k for k in range(101) if np.linspace(0, 1, 101)[k] != k / 100]
    const offByOneUlp = RECALL_THRESHOLDS.map((r, k) => (r !== k / 100 ? k : -1)).filter((k) => k >= 0);
    expect(offByOneUlp).toEqual([35, 41, 47, 57, 69, 70, 82, 83, 94, 95]);
    expect(RECALL_THRESHOLDS[35]).toBe(0.35000000000000003);
  });
});

describe('IoU (the mask API bbIou)', () => {
  test('intersection over union; touching boxes do not overlap', () => {
    // [0,0,10,10] and [5,0,10,10]: intersection 5x10 = 50, union 100 + 100 - 50 = 150
    expect(boxIou([5, 0, 10, 10], [0, 0, 10, 10], false)).toBe(50 / 150);
    // sharing only the edge x = 10: width 0, IoU 0
    expect(boxIou([10, 0, 10, 10], [0, 0, 10, 10], false)).toBe(0);
  });

  test('against a crowd region the union is the detection area', () => {
    // a 20x20 detection inside a 100x100 crowd: 400 / 400
    expect(boxIou([10, 10, 20, 20], [0, 0, 100, 100], true)).toBe(1);
    // corner overlap 10x10 = 100 over the detection's 400 (a plain IoU would be 100 / 10300)
    expect(boxIou([90, 90, 20, 20], [0, 0, 100, 100], true)).toBe(0.25);
    expect(boxIou([90, 90, 20, 20], [0, 0, 100, 100], false)).toBe(100 / 10300);
  });
});

// Figures are means over up to 10 x 101 x K values: compared to 12 decimals (1e-12), which
// leaves room for summation order and none for a rule applied differently.
function stats(gt: Dataset, dets: Detection[]) {
  return evaluateCoco(gt, dets).stats;
}

describe('IoU thresholds .50:.05:.95, matched with IoU >= t', () => {
  const gt = dataset([{ image: 1, cat: 1, box: [0, 0, 10, 10] }]);

  test('IoU 0.625 passes .50 .55 .60: AP 0.3, AR 0.3', () => {
    // detection [0,0,10,6.25] inside the box: 62.5 / 100. A lone true positive has precision
    // 1/(1+eps) at every recall point, so AP_t = ONE_TP for the 3 thresholds passed, 0 for 7.
    const s = stats(gt, [det(1, 1, [0, 0, 10, 6.25], 0.9)]);
    expect(s.AP).toBeCloseTo(0.3 * ONE_TP, 12);
    expect(s.AP50).toBeCloseTo(ONE_TP, 12);
    expect(s.AP75).toBe(0);
    expect(s.AR100).toBeCloseTo(0.3, 12);
  });

  test('IoU exactly 0.5 matches at .50 (>=, not >)', () => {
    // [0,0,10,5]: 50 / 100 = 0.5 exactly
    const s = stats(gt, [det(1, 1, [0, 0, 10, 5], 0.9)]);
    expect(s.AP50).toBeCloseTo(ONE_TP, 12);
    expect(s.AR100).toBeCloseTo(0.1, 12);
  });

  test('IoU exactly 0.9 passes the 9th threshold, which is 0.8999999999999999', () => {
    // [0,0,10,9]: 90 / 100 = 0.9 >= 0.8999999999999999, fails only 0.95: AR 9/10
    // (0.5 + 8 * 0.05 computed naively is 0.9000000000000001 and would give 0.8)
    const s = stats(gt, [det(1, 1, [0, 0, 10, 9], 0.9)]);
    expect(s.AR100).toBeCloseTo(0.9, 12);
  });
});

describe('101-point interpolated precision', () => {
  test('precision made monotone from the right, read at 101 recall points', () => {
    // 2 boxes; detections TP .9, FP .8, TP .7 (exact boxes, so the same at every threshold).
    // recall [.5 .5 1], precision [1/(1+eps), 1/2, 2/3]; monotone: [ONE_TP, 2/3, 2/3].
    // Recall points 0.00..0.50 (51 of them; 50 * 0.01 is exactly 0.5) land on the first
    // detection, 0.51..1.00 (50) on the third: AP = (51 ONE_TP + 50 * 2/3) / 101.
    const gt = dataset([
      { image: 1, cat: 1, box: [0, 0, 10, 10] },
      { image: 1, cat: 1, box: [100, 100, 10, 10] },
    ]);
    const e = evaluateCoco(gt, [det(1, 1, [0, 0, 10, 10], 0.9), det(1, 1, FAR, 0.8), det(1, 1, [100, 100, 10, 10], 0.7)]);
    const ap = (51 * ONE_TP + (50 * 2) / 3) / 101;
    expect(e.stats.AP).toBeCloseTo(ap, 12);
    expect(e.stats.AP50).toBeCloseTo(ap, 12);
    const curve = [...Array(51).fill(ONE_TP), ...Array(50).fill(2 / 3)];
    expect(e.curves.perClass[0].iou50).toEqual(curve);
    expect(e.curves.perClass[0].iou75).toEqual(curve);
    expect(e.curves.overall.iou50).toEqual(curve);
    expect(e.curves.recall).toBe(RECALL_THRESHOLDS);
  });

  test('searchsorted(left) on float recall: 35/100 is below the 36th recall point', () => {
    // 100 images with one box each. Detections: 35 hits (score .99), a miss (.98), 65 hits (.5).
    // Precision after the miss is (35+j)/(36+j), rising to 100/101, so the monotone curve is 1
    // over the first 35 hits and 100/101 from the miss on. Recall after 35 hits is 35/100 = 0.35,
    // below RECALL_THRESHOLDS[35] = 0.35000000000000003, so that point reads the curve further on
    // (100/101): 35 points of 1 and 66 of 100/101. Decimal arithmetic would give 36 and 65.
    const images = Array.from({ length: 100 }, (_, i) => i + 1);
    const gt = dataset(images.map((image) => ({ image, cat: 1, box: [0, 0, 10, 10] as BBox })), images);
    const dets = [
      ...images.slice(0, 35).map((i) => det(i, 1, [0, 0, 10, 10], 0.99)),
      det(36, 1, FAR, 0.98),
      ...images.slice(35).map((i) => det(i, 1, [0, 0, 10, 10], 0.5)),
    ];
    const s = stats(gt, dets);
    expect(s.AP).toBeCloseTo((35 + (66 * 100) / 101) / 101, 12);
    expect(Math.abs(s.AP - (36 + (65 * 100) / 101) / 101)).toBeGreaterThan(9e-5);
  });
});

describe('maxDets 1 / 10 / 100, per image and per category', () => {
  test('AR1 counts only the top detection of each image and category', () => {
    // 3 boxes of class 1 found by 3 exact detections: with 1 detection 1/3 found, with 10 all.
    // Class 2 in the same image keeps its own top detection: recall 1 at maxDets 1.
    const gt = dataset(
      [
        { image: 1, cat: 1, box: [0, 0, 10, 10] },
        { image: 1, cat: 1, box: [50, 0, 10, 10] },
        { image: 1, cat: 1, box: [100, 0, 10, 10] },
        { image: 1, cat: 2, box: [0, 100, 10, 10] },
      ],
      [1],
      [1, 2],
    );
    const dets = [det(1, 1, [0, 0, 10, 10], 0.9), det(1, 1, [50, 0, 10, 10], 0.8), det(1, 1, [100, 0, 10, 10], 0.7), det(1, 2, [0, 100, 10, 10], 0.6)];
    const s = stats(gt, dets);
    expect(s.AR1).toBeCloseTo((1 / 3 + 1) / 2, 12);
    expect(s.AR10).toBeCloseTo(1, 12);
    expect(s.AR100).toBeCloseTo(1, 12);
  });

  test('the 101st detection of an image and category is not scored', () => {
    // 101 boxes on a grid, 101 exact detections with falling scores: the last is cut,
    // recall at maxDets 100 = 100/101 at every threshold
    const boxes: BBox[] = Array.from({ length: 101 }, (_, i) => [(i % 20) * 30, Math.floor(i / 20) * 30, 10, 10]);
    const gt = dataset(boxes.map((box) => ({ image: 1, cat: 1, box })));
    const dets = boxes.map((box, i) => det(1, 1, box, 1 - i / 1000));
    const s = stats(gt, dets);
    expect(s.AR100).toBeCloseTo(100 / 101, 12);
    expect(s.AR10).toBeCloseTo(10 / 101, 12);
  });
});

describe('area ranges small / medium / large by the annotation area field', () => {
  test("the annotation's area decides, not the box", () => {
    // a 10x10 box whose area field says 5000: medium (32^2..96^2), not small
    const gt = dataset([{ image: 1, cat: 1, box: [0, 0, 10, 10], area: 5000 }]);
    const s = stats(gt, [det(1, 1, [0, 0, 10, 10], 0.9)]);
    expect(s.APm).toBeCloseTo(ONE_TP, 12);
    expect(s.APs).toBe(-1);
    expect(s.APl).toBe(-1);
  });

  test('ranges are inclusive: area 1024 is both small and medium', () => {
    const gt = dataset([{ image: 1, cat: 1, box: [0, 0, 32, 32] }]);
    const s = stats(gt, [det(1, 1, [0, 0, 32, 32], 0.9)]);
    expect(s.ARs).toBeCloseTo(1, 12);
    expect(s.ARm).toBeCloseTo(1, 12);
    expect(s.ARl).toBe(-1);
  });

  test('an unmatched detection outside the range is ignored, a matched one counts', () => {
    // small box found (score .8) and a 100x100 false positive (score .9).
    // all areas: FP then TP, precision [0, 1/2] -> 1/2 everywhere: AP 0.5.
    // small: the FP's area 10000 is outside [0, 32^2] and it matched nothing: ignored, AP 1.
    const gt = dataset([{ image: 1, cat: 1, box: [0, 0, 10, 10] }]);
    const s = stats(gt, [det(1, 1, [200, 200, 100, 100], 0.9), det(1, 1, [0, 0, 10, 10], 0.8)]);
    expect(s.AP).toBeCloseTo(0.5, 12);
    expect(s.APs).toBeCloseTo(ONE_TP, 12);
    expect(s.APl).toBe(-1);
  });

  test('a detection matched to ground truth outside the range is ignored', () => {
    // one large box found exactly: in the small range the box is ignore ground truth, the
    // detection matched it and is ignored too, and with no small box the range has no data
    const gt = dataset([{ image: 1, cat: 1, box: [0, 0, 200, 200] }]);
    const s = stats(gt, [det(1, 1, [0, 0, 200, 200], 0.9)]);
    expect(s.APl).toBeCloseTo(ONE_TP, 12);
    expect(s.APs).toBe(-1);
    expect(s.ARs).toBe(-1);
  });
});

describe('iscrowd ground truth is matched as ignore', () => {
  const crowd = { image: 1, cat: 1, box: [0, 0, 100, 100] as BBox, crowd: true };
  const person = { image: 1, cat: 1, box: [200, 200, 10, 10] as BBox };

  test('a detection inside a crowd is neither a hit nor a miss', () => {
    // the detection in the crowd (score .9) matches it (IoU 400/400) and is ignored; the other
    // finds the person: precision 1 throughout. Without the crowd rule it would be AP 0.5.
    const s = stats(dataset([crowd, person]), [det(1, 1, [10, 10, 20, 20], 0.9), det(1, 1, [200, 200, 10, 10], 0.8)]);
    expect(s.AP).toBeCloseTo(ONE_TP, 12);
    expect(s.AR100).toBeCloseTo(1, 12);
  });

  test('a crowd can absorb many detections', () => {
    const dets = [det(1, 1, [10, 10, 20, 20], 0.95), det(1, 1, [40, 40, 20, 20], 0.9), det(1, 1, [200, 200, 10, 10], 0.8)];
    expect(stats(dataset([crowd, person]), dets).AP).toBeCloseTo(ONE_TP, 12);
  });

  test('regular ground truth is preferred; a second detection on it falls to the crowd', () => {
    // a person inside a crowd region. Detection 1 matches the person (IoU 1) and stops before the
    // crowd (regular match held, ignore region next). Detection 2 (same box) finds the person
    // taken and matches the crowd (i / own area = 1): ignored, not a false positive.
    const inside = { image: 1, cat: 1, box: [0, 0, 10, 10] as BBox };
    const s = stats(dataset([inside, crowd]), [det(1, 1, [0, 0, 10, 10], 0.9), det(1, 1, [0, 0, 10, 10], 0.8)]);
    expect(s.AP).toBeCloseTo(ONE_TP, 12);
  });

  test('against a crowd IoU is intersection over the detection area', () => {
    // corner detection: 100 / 400 = 0.25 < .5: unmatched, a false positive ranked first: AP 0.5
    const s = stats(dataset([crowd, person]), [det(1, 1, [90, 90, 20, 20], 0.9), det(1, 1, [200, 200, 10, 10], 0.8)]);
    expect(s.AP).toBeCloseTo(0.5, 12);
  });

  test('crowd regions do not count as objects to find', () => {
    const e = evaluateCoco(dataset([crowd]), [det(1, 1, [10, 10, 20, 20], 0.9)]);
    expect(e.stats.AP).toBe(-1);
    expect(e.counts).toMatchObject({ gt: 0, crowd: 1 });
  });
});

describe('which ground truth a detection takes', () => {
  test('on equal IoU the later ground truth wins (the official loop keeps IoU >= best)', () => {
    // G1 [0,0,10,10], G2 [2,0,10,10]; D1 [1,0,10,10] (.9) overlaps both by 90/110 = 0.818;
    // D2 [0,0,10,10] (.8) is G1 exactly and G2 by 80/120 = 0.667.
    // t <= .80 (7 thresholds): D1 takes G2 (the later), D2 takes G1: two hits, AP_t = 1.
    // t >= .85 (3): D1 matches nothing, D2 takes G1: precision [0, 1/2] -> 1/2 up to recall .5,
    // AP_t = 25.5/101. (If the first of equal IoUs won, D2 would be left with G2 at 0.667.)
    const gt = dataset([
      { image: 1, cat: 1, box: [0, 0, 10, 10] },
      { image: 1, cat: 1, box: [2, 0, 10, 10] },
    ]);
    const s = stats(gt, [det(1, 1, [1, 0, 10, 10], 0.9), det(1, 1, [0, 0, 10, 10], 0.8)]);
    expect(s.AP).toBeCloseTo((7 + (3 * 25.5) / 101) / 10, 12);
  });
});

describe('ground truth sorted with ignored last', () => {
  test('a regular box is matched before a better-overlapping ignored one', () => {
    // Small range. File order: G1 [0,0,30,30] with area field 10000 (large: ignored here),
    // then G2 [0,0,28,28] (area 784, small). Detection [0,0,30,30]: IoU 1 with G1, 784/900 =
    // 0.871 with G2. Sorted [G2, G1]: for t <= .85 it takes G2 and stops at the ignored G1:
    // a hit. For .90 and .95 G2 fails, G1 (ignored) is taken: ignored. APs = 8/10 thresholds.
    // In file order it would take G1 at every threshold and APs would be 0.
    const gt = dataset([
      { image: 1, cat: 1, box: [0, 0, 30, 30], area: 10000 },
      { image: 1, cat: 1, box: [0, 0, 28, 28] },
    ]);
    const s = stats(gt, [det(1, 1, [0, 0, 30, 30], 0.9)]);
    expect(s.APs).toBeCloseTo(0.8 * ONE_TP, 12);
  });
});

describe('detections sorted by score with a stable sort', () => {
  const two = dataset(
    [
      { image: 1, cat: 1, box: [0, 0, 10, 10] },
      { image: 2, cat: 1, box: [0, 0, 10, 10] },
    ],
    [1, 2],
  );

  test('equal scores across images keep image-id order', () => {
    // Both at .5, given miss (image 2) first: accumulate concatenates by image id, so the hit in
    // image 1 comes first. recall [.5 .5], precision [ONE_TP, .5]: 51 points of ONE_TP, 50 of 0.
    // (miss first would give precision 1/2 on 51 points: AP 25.5/101)
    const s = stats(two, [det(2, 1, FAR, 0.5), det(1, 1, [0, 0, 10, 10], 0.5)]);
    expect(s.AP).toBeCloseTo((51 * ONE_TP) / 101, 12);
  });

  test('equal scores in one image keep input order', () => {
    // one box; a miss then a hit, both .5: precision [0, 1/2] -> 1/2 at every recall point
    const one = dataset([{ image: 1, cat: 1, box: [0, 0, 10, 10] }]);
    expect(stats(one, [det(1, 1, FAR, 0.5), det(1, 1, [0, 0, 10, 10], 0.5)]).AP).toBeCloseTo(0.5, 12);
    // the hit first: precision 1/(1+eps) throughout
    expect(stats(one, [det(1, 1, [0, 0, 10, 10], 0.5), det(1, 1, FAR, 0.5)]).AP).toBeCloseTo(ONE_TP, 12);
  });
});

describe('per category, averaged over categories with ground truth', () => {
  test('-1 where a category has no ground truth, left out of the means', () => {
    // c1: found (AP 1); c2: boxes, no detections (AP 0); c3: detections only (-1); c4: nothing
    // (-1). AP = (1 + 0) / 2. A detection of category 9, not in the set, is dropped and counted.
    const gt = dataset(
      [
        { image: 1, cat: 1, box: [0, 0, 10, 10] },
        { image: 1, cat: 2, box: [50, 0, 10, 10] },
      ],
      [1],
      [1, 2, 3, 4],
    );
    const e = evaluateCoco(gt, [det(1, 1, [0, 0, 10, 10], 0.9), det(1, 3, [100, 0, 10, 10], 0.8), det(1, 9, [0, 0, 10, 10], 0.9)]);
    expect(e.stats.AP).toBeCloseTo(ONE_TP / 2, 12);
    // means of 1010 (or 101) precision values: equal to ONE_TP up to summation rounding
    expect(e.perClass.map((c) => c.ap.toFixed(12))).toEqual(['1.000000000000', '0.000000000000', '-1.000000000000', '-1.000000000000']);
    expect(e.perClass.map((c) => c.ap50.toFixed(12))).toEqual(['1.000000000000', '0.000000000000', '-1.000000000000', '-1.000000000000']);
    expect(e.perClass.map((c) => [c.gtCount, c.detCount])).toEqual([[1, 1], [1, 0], [0, 1], [0, 0]]);
    expect(e.curves.perClass.map((c) => c.categoryId)).toEqual([1, 2]);
    expect(e.counts.droppedDetections).toBe(1);
  });

  test('the tensors keep -1 for categories without ground truth', () => {
    const gt = dataset([{ image: 1, cat: 1, box: [0, 0, 10, 10] }], [1], [1, 2]);
    const acc = accumulateCoco(gt, [det(1, 1, [0, 0, 10, 10], 0.9)]);
    expect(acc.precision[precisionIndex(acc, 0, 0, 1, 0)]).toBe(-1);
    expect(acc.recall[recallIndex(acc, 0, 1, 0, 2)]).toBe(-1);
    expect(acc.recall[recallIndex(acc, 0, 0, 0, 2)]).toBe(1);
  });

  test('a detection on an image the set does not have is refused, as loadRes does', () => {
    expect(() => evaluateCoco(dataset([]), [det(7, 1, [0, 0, 1, 1], 0.5)])).toThrow(/image_id 7/);
  });
});

describe('published figures', () => {
  test('the 12 figures pycocotools gives for a published sample, to 1e-6', () => {
    // fixtures/published-coco-sample.json: 830 boxes and 734 detections over 100 COCO val2014
    // images, with the figures a public test suite asserts for the official evaluator
    const f = JSON.parse(readFileSync(new URL('./fixtures/published-coco-sample.json', import.meta.url), 'utf8')) as {
      categories: [number, string][];
      gt: number[][];
      dt: number[][];
      expected: Record<string, number>;
    };
    const ids = [...new Set([...f.gt.map((r) => r[0]), ...f.dt.map((r) => r[0])])];
    const gt: Dataset = {
      images: ids.map((id) => ({ id, file_name: `${id}.jpg`, width: 640, height: 640 })),
      categories: f.categories.map(([id, name]) => ({ id, name })),
      annotations: f.gt.map((r, i) => ({ id: i + 1, image_id: r[0], category_id: r[1], bbox: [r[2], r[3], r[4], r[5]], area: r[4] * r[5], iscrowd: 0 })),
    };
    const dets = f.dt.map((r) => det(r[0], r[1], [r[2], r[3], r[4], r[5]], r[6]));
    const s = evaluateCoco(gt, dets).stats;
    for (const [name, value] of Object.entries(f.expected)) {
      // published with 6 decimals: within half a unit of the last
      expect(Math.abs(s[name as keyof typeof s] - value), name).toBeLessThanOrEqual(5e-7);
    }
  });
});
