// The tracking pieces as the app shows them: the count panel (above the HUD while objects are
// tracked) and the layer that draws the counting line, bound to the counts controller. Render
// helpers of the app's shadow root.
import { html, nothing } from 'lit';
import type { CountingLine, CountsController } from './counts-controller';
// <count-panel> and <line-drawer> load when tracking first reports and when drawing starts
// (CountsController), not with the page

export function renderCountPanel(counts: CountsController, running: boolean) {
  if (!counts.active || !running) return nothing;
  return html`<count-panel
    .rows=${counts.rows()}
    .minutes=${counts.minutes}
    ?line=${!!counts.line}
    @counts-reset=${() => counts.reset()}
    @counts-export=${(e: CustomEvent<{ format: 'csv' | 'json' }>) => counts.save(e.detail.format)}
    @counts-draw-line=${() => counts.setDrawing(true)}
    @counts-middle-line=${() => counts.setLine({ x1: 0.5, y1: 0, x2: 0.5, y2: 1 })}
    @counts-clear-line=${() => counts.setLine(null)}
  ></count-panel>`;
}

/** The drawing layer while the person draws the line, over the video of `frame` size. */
export function renderLineDrawer(counts: CountsController, frame: { width: number; height: number } | null, mirrored: boolean) {
  if (!counts.drawing) return nothing;
  return html`<line-drawer
    .frameWidth=${frame?.width ?? 0}
    .frameHeight=${frame?.height ?? 0}
    ?mirrored=${mirrored}
    @line-drawn=${(e: CustomEvent<{ line: CountingLine }>) => {
      counts.setDrawing(false);
      counts.setLine(e.detail.line);
    }}
    @line-cancel=${() => counts.setDrawing(false)}
  ></line-drawer>`;
}
