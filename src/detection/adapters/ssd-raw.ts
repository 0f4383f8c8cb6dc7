import { nonMaxSuppression, type Candidate } from '../nms';
import type { DetectedObject, DetectOptions } from '../detector';
import { decodeBox, TF_OD_API_SCALES } from '../ssd/box-coder';
import { toImageBox, type OutputAdapter, type RawOutputs } from './adapter';

export interface SsdRawOptions {
  /** [scores, boxes] output names, e.g. Postprocessor/Slice and Postprocessor/ExpandDims_1 */
  outputs: readonly string[];
  labels: readonly string[];
  /**
   * 'decoded': boxes are [ymin, xmin, ymax, xmax] already (TF OD API exports put
   * Postprocessor/ExpandDims_1 after Postprocessor/Decode); 'encoded': box-coder offsets that
   * we decode with our own anchors (graphs cut before the decode).
   */
  boxes: 'decoded' | 'encoded';
  /** needed for 'encoded': [ymin, xmin, ymax, xmax] rows, one per box */
  anchors?: Float32Array;
  /** does score column 0 hold the background class? (TF exports slice it off) */
  scoresIncludeBackground: boolean;
}

/**
 * SSD graphs cut before their NMS (COCO-SSD): per-box class scores (already sigmoid) and
 * per-box coordinates; we keep each box's best class and run NMS per class ourselves.
 */
export class SsdRawAdapter implements OutputAdapter {
  readonly outputs: readonly string[];

  constructor(private readonly config: SsdRawOptions) {
    this.outputs = config.outputs;
    if (config.boxes === 'encoded' && !config.anchors) throw new Error('ssd-raw: encoded boxes need anchors');
  }

  decode(raw: RawOutputs, options: DetectOptions, sy: number, sx: number): DetectedObject[] {
    const [scores, boxes] = raw.values;
    const numBoxes = boxes.length / 4;
    const columns = scores.length / numBoxes;
    if (!Number.isInteger(columns)) throw new Error(`ssd-raw: ${scores.length} scores do not divide into ${numBoxes} boxes`);
    const { labels, anchors } = this.config;
    if (anchors && anchors.length !== boxes.length) throw new Error(`ssd-raw: ${numBoxes} boxes but ${anchors.length / 4} anchors`);
    const first = this.config.scoresIncludeBackground ? 1 : 0;
    const idOffset = this.config.scoresIncludeBackground ? 0 : 1;
    const candidates: Candidate[] = [];
    const box = new Float32Array(4);
    for (let i = 0; i < numBoxes; i++) {
      let best = -1;
      let bestScore = options.scoreThreshold;
      for (let c = first; c < columns; c++) {
        const v = scores[i * columns + c];
        if (v > bestScore && labels[c + idOffset]) [best, bestScore] = [c, v];
      }
      if (best < 0) continue;
      if (this.config.boxes === 'encoded') decodeBox(boxes, 4, anchors!, i, TF_OD_API_SCALES, box);
      else box.set(boxes.subarray(i * 4, i * 4 + 4));
      candidates.push({ box: [box[0], box[1], box[2], box[3]], score: bestScore, classId: best + idOffset });
    }
    return nonMaxSuppression(candidates, options.iouThreshold, options.maxDetections).map((c) => ({
      label: labels[c.classId],
      classId: c.classId,
      score: c.score,
      box: toImageBox(c.box[0], c.box[1], c.box[2], c.box[3], sy, sx),
    }));
  }
}
