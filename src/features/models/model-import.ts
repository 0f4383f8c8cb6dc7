// The import panel: pick or drop a graph model's files, say how to read its outputs, save it;
// list and delete imported models. Properties down (what the controller found), events up
// (files picked, config to save, model to delete).
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ModelSummary } from '../../shared/protocol';
import type { PixelRange, UserModelConfig } from '../../storage/user-models/store';
import { formatBytes, formatNumber } from '../../i18n/format';
import { messages } from '../../i18n/messages';
import { fire, type SsdUiEvent } from '../../ui/events';
import '../../ui/file-button';
import '../../ui/sheet';
import { controls, sheetText } from '../../ui/styles';
import type { PendingGraph, PendingImport } from './user-models-controller';
import './keras-import-form';
import './compat-report-view';
import type { CompatProgress } from '../../engine/compat/compat-runner';
import type { CompatReport } from '../../shared/compat-report';
import { modelName } from '../../i18n/labels';
import { LocalizedElement } from '../../ui/localized-element';

/** graph-model layouts (an ssd_keras .h5 has its own form) */
type Adapter = Exclude<UserModelConfig['adapter'], 'ssd-keras'>;
type LabelChoice = 'coco80' | 'coco90' | 'custom';
type Resize = NonNullable<UserModelConfig['resize']>;

@customElement('model-import')
export class ModelImport extends LocalizedElement {
  static override styles = [
    controls,
    sheetText,
    css`
      :host {
        display: flex;
        flex-direction: column;
        font: 14px/1.45 system-ui, sans-serif;
      }
      ssd-sheet {
        max-height: 75vh;
      }
      h3 {
        font-size: 15px;
        margin: var(--ssd-space-m) 0 6px;
      }
      .drop {
        border: 2px dashed var(--ssd-border);
        border-radius: var(--ssd-radius-card);
        padding: var(--ssd-space-m);
        margin: var(--ssd-space-s) 0;
        text-align: center;
      }
      .drop.over {
        border-color: var(--ssd-accent);
        background: var(--ssd-accent-wash);
      }
      label {
        display: block;
        margin: 6px 0 2px;
        color: var(--ssd-text-muted);
      }
      input[type='text'],
      input[type='number'],
      select,
      textarea {
        width: 100%;
        box-sizing: border-box;
      }
      .error {
        margin: 6px 0;
      }
      ul {
        padding: 0;
        list-style: none;
      }
      li {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: var(--ssd-space-s);
        margin: var(--ssd-space-xs) 0;
      }
      .row {
        display: flex;
        gap: var(--ssd-space-s);
        margin-top: 10px;
      }
    `,
  ];

  @property({ attribute: false }) models: readonly ModelSummary[] = [];
  @property({ attribute: false }) pending: PendingImport | null = null;
  @property() error: string | null = null;
  /** technical detail of the error in another language, behind a Details disclosure */
  @property() errorDetail: string | null = null;
  @property({ type: Boolean }) busy = false;
  /** the pending model's compatibility report, and the check's progress while it runs */
  @property({ attribute: false }) report: CompatReport | null = null;
  @property({ attribute: false }) checkProgress: CompatProgress | null = null;
  /** share of an .h5's weights read (0..1) while it is read; Cancel stops the reading */
  @property({ attribute: false }) readProgress: number | null = null;

  @state() private over = false;
  @state() private adapter: Adapter = 'centernet';
  @state() private labelChoice: LabelChoice = 'coco80';

