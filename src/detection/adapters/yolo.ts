import { nonMaxSuppression, type Candidate } from '../nms';
import type { DetectedObject, DetectOptions } from '../detector';
import { toImageBox, type OutputAdapter, type RawOutputs } from './adapter';

/**
 * The two YOLO output layouts people export to TensorFlow.js, read as their exporters write
 * them (facts from Ultralytics' Detect head and YOLOv5's TF export, not their code):
 * - 'yolov8' (Ultralytics YOLOv8/v11, `format=tfjs`): one output [1, 4 + C, N], channels first:
 *   rows cx, cy, w, h in input pixels, then C class scores after a sigmoid; no objectness.
 * - 'yolov5' (YOLOv5 `export.py --include tfjs`): one output [1, N, 5 + C]: cx, cy, w, h
 *   normalized to 0-1, objectness, C class probabilities; a box's score is objectness x class.
 * Neither runs NMS in the graph, so we do, per class.
 */
export type YoloLayout = 'yolov8' | 'yolov5';

export interface YoloOptions {
  layout: YoloLayout;
  outputs: readonly string[];
  /** the model's input side in pixels (for boxes in input pixels) */
  inputSize: number;
  labels: readonly string[];
}

/** Values per candidate beside the class scores. */
export const YOLO_EXTRA: Record<YoloLayout, number> = { yolov8: 4, yolov5: 5 };

/**
 * How one YOLO output is laid out: candidates along the longer axis (thousands of them),
 * values per candidate along the shorter. `channelsFirst`: [1, values, candidates].
 */
export function yoloGeometry(shape: readonly number[], layout: YoloLayout): { candidates: number; classes: number; channelsFirst: boolean } | null {
  const dims = shape.length === 3 && shape[0] === 1 ? shape.slice(1) : shape.length === 2 ? shape : null;
  if (!dims || dims.some((d) => !(d > 0))) return null;
  const channelsFirst = dims[0] < dims[1];
  const values = channelsFirst ? dims[0] : dims[1];
  const classes = values - YOLO_EXTRA[layout];
  return classes >= 1 ? { candidates: channelsFirst ? dims[1] : dims[0], classes, channelsFirst } : null;
}

export class YoloAdapter implements OutputAdapter {
  readonly outputs: readonly string[];

  constructor(private readonly config: YoloOptions) {
    this.outputs = config.outputs;
  }

  decode(raw: RawOutputs, options: DetectOptions, sy: number, sx: number): DetectedObject[] {
    const { layout, labels, inputSize } = this.config;
    const values = raw.values[0];
    const g = yoloGeometry(raw.shapes[0], layout);
    if (!g) throw new Error(`${layout}: output shape [${raw.shapes[0]}] is not [1, ${YOLO_EXTRA[layout]} + classes, candidates]`);
    const n = g.candidates;
    const stride = YOLO_EXTRA[layout] + g.classes;
    // value k of candidate i
    const at = g.channelsFirst ? (i: number, k: number) => values[k * n + i] : (i: number, k: number) => values[i * stride + k];
    // boxes in input pixels (v8) or already 0-1 (v5)
    const unit = layout === 'yolov8' ? 1 / inputSize : 1;
    const first = YOLO_EXTRA[layout];
    const candidates: Candidate[] = [];
    for (let i = 0; i < n; i++) {
      const objectness = layout === 'yolov5' ? at(i, 4) : 1;
      if (!(objectness > options.scoreThreshold)) continue;
      let best = -1;
      let bestScore = options.scoreThreshold;
      for (let c = 0; c < g.classes; c++) {
        const score = objectness * at(i, first + c);
        if (score > bestScore && labels[c]) [best, bestScore] = [c, score];
      }
      if (best < 0) continue;
      const cx = at(i, 0) * unit;
      const cy = at(i, 1) * unit;
      const w = at(i, 2) * unit;
      const h = at(i, 3) * unit;
      candidates.push({ box: [cy - h / 2, cx - w / 2, cy + h / 2, cx + w / 2], score: bestScore, classId: best });
    }
    return nonMaxSuppression(candidates, options.iouThreshold, options.maxDetections).map((c) => ({
      label: labels[c.classId],
      classId: c.classId,
      score: c.score,
      box: toImageBox(c.box[0], c.box[1], c.box[2], c.box[3], sy, sx),
    }));
  }
}
