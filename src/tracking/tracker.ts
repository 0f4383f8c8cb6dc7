// Multi-object tracking by detection, SORT-style with ByteTrack's second pass: each track has a
// constant-velocity Kalman filter (kalman.ts) that predicts its box to the next detector
// frame; detections are matched to the predicted boxes of their own class by IoU, the
// confident ones first, then the weak ones (score between `lowScore` and `highScore`) to the
// tracks still unmatched, so an object that is briefly occluded or scored low keeps its ID
// instead of a new one being born. A track is shown once it has `minHits` hits, coasts on its
// prediction while missed (reported as `predicted`), and ends after `maxMisses` detector
// frames without a match. Between detector frames `predict(time)` moves every shown box along
// its velocity, so boxes follow objects at camera rate with a detector at 5 fps.
//
// Pure: no DOM, no TensorFlow.js; boxes in any units (the app uses 0-1 of the frame). Tracks
// are pooled, their output records and arrays reused and the pairs sorted in place, so a
// steady-state frame allocates (next to) nothing (tests/unit/tracking: heap per frame).
import { BoxKalman, type BoxState } from './kalman';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TrackInput {
  label: string;
  classId: number;
  score: number;
  box: Box;
}

export interface TrackedBox extends TrackInput {
  trackId: number;
  /** not matched by a detection in the latest detector frame: the box is the filter's guess */
  predicted: boolean;
  /** how the box moves, per second (the filter's velocities) */
  velocity: Box;
}

export interface TrackerOptions {
  /** detections at or above this score start tracks and are matched first */
  highScore: number;
  /** weaker detections down to this score only keep existing tracks alive (second pass) */
  lowScore: number;
  /** first pass: a detection joins a track when their IoU is at least this */
  matchIou: number;
  /** second pass (weak detections): a stricter overlap */
  lowMatchIou: number;
  /** hits before a track is shown (and counted) */
  minHits: number;
  /** detector frames without a match before a track ends */
  maxMisses: number;
}

/** ByteTrack's defaults, in our terms (its match threshold 0.8 is a cost, 1 - IoU). */
export const DEFAULT_TRACKER_OPTIONS: Readonly<TrackerOptions> = Object.freeze({
  highScore: 0.5,
  lowScore: 0.1,
  matchIou: 0.2,
  lowMatchIou: 0.5,
  minHits: 3,
  maxMisses: 15,
});

export interface CountingLine {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/**
 * On screen (y down), walking along the line from its first point to its second: 'in' is a
 * crossing from the walker's right-hand side to the left-hand side, 'out' the other way.
 */
export type CrossingDirection = 'in' | 'out';

export interface Crossing {
  trackId: number;
  label: string;
  classId: number;
  direction: CrossingDirection;
  /** the detector frame's time (ms) */
  time: number;
}

class Track {
  readonly kf = new BoxKalman();
  readonly out: TrackedBox = {
    trackId: 0, label: '', classId: 0, score: 0, box: { x: 0, y: 0, width: 0, height: 0 }, predicted: false, velocity: { x: 0, y: 0, width: 0, height: 0 },
  };
  id = 0;
  label = '';
  classId = 0;
  score = 0;
  hits = 0;
  misses = 0;
  /** the filter's time, ms */
  time = 0;
  confirmed = false;
  /** centre at the previous detector frame (for the counting line) */
  prevX = NaN;
  prevY = NaN;
  matched = false;
}

const scratch: BoxState = { cx: 0, cy: 0, w: 0, h: 0 };

function toState(b: Box, out: BoxState): BoxState {
  out.cx = b.x + b.width / 2;
  out.cy = b.y + b.height / 2;
  out.w = b.width;
  out.h = b.height;
  return out;
}

function iouStateBox(s: BoxState, b: Box): number {
  const ax0 = s.cx - s.w / 2;
  const ay0 = s.cy - s.h / 2;
  const ix = Math.min(ax0 + s.w, b.x + b.width) - Math.max(ax0, b.x);
  const iy = Math.min(ay0 + s.h, b.y + b.height) - Math.max(ay0, b.y);
  if (ix <= 0 || iy <= 0) return 0;
  const inter = ix * iy;
  const union = s.w * s.h + b.width * b.height - inter;
  return union > 0 ? inter / union : 0;
}

/** Which side of the line a point is on: > 0 on the walker's right on screen (y down), < 0 left. */
function side(l: CountingLine, x: number, y: number): number {
  return (l.x2 - l.x1) * (y - l.y1) - (l.y2 - l.y1) * (x - l.x1);
}

/** Does the move from p to q cross the segment (not only its infinite line)? */
function crossesSegment(l: CountingLine, px: number, py: number, qx: number, qy: number): boolean {
  const d1 = side(l, px, py);
  const d2 = side(l, qx, qy);
  if (d1 === 0 || d2 === 0 || d1 > 0 === d2 > 0) return false;
  // the line's ends on opposite sides of the move
  const e1 = (qx - px) * (l.y1 - py) - (qy - py) * (l.x1 - px);
  const e2 = (qx - px) * (l.y2 - py) - (qy - py) * (l.x2 - px);
  return e1 === 0 || e2 === 0 || e1 > 0 !== e2 > 0;
}

export class Tracker {
  private readonly options: TrackerOptions;
  private tracks: Track[] = [];
  private readonly pool: Track[] = [];
  private nextId = 1;
  private lastTime = NaN;
  /** pair scratch: track index, detection index, IoU (grown, never shrunk) */
  private pairT = new Int32Array(64);
  private pairD = new Int32Array(64);
  private pairIou = new Float64Array(64);
  private order = new Int32Array(64);
  private detUsed = new Uint8Array(64);
  private readonly shown: TrackedBox[] = [];
  private line: CountingLine | null = null;
  /** unique confirmed tracks per class since the start (or the last reset) */
  readonly uniqueByClass = new Map<string, number>();
  /** line crossings per class and direction since the start (or the last reset) */
  readonly crossingsByClass = new Map<string, { in: number; out: number }>();

