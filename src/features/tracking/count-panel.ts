// The count panel, shown while objects are tracked: per class, how many are in view now, how
// many distinct ones were seen, and (with a counting line) how many crossed it each way, with
// Reset. Properties down, `counts-reset` up. The polite summary elsewhere reads what is in
// view; this panel is a table to look at, not a live region (it would read every frame).
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ClassCounts } from './counts-controller';
import type { MinuteCounts } from '../../tracking/count-export';
import { countsChartConfig } from './counts-chart';
import '../../ui/chart-canvas';
import type { ChartBuilder } from '../../ui/chart-canvas';
import { messages } from '../../i18n/messages';
import { className } from '../../i18n/labels';
import { fire } from '../../ui/events';
import { controls, panel } from '../../ui/styles';
import { LocalizedElement } from '../../ui/localized-element';

@customElement('count-panel')
export class CountPanel extends LocalizedElement {
  static override styles = [
    controls,
    panel,
    css`
      :host {
        display: block;
        align-self: flex-start;
        width: fit-content;
        min-width: 14rem;
        max-width: 100%;
        font: 13px/1.4 system-ui, sans-serif;
        pointer-events: auto;
      }
      .panel {
        padding: var(--ssd-space-xs) var(--ssd-space-s);
      }
      table {
        border-collapse: collapse;
        font-variant-numeric: tabular-nums;
      }
      th,
      td {
        padding: 1px 8px 1px 0;
        text-align: right;
      }
      th:first-child,
      td:first-child {
        text-align: left;
      }
      th {
        font-weight: 600;
        color: var(--ssd-text-muted);
      }
      .head {
        flex-wrap: wrap;
        margin-bottom: var(--ssd-space-xs);
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: var(--ssd-space-s);
      }
    `,
  ];

  @property({ attribute: false }) rows: readonly ClassCounts[] = [];
  /** crossings per minute (a new array only when a crossing came, so the chart redraws then) */
  @property({ attribute: false }) minutes: readonly MinuteCounts[] = [];
  private chart: ChartBuilder | null = null;
  /** the chart (and Chart.js) only once it is opened */
  @state() private chartOpen = false;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('minutes')) {
      const minutes = this.minutes;
      this.chart = minutes.length ? () => countsChartConfig(minutes, className) : null;
    }
  }
  /** a counting line is set: show the crossing columns */
  @property({ type: Boolean }) line = false;

  override render() {
    const t = messages.tracking;
    return html`<div class="panel" role="group" aria-label=${t.title}><div class="head">
        <strong>${t.title}</strong>
        <span>
          ${this.line
            ? html`<button data-testid="counts-csv" @click=${() => fire(this, 'counts-export', { format: 'csv' })}>CSV</button>
                <button data-testid="counts-json" @click=${() => fire(this, 'counts-export', { format: 'json' })}>JSON</button>`
            : nothing}
          <button data-testid="counts-reset" @click=${() => fire(this, 'counts-reset')}>${t.reset}</button>
        </span>
      </div>
      <div class="head">
        <button data-testid="line-draw" @click=${() => fire(this, 'counts-draw-line')}>${t.drawLine}</button>
        ${this.line
          ? html`<button data-testid="line-clear" @click=${() => fire(this, 'counts-clear-line')}>${t.clearLine}</button>`
          : html`<button data-testid="line-middle" @click=${() => fire(this, 'counts-middle-line')}>${t.middleLine}</button>`}
      </div>
      ${this.rows.length
        ? html`<table data-testid="counts">
            <thead>
              <tr>
                <th scope="col">${t.cls}</th>
                <th scope="col">${t.now}</th>
                <th scope="col">${t.seen}</th>
                ${this.line ? html`<th scope="col">${t.in}</th><th scope="col">${t.out}</th>` : nothing}
              </tr>
            </thead>
            <tbody>
              ${this.rows.map(
                (r) => html`<tr data-label=${r.label}>
                  <td>${className(r.label)}</td>
                  <td data-col="now">${r.now}</td>
                  <td data-col="seen">${r.seen}</td>
                  ${this.line ? html`<td data-col="in">${r.in}</td><td data-col="out">${r.out}</td>` : nothing}
                </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p>${t.none}</p>`}
      ${this.line && this.chart
        ? html`<details data-testid="counts-chart" @toggle=${(e: Event) => (this.chartOpen = (e.target as HTMLDetailsElement).open)}>
            <summary>${t.chart}</summary>
            ${this.chartOpen ? html`<chart-canvas .build=${this.chart} label=${t.chart} height="160"></chart-canvas>` : nothing}
          </details>`
        : nothing}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'count-panel': CountPanel;
  }
}
