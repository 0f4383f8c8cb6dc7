import type { DetectedObject, DetectOptions } from '../detector';

/** A graph model's outputs, read back: values and shapes in the order the adapter named them. */
export interface RawOutputs {
  values: Float32Array[];
  shapes: number[][];
}

/**
 * Turns one model family's outputs into detections in normalized [0,1] model-input space
 * (y/x already mapped by `sy`/`sx` for padded inputs). One adapter per output layout.
 */
export interface OutputAdapter {
  /** output node names to fetch, in the order decode() reads them */
  readonly outputs: readonly string[];
  decode(raw: RawOutputs, options: DetectOptions, sy: number, sx: number): DetectedObject[];
}

export function clip01(v: number): number {
  return Math.min(1, Math.max(0, v));
}

/** [ymin, xmin, ymax, xmax] in model space -> image-space x/y/width/height, clipped. */
export function toImageBox(ymin: number, xmin: number, ymax: number, xmax: number, sy: number, sx: number): DetectedObject['box'] {
  const y0 = clip01(clip01(ymin) * sy);
  const x0 = clip01(clip01(xmin) * sx);
  const y1 = clip01(clip01(ymax) * sy);
  const x1 = clip01(clip01(xmax) * sx);
  return { x: x0, y: y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0) };
}
