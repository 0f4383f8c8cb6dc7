import type { DetectedObject, DetectOptions } from '../detector';
import { toImageBox, type OutputAdapter, type RawOutputs } from './adapter';

/**
 * Graphs that end in their own NMS (TF OD API exports with detection_boxes, detection_scores,
 * detection_classes): boxes [1, N, 4] as [ymin, xmin, ymax, xmax] normalized, scores [1, N],
 * classes [1, N] as label indices. Only the threshold and the count are ours to apply.
 */
export class PostprocessedAdapter implements OutputAdapter {
  constructor(
    /** [boxes, scores, classes] output names */
    readonly outputs: readonly string[],
    private readonly labels: readonly string[],
  ) {}

  decode(raw: RawOutputs, options: DetectOptions, sy: number, sx: number): DetectedObject[] {
    const [boxes, scores, classes] = raw.values;
    const out: DetectedObject[] = [];
    for (let i = 0; i < scores.length && out.length < options.maxDetections; i++) {
      const score = scores[i];
      const classId = Math.round(classes[i]);
      if (!(score > options.scoreThreshold) || !this.labels[classId]) continue;
      const b = i * 4;
      out.push({ label: this.labels[classId], classId, score, box: toImageBox(boxes[b], boxes[b + 1], boxes[b + 2], boxes[b + 3], sy, sx) });
    }
    return out.sort((p, q) => q.score - p.score);
  }
}
