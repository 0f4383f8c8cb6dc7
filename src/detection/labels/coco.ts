// COCO 2017 object categories. Detectors number them two ways: 80 contiguous indices (CenterNet,
// YOLO-style heads) or the 90 original category ids with gaps (TF Object Detection API).
import { VOC_20 } from './voc';

const NAMES_BY_ID: Record<number, string> = {
  1: 'person', 2: 'bicycle', 3: 'car', 4: 'motorcycle', 5: 'airplane', 6: 'bus', 7: 'train', 8: 'truck',
  9: 'boat', 10: 'traffic light', 11: 'fire hydrant', 13: 'stop sign', 14: 'parking meter', 15: 'bench',
  16: 'bird', 17: 'cat', 18: 'dog', 19: 'horse', 20: 'sheep', 21: 'cow', 22: 'elephant', 23: 'bear',
  24: 'zebra', 25: 'giraffe', 27: 'backpack', 28: 'umbrella', 31: 'handbag', 32: 'tie', 33: 'suitcase',
  34: 'frisbee', 35: 'skis', 36: 'snowboard', 37: 'sports ball', 38: 'kite', 39: 'baseball bat',
  40: 'baseball glove', 41: 'skateboard', 42: 'surfboard', 43: 'tennis racket', 44: 'bottle',
  46: 'wine glass', 47: 'cup', 48: 'fork', 49: 'knife', 50: 'spoon', 51: 'bowl', 52: 'banana', 53: 'apple',
  54: 'sandwich', 55: 'orange', 56: 'broccoli', 57: 'carrot', 58: 'hot dog', 59: 'pizza', 60: 'donut',
  61: 'cake', 62: 'chair', 63: 'couch', 64: 'potted plant', 65: 'bed', 67: 'dining table', 70: 'toilet',
  72: 'tv', 73: 'laptop', 74: 'mouse', 75: 'remote', 76: 'keyboard', 77: 'cell phone', 78: 'microwave',
  79: 'oven', 80: 'toaster', 81: 'sink', 82: 'refrigerator', 84: 'book', 85: 'clock', 86: 'vase',
  87: 'scissors', 88: 'teddy bear', 89: 'hair drier', 90: 'toothbrush',
};

/** index 0..79 -> name */
export const COCO_80: readonly string[] = Object.keys(NAMES_BY_ID)
  .map(Number)
  .sort((a, b) => a - b)
  .map((id) => NAMES_BY_ID[id]);

/** index = COCO id (0 = background, gaps are ''), 91 entries */
export const COCO_90: readonly string[] = Array.from({ length: 91 }, (_, id) => NAMES_BY_ID[id] ?? '');

export type LabelSet = 'coco80' | 'coco90' | 'voc20' | 'none' | string[];

export function resolveLabels(labels: LabelSet): readonly string[] {
  if (labels === 'coco80') return COCO_80;
  if (labels === 'coco90') return COCO_90;
  if (labels === 'voc20') return VOC_20;
  if (labels === 'none') return [];
  return labels;
}
