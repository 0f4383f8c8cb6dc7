// The HUD's live log chart: detection fps (line) and warm inference p50 (dashed) over the
// last minute of the model and backend that run now.
import { css, html, svg, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { LogPoint } from './engine-controller';
import { formatNumber } from '../../i18n/format';
import { messages } from '../../i18n/messages';
import { LocalizedElement } from '../../ui/localized-element';

const WINDOW_S = 60;

@customElement('live-chart')
export class LiveChart extends LocalizedElement {
  static override styles = css`
    :host {
      display: block;
    }
    svg {
      width: 100%;
      height: 44px;
    }
    .fps {
      stroke: var(--ssd-accent);
    }
    .ms {
      stroke: var(--ssd-warn);
    }
    .legend {
      font-size: 10px;
      color: var(--ssd-text-muted);
    }
  `;

  @property({ attribute: false }) points: readonly LogPoint[] = [];

  override render() {
    const last = this.points.at(-1);
    if (!last) return nothing;
    const pts = this.points.filter((p) => p.t >= last.t - WINDOW_S);
    const t0 = Math.max(0, last.t - WINDOW_S);
    const maxFps = Math.max(...pts.map((p) => p.fps), 1);
    const maxMs = Math.max(...pts.map((p) => (Number.isFinite(p.inferenceMs) ? p.inferenceMs : 0)), 1);
    const x = (t: number) => ((t - t0) / WINDOW_S) * 200;
    const line = (f: (p: LogPoint) => number, max: number) =>
      pts.filter((p) => Number.isFinite(f(p))).map((p) => `${x(p.t).toFixed(1)},${(40 - (f(p) / max) * 36).toFixed(1)}`).join(' ');
    return html`<svg viewBox="0 0 200 42" preserveAspectRatio="none" role="img" aria-label=${messages.hud.chart}>
        ${svg`<polyline points=${line((p) => p.fps, maxFps)} class="fps" fill="none" stroke-width="1.5"></polyline>
        <polyline points=${line((p) => p.inferenceMs, maxMs)} class="ms" fill="none" stroke-width="1" stroke-dasharray="3 2"></polyline>`}
      </svg>
      <div class="legend">${messages.hud.chartLegend(formatNumber(maxFps, 1, 1), formatNumber(maxMs, 0))}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'live-chart': LiveChart;
  }
}
