// Types of box-iou.mjs.

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** 0 when the boxes do not overlap (or both are empty), 1 when they are the same box. */
export function iou(a: Box, b: Box): number;
