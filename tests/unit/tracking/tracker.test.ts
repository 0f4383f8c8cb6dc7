import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/detection/seeded-random';
import { MotAccumulator } from '../../../src/tracking/mot-metrics';
import { Tracker, type Box, type Crossing, type TrackInput } from '../../../src/tracking/tracker';

// Synthetic scenes with known ground truth: objects moving in straight lines (0-1 frame
// coordinates), a detector at 10 fps with a little box noise, and what goes wrong with real
// detectors: crossings, occlusion gaps, dropped frames, weak scores, false positives. Each
// scene prints its CLEAR MOT figures.

interface Mover {
  id: number;
  label: string;
  classId: number;
  /** position at t = 0 (top-left) and velocity per second */
  x: number;
  y: number;
  vx: number;
  vy: number;
  w: number;
  h: number;
}

const at = (m: Mover, t: number): Box => ({ x: m.x + m.vx * t, y: m.y + m.vy * t, width: m.w, height: m.h });

interface Scene {
  movers: Mover[];
  frames: number;
  /** seconds per detector frame */
  step: number;
  /** which detections the detector gives in frame f (default: all, score 0.9) */
  detect?: (m: Mover, f: number, rnd: () => number) => number | null;
  /** extra detections in frame f (false positives) */
  extra?: (f: number, rnd: () => number) => TrackInput[];
  seed?: number;
  jitter?: number;
}

function run(scene: Scene, tracker = new Tracker()) {
  const rnd = seededRandom(scene.seed ?? 1);
  const mot = new MotAccumulator();
  const crossings: Crossing[] = [];
  const shown: Array<Array<{ trackId: number; predicted: boolean; box: Box; label: string }>> = [];
  for (let f = 0; f < scene.frames; f++) {
    const t = f * scene.step;
    const dets: TrackInput[] = [];
    for (const m of scene.movers) {
      const score = scene.detect ? scene.detect(m, f, rnd) : 0.9;
      if (score === null) continue;
      const b = at(m, t);
      const j = scene.jitter ?? 0.002;
      dets.push({ label: m.label, classId: m.classId, score, box: { x: b.x + (rnd() - 0.5) * j, y: b.y + (rnd() - 0.5) * j, width: b.width, height: b.height } });
    }
    dets.push(...(scene.extra?.(f, rnd) ?? []));
    const out = tracker.update(dets, t * 1000, crossings);
    shown.push(out.map((o) => ({ trackId: o.trackId, predicted: o.predicted, box: { ...o.box }, label: o.label })));
    // scored once tracks had their minHits to show (frames 0 and 1 are the birth)
    if (f >= 2) mot.frame(scene.movers.map((m) => ({ id: m.id, box: at(m, t) })), out.map((o) => ({ trackId: o.trackId, box: o.box })));
  }
  const figures = mot.figures();
  return { figures, crossings, shown, tracker };
}

function report(name: string, f: ReturnType<typeof run>['figures']) {
  console.log(
    `[tracker] ${name}: MOTA ${f.mota.toFixed(3)}, ID switches ${f.idSwitches}, misses ${f.misses}, false positives ${f.falsePositives} of ${f.groundTruth} boxes`,
  );
}

const person = (id: number, x: number, y: number, vx: number, vy: number): Mover => ({ id, label: 'person', classId: 0, x, y, vx, vy, w: 0.1, h: 0.25 });

