// The one internal form every labelled set is read into (COCO-like), and the detections the
// evaluator scores. Pure data: shared by the worker, the page and the Node CLI.

/** [x, y, width, height] in image pixels, x/y the top-left corner (COCO's convention). */
export type BBox = readonly [number, number, number, number];

export interface DatasetImage {
  id: number;
  file_name: string;
  width: number;
  height: number;
}

export interface DatasetAnnotation {
  /** COCO keeps its own ids; the YOLO and VOC readers number them from 1. */
  id: number;
  image_id: number;
  category_id: number;
  bbox: BBox;
  /** what the small/medium/large ranges use: COCO's own field (mask area), w*h for YOLO and VOC */
  area: number;
  /** 1: an ignore region (COCO crowd, VOC difficult): matching it neither helps nor hurts */
  iscrowd: 0 | 1;
}

export interface DatasetCategory {
  id: number;
  name: string;
}

export interface Dataset {
  images: DatasetImage[];
  annotations: DatasetAnnotation[];
  categories: DatasetCategory[];
}

/** One detection as a COCO results file has it. */
export interface Detection {
  image_id: number;
  category_id: number;
  bbox: BBox;
  score: number;
}
