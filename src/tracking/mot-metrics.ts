// CLEAR MOT figures for a tracker's output against ground truth (Bernardin & Stiefelhagen,
// 2008): per frame, ground-truth objects are matched to tracks by IoU >= 0.5, keeping last
// frame's pairs where they still overlap, then the best remaining overlaps; an ID switch is a
// ground-truth object matched to a different track than the last time it was matched.
// MOTA = 1 - (misses + false positives + ID switches) / ground-truth boxes.
import type { Box } from './tracker';

export interface GtBox {
  id: number;
  box: Box;
}

export interface HypBox {
  trackId: number;
  box: Box;
}

export interface MotFigures {
  frames: number;
  groundTruth: number;
  matches: number;
  misses: number;
  falsePositives: number;
  idSwitches: number;
  mota: number;
  /** ground-truth objects and the distinct track IDs each was matched to */
  idsPerObject: Map<number, Set<number>>;
}

function iou(a: Box, b: Box): number {
  const ix = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const iy = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (ix <= 0 || iy <= 0) return 0;
  const inter = ix * iy;
  return inter / (a.width * a.height + b.width * b.height - inter);
}

export class MotAccumulator {
  private readonly last = new Map<number, number>();
  private readonly f: MotFigures = { frames: 0, groundTruth: 0, matches: 0, misses: 0, falsePositives: 0, idSwitches: 0, mota: 1, idsPerObject: new Map() };

  constructor(private readonly minIou = 0.5) {}

  frame(gt: readonly GtBox[], hyp: readonly HypBox[]): void {
    const f = this.f;
    f.frames++;
    f.groundTruth += gt.length;
    const gtDone = new Set<number>();
    const hypDone = new Set<number>();
    const pair = (g: GtBox, h: HypBox) => {
      gtDone.add(g.id);
      hypDone.add(h.trackId);
      f.matches++;
      const before = this.last.get(g.id);
      if (before !== undefined && before !== h.trackId) f.idSwitches++;
      this.last.set(g.id, h.trackId);
      const ids = f.idsPerObject.get(g.id) ?? new Set<number>();
      ids.add(h.trackId);
      f.idsPerObject.set(g.id, ids);
    };
    // last frame's pairs first, where they still overlap enough
    for (const g of gt) {
      const id = this.last.get(g.id);
      const h = id === undefined ? undefined : hyp.find((x) => x.trackId === id);
      if (h && !hypDone.has(h.trackId) && iou(g.box, h.box) >= this.minIou) pair(g, h);
    }
    const candidates: Array<{ g: GtBox; h: HypBox; v: number }> = [];
    for (const g of gt) {
      if (gtDone.has(g.id)) continue;
      for (const h of hyp) {
        if (hypDone.has(h.trackId)) continue;
        const v = iou(g.box, h.box);
        if (v >= this.minIou) candidates.push({ g, h, v });
      }
    }
    candidates.sort((a, b) => b.v - a.v);
    for (const c of candidates) if (!gtDone.has(c.g.id) && !hypDone.has(c.h.trackId)) pair(c.g, c.h);
    f.misses += gt.length - gt.filter((g) => gtDone.has(g.id)).length;
    f.falsePositives += hyp.length - hyp.filter((h) => hypDone.has(h.trackId)).length;
  }

  figures(): MotFigures {
    const f = this.f;
    f.mota = f.groundTruth > 0 ? 1 - (f.misses + f.falsePositives + f.idSwitches) / f.groundTruth : 1;
    return f;
  }
}
