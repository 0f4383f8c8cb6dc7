// The tracker's cost per frame, measured in Node with the app's own code (src/tracking): 50
// objects moving in straight lines, a detector frame every 100 ms, after a warm-up; the time of
// update() (matching, filtering, births and ends) and of predict() (the boxes between detector
// frames). The budget is 1 ms a frame for 50 objects on the dev box.
import { join } from 'node:path';
import { importTs } from './import-ts.mjs';

export const TRACKING_BUDGET_MS = 1;

export async function trackingSpeed(root, { objects = 50, frames = 500, warmup = 30 } = {}) {
  const { Tracker } = await importTs(join(root, 'src/tracking/tracker.ts'));
  const { seededRandom } = await importTs(join(root, 'src/detection/seeded-random.ts'));
  const rnd = seededRandom(5);
  const movers = Array.from({ length: objects }, () => ({
    x: rnd() * 0.85, y: rnd() * 0.85, vx: (rnd() - 0.5) * 0.05, vy: (rnd() - 0.5) * 0.05, w: 0.04 + rnd() * 0.04, h: 0.06 + rnd() * 0.06,
  }));
  // the detections made up front, so only the tracker is timed
  const all = Array.from({ length: warmup + frames }, (_, f) =>
    movers.map((m, i) => ({ label: i % 2 ? 'person' : 'car', classId: i % 2, score: 0.6 + rnd() * 0.4, box: { x: m.x + m.vx * f * 0.1, y: m.y + m.vy * f * 0.1, width: m.w, height: m.h } })),
  );
  const tracker = new Tracker();
  const update = [];
  const predict = [];
  for (let f = 0; f < all.length; f++) {
    const t0 = performance.now();
    tracker.update(all[f], f * 100);
    const t1 = performance.now();
    tracker.predict(f * 100 + 33);
    const t2 = performance.now();
    if (f >= warmup) {
      update.push(t1 - t0);
      predict.push(t2 - t1);
    }
  }
  const mean = (a) => a.reduce((s, v) => s + v, 0) / a.length;
  const p95 = (a) => [...a].sort((x, y) => x - y)[Math.floor(0.95 * (a.length - 1))];
  return {
    objects,
    frames,
    tracks: tracker.size,
    updateMeanMs: mean(update),
    updateP95Ms: p95(update),
    predictMeanMs: mean(predict),
    budgetMs: TRACKING_BUDGET_MS,
    where: `Node ${process.version}`,
  };
}
