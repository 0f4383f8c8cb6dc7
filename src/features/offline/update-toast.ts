// "A new version is ready" with one action. The app decides what the action does (activate the
// waiting version and reload); this element only shows and reports taps.
import { css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { messages } from '../../i18n/messages';
import { controls } from '../../ui/styles';
import { fire } from '../../ui/events';
import { LocalizedElement } from '../../ui/localized-element';

@customElement('update-toast')
export class UpdateToast extends LocalizedElement {
  static override styles = [
    controls,
    css`
      :host {
        position: fixed;
        z-index: 20;
        top: calc(env(safe-area-inset-top) + 8px);
        left: 50%;
        transform: translateX(-50%);
        max-width: min(28rem, calc(100vw - 24px));
        pointer-events: auto;
      }
      .toast {
        display: flex;
        align-items: center;
        gap: 8px;
        padding: 6px 6px 6px 14px;
        border-radius: 24px;
        background: var(--ssd-sheet);
        border: 1px solid var(--ssd-accent-line);
        color: var(--ssd-text-strong);
        font-size: 14px;
        box-shadow: 0 4px 16px var(--ssd-shadow);
      }
      p {
        margin: 0;
        flex: 1;
      }
      button {
        flex: none;
      }
      .later {
        border-color: transparent;
        background: transparent;
        padding: 0 10px;
      }
    `,
  ];

  @property() message = '';
  @property() action = '';

  override render() {
    return html`<div class="toast" role="status" aria-live="polite">
      <p>${this.message}</p>
      <button data-testid="update-action" @click=${() => this.fire('toast-action')}>${this.action}</button>
      <button class="later" aria-label=${messages.pwa.later} title=${messages.pwa.later} @click=${() => this.fire('toast-dismiss')}>✕</button>
    </div>`;
  }

  private fire(type: 'toast-action' | 'toast-dismiss'): void {
    fire(this, type);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'update-toast': UpdateToast;
  }
}