  /** a new model's files: the form starts from the layout its outputs look like */
  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (!changed.has('pending') || this.pending?.kind !== 'graph') return;
    const { adapter, evidence } = this.pending.proposal;
    if (adapter) this.adapter = adapter;
    const classes = 'classes' in evidence ? evidence.classes : null;
    if (classes !== null) this.labelChoice = classes === 80 ? 'coco80' : classes === 90 || classes === 91 ? 'coco90' : 'custom';
  }

  override render() {
    const t = messages.importer;
    return html`<ssd-sheet heading=${t.title} close-label=${t.close} close-testid="import-close" @sheet-close=${() => fire(this, 'import-close', {})}>
      <p>${t.help}</p>
      <div
        class="drop ${this.over ? 'over' : ''}"
        @dragover=${(e: DragEvent) => {
          e.preventDefault();
          this.over = true;
        }}
        @dragleave=${() => (this.over = false)}
        @drop=${this.onDrop}
      >
        <file-button
          label=${t.pick}
          input-testid="import-files"
          multiple
          accept=".json,.bin,.h5,.hdf5,application/json,application/octet-stream,application/x-hdf5"
          @file-pick=${(e: SsdUiEvent<'file-pick'>) => fire(this, 'import-files', { files: e.detail.files })}
        ></file-button>
      </div>
      ${this.busy ? html`<p role="status">${t.checking}</p>` : nothing}
      ${this.readProgress !== null
        ? html`<progress data-testid="import-read-progress" max="1" .value=${this.readProgress} aria-label=${t.checking}></progress>
            <button type="button" data-testid="import-read-cancel" @click=${() => fire(this, 'import-cancel', {})}>${t.cancel}</button>`
        : nothing}
      ${this.error ? html`<p class="error" role="alert" data-testid="import-error">${this.error}</p>` : nothing}
      ${this.error && this.errorDetail
        ? html`<details data-testid="import-error-detail"><summary>${t.details}</summary><p>${this.errorDetail}</p></details>`
        : nothing}
      ${this.pending?.kind === 'graph' ? this.renderForm(this.pending) : nothing}
      ${this.pending?.kind === 'keras'
        ? html`<keras-import-form .pending=${this.pending} ?busy=${this.busy} ?checking=${this.checkProgress !== null}></keras-import-form>`
        : nothing}
      ${this.pending && (this.report || this.checkProgress)
        ? html`<compat-report-view .report=${this.report} .progress=${this.checkProgress}></compat-report-view>`
        : nothing}
      <h3>${t.yours}</h3>
      ${this.models.length === 0
        ? html`<p>${t.none}</p>`
        : html`<ul data-testid="user-models">
            ${this.models.map(
              (m) => html`<li data-model-id=${m.id}>
                <span>${modelName(m)} · ${formatBytes(m.downloadBytes)}</span>
                <button aria-label=${t.remove(modelName(m))} @click=${() => fire(this, 'import-delete', { id: m.id })}>✕</button>
              </li>`,
            )}
          </ul>`}
    </ssd-sheet>`;
  }

  private renderForm(p: PendingGraph) {
    const t = messages.importer;
    const size = p.inputShape[1] > 0 ? p.inputShape[1] : 320;
    return html`<form data-testid="import-form" @submit=${this.onSave}>
      <p>${t.found(`[${p.inputShape.join(', ')}]`, formatNumber(p.sizeBytes / 1048576, 1, 1))}</p>
      <p data-testid="import-layout" data-layout=${p.proposal.adapter ?? 'unknown'}>${t.layout(p.proposal.evidence)}</p>
      <label for="name">${t.name}</label>
      <input id="name" name="name" type="text" required .value=${p.fileName} />
      <label for="adapter">${t.format}</label>
      <select id="adapter" name="adapter" @change=${(e: Event) => (this.adapter = (e.target as HTMLSelectElement).value as Adapter)}>
        ${(Object.keys(t.formats) as Adapter[]).map((a) => html`<option value=${a} ?selected=${a === this.adapter}>${t.formats[a]}</option>`)}
      </select>
      <label for="outputs">${t.outputs}</label>
      <input id="outputs" name="outputs" type="text" required .value=${p.outputs.join(', ')} />
      ${this.adapter === 'ssd-raw'
        ? html`<label><input type="checkbox" name="background" /> ${t.background}</label>`
        : nothing}
      <label for="inputSize">${t.inputSize}</label>
      <input id="inputSize" name="inputSize" type="number" min="32" max="2048" required .value=${String(size)} />
      <label for="pixelRange">${t.pixelRange}</label>
      <select id="pixelRange" name="pixelRange">
        ${(Object.keys(t.ranges) as PixelRange[]).map((r) => html`<option value=${r} ?selected=${r === p.proposal.pixelRange}>${t.ranges[r]}</option>`)}
      </select>
      <label for="resize">${t.resize}</label>
      <select id="resize" name="resize">
        ${(Object.keys(t.resizes) as Resize[]).map((r) => html`<option value=${r} ?selected=${r === (p.proposal.resize ?? 'stretch')}>${t.resizes[r]}</option>`)}
      </select>
      <label for="dtype">${t.dtype}</label>
      <select id="dtype" name="dtype">
        <option value="float32">float32</option>
        <option value="int32">int32</option>
      </select>
      <label for="labels">${t.labels}</label>
      <select id="labels" name="labels" @change=${(e: Event) => (this.labelChoice = (e.target as HTMLSelectElement).value as LabelChoice)}>
        ${(Object.keys(t.labelSets) as LabelChoice[]).map((l) => html`<option value=${l} ?selected=${l === this.labelChoice}>${t.labelSets[l]}</option>`)}
      </select>
      ${this.labelChoice === 'custom'
        ? html`<label for="customLabels">${t.customLabels}</label><textarea id="customLabels" name="customLabels" rows="2"></textarea>`
        : nothing}
      <div class="row">
        <button class="primary" type="submit" data-testid="import-save" ?disabled=${this.busy}>${t.save}</button>
        <button
          type="button"
          data-testid="import-check"
          ?disabled=${this.busy || this.checkProgress !== null}
          @click=${(e: Event) => fire(this, 'import-check', { config: this.configOf((e.target as HTMLElement).closest('form')!) })}
        >
          ${messages.compat.check}
        </button>
        <button type="button" @click=${() => fire(this, 'import-cancel', {})}>${t.cancel}</button>
      </div>
    </form>`;
  }

  private onDrop(e: DragEvent): void {
    e.preventDefault();
    this.over = false;
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length) fire(this, 'import-files', { files });
  }

  private onSave(e: SubmitEvent): void {
    e.preventDefault();
    fire(this, 'import-save', { config: this.configOf(e.target as HTMLFormElement) });
  }

  private configOf(formElement: HTMLFormElement): UserModelConfig {
    const form = new FormData(formElement);
    const text = (k: string) => String(form.get(k) ?? '').trim();
    const labels: UserModelConfig['labels'] =
      this.labelChoice === 'custom' ? text('customLabels').split(',').map((l) => l.trim()) : this.labelChoice;
    const config: UserModelConfig = {
      name: text('name'),
      adapter: this.adapter,
      outputs: text('outputs').split(',').map((o) => o.trim()).filter(Boolean),
      inputSize: Number(text('inputSize')),
      inputDtype: text('dtype') === 'int32' ? 'int32' : 'float32',
      pixelRange: text('pixelRange') as PixelRange,
      labels,
      scoresIncludeBackground: form.get('background') === 'on',
      resize: text('resize') === 'pad-square' ? 'pad-square' : 'stretch',
    };
    return config;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'model-import': ModelImport;
  }
}
