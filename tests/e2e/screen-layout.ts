// What is on the screen, for the layout and settings specs: element geometry across shadow
// roots, boxes mapped onto the screen the way the overlay maps them, and the overlay's pixels
// and colours.
import type { Page } from '@playwright/test';
import type { Box, DetectionsDetail } from './browser';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface NamedRect extends Rect {
  name: string;
}

export interface Layout {
  viewport: { width: number; height: number };
  video: Rect;
  overlay: Rect;
  hud: Rect;
  mirrored: boolean;
  /** boxes the overlay says it drew */
  drawnBoxes: number;
  /** every visible button, select and input, in every shadow root of the app (A/B view aside) */
  controls: NamedRect[];
  /** the document scrolls (it must not, in live view) */
  scrolls: boolean;
}

/** Reads the layout of the live view from the page. */
export function readLayout(page: Page): Promise<Layout> {
  return page.evaluate(() => {
    const app = document.querySelector('ssd-app')!.shadowRoot!;
    const rect = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    const controls: { x: number; y: number; width: number; height: number; name: string }[] = [];
    const collect = (root: ShadowRoot | Document) => {
      for (const el of root.querySelectorAll('button, select, input, textarea')) {
        const r = rect(el);
        const style = getComputedStyle(el);
        if (r.width === 0 || r.height === 0 || style.visibility === 'hidden' || style.display === 'none') continue;
        const name =
          el.getAttribute('data-testid') ||
          el.getAttribute('aria-label') ||
          (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 24) ||
          el.tagName.toLowerCase();
        controls.push({ ...r, name });
      }
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot && el.tagName !== 'AB-VIEW') collect(el.shadowRoot);
      }
    };
    collect(app);
    const overlay = app.querySelector('detection-overlay')!;
    const se = document.scrollingElement!;
    return {
      viewport: { width: innerWidth, height: innerHeight },
      video: rect(app.querySelector('camera-view')!.shadowRoot!.querySelector('video')!),
      overlay: rect(overlay.shadowRoot!.querySelector('canvas')!),
      hud: rect(app.querySelector('fps-hud')!.shadowRoot!.querySelector('button')!),
      mirrored: (overlay as unknown as { mirrored: boolean }).mirrored,
      drawnBoxes: Number(overlay.getAttribute('data-boxes') ?? -1),
      controls,
      scrolls: se.scrollHeight > se.clientHeight || se.scrollWidth > se.clientWidth,
    };
  });
}

/** A detection box (video pixels) on screen: object-fit cover, centered, mirrored like the video. */
export function boxOnScreen(box: Box, frameW: number, frameH: number, view: Rect, mirrored: boolean): Rect {
  const scale = Math.max(view.width / frameW, view.height / frameH);
  const vx = view.x + (view.width - frameW * scale) / 2;
  const vy = view.y + (view.height - frameH * scale) / 2;
  const width = box.width * scale;
  const x = vx + box.x * scale;
  return {
    x: mirrored ? view.x + view.width - (x - view.x) - width : x,
    y: vy + box.y * scale,
    width,
    height: box.height * scale,
  };
}

export function intersection(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const r = Math.min(a.x + a.width, b.x + b.width);
  const btm = Math.min(a.y + a.height, b.y + b.height);
  return r > x && btm > y ? { x, y, width: r - x, height: btm - y } : null;
}

export const inside = (r: Rect, v: { width: number; height: number }, eps = 0.5) =>
  r.x >= -eps && r.y >= -eps && r.x + r.width <= v.width + eps && r.y + r.height <= v.height + eps;

export const fmt = (r: Rect) => `[${r.x.toFixed(0)},${r.y.toFixed(0)} ${r.width.toFixed(0)}x${r.height.toFixed(0)}]`;

/** Screen rects of the boxes of one ssd:detections event that are (partly) on screen. */
export function visibleBoxes(detail: DetectionsDetail, layout: Layout): { label: string; rect: Rect; clipped: Rect }[] {
  const view = { x: 0, y: 0, ...layout.viewport };
  return detail.detections.flatMap((d) => {
    const rect = boxOnScreen(d.box, detail.width ?? 0, detail.height ?? 0, layout.video, layout.mirrored);
    const clipped = intersection(rect, view);
    return clipped ? [{ label: d.label, rect, clipped }] : [];
  });
}

/** [r, g, b, a] of the overlay canvas around a CSS-pixel point: the most opaque pixel within 2 px. */
export function overlayPixel(page: Page, x: number, y: number): Promise<number[]> {
  return page.evaluate(
    ([px, py]) => {
      const canvas = document.querySelector('ssd-app')!.shadowRoot!.querySelector('detection-overlay')!.shadowRoot!.querySelector('canvas')!;
      const r = canvas.getBoundingClientRect();
      const sx = canvas.width / r.width;
      const sy = canvas.height / r.height;
      const ctx = canvas.getContext('2d')!;
      let best = [0, 0, 0, 0];
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) {
          const cx = Math.round((px - r.x + dx) * sx);
          const cy = Math.round((py - r.y + dy) * sy);
          if (cx < 0 || cy < 0 || cx >= canvas.width || cy >= canvas.height) continue;
          const d = [...ctx.getImageData(cx, cy, 1, 1).data];
          if (d[3] > best[3]) best = d;
        }
      }
      return best;
    },
    [x, y],
  );
}

export function hexToRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export const close = (rgb: number[], want: [number, number, number], tol = 40) =>
  Math.abs(rgb[0] - want[0]) <= tol && Math.abs(rgb[1] - want[1]) <= tol && Math.abs(rgb[2] - want[2]) <= tol;
