// The accuracy sheet: pick a labelled set (a folder, files, or a drop), choose trained models
// and backends, run with a progress bar (images done, images/s, time left) and Cancel, then
// read the stored results: one run in full (accuracy-result), the speed/accuracy chart of its
// set, the list of runs (this device's and imported ones) with export and import. Loaded on
// first open (ssd-app imports it dynamically). Data down from the AccuracyController through
// ssd-app; events up.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { EvalProgress } from '../../engine/accuracy/eval-runner';
import type { EvalSet } from '../../engine/accuracy/eval-set';
import type { BackendRequest, ModelSummary } from '../../shared/protocol';
import { mapLabels } from '../../evaluation/label-map';
import { isReadableRun, type ListedEvalRun, type StoredEvalRun } from '../../results/eval-export';
import type { ListedResult } from '../../results/results-store';
import { FORMAT_NAMES, runAbout, runFigures, runTitle } from './accuracy-format';
import './accuracy-result';
import { formatNumber } from '../../i18n/format';
import { LocaleController } from '../../i18n/locale-controller';
import { messages } from '../../i18n/messages';
import { filesFromDrop, filesFromInput, hasDirectoryPicker, pickDirectory } from './pick-files';
import './speed-accuracy-chart';
import { controls } from '../../ui/styles';

const BACKENDS: BackendRequest[] = ['wasm', 'webgpu', 'webgl', 'cpu'];

