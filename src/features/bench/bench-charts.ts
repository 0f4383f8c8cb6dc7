// Two charts that answer the seed question at a glance: fps per backbone per backend (bars),
// and mult-adds against fps (scatter, log-log, with tick values): how much faster is the cheap
// backbone really? Drawn with Chart.js (loaded when first shown, chart-canvas.ts): whole model
// names wrapped to the width there is, 12 px text, full names in tooltips, and the figures as
// a table inside each canvas for screen readers.
import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ListedResult } from '../../results/results-store';
import '../../ui/chart-canvas';
import type { ChartBuilder } from '../../ui/chart-canvas';
import { axisNumber, fpsBarsConfig, fpsBarsHeight, multAddsConfig } from '../chart-configs';
import { formatCount } from '../../i18n/format';
import { messages } from '../../i18n/messages';
import { chartPoints, type ChartPoint } from './results-format';
import { LocalizedElement } from '../../ui/localized-element';

@customElement('bench-charts')
export class BenchCharts extends LocalizedElement {
  static override styles = css`
    :host {
      display: block;
      font: 13px system-ui, sans-serif;
      color: var(--ssd-text-sheet);
    }
    figure {
      margin: 10px 0;
      background: var(--ssd-card);
      border-radius: 6px;
      padding: 6px;
    }
    figcaption {
      margin-bottom: 4px;
      color: var(--ssd-text-muted);
    }
    table {
      font-size: 12px;
    }
  `;

  /** readable results only are drawn; rows with an unknown speed are left out (results-format.ts) */
  @property({ attribute: false }) results: readonly ListedResult[] = [];
  private points: ChartPoint[] = [];
  private bars: ChartBuilder | null = null;
  private scatter: ChartBuilder | null = null;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('results')) {
      const points = chartPoints(this.results);
      this.points = points;
      this.bars = (width) => fpsBarsConfig(points, width);
      this.scatter = (width) => multAddsConfig(points, width);
    }
  }

  override render() {
    const points = this.points;
    if (points.length === 0) return nothing;
    const withCost = points.filter((p) => p.multAdds !== null && p.multAdds > 0 && p.fps > 0);
    const t = messages.bench;
    // the bars' height follows the names' lines at the width the panel has now
    const width = this.clientWidth || 360;
    return html`
      <figure data-testid="fps-chart">
        <figcaption>${t.fpsChart}</figcaption>
        <chart-canvas .label=${t.fpsChart} .height=${fpsBarsHeight(points, width)} .build=${this.bars} .fallback=${this.table(points)}></chart-canvas>
      </figure>
      ${withCost.length
        ? html`<figure data-testid="scatter-chart">
            <figcaption>${t.scatterChart}</figcaption>
            <chart-canvas .label=${t.scatterChart} .height=${300} .build=${this.scatter} .fallback=${this.table(withCost)}></chart-canvas>
          </figure>`
        : nothing}
    `;
  }

  private table(points: readonly ChartPoint[]) {
    const c = messages.bench.columns;
    return html`<table>
      <tr><th>${c.model}</th><th>${c.backend}</th><th>${c.fps}</th><th>${c.multAdds}</th></tr>
      ${points.map((p) => html`<tr><td>${p.label}</td><td>${p.series}</td><td>${axisNumber(p.fps)}</td><td>${formatCount(p.multAdds)}</td></tr>`)}
    </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bench-charts': BenchCharts;
  }
}
