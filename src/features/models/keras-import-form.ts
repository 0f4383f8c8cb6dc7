// The import form of ssd_keras .h5 weights: what the file was read as (variant, classes, boxes
// per cell), the training settings the weights need (ssd_keras's published presets, editable
// as JSON), the class names; checked here against what the weights say before it is saved.
// Properties down (what the reader found), events up (the config to save, cancel).
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { checkKerasParams, kerasBoxesPerLayer, kerasPreset, KERAS_SSD_PRESETS, type KerasSsdParams, type KerasSsdPreset } from '../../engine/keras-import-client';
import type { UserModelConfig } from '../../storage/user-models/store';
import { formatNumber } from '../../i18n/format';
import { messages } from '../../i18n/messages';
import { fire } from '../../ui/events';
import { LocalizedElement } from '../../ui/localized-element';
import { controls, sheetText } from '../../ui/styles';
import type { PendingKeras } from './user-models-controller';

type LabelChoice = 'voc20' | 'coco80' | 'custom';

/** The parameters as the form shows them: in the order ssd_keras takes them, number lists on one line. */
export function paramsText(p: KerasSsdParams): string {
  const ordered = {
    variant: p.variant, imageSize: p.imageSize, scales: p.scales, aspectRatiosPerLayer: p.aspectRatiosPerLayer,
    twoBoxesForAr1: p.twoBoxesForAr1, steps: p.steps, offsets: p.offsets, clipBoxes: p.clipBoxes,
    variances: p.variances, subtractMean: p.subtractMean, swapToBgr: p.swapToBgr,
  };
  return JSON.stringify(ordered, null, 1).replace(/\[[^[\]{}]*\]/g, (list) => list.replace(/\s+/g, ' ').replace('[ ', '[').replace(' ]', ']'));
}

/** The preset a file most likely was trained with: by variant, and COCO when it has 81 classes. */
function likelyPreset(p: PendingKeras): KerasSsdPreset {
  if (p.layout.variant === 'ssd512') return 'ssd512-voc';
  return p.layout.numClasses === 81 ? 'ssd300-coco' : 'ssd300-voc';
}

@customElement('keras-import-form')
export class KerasImportForm extends LocalizedElement {
  static override styles = [
    controls,
    sheetText,
    css`
      label {
        display: block;
        margin: 6px 0 2px;
        color: var(--ssd-text-muted);
      }
      input[type='text'],
      select,
      textarea {
        width: 100%;
        box-sizing: border-box;
      }
      textarea.params {
        font: 12px/1.4 ui-monospace, monospace;
      }
      .help {
        font-size: 12px;
        color: var(--ssd-text-muted);
        margin: 2px 0;
      }
      .row {
        display: flex;
        gap: var(--ssd-space-s);
        margin-top: 10px;
      }
    `,
  ];

  @property({ attribute: false }) pending!: PendingKeras;
  @property({ type: Boolean }) busy = false;
  /** a compatibility check runs */
  @property({ type: Boolean }) checking = false;

