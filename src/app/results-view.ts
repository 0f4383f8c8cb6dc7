// Stored bench results as a lab notebook: one table per run, this device and imported ones
// side by side, the charts, and export / import / share. Events up, data down.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { StoredResult } from '../metrics/results-store';
import './bench-charts';
import { formatCount, formatDateTime, formatNumber } from './format';
import { LocaleController } from './locale-controller';
import { messages } from './messages';
import { controls } from './styles';

const n = (v: number | null | undefined, d = 1) => (v === null || v === undefined || !Number.isFinite(v) ? '–' : formatNumber(v, d, d, false));

@customElement('results-view')
export class ResultsView extends LitElement {
  /** re-render when the UI language changes */
  protected readonly i18n = new LocaleController(this);
  static override styles = [
    controls,
    css`
      :host {
        display: block;
        font: 12px/1.4 system-ui, sans-serif;
        color: #eef;
      }
      .devices {
        display: flex;
        flex-wrap: wrap;
        gap: 12px;
      }
      section {
        flex: 1 1 360px;
        min-width: 0;
        overflow-x: auto;
        background: rgba(255, 255, 255, 0.04);
        border-radius: 8px;
        padding: 6px 8px;
      }
      h3 {
        font-size: 13px;
        margin: 2px 0 4px;
      }
      table {
        border-collapse: collapse;
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
      }
      th,
      td {
        padding: 2px 6px;
        text-align: right;
        border-bottom: 1px solid rgba(255, 255, 255, 0.08);
      }
      th:first-child,
      td:first-child {
        text-align: left;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        margin: 8px 0;
      }
      .warn {
        color: #ffcc66;
      }
      .error {
        color: #ffb0a0;
      }
    `,
  ];

  @property({ attribute: false }) results: readonly StoredResult[] = [];
  @property() error: string | null = null;

  override render() {
    const t = messages.bench;
    return html`
      <div class="actions">
        <button data-testid="export-csv" ?disabled=${this.results.length === 0} @click=${() => this.fire('export', { format: 'csv' })}>${t.exportCsv}</button>
        <button data-testid="export-json" ?disabled=${this.results.length === 0} @click=${() => this.fire('export', { format: 'json' })}>${t.exportJson}</button>
        ${'share' in navigator ? html`<button ?disabled=${this.results.length === 0} @click=${() => this.fire('share', {})}>${t.share}</button>` : nothing}
        <label>${t.importJson} <input data-testid="import-results" type="file" accept=".json,application/json" @change=${this.onImport} /></label>
      </div>
      ${this.error ? html`<p class="error" role="alert" data-testid="results-error">${this.error}</p>` : nothing}
      ${this.results.length === 0
        ? html`<p>${t.none}</p>`
        : html`<bench-charts .results=${this.results}></bench-charts>
            <div class="devices">${this.results.map((r) => this.renderResult(r))}</div>`}
    `;
  }

  private renderResult(r: StoredResult) {
    const t = messages.bench;
    const c = t.columns;
    return html`<section data-testid="result" data-device=${r.imported ? 'imported' : 'this'}>
      <h3>${r.device.label} · ${r.imported ? t.imported : t.thisDevice} · ${formatDateTime(new Date(r.createdAt))}</h3>
      <div>${r.device.userAgent.slice(0, 120)}${r.device.gpu ? html` · GPU ${r.device.gpu}` : nothing} · ${r.frameSource} ${r.frameSize}</div>
      <table>
        <thead>
          <tr>
            <th>${c.model}</th><th>${c.backend}</th><th>${c.threads}</th><th>${c.cold}</th><th>${c.fps}</th><th>${c.total}</th>
            <th>${c.inference}</th><th>${c.readback}</th><th>${c.efficiency}</th><th>${c.multAdds}</th><th>${c.achieved}</th><th>${c.peak}</th><th>${c.tensors}</th>
          </tr>
        </thead>
        <tbody>
          ${r.rows.map(
            (row) => html`<tr>
              <td>${row.modelName}</td>
              <td title=${row.fallbackReason ?? ''}>${row.backend}${row.backend !== row.requestedBackend && row.requestedBackend !== 'auto' ? html` <span class="warn">(${row.requestedBackend}?)</span>` : nothing}</td>
              <td>${row.wasmThreads ?? '–'}</td>
              <td>${n(row.coldStart.totalMs, 0)}</td>
              <td data-testid="fps">${n(row.fps, 2)}</td>
              <td>${n(row.stages.totalMs.p50, 0)} / ${n(row.stages.totalMs.p95, 0)}</td>
              <td>${n(row.stages.inferenceMs.p50, 0)}</td>
              <td>${n(row.stages.readbackMs.p50, 1)}</td>
              <td>${n(row.pipelineEfficiency * 100, 0)}%</td>
              <td>${formatCount(row.multAdds)}</td>
              <td>${n(row.achievedGmacs, 1)}</td>
              <td>${row.shareOfPeak === null ? '–' : `${n(row.shareOfPeak * 100, 0)}%`}</td>
              <td>${row.memory.tensorsBefore}/${row.memory.tensorsAfter}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${r.failures.length ? html`<p class="warn">${t.failures}: ${r.failures.map((f) => messages.benchFailure(f.model, f.backend, f.message)).join('; ')}</p>` : nothing}
      <button @click=${() => this.fire('remove', { id: r.id })}>${t.remove}</button>
    </section>`;
  }

  private onImport(e: Event): void {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (file) this.fire('import', { file });
    input.value = '';
  }

  private fire(type: string, detail: object): void {
    this.dispatchEvent(new CustomEvent(`results-${type}`, { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'results-view': ResultsView;
  }
}
