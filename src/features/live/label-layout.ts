// Where each box's label goes, so that no label hides another: the strongest detection gets
// its label where labels usually sit (above the box's top-left corner, or just inside it at
// the top of the screen), and each weaker one takes the nearest free place in the column of
// its box's corner (stacked below, then above). Labels are drawn weakest first, so if the
// screen is too crowded for a free place, the stronger label still ends up on top: two
// classes on one box ("car 55%", "truck 31%") never hide the stronger one.
import type { Rect } from './overlay-geometry';

export interface LabelRequest {
  /** the box's top-left corner on the surface */
  x: number;
  y: number;
  /** the label's size */
  w: number;
  h: number;
  score: number;
}

export interface PlacedLabel extends Rect {
  /** index into the requests */
  index: number;
}

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The usual place: above the corner when there is room, else just inside; on screen. */
function usualPlace(r: LabelRequest, viewW: number, viewH: number): Rect {
  const y = r.y - r.h >= 0 ? r.y - r.h : r.y;
  return {
    x: Math.min(Math.max(r.x, 0), Math.max(0, viewW - r.w)),
    y: Math.min(Math.max(y, 0), Math.max(0, viewH - r.h)),
    width: r.w,
    height: r.h,
  };
}

/**
 * Places every label; returns them in drawing order (weakest first, the strongest last).
 * Ties keep the detections' order.
 */
export function placeLabels(requests: readonly LabelRequest[], viewW: number, viewH: number): PlacedLabel[] {
  const byStrength = requests.map((r, index) => ({ r, index })).sort((a, b) => b.r.score - a.r.score || a.index - b.index);
  const placed: PlacedLabel[] = [];
  for (const { r, index } of byStrength) {
    const home = usualPlace(r, viewW, viewH);
    let spot = home;
    // the nearest free place in the label's column: one line down, one up, two down, ...
    for (let k = 1; k <= 2 * byStrength.length && placed.some((p) => overlaps(p, spot)); k++) {
      const step = Math.ceil(k / 2) * (k % 2 === 1 ? 1 : -1);
      const y = home.y + step * r.h;
      if (y < 0 || y + r.h > viewH) continue;
      spot = { ...home, y };
    }
    if (placed.some((p) => overlaps(p, spot))) spot = home; // no room: drawn under the stronger ones
    placed.push({ ...spot, index });
  }
  return placed.reverse();
}