  @state() private preset: KerasSsdPreset = 'ssd300-voc';
  @state() private paramsText = '';
  @state() private labelChoice: LabelChoice = 'voc20';
  /** why the form cannot be saved as it is */
  @state() private problem: string | null = null;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (!changed.has('pending') || !this.pending) return;
    this.choosePreset(likelyPreset(this.pending));
    // a layers model says its own anchors: the form starts from them
    if (this.pending.params) this.paramsText = paramsText(this.pending.params);
    const classes = this.pending.layout.numClasses - 1;
    this.labelChoice = classes === 20 ? 'voc20' : classes === 80 ? 'coco80' : 'custom';
    this.problem = null;
  }

  private choosePreset(preset: KerasSsdPreset): void {
    this.preset = preset;
    this.paramsText = paramsText(kerasPreset(preset));
  }

  override render() {
    const t = messages.importer;
    const k = messages.keras;
    const p = this.pending;
    return html`<form data-testid="import-form" data-kind="keras" @submit=${this.onSave}>
      <p data-testid="import-layout" data-layout=${`ssd-keras-${p.layout.variant}`}>
        ${k.layout(p.layout.variant, p.layout.numClasses - 1, p.layout.boxesPerLayer.join(', '), p.layout.boxesPerLayer.length, formatNumber(p.layout.params, 0, 0))}
        ${k.readIn(formatNumber(p.readMs / 1000, 1, 1))}
      </p>
      <label for="name">${t.name}</label>
      <input id="name" name="name" type="text" required .value=${p.fileName} />
      <label for="preset">${k.preset}</label>
      <select id="preset" @change=${(e: Event) => this.choosePreset((e.target as HTMLSelectElement).value as KerasSsdPreset)}>
        ${(Object.keys(KERAS_SSD_PRESETS) as KerasSsdPreset[]).map((name) => html`<option value=${name} ?selected=${name === this.preset}>${k.presets[name]}</option>`)}
      </select>
      <label for="params">${k.params}</label>
      <p class="help">${k.paramsHelp}</p>
      <textarea id="params" class="params" rows="8" .value=${this.paramsText} @input=${(e: Event) => (this.paramsText = (e.target as HTMLTextAreaElement).value)}></textarea>
      <label for="labels">${t.labels}</label>
      <select id="labels" name="labels" @change=${(e: Event) => (this.labelChoice = (e.target as HTMLSelectElement).value as LabelChoice)}>
        ${(Object.keys(k.labelSets) as LabelChoice[]).map((l) => html`<option value=${l} ?selected=${l === this.labelChoice}>${k.labelSets[l]}</option>`)}
      </select>
      ${this.labelChoice === 'custom'
        ? html`<label for="customLabels">${k.customLabels}</label><textarea id="customLabels" name="customLabels" rows="2"></textarea>`
        : nothing}
      ${this.problem ? html`<p class="error" role="alert" data-testid="keras-form-problem">${this.problem}</p>` : nothing}
      <div class="row">
        <button class="primary" type="submit" data-testid="import-save" ?disabled=${this.busy}>${t.save}</button>
        <button type="button" data-testid="import-check" ?disabled=${this.busy || this.checking} @click=${this.onCheck}>${messages.compat.check}</button>
        <button type="button" @click=${() => fire(this, 'import-cancel', {})}>${t.cancel}</button>
      </div>
    </form>`;
  }

  /** The parameters as typed, or why they cannot be used (in the user's words). */
  private parseParams(): KerasSsdParams | string {
    const k = messages.keras;
    let params: KerasSsdParams;
    try {
      params = JSON.parse(this.paramsText) as KerasSsdParams;
    } catch (error) {
      return k.badJson((error as Error).message);
    }
    const wrong = typeof params === 'object' && params !== null ? checkKerasParams(params) : 'not an object';
    if (wrong) return k.badParams(wrong);
    const layout = this.pending.layout;
    if (params.variant !== layout.variant) return k.variantMismatch(layout.variant, params.variant);
    const boxes = kerasBoxesPerLayer(params);
    if (boxes.join() !== layout.boxesPerLayer.join()) return k.boxesMismatch(layout.boxesPerLayer.join(', '), boxes.join(', '));
    return params;
  }

  private onSave(e: SubmitEvent): void {
    e.preventDefault();
    const config = this.configOf(e.target as HTMLFormElement);
    if (config) fire(this, 'import-save', { config });
  }

  private onCheck(e: Event): void {
    const config = this.configOf((e.target as HTMLElement).closest('form')!);
    if (config) fire(this, 'import-check', { config });
  }

  /** The form as a config, or null with `problem` saying why it cannot be used. */
  private configOf(formElement: HTMLFormElement): UserModelConfig | null {
    const form = new FormData(formElement);
    const params = this.parseParams();
    if (typeof params === 'string') {
      this.problem = params;
      return null;
    }
    const classes = this.pending.layout.numClasses - 1;
    const labels: UserModelConfig['labels'] =
      this.labelChoice === 'custom'
        ? String(form.get('customLabels') ?? '')
            .split(',')
            .map((l) => l.trim())
        : this.labelChoice;
    const given = labels === 'voc20' ? 20 : labels === 'coco80' ? 80 : labels.length;
    if (given !== classes) {
      this.problem = messages.keras.labelCount(classes, given);
      return null;
    }
    this.problem = null;
    const config: UserModelConfig = {
      name: String(form.get('name') ?? '').trim() || this.pending.fileName,
      adapter: 'ssd-keras',
      outputs: [],
      inputSize: params.imageSize,
      inputDtype: 'float32',
      pixelRange: '0-255',
      labels,
      resize: 'stretch',
      keras: { params, numClasses: this.pending.layout.numClasses },
    };
    return config;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'keras-import-form': KerasImportForm;
  }
}
