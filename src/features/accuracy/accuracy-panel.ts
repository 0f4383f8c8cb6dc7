// The accuracy sheet: pick a labelled set (accuracy-set-picker), choose trained models and
// backends, run with a progress bar (images done, images/s, time left) and Cancel, then read
// the stored results: one run in full (accuracy-result), the speed/accuracy chart of its set,
// the list of runs (this device's and imported ones) with export and import. Loaded on first
// open (ssd-app imports it dynamically). Data down from the AccuracyController through
// ssd-app; events up.
import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { EvalProgress } from '../../engine/accuracy/eval-runner';
import type { EvalSet } from '../../engine/accuracy/eval-set';
import type { BackendRequest, ModelSummary } from '../../shared/protocol';
import { mapLabels } from '../../evaluation/label-map';
import { isReadableRun, type ListedEvalRun, type StoredEvalRun } from '../../results/eval-export';
import type { ListedResult } from '../../results/results-store';
import { runAbout, runFigures, runTitle } from './accuracy-format';
import './accuracy-result';
import './accuracy-set-picker';
import { formatNumber } from '../../i18n/format';
import { messages } from '../../i18n/messages';
import './speed-accuracy-chart';
import { fire, type SsdUiEvent } from '../../ui/events';
import '../../ui/file-button';
import '../../ui/sheet';
import { controls, sheetText } from '../../ui/styles';
import { LocalizedElement } from '../../ui/localized-element';
import { displayName, modelName } from '../../i18n/labels';

const BACKENDS: BackendRequest[] = ['wasm', 'webgpu', 'webgl', 'cpu'];

@customElement('accuracy-panel')
export class AccuracyPanel extends LocalizedElement {
  static override styles = [
    controls,
    sheetText,
    css`
      :host {
        display: flex;
        flex-direction: column;
        font: 14px/1.45 system-ui, sans-serif;
      }
      h3 {
        font-size: 15px;
        margin: 14px 0 6px;
      }
      p {
        margin: 4px 0;
      }
      .muted {
        font-size: 13px;
      }
      fieldset {
        border: 1px solid var(--ssd-border);
        border-radius: var(--ssd-radius-card);
        margin: var(--ssd-space-s) 0;
        min-width: 0;
      }
      .choices {
        display: flex;
        flex-wrap: wrap;
        gap: var(--ssd-space-xs) 14px;
      }
      .choices label {
        min-height: 32px;
        display: inline-flex;
        align-items: center;
        gap: var(--ssd-space-xs);
      }
      .row {
        display: flex;
        gap: var(--ssd-space-s);
        align-items: center;
        flex-wrap: wrap;
        margin: var(--ssd-space-s) 0;
      }
      input[type='number'] {
        width: 6em;
        font: inherit;
        min-height: 36px;
      }
      progress {
        width: 100%;
        height: 10px;
        accent-color: var(--ssd-accent);
      }
      .runs {
        display: grid;
        gap: var(--ssd-space-s);
        grid-template-columns: repeat(auto-fill, minmax(260px, 1fr));
      }
      .run {
        background: var(--ssd-card);
        border-radius: var(--ssd-radius-card);
        padding: 6px 10px;
        min-width: 0;
        overflow-wrap: anywhere;
      }
      .run[aria-current='true'] {
        outline: 2px solid var(--ssd-accent);
      }
      .run strong {
        display: block;
      }
      .detail {
        border-top: 1px solid var(--ssd-border);
        margin-top: var(--ssd-space-m);
        padding-top: 6px;
      }
    `,
  ];

  @property({ attribute: false }) models: readonly ModelSummary[] = [];
  @property({ attribute: false }) runs: readonly ListedEvalRun[] = [];
  /** stored bench results: their fps, where they have the pair, go on the chart */
  @property({ attribute: false }) bench: readonly ListedResult[] = [];
  @property({ attribute: false }) set: EvalSet | null = null;
  @property({ type: Boolean }) reading = false;
  @property() setError: string | null = null;
  @property({ attribute: false }) progress: EvalProgress | null = null;
  @property({ type: Boolean }) running = false;
  @property() error: string | null = null;
  @property() notice: string | null = null;