@customElement('accuracy-panel')
export class AccuracyPanel extends LitElement {
  /** re-render when the UI language changes */
  protected readonly i18n = new LocaleController(this);
  static override styles = [
    controls,
    css`
      :host {
        display: block;
        font: 14px/1.45 system-ui, sans-serif;
        color: #eef;
        background: rgba(10, 14, 20, 0.96);
        border-radius: 12px;
        padding: 12px 14px;
        max-height: 85vh;
        overflow: auto;
        box-sizing: border-box;
      }
      h2 {
        font-size: 17px;
        margin: 0 0 4px;
      }
      h3 {
        font-size: 15px;
        margin: 14px 0 6px;
      }
      p {
        margin: 4px 0;
      }
      .muted {
        color: #b8c4d0;
        font-size: 13px;
      }
      fieldset {
        border: 1px solid #345;
        border-radius: 8px;
        margin: 8px 0;
        min-width: 0;
      }
      fieldset.drop {
        border-style: dashed;
      }
      fieldset.drop.over {
        border-color: #7cc4ff;
        background: rgba(124, 196, 255, 0.08);
      }
      .choices {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 14px;
      }
      .choices label {
        min-height: 32px;
        display: inline-flex;
        align-items: center;
        gap: 4px;
      }
      .row {
        display: flex;
        gap: 8px;
        align-items: center;
        flex-wrap: wrap;
        margin: 8px 0;
      }
      input[type='number'] {
        width: 6em;
        font: inherit;
        min-height: 36px;
      }
      .hidden-input {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip: rect(0 0 0 0);
        white-space: nowrap;
      }
      progress {
        width: 100%;
        height: 10px;
        accent-color: #7cc4ff;
      }
      .error {
        color: #ffb0a0;
      }
      .ok {
        color: #9be39b;
      }
      .runs {
        display: grid;
        gap: 8px;
        grid-template-columns: repeat(auto-fill, minmax(260px, 1fr));
      }
      .run {
        background: rgba(255, 255, 255, 0.05);
        border-radius: 8px;
        padding: 6px 10px;
        min-width: 0;
        overflow-wrap: anywhere;
      }
      .run[aria-current='true'] {
        outline: 2px solid #7cc4ff;
      }
      .run strong {
        display: block;
      }
      .detail {
        border-top: 1px solid #345;
        margin-top: 12px;
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
  @state() private dragging = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.onKeydown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.onKeydown);
  }

  /** Escape closes the sheet, as every sheet does (a run goes on: Cancel stops it). */
  private readonly onKeydown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    this.fire('accuracy-close', {});
  };

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
    return html`
      <h2>${a.title}</h2>
      <p class="muted">${a.help}</p>
      ${this.renderSet()}
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
                ${m.name}</label
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
          ? html`<button data-testid="eval-cancel" @click=${() => this.fire('accuracy-cancel', {})}>${a.cancel}</button>`
          : html`<button
              class="primary"
              data-testid="eval-run"
              ?disabled=${!this.set || this.reading || this.chosen.size === 0 || this.backends.size === 0}
              @click=${this.onRun}
            >
              ${a.run}
            </button>`}
        <button @click=${() => this.fire('accuracy-close', {})}>${a.close}</button>
      </div>
      ${this.renderProgress()}
      ${this.error ? html`<p class="error" role="alert" data-testid="eval-error">${this.error}</p>` : nothing}
      ${this.notice ? html`<p class="ok" role="status">${this.notice}</p>` : nothing}
      ${this.renderResults()}
    `;
  }

  private renderSet() {
    const a = messages.accuracy;
    const s = this.set;
    return html`<fieldset
      class="drop ${this.dragging ? 'over' : ''}"
      data-testid="set-drop"
      @dragover=${this.onDragOver}
      @dragleave=${() => (this.dragging = false)}
      @drop=${this.onDrop}
    >
      <legend>${a.set}</legend>
      <div class="row">
        <button data-testid="pick-folder" ?disabled=${this.running} @click=${this.onPickFolder}>${a.pickFolder}</button>
        <button ?disabled=${this.running} @click=${() => this.input('files')?.click()}>${a.pickFiles}</button>
        <input
          class="hidden-input"
          type="file"
          webkitdirectory
          multiple
          tabindex="-1"
          aria-label=${a.folderInput}
          data-testid="set-folder-input"
          @change=${this.onInput}
        />
        <input
          class="hidden-input"
          type="file"
          multiple
          tabindex="-1"
          aria-label=${a.filesInput}
          data-testid="set-files-input"
          @change=${this.onInput}
        />
      </div>
      <p class="muted">${a.drop} ${a.formatsHelp}</p>
      ${this.reading
        ? html`<p role="status">${a.reading}</p>`
        : s
          ? html`<p data-testid="set-summary">
              ${a.setSummary(
                s.name,
                FORMAT_NAMES[s.format] ?? s.format,
                formatNumber(s.images.length, 0),
                formatNumber(s.dataset.annotations.length, 0),
                formatNumber(s.dataset.categories.length, 0),
              )}
            </p>`
          : html`<p class="muted">${a.noSet}</p>`}
      ${this.setError ? html`<p class="error" role="alert" data-testid="set-error">${this.setError}</p>` : nothing}
    </fieldset>`;
  }

  private renderProgress() {
    const p = this.progress;
    if (!this.running) return nothing;
    const a = messages.accuracy;
    const name = (id: string) => this.models.find((m) => m.id === id)?.name ?? id;
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
        <button data-testid="eval-export-csv" ?disabled=${readable.length === 0} @click=${() => this.fire('accuracy-export', { format: 'csv' })}>${a.exportCsv}</button>
        <button data-testid="eval-export-json" ?disabled=${readable.length === 0} @click=${() => this.fire('accuracy-export', { format: 'json' })}>
          ${a.exportJson}
        </button>
        <label
          >${a.importJson}
          <input data-testid="eval-import" type="file" accept=".json,application/json" @change=${this.onImport}
        /></label>
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
    const remove = html`<button @click=${() => this.fire('accuracy-remove', { id: r.id })}>${a.remove}</button>`;
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

  private input(kind: 'folder' | 'files'): HTMLInputElement | null {
    return this.renderRoot.querySelector<HTMLInputElement>(`[data-testid="set-${kind}-input"]`);
  }

  private async onPickFolder(): Promise<void> {
    if (!hasDirectoryPicker()) {
      this.input('folder')?.click();
      return;
    }
    try {
      const files = await pickDirectory();
      if (files) this.fire('accuracy-pick', { files });
    } catch {
      // the picker refused (a policy, a folder it will not open): the directory input still can
      this.input('folder')?.click();
    }
  }

  private onInput(e: Event): void {
    const input = e.target as HTMLInputElement;
    const files = filesFromInput(input);
    input.value = '';
    if (files.length) this.fire('accuracy-pick', { files });
  }

  private onDragOver(e: DragEvent): void {
    if (this.running) return;
    e.preventDefault();
    this.dragging = true;
  }

  private async onDrop(e: DragEvent): Promise<void> {
    e.preventDefault();
    this.dragging = false;
    if (this.running || !e.dataTransfer) return;
    const files = await filesFromDrop(e.dataTransfer);
    if (files.length) this.fire('accuracy-pick', { files });
  }

  private onRun(): void {
    const n = Number(this.limit);
    const limit = this.limit.trim() !== '' && Number.isInteger(n) && n > 0 ? n : null;
    const order = this.evaluable.map((m) => m.id);
    this.fire('accuracy-run', {
      models: order.filter((id) => this.chosen.has(id)),
      backends: BACKENDS.filter((b) => this.backends.has(b)),
      limit,
    });
  }

  private onImport(e: Event): void {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (file) this.fire('accuracy-import', { file });
    input.value = '';
  }

  private fire(type: string, detail: object): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
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
