// Picks the TensorFlow.js backend (auto, webgpu, webgl, wasm, cpu). Fires `backend-change`
// {backend}. A backend this browser lacks stays selectable: the engine then falls back and
// says why, which is more useful than hiding the choice.
import { css, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { BackendRequest } from '../../shared/protocol';
import { messages } from '../../i18n/messages';
import { controls } from '../../ui/styles';
import { fire } from '../../ui/events';
import { BACKEND_REQUESTS } from '../../automation/url-params';
import { LocalizedElement } from '../../ui/localized-element';

export interface BackendChangeDetail {
  backend: BackendRequest;
}

function missingHere(backend: BackendRequest): boolean {
  if (backend === 'webgpu') return !('gpu' in navigator);
  if (backend === 'wasm') return typeof WebAssembly !== 'object';
  return false;
}

@customElement('backend-picker')
export class BackendPicker extends LocalizedElement {
  static override styles = [
    controls,
    css`
      :host {
        display: inline-block;
      }
    `,
  ];

  @property() value: BackendRequest = 'auto';
  @property({ type: Boolean }) disabled = false;

  @query('select') private select!: HTMLSelectElement;

  override render() {
    return html`<select
      aria-label=${messages.backendLabel}
      title=${messages.backendLabel}
      ?disabled=${this.disabled}
      @change=${this.onChange}
    >
      ${BACKEND_REQUESTS.map(
        (b) =>
          html`<option value=${b} ?selected=${b === this.value}>
            ${messages.backendNames[b]}${missingHere(b) ? ` (${messages.backendMissing})` : ''}
          </option>`,
      )}
    </select>`;
  }

  protected override updated(): void {
    if (this.select.value !== this.value) this.select.value = this.value;
  }

  private onChange(): void {
    const backend = this.select.value as BackendRequest;
    fire(this, 'backend-change', { backend });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'backend-picker': BackendPicker;
  }
}
