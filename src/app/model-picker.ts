// Picks the model. Fires `model-change` {id}; the app decides what a change means (restart
// the engine when running).
import { LitElement, css, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { ModelSummary } from '../engine/protocol';
import { messages } from './messages';
import { controls } from './styles';

export interface ModelChangeDetail {
  id: string;
}

@customElement('model-picker')
export class ModelPicker extends LitElement {
  static override styles = [
    controls,
    css`
      :host {
        display: inline-block;
        min-width: 0;
      }
      select {
        max-width: 100%;
      }
    `,
  ];

  @property({ attribute: false }) models: readonly ModelSummary[] = [];
  @property() value = '';
  @property({ type: Boolean }) disabled = false;

  @query('select') private select!: HTMLSelectElement;

  override render() {
    return html`<select
      aria-label=${messages.modelLabel}
      title=${messages.modelLabel}
      ?disabled=${this.disabled}
      @change=${this.onChange}
    >
      ${this.models.map(
        (m) =>
          html`<option value=${m.id} ?selected=${m.id === this.value}>
            ${m.name}${m.trained ? '' : ` (${messages.speedOnly})`}
          </option>`,
      )}
    </select>`;
  }

  protected override updated(): void {
    // Keep the control showing `value` even after the user picked something the app refused.
    if (this.select.value !== this.value) this.select.value = this.value;
  }

  private onChange(): void {
    this.dispatchEvent(
      new CustomEvent<ModelChangeDetail>('model-change', { detail: { id: this.select.value }, bubbles: true, composed: true }),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'model-picker': ModelPicker;
  }
}
