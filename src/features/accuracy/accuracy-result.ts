// One stored evaluation run: what ran where on which set and how fast (warm and cold apart),
// the 12 COCO figures, the F1-best score threshold with its recall and precision (and a
// button to make it the model's threshold), the PR curves at IoU .50 and .75 (all classes, or
// one), AP per class, what did not map, and the detections as a COCO results file. Data down,
// events up (`accuracy-use-threshold`, `accuracy-export-coco`).
import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { StoredEvalRun } from '../../results/eval-export';
import { figureCells, percent, prSeries, runAbout, runSpeed, runTitle, threshold, type PrSeries } from './accuracy-format';
import '../../ui/chart-canvas';
import type { ChartBuilder } from '../../ui/chart-canvas';
import { prChartConfig } from '../chart-configs';
import './class-ap-table';
import { formatNumber } from '../../i18n/format';
import { className, modelName } from '../../i18n/labels';
import { messages } from '../../i18n/messages';
import { clip } from '../bench/results-format';
import { fire } from '../../ui/events';
import { controls } from '../../ui/styles';
import { LocalizedElement } from '../../ui/localized-element';

@customElement('accuracy-result')
export class AccuracyResult extends LocalizedElement {
  static override styles = [
    controls,
    css`
      :host {
        display: block;
        container-type: inline-size;
      }
      h3 {
        font-size: 15px;
        margin: 4px 0 2px;
      }
      h4 {
        font-size: 14px;
        margin: 14px 0 6px;
      }
      .about {
        color: var(--ssd-text-muted);
      }
      .figures {
        display: grid;
        /* two even rows of six (AP, then AR), three of four on a phone */
        grid-template-columns: repeat(6, minmax(0, 1fr));
        gap: 6px;
        margin: 0;
      }
      .figures div {
        background: var(--ssd-card);
        border-radius: 8px;
        padding: 4px 8px;
      }
      .figures dt {
        font-size: 12px;
        color: var(--ssd-text-muted);
      }
      .figures dd {
        margin: 0;
        font-size: 18px;
        font-variant-numeric: tabular-nums;
      }
      @container (max-width: 520px) {
        .figures {
          grid-template-columns: repeat(4, minmax(0, 1fr));
        }
      }
      .point {
        background: var(--ssd-accent-wash);
        border-radius: 8px;
        padding: 8px 10px;
      }
      .point p {
        margin: 0 0 6px;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        align-items: center;
      }
      .warn {
        color: var(--ssd-warn);
      }
      ul {
        margin: 4px 0;
        padding-left: 18px;
      }
      table.fallback {
        font-size: 12px;
      }
    `,
  ];

  @property({ attribute: false }) run: StoredEvalRun | null = null;
  /** the class whose PR curve is drawn; null: all classes (their mean) */
  @state() private curveClass: number | null = null;
  /** built when the run or the class changes, not at every render (a new one redraws the chart) */
  private series: PrSeries | null = null;
  private buildPr: ChartBuilder | null = null;

  override willUpdate(changed: PropertyValues): void {
    if (changed.has('run')) this.curveClass = null;
    if (changed.has('run') || changed.has('curveClass')) {
      const series = this.run ? prSeries(this.run, this.curveClass) : null;
      this.series = series;
      this.buildPr = series ? () => prChartConfig(series) : null;
    }
  }

  override render() {
    const run = this.run;
    if (!run) return nothing;
    const a = messages.accuracy;
    const f1 = run.f1Best;
    const series = this.series;
    const withCurves = run.perClass.filter((c) => run.curves.perClass.some((k) => k.categoryId === c.categoryId));
    return html`
      <h3 data-testid="result-title">${runTitle(run)}</h3>
      <div class="about">${runAbout(run)}</div>
      <div class="about" data-testid="result-speed">${runSpeed(run)}</div>

      <h4>${a.figures}</h4>
      <dl class="figures" data-testid="figures">
        ${figureCells(run).map((f) => html`<div title=${f.help} data-figure=${f.name}><dt>${f.name}</dt><dd>${f.value}</dd></div>`)}
      </dl>
      <p class="about">${a.vocAp50(percent(run.vocAP50))}</p>

      <h4>${a.operatingPoint}</h4>
      <div class="point" data-testid="operating-point">
        ${f1
          ? html`<p>${a.f1Best(threshold(f1.threshold), percent(f1.recall, 0), percent(f1.precision, 0), formatNumber(f1.f1, 2, 2))}</p>
              <p>${a.at05(percent(run.atScore05.recall, 0), percent(run.atScore05.precision, 0))}</p>
              <div class="row">
                <button
                  data-testid="use-threshold"
                  @click=${() => fire(this, 'accuracy-use-threshold', { modelId: run.model.id, modelName: modelName(run.model), threshold: f1.threshold })}
                >
                  ${a.useThreshold}
                </button>
              </div>`
          : html`<p>${a.noOperatingPoint}</p>`}
      </div>

      <h4>${a.prTitle}</h4>
      ${withCurves.length > 1
        ? html`<label
            >${a.prClass}
            <select @change=${(e: Event) => this.pickCurve((e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${this.curveClass === null}>${a.prAll}</option>
              ${withCurves.map((c) => html`<option value=${c.categoryId} ?selected=${this.curveClass === c.categoryId}>${clip(className(c.name), 40)}</option>`)}
            </select></label
          >`
        : nothing}
      ${series
        ? html`<chart-canvas
            data-testid="pr-chart"
            .label=${a.prTitle}
            .height=${240}
            .build=${this.buildPr}
            .fallback=${this.prFallback(series)}
          ></chart-canvas>`
        : nothing}

      <h4>${a.perClass}</h4>
      <class-ap-table .rows=${run.perClass}></class-ap-table>

      ${run.labels.unmappedSet.length || run.labels.unmappedModel.length || run.warnings.length
        ? html`<h4>${a.warnings}</h4>
            <ul class="warn">
              ${run.labels.unmappedSet.length ? html`<li>${a.unmappedSet(clip(run.labels.unmappedSet.map(className).join(', '), 400))}</li>` : nothing}
              ${run.labels.unmappedModel.length ? html`<li>${a.unmappedModel(clip(run.labels.unmappedModel.map(className).join(', '), 400))}</li>` : nothing}
              ${run.warnings.map((w) => html`<li>${clip(w, 400)}</li>`)}
            </ul>`
        : nothing}
      <div class="row">
        <button data-testid="export-coco" @click=${() => fire(this, 'accuracy-export-coco', { id: run.id })}>${a.exportCoco}</button>
      </div>
    `;
  }

  /** The curves as text, every tenth recall point: what the canvas shows, for screen readers. */
  private prFallback(series: PrSeries) {
    const a = messages.accuracy;
    const rows = series.recall.map((r, i) => ({ r, p50: series.iou50[i], p75: series.iou75[i] })).filter((_, i) => i % 10 === 0);
    const cell = (v: number | null) => (v === null ? '–' : formatNumber(v, 1, 1));
    return html`<table class="fallback">
      <tr><th>${a.axisRecall}</th><th>${a.iou50}</th><th>${a.iou75}</th></tr>
      ${rows.map((x) => html`<tr><td>${formatNumber(x.r, 0)}</td><td>${cell(x.p50)}</td><td>${cell(x.p75)}</td></tr>`)}
    </table>`;
  }

  private pickCurve(value: string): void {
    this.curveClass = value === '' ? null : Number(value);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'accuracy-result': AccuracyResult;
  }
}
