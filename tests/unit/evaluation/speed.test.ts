// Scoring speed: 5,000 images x 100 detections (the size of COCO val with a full detector output)
// must take seconds. The time is printed; the only assertion on it is a generous ceiling.

import { expect, test } from 'vitest';
import { evaluateCoco } from '../../../src/evaluation/evaluate.ts';
import { syntheticSet } from '../../../src/evaluation/synthetic-set.ts';

test('5,000 images x 100 detections are scored in seconds', () => {
  const { gt, dets } = syntheticSet({ images: 5000, categories: 80, detsPerImage: 100, maxGtPerImage: 12, crowdRate: 0.03, seed: 1 });
  expect(dets).toHaveLength(500_000);
  const started = performance.now();
  const e = evaluateCoco(gt, dets);
  const seconds = (performance.now() - started) / 1000;
  console.log(`scored ${dets.length} detections on ${gt.images.length} images (${gt.annotations.length} boxes) in ${seconds.toFixed(2)} s`);
  expect(seconds).toBeLessThan(60);
  for (const v of Object.values(e.stats)) expect(v).toBeGreaterThan(0);
  expect(e.counts).toMatchObject({ images: 5000, categories: 80, detections: 500_000 });
});
