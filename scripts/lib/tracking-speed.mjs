// The tracker's cost per frame, measured in Node with the app's own code (src/tracking): 50
// objects moving in straight lines, a detector frame every 100 ms, after a warm-up; the time of
// update() (matching, filtering, births and ends) and of predict() (the boxes between detector
// frames). The budget is 1 ms a frame for 50 objects on the dev box.
//
// Run as a script with --expose-gc (`node --expose-gc scripts/lib/tracking-speed.mjs`, which is
// how the bench and the unit test call it) it also measures the heap a steady frame leaves
// behind: the tracker reuses its records, so that should be next to nothing.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
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
  // heap left per steady frame: more frames of the same scene after a collection. The least of
  // five rounds: on a loaded box the optimizing compiler (a background thread) can come late,
  // and code not yet optimized boxes its numbers on the heap; the steady state is what counts.
  let heapBytesPerFrame = null;
  if (typeof globalThis.gc === 'function') {
    const extra = Array.from({ length: 2000 }, (_, k) => all[(warmup + k) % all.length].map((d) => ({ ...d, box: { ...d.box } })));
    const fresh = new Tracker();
    let k = 0;
    for (; k < 4000; k++) fresh.update(extra[k % 2000], k * 100);
    for (let round = 0; round < 5; round++) {
      globalThis.gc();
      const before = process.memoryUsage().heapUsed;
      for (let j = 0; j < 1000; j++, k++) fresh.update(extra[k % 2000], k * 100);
      const perFrame = (process.memoryUsage().heapUsed - before) / 1000;
      heapBytesPerFrame = heapBytesPerFrame === null ? perFrame : Math.min(heapBytesPerFrame, perFrame);
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
    heapBytesPerFrame,
    budgetMs: TRACKING_BUDGET_MS,
    where: `Node ${process.version}`,
  };
}

/** The same, in a Node with --expose-gc (so the heap per frame is measured too). */
export function trackingSpeedWithHeap(root) {
  const r = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), root], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tracking speed failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.stdout.write(JSON.stringify(await trackingSpeed(process.argv[2] ?? process.cwd())));
}
