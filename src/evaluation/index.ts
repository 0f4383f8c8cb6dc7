// Accuracy evaluation, data side: labelled-set readers, label mapping, the COCO-exact evaluator,
// Pascal VOC AP and measured operating points. Pure TypeScript (no DOM, no TensorFlow.js): the
// worker, the page and the Node CLI (scripts/eval.mjs) all use this entry.

export type { BBox, Dataset, DatasetAnnotation, DatasetCategory, DatasetImage, Detection } from './types.ts';
export { AREA_LABELS, AREA_RANGES, IOU_THRESHOLDS, MAX_DETS, RECALL_THRESHOLDS, type AreaLabel } from './params.ts';
export { boxIou } from './iou.ts';
export { accumulateCoco, type CategoryMatches, type CocoAccumulation } from './coco-eval.ts';
export { evaluateCoco, cocoStats, STAT_NAMES, type ClassResult, type CocoEvaluation, type CocoStats, type PrCurve } from './evaluate.ts';
export { vocAp, vocAllPointsAp, type VocResult } from './voc-ap.ts';
export { atThreshold, bestF1, operatingPoints, thresholdSweep, type OperatingPoint, type OperatingPoints } from './operating-point.ts';
export { labelKey, mapLabels, SYNONYMS, toCocoDetections, type LabelMapping, type LabelPair, type ModelDetection } from './label-map.ts';
export { readCocoInstances, readCocoResults, type CocoReadOptions, type ImageFile } from './readers/coco.ts';
export { readYolo, type TextFile, type YoloInput } from './readers/yolo.ts';
export { readVoc, type VocInput } from './readers/voc.ts';
export { readNames } from './readers/names.ts';
export { detectSetFormat, type SetFiles, type SetFormat } from './readers/detect.ts';
export { BOX_TOLERANCE_PX, type ReadResult, type Refusal, type RefusalCode } from './readers/refusal.ts';
