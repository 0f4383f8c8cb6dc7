// Boxes and labels drawn on a canvas laid exactly over <camera-view>. The mapping follows the
// video's object-fit crop and mirroring (text itself is never mirrored), and the canvas is
// sized in device pixels so lines stay sharp; it redraws on resize, rotation and zoom.
import { LitElement, css, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { Detection } from '../../shared/protocol';
import { drawCountingLine, drawDetections } from './draw-detections';
import type { CountingLine } from '../tracking/counts-controller';
import { boxLabel } from '../../i18n/labels';
import { LocaleController } from '../../i18n/locale-controller';
import { displayedVideoRect, type VideoFit } from './overlay-geometry';

@customElement('detection-overlay')
export class DetectionOverlay extends LitElement {
  static override styles = css`
    :host {
      position: absolute;
      inset: 0;
      display: block;
      pointer-events: none;
    }
    canvas {
      width: 100%;
      height: 100%;
      display: block;
    }
  `;

  @property({ attribute: false }) detections: readonly Detection[] = [];
  /** size of the frame the detections were computed on (video pixels). */
  @property({ type: Number }) frameWidth = 0;
  @property({ type: Number }) frameHeight = 0;
  @property({ type: Boolean }) mirrored = false;
  /** must match the video's object-fit. */
  @property() fit: VideoFit = 'cover';
  /** the counting line, normalized to the frame; null: none */
  @property({ attribute: false }) line: CountingLine | null = null;

  @query('canvas') private canvas!: HTMLCanvasElement;

  /** when the current detections arrived, and the redraw loop that moves tracked boxes
   * along their velocity until the next detector frame (camera rate, not detector rate) */
  private receivedAt = 0;
  private raf = 0;
  /** how far ahead a tracked box is moved at most: past that, a late frame would fling it */
  private static readonly MAX_GLIDE_S = 0.5;

  /** boxes drawn in the last frame (after cropping), reflected as data-boxes for tests and demos */
  private drawnCount = 0;
  /** label text is in the UI's language: redraw when it changes */
  protected readonly i18n = new LocaleController(this);

  private cssWidth = 0;
  private cssHeight = 0;
  private resizeObserver: ResizeObserver | null = null;
  private dprQuery: MediaQueryList | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver = new ResizeObserver((entries) => this.onResize(entries[entries.length - 1]));
    this.watchPixelRatio();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    cancelAnimationFrame(this.raf);
    this.raf = 0;
    this.resizeObserver?.disconnect();
    this.resizeObserver = null;
    this.dprQuery?.removeEventListener('change', this.onPixelRatioChange);
    this.dprQuery = null;
  }

  protected override firstUpdated(): void {
    this.resizeObserver?.observe(this.canvas);
  }

  override render() {
    return html`<canvas aria-hidden="true"></canvas>`;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('detections')) this.receivedAt = performance.now();
  }

  protected override updated(): void {
    this.draw();
    if (!this.raf && this.detections.some((d) => d.velocity)) this.raf = requestAnimationFrame(this.glide);
  }

  /** One animation frame of tracked boxes moving between detector frames. */
  private readonly glide = (): void => {
    this.raf = 0;
    if (!this.isConnected || !this.detections.some((d) => d.velocity)) return;
    this.draw();
    this.raf = requestAnimationFrame(this.glide);
  };

  /** The detections moved along their velocity to now (tracked ones), as drawn. */
  private atNow(): readonly Detection[] {
    const dt = Math.min(DetectionOverlay.MAX_GLIDE_S, (performance.now() - this.receivedAt) / 1000);
    if (!(dt > 0)) return this.detections;
    return this.detections.map((d) =>
      d.velocity
        ? {
            ...d,
            box: {
              x: d.box.x + d.velocity.x * dt,
              y: d.box.y + d.velocity.y * dt,
              width: Math.max(0, d.box.width + d.velocity.width * dt),
              height: Math.max(0, d.box.height + d.velocity.height * dt),
            },
          }
        : d,
    );
  }

  private onResize(entry: ResizeObserverEntry | undefined): void {
    if (!entry) return;
    const box = entry.contentBoxSize?.[0];
    this.cssWidth = box ? box.inlineSize : entry.contentRect.width;
    this.cssHeight = box ? box.blockSize : entry.contentRect.height;
    // Exact device pixels where the browser reports them; else CSS size times the ratio.
    const device = entry.devicePixelContentBoxSize?.[0];
    const dpr = window.devicePixelRatio || 1;
    const w = device ? device.inlineSize : Math.round(this.cssWidth * dpr);
    const h = device ? device.blockSize : Math.round(this.cssHeight * dpr);
    if (this.canvas.width !== w || this.canvas.height !== h) {
      this.canvas.width = w;
      this.canvas.height = h;
    }
    this.draw();
  }

  // devicePixelRatio changes on browser zoom or when the window moves to another screen, and
  // the canvas size in CSS pixels may not change with it; a resolution query catches that.
  private watchPixelRatio(): void {
    this.dprQuery?.removeEventListener('change', this.onPixelRatioChange);
    this.dprQuery = window.matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
    this.dprQuery.addEventListener('change', this.onPixelRatioChange);
  }

  private readonly onPixelRatioChange = (): void => {
    this.watchPixelRatio();
    if (!this.canvas) return;
    const dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(this.cssWidth * dpr);
    this.canvas.height = Math.round(this.cssHeight * dpr);
    this.draw();
  };

  private draw(): void {
    const canvas = this.canvas;
    const ctx = canvas?.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    const viewW = this.cssWidth;
    const viewH = this.cssHeight;
    let drawn = 0;
    if (viewW && viewH && this.detections.length) {
      // Draw in CSS pixels; the scale maps them onto the device-pixel backing store.
      ctx.setTransform(canvas.width / viewW, 0, 0, canvas.height / viewH, 0, 0);
      const video = displayedVideoRect(this.frameWidth, this.frameHeight, viewW, viewH, this.fit);
      drawn = drawDetections(ctx, this.atNow(), { viewW, viewH, video, mirrored: this.mirrored, labelText: boxLabel });
    }
    if (viewW && viewH && this.line) {
      ctx.setTransform(canvas.width / viewW, 0, 0, canvas.height / viewH, 0, 0);
      drawCountingLine(ctx, this.line, { video: displayedVideoRect(this.frameWidth, this.frameHeight, viewW, viewH, this.fit), viewW, mirrored: this.mirrored });
    }
    if (drawn !== this.drawnCount || !this.hasAttribute('data-boxes')) {
      this.drawnCount = drawn;
      this.setAttribute('data-boxes', String(drawn));
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'detection-overlay': DetectionOverlay;
  }
}
