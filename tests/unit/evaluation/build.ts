// Small builders for hand-made evaluator cases: boxes and scores written out, nothing random.

import type { BBox, Dataset, DatasetAnnotation, Detection } from '../../../src/evaluation/types.ts';

export interface GtSpec {
  image: number;
  cat: number;
  box: BBox;
  /** COCO's area field; defaults to the box's w*h */
  area?: number;
  crowd?: boolean;
}

/** A set with the given images (640x480) and categories (named "c<id>"). */
export function dataset(gts: readonly GtSpec[], images: readonly number[] = [1], categories: readonly number[] = [1]): Dataset {
  return {
    images: images.map((id) => ({ id, file_name: `${id}.jpg`, width: 640, height: 480 })),
    categories: categories.map((id) => ({ id, name: `c${id}` })),
    annotations: gts.map(
      (g, i): DatasetAnnotation => ({
        id: i + 1,
        image_id: g.image,
        category_id: g.cat,
        bbox: g.box,
        area: g.area ?? g.box[2] * g.box[3],
        iscrowd: g.crowd ? 1 : 0,
      }),
    ),
  };
}

export const det = (image: number, cat: number, box: BBox, score: number): Detection => ({ image_id: image, category_id: cat, bbox: box, score });

/** 1 / (1 + eps): COCOeval's precision for a first true positive, tp / (tp + fp + eps) */
export const ONE_TP = 1 / (1 + 2.220446049250313e-16);
