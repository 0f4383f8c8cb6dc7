// Scoring one evaluation run with the COCO-exact evaluator (src/evaluation/): the worker's
// answers become a COCO results file (image pixels, the set's category ids, through the
// evaluator's label mapping), then the 12 figures, per-class AP, PR curves, VOC AP50, the
// F1-best threshold and recall/precision at the usual 0.5. Pure: no DOM, no TensorFlow.js.
import { accumulateCoco } from '../../evaluation/coco-eval';
import { evaluateCoco, type ClassResult, type CocoEvaluation, type CocoStats } from '../../evaluation/evaluate';
import { mapLabels, toCocoDetections, type LabelPair } from '../../evaluation/label-map';
import { atThreshold, type OperatingPoint } from '../../evaluation/operating-point';
import type { Dataset, Detection } from '../../evaluation/types';
import type { EvalSet, EvalSetImage } from './eval-set';
import type { EvaluateResponse } from '../../shared/protocol';

/** The threshold people run detectors at by default, reported beside the F1-best one. */
export const USUAL_SCORE_THRESHOLD = 0.5;

/** Which model classes matched which set categories (plain data, for storing and export). */
export interface EvalLabels {
  pairs: LabelPair[];
  /** model classes with no category in the set: their detections are not scored */
  unmappedModel: string[];
  /** set categories no model class maps to: the model cannot find them */
  unmappedSet: string[];
  /** detections dropped because their class is unmapped */
  droppedDetections: number;
}

export interface EvalAccuracy {
  /** the 12 COCO figures, 0..1; -1 where the set has no such object (as COCOeval prints) */
  figures: CocoStats;
  /** Pascal VOC all-points AP at IoU .5, mean over classes with boxes */
  vocAP50: number;
  /** per category: COCO AP, AP50, AP75, AR100, VOC AP50, counts, and its own F1-best threshold */
  perClass: Array<ClassResult & { f1Best: OperatingPoint | null }>;
  /** precision at 101 recall points, IoU .5 and .75, overall and per class */
  curves: CocoEvaluation['curves'];
  /** the score threshold that maximizes F1 at IoU .5 over all classes, with its recall/precision */
  f1Best: OperatingPoint | null;
  /** recall/precision when only detections scoring above 0.5 are kept */
  atScore05: OperatingPoint;
  counts: CocoEvaluation['counts'];
}

/**
 * One image's answer as COCO results: pixels of the frame the ground truth is drawn in (the
 * annotated size; the decoded one where the set gives none), classes mapped by name.
 */
export function answerToResults(
  answer: EvaluateResponse,
  image: EvalSetImage,
  mapping: Parameters<typeof toCocoDetections>[4],
): { detections: Detection[]; unmapped: number } {
  return toCocoDetections(image.id, answer.detections, image.width || answer.width, image.height || answer.height, mapping);
}

export function scoreRun(
  set: EvalSet,
  modelLabels: readonly string[],
  answers: ReadonlyArray<{ image: EvalSetImage; answer: EvaluateResponse }>,
): { accuracy: EvalAccuracy; labels: EvalLabels; detections: Detection[] } {
  const mapping = mapLabels(modelLabels, set.dataset.categories);
  const detections: Detection[] = [];
  let dropped = 0;
  for (const { image, answer } of answers) {
    const r = answerToResults(answer, image, mapping);
    detections.push(...r.detections);
    dropped += r.unmapped;
  }
  // the ground truth of the images that were evaluated, nothing else (a limit, a skipped file)
  const ids = new Set(answers.map((a) => a.image.id));
  const gt: Dataset = {
    images: set.dataset.images.filter((i) => ids.has(i.id)),
    annotations: set.dataset.annotations.filter((a) => ids.has(a.image_id)),
    categories: set.dataset.categories,
  };
  const evaluation = evaluateCoco(gt, detections);
  const at05 = atThreshold(accumulateCoco(gt, detections).matched50, USUAL_SCORE_THRESHOLD);
  const f1ByClass = new Map(evaluation.operatingPoints.perClass.map((p) => [p.categoryId, p]));
  return {
    labels: {
      pairs: mapping.pairs,
      unmappedModel: mapping.unmappedModel.map((m) => m.label),
      unmappedSet: mapping.unmappedCategories.map((c) => c.name),
      droppedDetections: dropped,
    },
    detections,
    accuracy: {
      figures: evaluation.stats,
      vocAP50: evaluation.voc.mAP50,
      perClass: evaluation.perClass.map((c) => ({ ...c, f1Best: f1ByClass.get(c.categoryId) ?? null })),
      curves: evaluation.curves,
      f1Best: evaluation.operatingPoints.overall,
      atScore05: at05,
      counts: evaluation.counts,
    },
  };
}
