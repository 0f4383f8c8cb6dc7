// Which output layout an imported graph model has, told from its outputs' names and shapes
// (the model.json signature) before it is saved: the import form proposes it, with the facts
// it went by, and the user can still pick another. Pure; the words are the UI's.
import { yoloGeometry } from '../../detection/adapters/yolo';
import type { UserModelConfig } from './store';

export interface ModelOutput {
  name: string;
  /** from the signature; null where the file does not say, -1 for a free dimension */
  shape: number[] | null;
}

export type LayoutEvidence =
  | { kind: 'yolov8'; shape: number[]; classes: number; candidates: number }
  | { kind: 'yolov5'; shape: number[]; classes: number; candidates: number }
  | { kind: 'centernet'; shape: number[]; rows: number }
  | { kind: 'postprocessed'; names: string[] }
  | { kind: 'ssd-raw'; boxesShape: number[]; scoresShape: number[]; classes: number; candidates: number }
  /** nothing matched: the shapes, so the user can pick knowing them */
  | { kind: 'unknown'; outputs: ModelOutput[] };

export interface LayoutProposal {
  adapter: Exclude<UserModelConfig['adapter'], 'ssd-keras'> | null;
  /** output names in the order that adapter reads them */
  outputs: string[];
  evidence: LayoutEvidence;
  /** what the layout's exporter feeds the model, when it is known */
  pixelRange?: UserModelConfig['pixelRange'];
  resize?: UserModelConfig['resize'];
}

/** CenterNet heads that pick their top peaks give at most a few hundred rows. */
const MAX_TOPK_ROWS = 1000;

const known = (s: number[] | null): s is number[] => Array.isArray(s) && s.length > 0 && s.every((d) => d > 0);

/** An output's dimensions without the batch of 1 and without a middle 1 ([N, 1, 4] -> [N, 4]). */
function dimsOf(shape: number[]): number[] {
  const d = shape.length > 1 && shape[0] === 1 ? shape.slice(1) : shape;
  return d.length === 3 && d[1] === 1 ? [d[0], d[2]] : d;
}

/**
 * The most specific evidence wins: outputs named by the TF OD API post-processor; then two
 * outputs that agree on a candidate count (boxes [N, 4] and scores [N, C]: an SSD before its
 * NMS, the largest N where a graph also has post-NMS outputs); then one output of CenterNet
 * rows; then one YOLO output. Anything else is "unknown", with every output's shape.
 */
export function proposeLayout(outputs: readonly ModelOutput[]): LayoutProposal {
  const unknown: LayoutProposal = { adapter: null, outputs: outputs.map((o) => o.name), evidence: { kind: 'unknown', outputs: [...outputs] } };
  const byName = (re: RegExp) => outputs.find((o) => re.test(o.name));
  const boxes = byName(/detection_boxes$/);
  const scores = byName(/detection_scores$/);
  const classes = byName(/detection_classes$/);
  if (boxes && scores && classes) {
    const num = byName(/num_detections$/);
    const names = [boxes.name, scores.name, classes.name, ...(num ? [num.name] : [])];
    return { adapter: 'postprocessed', outputs: names, evidence: { kind: 'postprocessed', names } };
  }
  const shaped = outputs.filter((o): o is ModelOutput & { shape: number[] } => known(o.shape)).map((o) => ({ ...o, dims: dimsOf(o.shape) }));
  const two = shaped.filter((o) => o.dims.length === 2);

  let pair: { box: (typeof two)[number]; score: (typeof two)[number] } | null = null;
  for (const box of two) {
    if (box.dims[1] !== 4 || box.dims[0] <= 4) continue;
    for (const score of two) {
      if (score === box || score.dims[0] !== box.dims[0] || score.dims[1] < 1) continue;
      if (!pair || box.dims[0] > pair.box.dims[0]) pair = { box, score };
    }
  }
  if (pair) {
    const { box, score } = pair;
    return {
      adapter: 'ssd-raw',
      outputs: [score.name, box.name],
      evidence: { kind: 'ssd-raw', boxesShape: box.shape, scoresShape: score.shape, classes: score.dims[1], candidates: box.dims[0] },
    };
  }
  // rows of [x1, y1, x2, y2, score, class], a few hundred at most: CenterNet's top peaks
  const rows = two.find((o) => o.dims[1] === 6 && o.dims[0] <= MAX_TOPK_ROWS);
  if (rows) return { adapter: 'centernet', outputs: [rows.name], evidence: { kind: 'centernet', shape: rows.shape, rows: rows.dims[0] } };
  // values along the shorter axis: [4 + C, N] is YOLOv8's (channels first); [N, 5 + C] is
  // YOLOv5's (candidates first). Ultralytics trains on letterboxed 0-1 RGB.
  if (two.length === 1 && shaped.length === 1) {
    const { name, shape, dims } = two[0];
    const layout = dims[0] < dims[1] ? 'yolov8' : dims[0] > dims[1] ? 'yolov5' : null;
    const g = layout ? yoloGeometry(shape, layout) : null;
    if (layout && g) {
      return { adapter: layout, outputs: [name], evidence: { kind: layout, shape, classes: g.classes, candidates: g.candidates }, pixelRange: '0-1', resize: 'pad-square' };
    }
  }
  return unknown;
}
