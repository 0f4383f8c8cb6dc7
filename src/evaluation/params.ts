// The COCO box-evaluation parameters, built bit for bit as the official API builds them
// (numpy linspace: start + i * step, the last value set to stop). The exact doubles matter:
// 0.8999999999999999 is the 9th IoU threshold, and ten recall thresholds are one ulp above
// their decimal (0.35000000000000003 ...), which decides where searchsorted lands.

function linspace(start: number, stop: number, num: number): number[] {
  const step = (stop - start) / (num - 1);
  const out = Array.from({ length: num }, (_, i) => i * step + start);
  out[num - 1] = stop;
  return out;
}

/** .50:.05:.95, T = 10 */
export const IOU_THRESHOLDS: readonly number[] = linspace(0.5, 0.95, 10);
/** 0:.01:1, R = 101 */
export const RECALL_THRESHOLDS: readonly number[] = linspace(0, 1, 101);
/** per image and per category, as COCOeval applies them */
export const MAX_DETS: readonly number[] = [1, 10, 100];

export type AreaLabel = 'all' | 'small' | 'medium' | 'large';
export const AREA_LABELS: readonly AreaLabel[] = ['all', 'small', 'medium', 'large'];
/** inclusive at both ends, so an area of exactly 32^2 is small and medium */
export const AREA_RANGES: readonly (readonly [number, number])[] = [
  [0, 1e5 ** 2],
  [0, 32 ** 2],
  [32 ** 2, 96 ** 2],
  [96 ** 2, 1e5 ** 2],
];

/** numpy's np.spacing(1): COCOeval divides tp by (tp + fp + eps) */
export const EPS = 2.220446049250313e-16;