describe('tracker on synthetic scenes', () => {
  it('two people of one class walking through each other keep their IDs', () => {
    const scene = { movers: [person(1, 0.05, 0.4, 0.15, 0), person(2, 0.85, 0.42, -0.15, 0)], frames: 60, step: 0.1 };
    const { figures } = run(scene);
    report('crossing', figures);
    expect(figures.idSwitches).toBe(0);
    expect([...figures.idsPerObject.values()].map((s) => s.size)).toEqual([1, 1]);
    expect(figures.mota).toBeGreaterThan(0.95);
  });

  it('an occlusion of 5 frames: the track coasts (predicted, along its path) and keeps its ID', () => {
    const hidden = (f: number) => f >= 20 && f < 25;
    const scene: Scene = { movers: [person(1, 0.1, 0.3, 0.1, 0.02)], frames: 40, step: 0.1, detect: (_m, f) => (hidden(f) ? null : 0.9) };
    const { figures, shown } = run(scene);
    report('occlusion', figures);
    expect(figures.idSwitches).toBe(0);
    expect(figures.idsPerObject.get(1)!.size).toBe(1);
    for (let f = 20; f < 25; f++) {
      expect(shown[f], `frame ${f}`).toHaveLength(1);
      expect(shown[f][0].predicted).toBe(true);
      // the guess stays on the object's path (0.1 of the frame per second)
      const truth = at(scene.movers[0], f * 0.1);
      expect(Math.abs(shown[f][0].box.x - truth.x)).toBeLessThan(0.01);
    }
    expect(shown[25][0].predicted).toBe(false);
  });

  it('a detector that drops 30% of frames, three objects, two classes: at most one ID switch', () => {
    const movers = [person(1, 0.05, 0.2, 0.1, 0.01), person(2, 0.8, 0.5, -0.08, 0), { ...person(3, 0.4, 0.05, 0, 0.08), label: 'dog', classId: 16 }];
    const scene: Scene = { movers, frames: 80, step: 0.1, seed: 7, detect: (_m, _f, rnd) => (rnd() < 0.3 ? null : 0.85) };
    const { figures } = run(scene);
    report('30% dropped', figures);
    expect(figures.idSwitches).toBeLessThanOrEqual(1);
    expect(figures.mota).toBeGreaterThan(0.9);
  });

  it('false positives (one frame each, confident) never become tracks; weak detections only keep tracks alive', () => {
    const scene: Scene = {
      movers: [person(1, 0.1, 0.3, 0.05, 0)],
      frames: 50,
      step: 0.1,
      seed: 3,
      // the person is scored weakly for a stretch: the second pass keeps the track
      detect: (_m, f) => (f >= 20 && f < 30 ? 0.3 : 0.9),
      // a random confident box somewhere each frame
      extra: (_f, rnd) => [{ label: 'person', classId: 0, score: 0.8, box: { x: 0.5 + rnd() * 0.4, y: rnd() * 0.6, width: 0.08, height: 0.2 } }],
    };
    const { figures, shown } = run(scene);
    report('false positives and weak scores', figures);
    expect(figures.falsePositives).toBe(0);
    expect(figures.idSwitches).toBe(0);
    for (let f = 20; f < 30; f++) expect(shown[f].map((s) => s.predicted)).toEqual([false]);
    // a weak detection alone starts nothing
    const t = new Tracker();
    for (let f = 0; f < 10; f++) t.update([{ label: 'cat', classId: 15, score: 0.3, box: { x: 0.1, y: 0.1, width: 0.1, height: 0.1 } }], f * 100);
    expect(t.size).toBe(0);
  });

  it('tracks show after minHits and end after maxMisses', () => {
    const t = new Tracker({ minHits: 3, maxMisses: 4 });
    const det = [{ label: 'car', classId: 2, score: 0.9, box: { x: 0.2, y: 0.2, width: 0.2, height: 0.1 } }];
    expect(t.update(det, 0)).toHaveLength(0);
    expect(t.update(det, 100)).toHaveLength(0);
    expect(t.update(det, 200)).toHaveLength(1);
    for (let f = 3; f <= 6; f++) expect(t.update([], f * 100), `miss ${f - 2}`).toHaveLength(1);
    expect(t.update([], 700)).toHaveLength(0);
    expect(t.size).toBe(0);
    expect(t.uniqueByClass.get('car')).toBe(1);
  });

  it('between detector frames the boxes move along their velocity (camera-rate drawing)', () => {
    const t = new Tracker();
    const m = person(1, 0.1, 0.3, 0.2, 0);
    for (let f = 0; f <= 20; f++) t.update([{ label: 'person', classId: 0, score: 0.9, box: at(m, f * 0.2) }], f * 200);
    // 100 ms after the last detector frame (t = 4 s): 0.02 further right
    const [b] = t.predict(4100);
    expect(b.box.x).toBeCloseTo(at(m, 4.1).x, 2);
    expect(b.predicted).toBe(false);
  });
});

