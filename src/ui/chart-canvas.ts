// One chart on a canvas: Chart.js is imported the first time a chart is drawn (chart-kit.ts),
// the config comes from a builder that gets the width it has (labels wrap to fit a phone),
// and it is built again when that width changes much. The canvas is an image for assistive
// technology, named by `label`, with `fallback` (a table of the same figures) inside it.
// Sets `data-drawn` once a chart is on the canvas. No data logic here: see chart-configs.ts.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { ChartConfiguration } from 'chart.js';
import type { Chart } from './chart-kit';

export type ChartBuilder = (width: number) => ChartConfiguration;

let kit: Promise<typeof import('./chart-kit')> | null = null;
const loadKit = () => (kit ??= import('./chart-kit'));

@customElement('chart-canvas')
export class ChartCanvas extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    .box {
      position: relative;
      width: 100%;
      height: var(--chart-height, 260px);
    }
    canvas {
      display: block;
    }
  `;

  @property({ attribute: false }) build: ChartBuilder | null = null;
  /** the chart's name for assistive technology */
  @property() label = '';
  /** CSS pixels */
  @property({ type: Number }) height = 260;
  /** the figures as text (a table), inside the canvas */
  @property({ attribute: false }) fallback: unknown = nothing;

  @query('canvas') private canvas!: HTMLCanvasElement;
  private chart: Chart | null = null;
  private builtWidth = 0;
  private drawing = 0;
  private readonly resize = new ResizeObserver(() => {
    const width = this.clientWidth;
    if (this.chart && Math.abs(width - this.builtWidth) > 40) void this.draw();
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.resize.observe(this);
    if (this.hasUpdated) void this.draw();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize.disconnect();
    this.drawing++;
    this.chart?.destroy();
    this.chart = null;
    this.removeAttribute('data-drawn');
  }

  override render() {
    return html`<div class="box">
      <canvas role="img" aria-label=${this.label}>${this.fallback}</canvas>
    </div>`;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // through the CSSOM: the page's CSP refuses style attributes
    if (changed.has('height')) this.style.setProperty('--chart-height', `${this.height}px`);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('build') || changed.has('height')) void this.draw();
  }

  private async draw(): Promise<void> {
    const token = ++this.drawing;
    const build = this.build;
    if (!build) return;
    const { Chart } = await loadKit();
    await this.updateComplete;
    if (token !== this.drawing || !this.isConnected) return;
    this.builtWidth = this.clientWidth;
    const config = build(this.builtWidth || 320);
    config.options = { responsive: true, maintainAspectRatio: false, ...config.options };
    this.chart?.destroy();
    this.chart = new Chart(this.canvas, config);
    this.setAttribute('data-drawn', '');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'chart-canvas': ChartCanvas;
  }
}
