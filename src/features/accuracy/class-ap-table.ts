// AP per class, sortable: by a header (wide screens, aria-sort says how it is sorted) or by
// the "Sort by" choice above it, which stays on a phone, where each class reads as a card
// with every figure labelled instead of a table wider than the screen. Rows come down as
// data (the run's perClass); the sort and the cells are accuracy-format.ts's.
import { css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { classCells, sortClassRows, type ClassColumn, type ClassRow } from './accuracy-format';
import { messages } from '../../i18n/messages';
import { controls } from '../../ui/styles';
import { LocalizedElement } from '../../ui/localized-element';

/** figure names are the COCO ones, the same in every language */
const FIGURES: Array<[ClassColumn, string]> = [
  ['ap', 'AP'],
  ['ap50', 'AP50'],
  ['ap75', 'AP75'],
  ['ar100', 'AR100'],
  ['vocAp50', 'VOC AP50'],
];

@customElement('class-ap-table')
export class ClassApTable extends LocalizedElement {
  static override styles = [
    controls,
    css`
      :host {
        display: block;
        container-type: inline-size;
        font-size: 13px;
      }
      .sort {
        display: flex;
        flex-wrap: wrap;
        gap: 6px 10px;
        align-items: center;
        margin: 4px 0 8px;
      }
      table {
        width: 100%;
        border-collapse: collapse;
        font-variant-numeric: tabular-nums;
      }
      th,
      td {
        padding: 3px 6px;
        text-align: right;
        border-bottom: 1px solid var(--ssd-hairline);
        white-space: nowrap;
      }
      th:first-child,
      td:first-child {
        text-align: left;
        white-space: normal;
      }
      th button {
        min-height: 32px;
        padding: 0 6px;
        border: none;
        background: none;
        font-size: 13px;
        font-weight: 600;
        border-radius: 6px;
      }
      th[aria-sort] button {
        text-decoration: underline;
      }
      /* a phone: one card per class, every figure with its name */
      @container (max-width: 560px) {
        table,
        tbody,
        tr,
        td {
          display: block;
        }
        thead {
          display: none;
        }
        tr {
          display: flex;
          flex-wrap: wrap;
          gap: 2px 12px;
          padding: 6px 0;
          border-bottom: 1px solid var(--ssd-hairline);
        }
        td {
          border: none;
          padding: 0;
          text-align: left;
        }
        td:first-child {
          flex: 1 0 100%;
          font-weight: 600;
        }
        td::before {
          content: attr(data-label) ' ';
          color: var(--ssd-text-muted);
        }
        td:first-child::before {
          content: none;
        }
      }
    `,
  ];

  @property({ attribute: false }) rows: readonly ClassRow[] = [];
  @state() private column: ClassColumn = 'ap';
  @state() private direction: 'ascending' | 'descending' = 'descending';

  override render() {
    const a = messages.accuracy;
    const c = a.columns;
    const columns: Array<[ClassColumn, string]> = [['name', c.name], ...FIGURES, ['gtCount', c.gtCount], ['detCount', c.detCount], ['threshold', c.threshold]];
    const sorted = sortClassRows(this.rows, this.column, this.direction).map(classCells);
    const header = (key: ClassColumn, label: string) =>
      html`<th scope="col" aria-sort=${this.column === key ? this.direction : 'none'}>
        <button @click=${() => this.sortBy(key)}>${label}</button>
      </th>`;
    return html`
      <div class="sort">
        <label
          >${a.sortBy}
          <select data-testid="class-sort" @change=${(e: Event) => (this.column = (e.target as HTMLSelectElement).value as ClassColumn)}>
            ${columns.map(([key, label]) => html`<option value=${key} ?selected=${this.column === key}>${label}</option>`)}
          </select></label
        >
        <select
          aria-label=${a.sortBy}
          @change=${(e: Event) => (this.direction = (e.target as HTMLSelectElement).value as 'ascending' | 'descending')}
        >
          <option value="descending" ?selected=${this.direction === 'descending'}>${a.descending}</option>
          <option value="ascending" ?selected=${this.direction === 'ascending'}>${a.ascending}</option>
        </select>
      </div>
      <table data-testid="class-table">
        <thead>
          <tr>
            ${columns.map(([key, label]) => header(key, label))}
          </tr>
        </thead>
        <tbody>
          ${sorted.map(
            (r) => html`<tr data-category=${r.categoryId}>
              <td>${r.name}</td>
              <td data-label="AP">${r.ap}</td>
              <td data-label="AP50">${r.ap50}</td>
              <td data-label="AP75">${r.ap75}</td>
              <td data-label="AR100">${r.ar100}</td>
              <td data-label="VOC AP50">${r.vocAp50}</td>
              <td data-label=${c.gtCount}>${r.gtCount}</td>
              <td data-label=${c.detCount}>${r.detCount}</td>
              <td data-label=${c.threshold}>${r.threshold}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    `;
  }

  /** A header click: that column, largest first (names A to Z); a second click turns it round. */
  private sortBy(column: ClassColumn): void {
    if (this.column === column) {
      this.direction = this.direction === 'ascending' ? 'descending' : 'ascending';
      return;
    }
    this.column = column;
    this.direction = column === 'name' ? 'ascending' : 'descending';
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'class-ap-table': ClassApTable;
  }
}
