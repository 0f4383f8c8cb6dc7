import { nonMaxSuppression, type Candidate } from '../nms';
import type { DetectedObject, DetectOptions } from '../detector';
import { decodeBox, type BoxCoderScales } from './box-coder';

export type ScoreFunction = 'sigmoid' | 'softmax';

export interface DecodeConfig {
  anchors: Float32Array;
  numClasses: number;
  /** label per class id; ids with an empty label (background, unused) are never reported. */
  labels: readonly string[];
  scoreFunction: ScoreFunction;
  boxCoderScales: BoxCoderScales;
}

const logit = (p: number) => Math.log(p / (1 - p));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * rows: the model output, one row of [ty, tx, th, tw, logit_0 .. logit_C-1] per anchor.
 * Only anchors that pass the score threshold are decoded; the threshold is compared in
 * logit space for sigmoid scores so most rows cost one comparison.
 * sy, sx map model-input coordinates to the image's (see squareToImage).
 */
export function decodeDetections(
  rows: Float32Array,
  config: DecodeConfig,
  options: DetectOptions,
  sy: number,
  sx: number,
): DetectedObject[] {
  const { anchors, numClasses, labels, scoreFunction, boxCoderScales } = config;
  const stride = 4 + numClasses;
  const count = anchors.length / 4;
  if (rows.length !== count * stride) throw new Error(`decode: ${rows.length} values for ${count} anchors of ${stride}`);
  const threshold = options.scoreThreshold;
  const logitThreshold = logit(Math.min(Math.max(threshold, 1e-6), 1 - 1e-6));
  const candidates: Candidate[] = [];
  const box = new Float32Array(4);
  for (let i = 0; i < count; i++) {
    const base = i * stride + 4;
    // softmax, shifted by the row's max so exp never overflows
    let max = 0;
    let sum = 1;
    if (scoreFunction === 'softmax') {
      max = -Infinity;
      for (let c = 0; c < numClasses; c++) max = Math.max(max, rows[base + c]);
      sum = 0;
      for (let c = 0; c < numClasses; c++) sum += Math.exp(rows[base + c] - max);
    }
    let decoded = false;
    for (let c = 1; c < numClasses; c++) {
      if (!labels[c]) continue;
      const value = rows[base + c];
      let score: number;
      if (scoreFunction === 'sigmoid') {
        if (value <= logitThreshold) continue;
        score = sigmoid(value);
      } else {
        score = Math.exp(value - max) / sum;
        if (score <= threshold) continue;
      }
      if (!decoded) {
        decodeBox(rows, stride, anchors, i, boxCoderScales, box);
        decoded = true;
      }
      candidates.push({ box: [box[0], box[1], box[2], box[3]], score, classId: c });
    }
  }
  return nonMaxSuppression(candidates, options.iouThreshold, options.maxDetections).map((c) => {
    // Clip in model space (the padding is outside the image), then map to image space.
    const ymin = Math.max(0, c.box[0]) * sy;
    const xmin = Math.max(0, c.box[1]) * sx;
    const ymax = Math.min(1, Math.min(1, c.box[2]) * sy);
    const xmax = Math.min(1, Math.min(1, c.box[3]) * sx);
    return {
      label: labels[c.classId],
      classId: c.classId,
      score: c.score,
      box: { x: xmin, y: Math.min(ymin, 1), width: Math.max(0, xmax - xmin), height: Math.max(0, ymax - ymin) },
    };
  });
}
