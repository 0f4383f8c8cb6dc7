// A small "Offline" pill while the browser reports no network. Renders nothing when online.
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { messages } from '../../i18n/messages';
import { LocalizedElement } from '../../ui/localized-element';

@customElement('offline-indicator')
export class OfflineIndicator extends LocalizedElement {
  static override styles = css`
    :host {
      display: inline-block;
      pointer-events: auto;
    }
    .pill {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 4px 10px;
      border-radius: 999px;
      background: var(--ssd-glass-strong);
      border: 1px solid var(--ssd-warn-line);
      color: var(--ssd-warn);
      font-size: 13px;
      line-height: 1.4;
    }
    .dot {
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: var(--ssd-warn);
    }
  `;

  @property({ type: Boolean, reflect: true }) offline = false;

  override render() {
    if (!this.offline) return nothing;
    return html`<span class="pill" role="status" title=${messages.pwa.offlineDetail} data-testid="offline">
      <span class="dot" aria-hidden="true"></span>${messages.pwa.offline}
    </span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'offline-indicator': OfflineIndicator;
  }
}
