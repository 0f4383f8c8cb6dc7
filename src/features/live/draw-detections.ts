// Boxes and labels on a 2D canvas, shared by the live overlay (CSS pixels) and the snapshot
// (video pixels), so the saved picture shows exactly what was on screen.
import type { Detection } from '../../shared/protocol';
import { colorForLabel, textColorOn } from '../../ui/label-colors';
import { mapBox, type Rect } from './overlay-geometry';

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

/** Draws every visible box; returns how many were drawn (boxes cropped away are not). */
export function drawDetections(ctx: CanvasRenderingContext2D, detections: readonly Detection[], o: DrawOptions): number {
  const scale = o.scale ?? 1;
  const fontPx = FONT_PX * scale;
  ctx.font = `600 ${fontPx}px ${LABEL_FONT}`;
  ctx.textBaseline = 'top';
  ctx.lineWidth = LINE_PX * scale;
  let drawn = 0;
  for (const d of detections) {
    const r = mapBox(d.box, o.video, o.viewW, o.mirrored);
    // Cropped away by object-fit: cover. Not drawn, or its label would sit at the edge
    // pointing at nothing.
    if (r.x + r.width <= 0 || r.y + r.height <= 0 || r.x >= o.viewW || r.y >= o.viewH) continue;
    const color = colorForLabel(d.label, d.classId);
    ctx.strokeStyle = color;
    ctx.strokeRect(r.x, r.y, r.width, r.height);
    drawLabel(ctx, o.labelText(d), r.x, r.y, color, o.viewW, o.viewH, fontPx, LINE_PX * scale);
    drawn++;
  }
  return drawn;
}

function drawLabel(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, color: string, viewW: number, viewH: number, fontPx: number, line: number): void {
  const padX = fontPx * 0.3;
  const h = fontPx * 1.45;
  const w = ctx.measureText(text).width + padX * 2;
  // Above the box when there is room, else just inside it; always on screen, since the
  // cover crop can push a box's corner off the visible area.
  let ly = y - h >= 0 ? y - h : y;
  ly = Math.min(Math.max(ly, 0), viewH - h);
  const lx = Math.min(Math.max(x - line / 2, 0), Math.max(0, viewW - w));
  ctx.fillStyle = color;
  ctx.fillRect(lx, ly, w, h);
  ctx.fillStyle = textColorOn(color);
  ctx.fillText(text, lx + padX, ly + (h - fontPx) / 2);
}
