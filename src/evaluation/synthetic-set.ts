// Deterministic synthetic labelled sets: a seeded generator, so a case can be rebuilt exactly
// anywhere: the evaluator's tests, cross-checks against other evaluators, and the scoring-speed
// figure of `npm run bench` (5,000 images x 100 detections). Not part of the app bundle.

import { seededRandom as rng } from '../detection/seeded-random';
import type { Dataset, Detection } from './types.ts';

export interface SyntheticOptions {
  images: number;
  categories: number;
  detsPerImage: number;
  maxGtPerImage: number;
  crowdRate: number;
  seed: number;
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** Ground truth with small/medium/large boxes and some crowd regions; detections that find some of
 * them (jittered, sometimes twice), confuse a few classes, and fill up with background boxes.
 * Scores have 3 decimals, so ties happen and the stable sort matters. */
export function syntheticSet(o: SyntheticOptions): { gt: Dataset; dets: Detection[] } {
  const r = rng(o.seed);
  const W = 640;
  const H = 480;
  const gt: Dataset = {
    images: [],
    annotations: [],
    categories: Array.from({ length: o.categories }, (_, i) => ({ id: i + 1, name: `class ${i + 1}` })),
  };
  const dets: Detection[] = [];
  const box = (): [number, number, number, number] => {
    const scale = [8, 24, 48, 96, 200][Math.floor(r() * 5)];
    const w = round(scale * (0.5 + r()), 2);
    const h = round(scale * (0.5 + r()), 2);
    return [round(r() * (W - w), 2), round(r() * (H - h), 2), w, h];
  };
  for (let i = 0; i < o.images; i++) {
    // image ids not in file order, so sorting by id is exercised
    const id = ((i * 7919) % o.images) + 1;
    gt.images.push({ id, file_name: `${id}.jpg`, width: W, height: H });
    const nGt = Math.floor(r() * (o.maxGtPerImage + 1));
    const imageDets: Detection[] = [];
    for (let g = 0; g < nGt; g++) {
      const b = box();
      const cat = 1 + Math.floor(r() * o.categories);
      const crowd = r() < o.crowdRate ? 1 : 0;
      // COCO's area is the mask's, a bit under the box
      gt.annotations.push({ id: gt.annotations.length + 1, image_id: id, category_id: cat, bbox: b, area: round(b[2] * b[3] * (0.6 + 0.4 * r()), 2), iscrowd: crowd });
      const copies = r() < 0.7 ? 1 + Math.floor(r() * 2) : 0;
      for (let c = 0; c < copies && imageDets.length < o.detsPerImage; c++) {
        const j = () => (r() - 0.5) * 0.3;
        const dBox: [number, number, number, number] = [round(b[0] + j() * b[2], 2), round(b[1] + j() * b[3], 2), round(b[2] * (1 + j()), 2), round(b[3] * (1 + j()), 2)];
        const dCat = r() < 0.9 ? cat : 1 + Math.floor(r() * o.categories);
        imageDets.push({ image_id: id, category_id: dCat, bbox: dBox, score: round(0.3 + 0.7 * r(), 3) });
      }
    }
    while (imageDets.length < o.detsPerImage) {
      imageDets.push({ image_id: id, category_id: 1 + Math.floor(r() * o.categories), bbox: box(), score: round(r() * 0.6, 3) });
    }
    dets.push(...imageDets);
  }
  return { gt, dets };
}
