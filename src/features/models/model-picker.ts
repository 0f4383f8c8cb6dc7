// Picks the model. Fires `model-change` {id}; the app decides what a change means (restart
// the engine when running). Its `i` button fires `model-info-toggle`: the app shows the
// model's info sheet (model-info.ts) like its other sheets; `info-open` says whether it shows.
import { css, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { ModelSummary } from '../../shared/protocol';
import { formatCount } from '../../i18n/format';
import { messages } from '../../i18n/messages';
import { controls } from '../../ui/styles';
import { fire } from '../../ui/events';
import { LocalizedElement } from '../../ui/localized-element';
import { modelName } from '../../i18n/labels';

const GROUPS = ['trained', 'speed-only', 'user'] as const;

export interface ModelChangeDetail {
  id: string;
}

@customElement('model-picker')
export class ModelPicker extends LocalizedElement {
  static override styles = [
    controls,
    css`
      :host {
        display: inline-flex;
        gap: 4px;
        min-width: 0;
        position: relative;
      }
      select {
        flex: 1 1 auto;
        max-width: 100%;
        min-width: 0;
        text-overflow: ellipsis;
      }
      button.info {
        flex: none;
      }
    `,
  ];

  @property({ attribute: false }) models: readonly ModelSummary[] = [];
  @property() value = '';
  @property({ type: Boolean }) disabled = false;
  /** the model's info sheet shows (the app opens it on `model-info-toggle`) */
  @property({ type: Boolean, attribute: 'info-open' }) infoOpen = false;
  /** no info button (the A/B panes: no room for a sheet beside them) */
  @property({ type: Boolean, attribute: 'no-info' }) noInfo = false;

  @query('select') private select!: HTMLSelectElement;

  override render() {
    return html`<select
        aria-label=${messages.modelLabel}
        title=${messages.modelLabel}
        ?disabled=${this.disabled}
        @change=${this.onChange}
      >
        ${GROUPS.map((group) => {
          const models = this.models.filter((m) => m.group === group);
          if (models.length === 0) return null;
          return html`<optgroup label=${messages.modelGroups[group]}>
            ${models.map((m) => html`<option value=${m.id} ?selected=${m.id === this.value}>${this.optionText(m)}</option>`)}
          </optgroup>`;
        })}
      </select>
      ${this.noInfo
        ? null
        : html`<button
            class="info"
            data-testid="model-info-button"
            aria-label=${messages.modelInfoButton}
            title=${messages.modelInfoButton}
            aria-expanded=${this.infoOpen ? 'true' : 'false'}
            @click=${() => fire(this, 'model-info-toggle')}
          >
            i
          </button>`}`;
  }

  /** Name plus the two numbers that matter when comparing backbones. */
  private optionText(m: ModelSummary): string {
    const f = messages.pickerFacts;
    const facts = [`${m.inputSize}${messages.units.px}`];
    if (m.multAdds !== null) facts.push(f.macs(formatCount(m.multAdds)));
    else if (m.params !== null) facts.push(f.params(formatCount(m.params)));
    if (m.needsNetwork) facts.push(f.download);
    return `${modelName(m)} · ${facts.join(' · ')}`;
  }

  protected override updated(): void {
    // Keep the control showing `value` even after the user picked something the app refused.
    if (this.select.value !== this.value) this.select.value = this.value;
  }

  private onChange(): void {
    fire(this, 'model-change', { id: this.select.value });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'model-picker': ModelPicker;
  }
}
