// Stored bench results as a lab notebook: one table per run, this device and imported ones
// side by side, the charts, and export / import / share. Events up, data down. What each
// record shows comes from results-format.ts (pure, fuzzed in Node); a record that cannot be
// shown says why and keeps its Delete button.
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ListedResult } from '../../results/results-store';
import './bench-charts';
import { messages } from '../../i18n/messages';
import { resultCard } from './results-format';
import { fire, type SsdUiEvent } from '../../ui/events';
import '../../ui/file-button';
import { controls, sheetText } from '../../ui/styles';
import { LocalizedElement } from '../../ui/localized-element';

@customElement('results-view')
export class ResultsView extends LocalizedElement {
  static override styles = [
    controls,
    sheetText,
    css`
      :host {
        display: block;
        font: 12px/1.4 system-ui, sans-serif;
      }
      .devices {
        display: flex;
        flex-wrap: wrap;
        gap: var(--ssd-space-m);
      }
      section {
        flex: 1 1 360px;
        min-width: 0;
        overflow-x: auto;
        background: var(--ssd-card);
        border-radius: var(--ssd-radius-card);
        padding: 6px var(--ssd-space-s);
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
        border-bottom: 1px solid var(--ssd-hairline);
      }
      th:first-child,
      td:first-child {
        text-align: left;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 6px;
        margin: var(--ssd-space-s) 0;
      }
      /* a phone: each row a card of labelled figures, none of them off screen */
      :host {
        container-type: inline-size;
      }
      @container (max-width: 600px) {
        table,
        tbody,
        tr,
        td {
          display: block;
        }
        thead {
          display: none;
        }
        table {
          white-space: normal;
        }
        tr {
          display: grid;
          grid-template-columns: repeat(auto-fill, minmax(150px, 1fr));
          gap: 2px var(--ssd-space-m);
          padding: 6px 0;
          border-bottom: 1px solid var(--ssd-hairline);
        }
        td,
        td:first-child {
          text-align: left;
          border: none;
          padding: 0;
        }
        td:first-child {
          grid-column: 1 / -1;
          font-weight: 600;
        }
        td::before {
          content: attr(data-label) ': ';
          color: var(--ssd-text-muted);
        }
        td:first-child::before {
          content: none;
        }
      }
    `,
  ];

  /** stored results, unreadable ones included: each still shows, with its Delete button */
  @property({ attribute: false }) results: readonly ListedResult[] = [];
  @property() error: string | null = null;

  override render() {
    const t = messages.bench;
    return html`
      <div class="actions">
        <button data-testid="export-csv" ?disabled=${this.results.length === 0} @click=${() => fire(this, 'results-export', { format: 'csv' })}>${t.exportCsv}</button>
        <button data-testid="export-json" ?disabled=${this.results.length === 0} @click=${() => fire(this, 'results-export', { format: 'json' })}>${t.exportJson}</button>
        ${'share' in navigator ? html`<button ?disabled=${this.results.length === 0} @click=${() => fire(this, 'results-share', {})}>${t.share}</button>` : nothing}
        <file-button
          label=${t.importJson}
          input-testid="import-results"
          accept=".json,application/json"
          @file-pick=${(e: SsdUiEvent<'file-pick'>) => fire(this, 'results-import', { file: e.detail.files[0] })}
        ></file-button>
      </div>
      ${this.error ? html`<p class="error" role="alert" data-testid="results-error">${this.error}</p>` : nothing}
      ${this.results.length === 0
        ? html`<p>${t.none}</p>`
        : html`<bench-charts .results=${this.results}></bench-charts>
            <div class="devices">${this.results.map((r) => this.renderResult(r))}</div>`}
    `;
  }

  /** One record from its card (results-format.ts): a card holds only strings, so this cannot throw. */
  private renderResult(entry: ListedResult) {
    const t = messages.bench;
    const c = t.columns;
    const card = resultCard(entry);
    const remove = html`<button @click=${() => fire(this, 'results-remove', { id: card.id })}>${t.remove}</button>`;
    if (card.kind === 'broken') {
      return html`<section data-testid="result" data-device=${card.imported ? 'imported' : 'this'} data-unreadable>
        <p class="warn">${card.text}</p>
        ${remove}
      </section>`;
    }
    return html`<section data-testid="result" data-device=${card.imported ? 'imported' : 'this'}>
      <h3>${card.heading}</h3>
      <div>${card.about}</div>
      <table>
        <thead>
          <tr>
            <th>${c.model}</th><th>${c.backend}</th><th>${c.threads}</th><th>${c.cold}</th><th>${c.fps}</th><th>${c.total}</th>
            <th>${c.inference}</th><th>${c.readback}</th><th>${c.efficiency}</th><th>${c.multAdds}</th><th>${c.achieved}</th><th>${c.peak}</th><th>${c.tensors}</th>
          </tr>
        </thead>
        <tbody>
          ${card.rows.map(
            (row) => html`<tr>
              <td data-label=${c.model}>${row.model}</td>
              <td data-label=${c.backend} title=${row.fallbackReason}>${row.backend}${row.requested ? html` <span class="warn">(${row.requested}?)</span>` : nothing}</td>
              <td data-label=${c.threads}>${row.threads}</td>
              <td data-label=${c.cold}>${row.cold}</td>
              <td data-label=${c.fps} data-testid="fps">${row.fps}</td>
              <td data-label=${c.total}>${row.total}</td>
              <td data-label=${c.inference}>${row.inference}</td>
              <td data-label=${c.readback}>${row.readback}</td>
              <td data-label=${c.efficiency}>${row.efficiency}</td>
              <td data-label=${c.multAdds}>${row.multAdds}</td>
              <td data-label=${c.achieved}>${row.achieved}</td>
              <td data-label=${c.peak}>${row.peak}</td>
              <td data-label=${c.tensors}>${row.tensors}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${card.failures.length ? html`<p class="warn">${t.failures}: ${card.failures.join('; ')}</p>` : nothing}
      ${remove}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'results-view': ResultsView;
  }
}