  @state() private chosen = new Set<string>();
  @state() private backends = new Set<BackendRequest>(['wasm']);
  @state() private limit = '';
  @state() private selectedId: IDBValidKey | null = null;

  /** Models that can be scored: trained or imported, never the speed-only ones. */
  private get evaluable(): ModelSummary[] {
    return this.models.filter((m) => m.trained && m.group !== 'speed-only');
  }

  override willUpdate(changed: PropertyValues<this>): void {
    // a new set: preselect the models that know at least one of its classes
    if (changed.has('set') && this.set) {
      const categories = this.set.dataset.categories;
      const fitting = this.evaluable.filter((m) => mapLabels(m.labels, categories).pairs.length > 0).map((m) => m.id);
      if (fitting.length) this.chosen = new Set(fitting.slice(0, 2));
    }
    // a run just ended: show the newest result
    if (changed.has('running') && changed.get('running') === true && !this.running) this.selectedId = null;
  }

  protected override updated(changed: PropertyValues<this>): void {
    // a run started: its progress and Cancel come into view (the sheet scrolls on a phone)
    if (changed.has('running') && this.running) this.renderRoot.querySelector('[data-testid="eval-progress"]')?.scrollIntoView({ block: 'nearest' });
  }

  override render() {
    const a = messages.accuracy;
    // Close and Escape close the sheet; a run goes on (Cancel stops it)
    return html`<ssd-sheet heading=${a.title} close-label=${a.close} close-testid="accuracy-close" @sheet-close=${() => fire(this, 'accuracy-close', {})}>
      <p class="muted">${a.help}</p>
      <accuracy-set-picker .set=${this.set} ?reading=${this.reading} .setError=${this.setError} ?running=${this.running}></accuracy-set-picker>
      <fieldset>
        <legend>${a.models}</legend>
        <div class="choices">
          ${this.evaluable.map(
            (m) =>
              html`<label
                ><input
                  type="checkbox"
                  data-model=${m.id}
                  .checked=${this.chosen.has(m.id)}
                  @change=${(e: Event) => (this.chosen = toggled(this.chosen, m.id, e))}
                />
                ${modelName(m)}</label
              >`,
          )}
        </div>
      </fieldset>
      <fieldset>
        <legend>${a.backends}</legend>
        <div class="choices">
          ${BACKENDS.map(
            (b) =>
              html`<label
                ><input
                  type="checkbox"
                  data-backend=${b}
                  .checked=${this.backends.has(b)}
                  @change=${(e: Event) => (this.backends = toggled(this.backends, b, e))}
                />
                ${messages.backendNames[b]}</label
              >`,
          )}
        </div>
      </fieldset>
      <div class="row">
        <label
          >${a.limit}
          <input type="number" min="1" data-testid="eval-limit" .value=${this.limit} @change=${(e: Event) => (this.limit = (e.target as HTMLInputElement).value)}
        /></label>
        ${this.running
          ? html`<button data-testid="eval-cancel" @click=${() => fire(this, 'accuracy-cancel', {})}>${a.cancel}</button>`
          : html`<button
              class="primary"
              data-testid="eval-run"
              ?disabled=${!this.set || this.reading || this.chosen.size === 0 || this.backends.size === 0}
              @click=${this.onRun}
            >
              ${a.run}
            </button>`}
      </div>
      ${this.renderProgress()}
      ${this.error ? html`<p class="error" role="alert" data-testid="eval-error">${this.error}</p>` : nothing}
      ${this.notice ? html`<p class="ok" role="status">${this.notice}</p>` : nothing}
      ${this.renderResults()}
    </ssd-sheet>`;
  }

