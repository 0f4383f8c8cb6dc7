import { nonMaxSuppression, type Candidate } from '../nms';
import type { DetectedObject, DetectOptions } from '../detector';
import { toImageBox, type OutputAdapter, type RawOutputs } from './adapter';

/**
 * CenterNet exports whose head already picks the top peaks: one output of rows
 * [x1, y1, x2, y2, score, class] in input pixels (MB3-CenterNet's `tower_0/detections`), with
 * 0-based class indices. Peaks of neighbouring classes can overlap, so NMS still runs.
 */
export class CenterNetAdapter implements OutputAdapter {
  constructor(
    readonly outputs: readonly string[],
    private readonly inputSize: number,
    private readonly labels: readonly string[],
  ) {}

  decode(raw: RawOutputs, options: DetectOptions, sy: number, sx: number): DetectedObject[] {
    const rows = raw.values[0];
    const s = this.inputSize;
    const candidates: Candidate[] = [];
    for (let i = 0; i + 5 < rows.length; i += 6) {
      const score = rows[i + 4];
      const classId = Math.round(rows[i + 5]);
      if (!(score > options.scoreThreshold) || !this.labels[classId]) continue;
      candidates.push({ box: [rows[i + 1] / s, rows[i] / s, rows[i + 3] / s, rows[i + 2] / s], score, classId });
    }
    return nonMaxSuppression(candidates, options.iouThreshold, options.maxDetections).map((c) => ({
      label: this.labels[c.classId],
      classId: c.classId,
      score: c.score,
      box: toImageBox(c.box[0], c.box[1], c.box[2], c.box[3], sy, sx),
    }));
  }
}
