// Greedy non-maximum suppression on plain arrays: the detections of one frame number in the
// tens, so this runs in microseconds on the CPU and needs no synchronous GPU read.

export interface Candidate {
  /** [ymin, xmin, ymax, xmax] */
  box: [number, number, number, number];
  score: number;
  classId: number;
}

export function iou(a: readonly number[], b: readonly number[]): number {
  const areaA = Math.max(0, a[2] - a[0]) * Math.max(0, a[3] - a[1]);
  const areaB = Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1]);
  if (areaA <= 0 || areaB <= 0) return 0;
  const ih = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const iw = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  if (ih <= 0 || iw <= 0) return 0;
  const inter = ih * iw;
  return inter / (areaA + areaB - inter);
}

/**
 * Keeps the best-scoring boxes, dropping any box that overlaps an already kept box of the
 * same class by more than `iouThreshold`. Classes are suppressed independently, as the TF
 * OD API post-processor does; the result is sorted by score and cut at `maxDetections`.
 */
export function nonMaxSuppression(candidates: Candidate[], iouThreshold: number, maxDetections: number): Candidate[] {
  const sorted = [...candidates].sort((p, q) => q.score - p.score);
  const kept: Candidate[] = [];
  for (const c of sorted) {
    if (kept.length >= maxDetections) break;
    let suppressed = false;
    for (const k of kept) {
      if (k.classId === c.classId && iou(k.box, c.box) > iouThreshold) {
        suppressed = true;
        break;
      }
    }
    if (!suppressed) kept.push(c);
  }
  return kept;
}