  private renderProgress() {
    const p = this.progress;
    if (!this.running) return nothing;
    const a = messages.accuracy;
    const name = (id: string) => displayName(this.models.find((m) => m.id === id), id);
    const overall = p && p.total > 0 ? ((p.pair - 1) * p.total + p.done) / (p.pairs * p.total) : 0;
    const stage = !p || p.stage === 'loading' ? a.loading : p.stage === 'scoring' ? a.scoring : a.progressImages(formatNumber(p.done, 0), formatNumber(p.total, 0));
    const speed =
      p && p.stage === 'running' && p.imagesPerSecond !== null
        ? [a.rate(formatNumber(p.imagesPerSecond, 2, 1)), p.etaSeconds !== null ? a.eta(formatNumber(Math.ceil(p.etaSeconds), 0)) : ''].filter(Boolean).join(' · ')
        : '';
    return html`<div role="status" data-testid="eval-progress" data-done=${p?.done ?? 0} data-total=${p?.total ?? 0}>
      <p>${p ? a.progressPair(name(p.model), messages.backendNames[p.backend], p.pair, p.pairs) : a.loading}: ${stage}</p>
      <progress max="1" .value=${overall}></progress>
      ${speed ? html`<p class="muted">${speed}</p>` : nothing}
      <p class="muted">${a.livePaused}</p>
    </div>`;
  }

  private renderResults() {
    const a = messages.accuracy;
    const readable = this.runs.filter(isReadableRun);
    const selected = readable.find((r) => r.id === this.selectedId) ?? readable[0] ?? null;
    return html`
      <h3>${a.results}</h3>
      <div class="row">
        <button data-testid="eval-export-csv" ?disabled=${readable.length === 0} @click=${() => fire(this, 'accuracy-export', { format: 'csv' })}>${a.exportCsv}</button>
        <button data-testid="eval-export-json" ?disabled=${readable.length === 0} @click=${() => fire(this, 'accuracy-export', { format: 'json' })}>
          ${a.exportJson}
        </button>
        <file-button
          label=${a.importJson}
          input-testid="eval-import"
          accept=".json,application/json"
          @file-pick=${(e: SsdUiEvent<'file-pick'>) => fire(this, 'accuracy-import', { file: e.detail.files[0] })}
        ></file-button>
      </div>
      ${this.runs.length === 0
        ? html`<p class="muted">${a.none}</p>`
        : html`<div class="runs">${this.runs.map((r) => this.renderRunCard(r, selected))}</div>`}
      ${selected
        ? html`<div class="detail">
            <accuracy-result .run=${selected}></accuracy-result>
            <speed-accuracy-chart .runs=${this.runs} .bench=${this.bench} .models=${this.models} .setSha256=${selected.set.sha256}></speed-accuracy-chart>
          </div>`
        : nothing}
    `;
  }

  private renderRunCard(r: ListedEvalRun, selected: StoredEvalRun | null) {
    const a = messages.accuracy;
    const remove = html`<button @click=${() => fire(this, 'accuracy-remove', { id: r.id })}>${a.remove}</button>`;
    if (!isReadableRun(r)) {
      return html`<div class="run" data-testid="eval-result-card" data-unreadable><p class="error">${a.unreadable(r.unreadable)}</p>${remove}</div>`;
    }
    const current = selected?.id === r.id;
    return html`<div class="run" data-testid="eval-result-card" data-run-id=${r.id} aria-current=${current ? 'true' : 'false'}>
      <strong>${runTitle(r)}</strong>
      <span class="muted">${runAbout(r)}</span>
      <p>${runFigures(r)}</p>
      <div class="row">
        <button aria-pressed=${current ? 'true' : 'false'} @click=${() => (this.selectedId = r.id)}>${a.show}</button>
        ${remove}
      </div>
    </div>`;
  }

  private onRun(): void {
    const n = Number(this.limit);
    const limit = this.limit.trim() !== '' && Number.isInteger(n) && n > 0 ? n : null;
    const order = this.evaluable.map((m) => m.id);
    fire(this, 'accuracy-run', {
      models: order.filter((id) => this.chosen.has(id)),
      backends: BACKENDS.filter((b) => this.backends.has(b)),
      limit,
    });
  }
}

function toggled<T>(set: ReadonlySet<T>, value: T, e: Event): Set<T> {
  const next = new Set(set);
  if ((e.target as HTMLInputElement).checked) next.add(value);
  else next.delete(value);
  return next;
}

declare global {
  interface HTMLElementTagNameMap {
    'accuracy-panel': AccuracyPanel;
  }
}
