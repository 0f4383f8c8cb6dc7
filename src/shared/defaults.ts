// The detection thresholds a model runs with until someone chooses others: one place, so the
// worker, the engine, the live loop and the settings cannot drift apart. Plain numbers, no
// imports: the page and the worker both bundle it at no cost.

/** What decides which boxes a frame reports. */
export interface Thresholds {
  /** lowest score kept (a box is kept when its score is above it) */
  scoreThreshold: number;
  /** overlap above which non-maximum suppression drops the weaker of two boxes */
  iouThreshold: number;
  /** most boxes kept per frame */
  maxDetections: number;
  /** follow objects across frames (src/tracking): each box then carries a track id, weaker
   * detections keep known objects, and a missed object is reported as predicted for a while */
  tracking?: boolean;
  /** with tracking: a counting line in normalized frame coordinates; objects crossing it are
   * counted per class and direction */
  countingLine?: { x1: number; y1: number; x2: number; y2: number } | null;
  /** with tracking: the user's tracker settings (the tracker's defaults where absent) */
  trackOptions?: TrackOptions;
}

export interface TrackOptions {
  /** detections before an object is shown */
  minHits: number;
  /** detector frames a missed object is kept */
  maxMisses: number;
  /** weaker detections down to this score keep known objects */
  lowScore: number;
}

export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = Object.freeze({ scoreThreshold: 0.5, iouThreshold: 0.5, maxDetections: 100 });

/** The thresholds `o` asks for, the defaults where it leaves one out. */
export function thresholdsOf(o: Partial<Thresholds>): Thresholds {
  return {
    scoreThreshold: o.scoreThreshold ?? DEFAULT_THRESHOLDS.scoreThreshold,
    iouThreshold: o.iouThreshold ?? DEFAULT_THRESHOLDS.iouThreshold,
    maxDetections: o.maxDetections ?? DEFAULT_THRESHOLDS.maxDetections,
    tracking: o.tracking ?? false,
    countingLine: o.countingLine ?? null,
    ...(o.trackOptions ? { trackOptions: { ...o.trackOptions } } : {}),
  };
}

/** Whether `a` and `b` keep the same boxes (a threshold left out counts as its default). */
export function sameThresholds(a: Partial<Thresholds>, b: Partial<Thresholds>): boolean {
  const [x, y] = [thresholdsOf(a), thresholdsOf(b)];
  return x.scoreThreshold === y.scoreThreshold && x.iouThreshold === y.iouThreshold && x.maxDetections === y.maxDetections && x.tracking === y.tracking && sameLine(x.countingLine, y.countingLine) &&
    JSON.stringify(x.trackOptions ?? null) === JSON.stringify(y.trackOptions ?? null);
}

function sameLine(a: Thresholds['countingLine'], b: Thresholds['countingLine']): boolean {
  if (!a || !b) return !a === !b;
  return a.x1 === b.x1 && a.y1 === b.y1 && a.x2 === b.x2 && a.y2 === b.y2;
}
