// Drawing the counting line: a layer over the video that takes one drag (finger, pen or mouse)
// from the line's first point to its second, shows it while dragging, and sends it up in frame
// coordinates (object-fit crop and mirroring undone), so the worker counts on the same line the
// user sees. Escape or a tap without a drag cancels. Properties down; `line-drawn` {line} and
// `line-cancel` up.
import { css, html, nothing, svg } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { displayedVideoRect, unmapPoint } from '../live/overlay-geometry';
import type { CountingLine } from './counts-controller';
import { messages } from '../../i18n/messages';
import { fire } from '../../ui/events';
import { LocalizedElement } from '../../ui/localized-element';
import { panel } from '../../ui/styles';

/** a drag shorter than this (CSS px) is a tap, not a line */
const MIN_DRAG_PX = 24;

@customElement('line-drawer')
export class LineDrawer extends LocalizedElement {
  static override styles = [
    panel,
    css`
      :host {
        position: absolute;
        inset: 0;
        z-index: 12;
        cursor: crosshair;
        touch-action: none;
        display: block;
      }
      svg {
        position: absolute;
        inset: 0;
        width: 100%;
        height: 100%;
      }
      line {
        stroke: var(--ssd-accent);
        stroke-width: 3;
      }
      .hint {
        position: absolute;
        top: var(--ssd-space-m);
        left: 50%;
        transform: translateX(-50%);
        padding: var(--ssd-space-xs) var(--ssd-space-m);
        pointer-events: none;
        max-width: calc(100% - 32px);
        text-align: center;
      }
    `,
  ];

  @property({ type: Number }) frameWidth = 0;
  @property({ type: Number }) frameHeight = 0;
  @property({ type: Boolean }) mirrored = false;

  @state() private from: { x: number; y: number } | null = null;
  @state() private to: { x: number; y: number } | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.onKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this.onKey);
  }

  override render() {
    const t = messages.tracking;
    return html`<div class="hint panel" role="status" data-testid="line-hint">${t.drawHint}</div>
      <svg aria-hidden="true" @pointerdown=${this.down} @pointermove=${this.move} @pointerup=${this.up} @pointercancel=${this.cancel}>
        <rect width="100%" height="100%" fill="transparent"></rect>
        ${this.from && this.to ? svg`<line x1=${this.from.x} y1=${this.from.y} x2=${this.to.x} y2=${this.to.y}></line>` : nothing}
      </svg>`;
  }

  private readonly onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') this.cancel();
  };

  private point(e: PointerEvent): { x: number; y: number } {
    const r = this.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  }

  private down(e: PointerEvent): void {
    (e.target as Element).setPointerCapture?.(e.pointerId);
    this.from = this.point(e);
    this.to = this.from;
  }

  private move(e: PointerEvent): void {
    if (this.from) this.to = this.point(e);
  }

  private up(e: PointerEvent): void {
    if (!this.from) return;
    const a = this.from;
    const b = this.point(e);
    this.from = this.to = null;
    if (Math.hypot(b.x - a.x, b.y - a.y) < MIN_DRAG_PX) return this.cancel();
    const r = this.getBoundingClientRect();
    const video = displayedVideoRect(this.frameWidth, this.frameHeight, r.width, r.height, 'cover');
    const p = unmapPoint(a.x, a.y, video, r.width, this.mirrored);
    const q = unmapPoint(b.x, b.y, video, r.width, this.mirrored);
    if (p.x === q.x && p.y === q.y) return this.cancel();
    const line: CountingLine = { x1: p.x, y1: p.y, x2: q.x, y2: q.y };
    fire(this, 'line-drawn', { line });
  }

  private readonly cancel = (): void => {
    this.from = this.to = null;
    fire(this, 'line-cancel');
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'line-drawer': LineDrawer;
  }
}
