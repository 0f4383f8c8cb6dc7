// Two charts that answer the seed question at a glance: fps per backbone per backend (bars),
// and mult-adds against fps (scatter, log-log): how much faster is the cheap backbone really?
import { LitElement, css, html, svg, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ListedResult } from '../metrics/results-store';
import { formatCount, formatNumber } from './format';
import { LocaleController } from './locale-controller';
import { messages } from './messages';
import { chartPoints, type ChartPoint as Point } from './results-format';

const COLORS = ['#7cc4ff', '#ffcc66', '#9be39b', '#ff9e9e', '#c9a7ff', '#7fe0d8'];

@customElement('bench-charts')
export class BenchCharts extends LitElement {
  /** re-render when the UI language changes */
  protected readonly i18n = new LocaleController(this);
  static override styles = css`
    :host {
      display: block;
      font: 11px system-ui, sans-serif;
      color: #dde;
    }
    figure {
      margin: 10px 0;
    }
    figcaption {
      margin-bottom: 4px;
      color: #9ab;
    }
    svg {
      width: 100%;
      height: auto;
      background: rgba(255, 255, 255, 0.04);
      border-radius: 6px;
    }
    text {
      fill: #dde;
    }
  `;

  /** readable results only are drawn; rows with an unknown speed are left out (results-format.ts) */
  @property({ attribute: false }) results: readonly ListedResult[] = [];

  override render() {
    const points = chartPoints(this.results);
    if (points.length === 0) return nothing;
    const series = [...new Set(points.map((p) => p.series))];
    return html`
      <figure data-testid="fps-chart">
        <figcaption>${messages.bench.fpsChart}</figcaption>
        ${this.bars(points, series)}
      </figure>
      <figure data-testid="scatter-chart">
        <figcaption>${messages.bench.scatterChart}</figcaption>
        ${this.scatter(points, series)}
      </figure>
    `;
  }

  private bars(points: Point[], series: string[]) {
    const rowH = 16;
    const labelW = 190;
    const width = 560;
    const max = Math.max(...points.map((p) => p.fps), 1e-9);
    const height = points.length * rowH + 24;
    return svg`<svg viewBox="0 0 ${width} ${height}" role="img" aria-label=${messages.bench.fpsChart}>
      ${points.map((p, i) => {
        const w = ((width - labelW - 60) * p.fps) / max;
        const y = i * rowH + 4;
        return svg`<text x="4" y=${y + 11}>${p.label.slice(0, 30)}</text>
          <rect x=${labelW} y=${y} width=${Math.max(1, w)} height=${rowH - 4} fill=${COLORS[series.indexOf(p.series) % COLORS.length]}></rect>
          <text x=${labelW + w + 4} y=${y + 11}>${formatNumber(p.fps, p.fps < 10 ? 2 : 1, p.fps < 10 ? 2 : 1)}</text>`;
      })}
      ${series.map((s, i) => svg`<rect x=${4 + i * 180} y=${height - 14} width="10" height="10" fill=${COLORS[i % COLORS.length]}></rect>
        <text x=${18 + i * 180} y=${height - 5}>${s.slice(0, 28)}</text>`)}
    </svg>`;
  }

  private scatter(points: Point[], series: string[]) {
    const pts = points.filter((p) => p.multAdds !== null && p.multAdds > 0 && p.fps > 0);
    const width = 560;
    const height = 260;
    const pad = 40;
    if (pts.length === 0) return nothing;
    const lx = pts.map((p) => Math.log10(p.multAdds!));
    const ly = pts.map((p) => Math.log10(p.fps));
    const [x0, x1] = [Math.min(...lx) - 0.2, Math.max(...lx) + 0.2];
    const [y0, y1] = [Math.min(...ly) - 0.2, Math.max(...ly) + 0.2];
    const X = (v: number) => pad + ((v - x0) / (x1 - x0)) * (width - 2 * pad);
    const Y = (v: number) => height - pad - ((v - y0) / (y1 - y0)) * (height - 2 * pad);
    return svg`<svg viewBox="0 0 ${width} ${height}" role="img" aria-label=${messages.bench.scatterChart}>
      <line x1=${pad} y1=${height - pad} x2=${width - pad} y2=${height - pad} stroke="#567"></line>
      <line x1=${pad} y1=${pad} x2=${pad} y2=${height - pad} stroke="#567"></line>
      <text x=${width / 2} y=${height - 8} text-anchor="middle">${messages.chartAxes.multAdds}</text>
      <text x="12" y=${height / 2} transform="rotate(-90 12 ${height / 2})" text-anchor="middle">${messages.chartAxes.fps}</text>
      ${pts.map((p, i) => svg`<circle cx=${X(lx[i])} cy=${Y(ly[i])} r="5" fill=${COLORS[series.indexOf(p.series) % COLORS.length]}></circle>
        <text x=${X(lx[i]) + 7} y=${Y(ly[i]) + 4}>${p.label.split(' ')[0]} ${formatCount(p.multAdds)} · ${formatNumber(p.fps, 1, 1)}</text>`)}
    </svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bench-charts': BenchCharts;
  }
}