describe('counting line', () => {
  // a vertical line down the middle, drawn top to bottom: walking down it on screen, the
  // right-hand side is the screen's left
  const line = { x1: 0.5, y1: 0.1, x2: 0.5, y2: 0.9 };

  it('counts each crossing once per direction and class, exactly, on hand-built paths', () => {
    const tracker = new Tracker({ minHits: 1 });
    tracker.setLine(line);
    const crossings: Crossing[] = [];
    // person A: left to right (in), then back (out); a dog: right to left (out); person B passes
    // beyond the line's end (below y 0.9): no crossing
    // waypoints, walked in steps of 0.01 (boxes of one track overlap from frame to frame)
    const walk = (...points: number[]) => points.slice(1).flatMap((to, i) => {
      const from = points[i];
      const n = Math.round(Math.abs(to - from) / 0.01);
      return Array.from({ length: n }, (_, k) => from + ((to - from) * (k + 1)) / n);
    });
    const pathA = [0.2, ...walk(0.2, 0.7, 0.3)];
    const pathDog = [0.8, ...walk(0.8, 0.2)];
    const pathB = [0.1, ...walk(0.1, 0.9)];
    const frames = Math.max(pathA.length, pathDog.length, pathB.length);
    const along = (path: number[], f: number) => path[Math.min(f, path.length - 1)];
    for (let f = 0; f < frames; f++) {
      const box = (cx: number, cy: number): Box => ({ x: cx - 0.03, y: cy - 0.05, width: 0.06, height: 0.1 });
      tracker.update(
        [
          { label: 'person', classId: 0, score: 0.9, box: box(along(pathA, f), 0.3) },
          { label: 'dog', classId: 16, score: 0.9, box: box(along(pathDog, f), 0.6) },
          { label: 'person', classId: 0, score: 0.9, box: box(along(pathB, f), 0.95) },
        ],
        f * 100,
        crossings,
      );
    }
    expect(crossings.map((c) => `${c.label}#${c.trackId} ${c.direction}`)).toEqual(['person#1 in', 'dog#2 out', 'person#1 out']);
    expect(tracker.crossingsByClass.get('person')).toEqual({ in: 1, out: 1 });
    expect(tracker.crossingsByClass.get('dog')).toEqual({ in: 0, out: 1 });
    expect(tracker.inView()).toEqual(new Map([['person', 2], ['dog', 1]]));
    expect(tracker.uniqueByClass).toEqual(new Map([['person', 2], ['dog', 1]]));
  });
});

describe('cost', () => {
  it('50 objects: well under 1 ms a frame, and the pool stops growing (no new tracks in steady state)', () => {
    const rnd = seededRandom(11);
    const movers = Array.from({ length: 50 }, (_, i) => ({ ...person(i, rnd() * 0.8, rnd() * 0.7, (rnd() - 0.5) * 0.1, (rnd() - 0.5) * 0.1), w: 0.05, h: 0.08 }));
    const tracker = new Tracker();
    const frame = (f: number) => movers.map((m) => ({ label: 'person', classId: 0, score: 0.9, box: at(m, f * 0.1) }));
    for (let f = 0; f < 20; f++) tracker.update(frame(f), f * 100);
    const inputs = Array.from({ length: 200 }, (_, k) => frame(20 + k));
    const t0 = performance.now();
    for (let k = 0; k < 200; k++) tracker.update(inputs[k], (20 + k) * 100);
    const perFrame = (performance.now() - t0) / 200;
    console.log(`[tracker] 50 objects: ${(perFrame * 1000).toFixed(0)} µs a frame (mean of 200)`);
    expect(tracker.size).toBe(50);
    // a generous ceiling (the figure is reported, the box is shared)
    expect(perFrame).toBeLessThan(5);
  });
});
