// The speed/accuracy chart of one labelled set: AP (or AP50) against fps on a log axis, one
// point per model x backend x device (imported devices as series of their own beside this
// one), and each model's published COCO figure as a hollow marker at its speed here, so the
// distance between the paper and the browser shows. The same points as a table inside the
// canvas for screen readers. Data down; the points are accuracy-format.ts's.
import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ModelSummary } from '../../shared/protocol';
import type { ListedEvalRun } from '../../results/eval-export';
import type { ListedResult } from '../../results/results-store';
import { speedAccuracyData, type Metric, type SpeedAccuracyData } from './accuracy-format';
import '../../ui/chart-canvas';
import type { ChartBuilder } from '../../ui/chart-canvas';
import { axisNumber, speedAccuracyConfig } from '../chart-configs';
import { formatNumber } from '../../i18n/format';
import { messages } from '../../i18n/messages';
import { controls } from '../../ui/styles';
import { LocalizedElement } from '../../ui/localized-element';

@customElement('speed-accuracy-chart')
export class SpeedAccuracyChart extends LocalizedElement {
  static override styles = [
    controls,
    css`
      :host {
        display: block;
      }
      h4 {
        font-size: 14px;
        margin: 14px 0 4px;
      }
      p {
        margin: 0 0 6px;
        color: var(--ssd-text-muted);
      }
      .toggle {
        display: flex;
        gap: 6px;
        flex-wrap: wrap;
        margin: 6px 0;
      }
      .toggle button[aria-pressed='true'] {
        background: var(--ssd-accent-fill);
        border-color: var(--ssd-accent);
      }
      table {
        font-size: 12px;
      }
    `,
  ];

  @property({ attribute: false }) runs: readonly ListedEvalRun[] = [];
  @property({ attribute: false }) bench: readonly ListedResult[] = [];
  @property({ attribute: false }) models: readonly Pick<ModelSummary, 'id' | 'name' | 'published'>[] = [];
  /** the set whose points are drawn (its annotations' hash) */
  @property() setSha256 = '';
  @state() private metric: Metric = 'AP';
  private data: SpeedAccuracyData = { series: [], published: [] };
  private build: ChartBuilder | null = null;

  override willUpdate(changed: PropertyValues): void {
    if (['runs', 'bench', 'models', 'setSha256', 'metric'].some((k) => changed.has(k))) {
      const data = speedAccuracyData(this.runs, this.bench, this.models, this.setSha256, this.metric);
      const metric = this.metric;
      this.data = data;
      this.build = (width) => speedAccuracyConfig(data, metric, width);
    }
  }

  override render() {
    const a = messages.accuracy;
    const points = this.data.series.flatMap((s) => s.points);
    const choice = (metric: Metric, label: string) =>
      html`<button aria-pressed=${this.metric === metric ? 'true' : 'false'} data-metric=${metric} @click=${() => (this.metric = metric)}>${label}</button>`;
    return html`
      <h4>${a.chartTitle}</h4>
      <p>${a.chartHelp}</p>
      <div class="toggle" role="group" aria-label=${a.metric}>${choice('AP', a.metricAp)} ${choice('AP50', a.metricAp50)}</div>
      ${points.length === 0
        ? html`<p>${a.noPoints}</p>`
        : html`<chart-canvas
            data-testid="speed-accuracy-chart"
            .label=${a.chartTitle}
            .height=${300}
            .build=${this.build}
            .fallback=${this.fallback()}
          ></chart-canvas>`}
    `;
  }

  private fallback() {
    const a = messages.accuracy;
    const t = a.table;
    return html`<table>
      <tr><th>${t.model}</th><th>${t.backend}</th><th>${t.device}</th><th>${t.value}</th><th>${t.speed}</th></tr>
      ${this.data.series.flatMap((s) =>
        s.points.map(
          (p) => html`<tr>
            <td>${p.modelName}</td><td>${p.backend}</td><td>${p.device}</td><td>${formatNumber(p.value, 1, 1)}</td>
            <td>${p.fpsSource === 'bench' ? a.fpsFromBench(axisNumber(p.fps)) : a.fpsFromEval(axisNumber(p.fps))}</td>
          </tr>`,
        ),
      )}
      ${this.data.published.map(
        (p) => html`<tr><td>${p.modelName}</td><td>${a.published}</td><td>${p.source}</td><td>${formatNumber(p.value, 1, 1)}</td><td>${nothing}</td></tr>`,
      )}
    </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'speed-accuracy-chart': SpeedAccuracyChart;
  }
}
