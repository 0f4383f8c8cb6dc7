import type { BackendName, BackendRequest, Detection } from './protocol';

// What an imported model did on each backend of this browser, checked before it is saved and
// kept with it: whether it ran there (or the worker fell back, or failed, with the reason), its
// cold start and warm time, and how its detections on the same test photo compare with the
// CPU backend's (the reference: plain JavaScript kernels). Types and the comparison only.

export interface BackendComparison {
  /** CPU boxes found again on this backend (same class, IoU >= 0.5) */
  matched: number;
  /** boxes one side found and the other did not */
  unmatched: number;
  /** largest score difference over matched boxes */
  maxScoreDiff: number;
  /** smallest IoU over matched boxes (1 when none matched) */
  minIou: number;
  /** within the tolerances below */
  agrees: boolean;
}

export interface CompatRow {
  requested: BackendRequest;
  /** what the worker ran on (differs when it fell back) */
  backend?: BackendName;
  status: 'ran' | 'fell-back' | 'failed';
  /** the worker's reason for a fallback, or the failure */
  message?: string;
  /** backend start + model load + first inference */
  coldMs?: number;
  /** median of the warm runs on the test photo (whole pipeline in the worker) */
  warmMs?: number;
  detections?: number;
  vsCpu?: BackendComparison;
}

export interface CompatReport {
  checkedAt: string;
  /** the test photo */
  frame: string;
  /** score threshold the detections were compared at */
  threshold: number;
  rows: CompatRow[];
}

/** Agreement: every box above the threshold found on both sides, at IoU >= 0.9, scores within 0.02. */
export const AGREE = { iou: 0.9, score: 0.02 } as const;

function iou(a: Detection['box'], b: Detection['box']): number {
  const ix = Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x));
  const iy = Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
  const inter = ix * iy;
  const union = a.width * a.height + b.width * b.height - inter;
  return union > 0 ? inter / union : 0;
}

/** Greedy matching by score, same class, IoU >= 0.5: what differs between two backends' boxes. */
export function compareDetections(reference: readonly Detection[], other: readonly Detection[]): BackendComparison {
  const used = new Set<number>();
  let matched = 0;
  let maxScoreDiff = 0;
  let minIou = 1;
  for (const r of [...reference].sort((p, q) => q.score - p.score)) {
    let best = -1;
    let bestIou = 0.5;
    other.forEach((o, i) => {
      if (used.has(i) || o.classId !== r.classId) return;
      const v = iou(r.box, o.box);
      if (v >= bestIou) [best, bestIou] = [i, v];
    });
    if (best < 0) continue;
    used.add(best);
    matched++;
    maxScoreDiff = Math.max(maxScoreDiff, Math.abs(r.score - other[best].score));
    minIou = Math.min(minIou, bestIou);
  }
  const unmatched = reference.length - matched + (other.length - used.size);
  return { matched, unmatched, maxScoreDiff, minIou, agrees: unmatched === 0 && minIou >= AGREE.iou && maxScoreDiff <= AGREE.score };
}
