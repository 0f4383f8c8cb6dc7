// Boxes and labels on a 2D canvas, shared by the live overlay (CSS pixels) and the snapshot
// (video pixels), so the saved picture shows exactly what was on screen.
import type { Detection } from '../../shared/protocol';
import { colorForLabel, textColorOn } from '../../ui/label-colors';
import { mapBox, type Rect } from './overlay-geometry';
import { placeLabels, type LabelRequest } from './label-layout';
import { COLORS } from '../../ui/tokens';

export interface DrawOptions {
  /** drawing surface size, in the units the context draws in */
  viewW: number;
  viewH: number;
  /** where the video frame lands on that surface */
  video: Rect;
  mirrored: boolean;
  /** the text of a box's label */
  labelText: (d: Detection) => string;
  /** 1 for CSS pixels on screen; larger for a snapshot of a big frame */
  scale?: number;
}

const FONT_PX = 14;
const LINE_PX = 2;
export const LABEL_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Hiragino Sans", "Noto Sans CJK JP", sans-serif';

/**
 * The counting line over the video, with an arrow on the side objects count as 'in' when they
 * cross to it (walking along the line from its first point to its second, the left-hand side).
 */
export function drawCountingLine(
  ctx: CanvasRenderingContext2D,
  line: { x1: number; y1: number; x2: number; y2: number },
  o: { video: Rect; viewW: number; mirrored: boolean },
): void {
  const at = (x: number, y: number) => mapBox({ x, y, width: 0, height: 0 }, o.video, o.viewW, o.mirrored);
  const a = at(line.x1, line.y1);
  const b = at(line.x2, line.y2);
  ctx.save();
  ctx.strokeStyle = COLORS.accent;
  ctx.fillStyle = COLORS.accent;
  ctx.lineWidth = 3;
  ctx.beginPath();
  ctx.moveTo(a.x, a.y);
  ctx.lineTo(b.x, b.y);
  ctx.stroke();
  // the 'in' side in frame terms, mapped like everything else (mirroring flips it on screen)
  const mx = (line.x1 + line.x2) / 2;
  const my = (line.y1 + line.y2) / 2;
  const len = Math.hypot(line.x2 - line.x1, line.y2 - line.y1) || 1;
  const tip = at(mx + ((line.y2 - line.y1) / len) * 0.05, my - ((line.x2 - line.x1) / len) * 0.05);
  const mid = at(mx, my);
  ctx.beginPath();
  ctx.moveTo(mid.x, mid.y);
  ctx.lineTo(tip.x, tip.y);
  ctx.stroke();
  ctx.beginPath();
  ctx.arc(tip.x, tip.y, 4, 0, Math.PI * 2);
  ctx.fill();
  ctx.restore();
}

/** Draws every visible box, then the labels (label-layout.ts: none hides a stronger one);
 * returns how many boxes were drawn (boxes cropped away are not). */
export function drawDetections(ctx: CanvasRenderingContext2D, detections: readonly Detection[], o: DrawOptions): number {
  const scale = o.scale ?? 1;
  const fontPx = FONT_PX * scale;
  const line = LINE_PX * scale;
  ctx.font = `600 ${fontPx}px ${LABEL_FONT}`;
  ctx.textBaseline = 'top';
  ctx.lineWidth = line;
  const padX = fontPx * 0.3;
  const labels: Array<LabelRequest & { text: string; color: string }> = [];
  // weakest first, so where boxes cross the stronger outline is drawn on top
  const order = detections.map((d, i) => ({ d, i })).sort((a, b) => a.d.score - b.d.score || b.i - a.i);
  for (const { d } of order) {
    const r = mapBox(d.box, o.video, o.viewW, o.mirrored);
    // Cropped away by object-fit: cover. Not drawn, or its label would sit at the edge
    // pointing at nothing.
    if (r.x + r.width <= 0 || r.y + r.height <= 0 || r.x >= o.viewW || r.y >= o.viewH) continue;
    const color = colorForLabel(d.label, d.classId);
    ctx.strokeStyle = color;
    // a tracked object not found in this frame: dashed, where it is expected to be
    if (d.predicted) ctx.setLineDash([6 * scale, 4 * scale]);
    ctx.strokeRect(r.x, r.y, r.width, r.height);
    if (d.predicted) ctx.setLineDash([]);
    const text = o.labelText(d);
    labels.push({ x: r.x - line / 2, y: r.y, w: ctx.measureText(text).width + padX * 2, h: fontPx * 1.45, score: d.score, text, color });
  }
  for (const p of placeLabels(labels, o.viewW, o.viewH)) {
    const { text, color } = labels[p.index];
    ctx.fillStyle = color;
    ctx.fillRect(p.x, p.y, p.width, p.height);
    ctx.fillStyle = textColorOn(color);
    ctx.fillText(text, p.x + padX, p.y + (p.height - fontPx) / 2);
  }
  return labels.length;
}