  constructor(options: Partial<TrackerOptions> = {}) {
    this.options = { ...DEFAULT_TRACKER_OPTIONS, ...options };
  }

  /** New options from the next frame on (the user moved the score threshold); tracks stay. */
  setOptions(options: Partial<TrackerOptions>): void {
    Object.assign(this.options, options);
  }

  setLine(line: CountingLine | null): void {
    this.line = line;
    for (const t of this.tracks) t.prevX = t.prevY = NaN;
  }

  reset(): void {
    for (const t of this.tracks) this.pool.push(t);
    this.tracks = [];
    this.nextId = 1;
    this.lastTime = NaN;
    this.uniqueByClass.clear();
    this.crossingsByClass.clear();
  }

  /** Tracks alive now (shown or not), for tests and the bench. */
  get size(): number {
    return this.tracks.length;
  }

  /**
   * One detector frame at `time` (ms): predicts every track to it, matches, updates, starts and
   * ends tracks. Returns the shown tracks (the array and its records are reused: copy what you
   * keep) and appends any counting-line crossings to `crossings`.
   */
  update(detections: readonly TrackInput[], time: number, crossings?: Crossing[]): readonly TrackedBox[] {
    const o = this.options;
    const dt = Number.isFinite(this.lastTime) ? Math.max(0, (time - this.lastTime) / 1000) : 0;
    this.lastTime = time;
    for (const t of this.tracks) {
      t.kf.predict(dt);
      t.time = time;
      t.matched = false;
    }
    if (this.detUsed.length < detections.length) this.detUsed = new Uint8Array(detections.length * 2);
    this.detUsed.fill(0, 0, detections.length);
    // ByteTrack: confident detections first against every track, then weak ones against the rest
    this.associate(detections, o.highScore, Infinity, o.matchIou);
    this.associate(detections, o.lowScore, o.highScore, o.lowMatchIou);
    // unmatched confident detections start tracks
    for (let d = 0; d < detections.length; d++) {
      if (this.detUsed[d] || !(detections[d].score >= o.highScore)) continue;
      const t = this.pool.pop() ?? new Track();
      const det = detections[d];
      t.kf.init(toState(det.box, scratch));
      t.id = this.nextId++;
      t.label = det.label;
      t.classId = det.classId;
      t.score = det.score;
      t.hits = 1;
      t.misses = 0;
      t.time = time;
      t.confirmed = o.minHits <= 1;
      t.prevX = t.prevY = NaN;
      t.matched = true;
      if (t.confirmed) this.uniqueByClass.set(t.label, (this.uniqueByClass.get(t.label) ?? 0) + 1);
      this.tracks.push(t);
    }
    // misses, ends, and the counting line
    let kept = 0;
    for (const t of this.tracks) {
      if (!t.matched) t.misses++;
      // a track that never got going ends at its first miss (a false positive, most likely)
      if (t.misses > (t.confirmed ? o.maxMisses : 0)) {
        this.pool.push(t);
        continue;
      }
      this.tracks[kept++] = t;
      if (this.line && t.confirmed) {
        const cx = t.kf.x[0];
        const cy = t.kf.x[1];
        if (Number.isFinite(t.prevX) && crossesSegment(this.line, t.prevX, t.prevY, cx, cy)) {
          const direction: CrossingDirection = side(this.line, t.prevX, t.prevY) > 0 ? 'in' : 'out';
          const counts = this.crossingsByClass.get(t.label) ?? { in: 0, out: 0 };
          counts[direction]++;
          this.crossingsByClass.set(t.label, counts);
          crossings?.push({ trackId: t.id, label: t.label, classId: t.classId, direction, time });
        }
        t.prevX = cx;
        t.prevY = cy;
      }
    }
    this.tracks.length = kept;
    return this.collect(0);
  }

