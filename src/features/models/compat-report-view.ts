// The compatibility report of a model being imported: one row per backend asked for (did it
// run there, or fall back, or fail, and why), cold start, a warm run, boxes found on the test
// photo and how they compare with the CPU backend's. While the check runs: which backend, and
// how far. A table that scrolls sideways on a phone, with its note; properties down only.
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CompatProgress } from '../../engine/compat/compat-runner';
import type { CompatReport, CompatRow } from '../../shared/compat-report';
import { formatNumber } from '../../i18n/format';
import { messages } from '../../i18n/messages';
import { LocalizedElement } from '../../ui/localized-element';
import { sheetText } from '../../ui/styles';

const ms = (v: number | undefined) => (v === undefined ? '—' : v >= 1000 ? `${formatNumber(v / 1000, 1, 1)} s` : `${formatNumber(v, 0, 0)} ms`);

@customElement('compat-report-view')
export class CompatReportView extends LocalizedElement {
  static override styles = [
    sheetText,
    css`
      :host {
        display: block;
        margin-top: var(--ssd-space-m);
      }
      .scroll {
        overflow-x: auto;
      }
      table {
        border-collapse: collapse;
        font-size: 13px;
        min-width: 100%;
      }
      th,
      td {
        text-align: left;
        padding: 4px 8px;
        border-bottom: 1px solid var(--ssd-border);
        white-space: nowrap;
      }
      td.why {
        white-space: normal;
        min-width: 12em;
      }
      .bad {
        color: var(--ssd-error);
        font-weight: 600;
      }
      .note {
        font-size: 12px;
        color: var(--ssd-text-muted);
      }
    `,
  ];

  @property({ attribute: false }) report: CompatReport | null = null;
  @property({ attribute: false }) progress: CompatProgress | null = null;

  override render() {
    const c = messages.compat;
    if (this.progress) {
      const name = this.progress.backend ? messages.backendNames[this.progress.backend] : '';
      return html`<p role="status" data-testid="compat-progress">${c.checking(name, this.progress.done, this.progress.total)}</p>
        <progress max=${this.progress.total} .value=${this.progress.done}></progress>`;
    }
    const r = this.report;
    if (!r) return nothing;
    return html`<h3>${c.title}</h3>
      <div class="scroll">
        <table data-testid="compat-report">
          <thead>
            <tr>
              ${Object.values(c.columns).map((h) => html`<th scope="col">${h}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${r.rows.map((row) => this.renderRow(row))}
          </tbody>
        </table>
      </div>
      <p class="note">${c.note(r.frame, formatNumber(r.threshold, 2, 1))}</p>`;
  }

  private renderRow(row: CompatRow) {
    const c = messages.compat;
    const result =
      row.status === 'ran' ? c.ran : row.status === 'fell-back' ? `${c.fellBack(messages.backendNames[row.backend!])}${row.message ? `: ${row.message}` : ''}` : `${c.failed}: ${row.message ?? ''}`;
    const vs = row.requested === 'cpu' && row.status === 'ran'
      ? c.reference
      : row.vsCpu
        ? row.vsCpu.agrees
          ? c.agrees
          : c.differs(row.vsCpu.unmatched, formatNumber(row.vsCpu.maxScoreDiff, 3, 3), formatNumber(row.vsCpu.minIou, 2, 2))
        : '—';
    return html`<tr data-backend=${row.requested} data-status=${row.status} data-agrees=${row.vsCpu ? String(row.vsCpu.agrees) : ''}>
      <th scope="row">${messages.backendNames[row.requested]}</th>
      <td class="why ${row.status === 'failed' ? 'bad' : ''}">${result}</td>
      <td>${ms(row.coldMs)}</td>
      <td>${ms(row.warmMs)}</td>
      <td>${row.detections ?? '—'}</td>
      <td class="why ${row.vsCpu && !row.vsCpu.agrees ? 'bad' : ''}">${vs}</td>
    </tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'compat-report-view': CompatReportView;
  }
}
