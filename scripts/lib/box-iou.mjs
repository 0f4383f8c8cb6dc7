// Intersection over union of two {x, y, width, height} boxes: how the bench checks an anchor's
// faces and how the end-to-end tests match boxes (tests/e2e/browser.ts). Types: box-iou.d.mts.

/** 0 when the boxes do not overlap (or both are empty), 1 when they are the same box. */
export function iou(a, b) {
  const x1 = Math.max(a.x, b.x);
  const y1 = Math.max(a.y, b.y);
  const x2 = Math.min(a.x + a.width, b.x + b.width);
  const y2 = Math.min(a.y + a.height, b.y + b.height);
  const inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  const union = a.width * a.height + b.width * b.height - inter;
  return union > 0 ? inter / union : 0;
}