  /** The shown tracks `time` ms on (between detector frames), without moving any filter. */
  predict(time: number): readonly TrackedBox[] {
    return this.collect(Number.isFinite(this.lastTime) ? Math.max(0, (time - this.lastTime) / 1000) : 0);
  }

  /** How many shown tracks there are per class now. */
  inView(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const t of this.tracks) if (t.confirmed) counts.set(t.label, (counts.get(t.label) ?? 0) + 1);
    return counts;
  }

  private collect(dt: number): readonly TrackedBox[] {
    // overwritten in place and cut to size: `length = 0` would drop the array's storage, and
    // pushing 50 records back would allocate it again every frame
    let n = 0;
    for (const t of this.tracks) {
      if (!t.confirmed) continue;
      const s = t.kf.peek(dt, scratch);
      const out = t.out;
      out.trackId = t.id;
      out.label = t.label;
      out.classId = t.classId;
      out.score = t.score;
      // interpolated between detector frames is still "detected"; only a missed track is a guess
      out.predicted = !t.matched;
      out.box.x = s.cx - s.w / 2;
      out.box.y = s.cy - s.h / 2;
      out.box.width = s.w;
      out.box.height = s.h;
      const v = t.kf.v;
      out.velocity.x = v[0] - v[2] / 2;
      out.velocity.y = v[1] - v[3] / 2;
      out.velocity.width = v[2];
      out.velocity.height = v[3];
      if (n < this.shown.length) this.shown[n] = out;
      else this.shown.push(out);
      n++;
    }
    if (this.shown.length !== n) this.shown.length = n;
    return this.shown;
  }

  /** Greedy matching by IoU, best pairs first, same class only, among detections with
   * min <= score < max and tracks not yet matched. */
  private associate(detections: readonly TrackInput[], min: number, max: number, minIou: number): void {
    let n = 0;
    for (let ti = 0; ti < this.tracks.length; ti++) {
      const t = this.tracks[ti];
      if (t.matched) continue;
      const s = t.kf.peek(0, scratch);
      for (let d = 0; d < detections.length; d++) {
        const det = detections[d];
        if (this.detUsed[d] || det.classId !== t.classId || !(det.score >= min && det.score < max)) continue;
        const v = iouStateBox(s, det.box);
        if (!(v >= minIou)) continue;
        if (n === this.pairT.length) this.growPairs();
        this.pairT[n] = ti;
        this.pairD[n] = d;
        this.pairIou[n] = v;
        n++;
      }
    }
    if (n === 0) return;
    // best overlaps first (ties in the order found): an insertion sort in place, since a
    // typed array's sort with a comparator copies, and a frame's pairs number in the tens
    const order = this.order;
    const v = this.pairIou;
    for (let i = 0; i < n; i++) {
      const p = i;
      let j = i - 1;
      while (j >= 0 && v[order[j]] < v[p]) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = p;
    }
    for (let k = 0; k < n; k++) {
      const p = order[k];
      const t = this.tracks[this.pairT[p]];
      const d = this.pairD[p];
      if (t.matched || this.detUsed[d]) continue;
      const det = detections[d];
      t.kf.update(toState(det.box, scratch));
      t.matched = true;
      t.score = det.score;
      t.hits++;
      t.misses = 0;
      this.detUsed[d] = 1;
      if (!t.confirmed && t.hits >= this.options.minHits) {
        t.confirmed = true;
        this.uniqueByClass.set(t.label, (this.uniqueByClass.get(t.label) ?? 0) + 1);
      }
    }
  }

  private growPairs(): void {
    const size = this.pairT.length * 2;
    const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.pairT = grow(this.pairT, (k) => new Int32Array(k));
    this.pairD = grow(this.pairD, (k) => new Int32Array(k));
    this.pairIou = grow(this.pairIou, (k) => new Float64Array(k));
    this.order = new Int32Array(size);
  }
}
