// A message with one action (Retry, Start video...) and, for notices, a dismiss button.
// Errors are announced by screen readers at once (role=alert); notices politely.
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { messages } from '../../i18n/messages';
import { controls } from '../../ui/styles';
import { fire } from '../../ui/events';
import { LocalizedElement } from '../../ui/localized-element';

export type BannerSeverity = 'error' | 'notice';

@customElement('error-banner')
export class ErrorBanner extends LocalizedElement {
  static override styles = [
    controls,
    css`
      :host {
        display: block;
        pointer-events: auto;
      }
      .banner {
        display: flex;
        align-items: center;
        gap: 10px;
        padding: 10px 12px;
        border-radius: 12px;
        background: var(--ssd-danger);
        color: var(--ssd-text-strong);
        font-size: 14px;
        line-height: 1.4;
      }
      :host([severity='notice']) .banner {
        background: var(--ssd-notice);
        border: 1px solid var(--ssd-warn-line);
      }
      p {
        margin: 0;
        flex: 1;
        min-width: 0;
      }
      button {
        flex: none;
      }
      .dismiss {
        padding: 0 12px;
      }
    `,
  ];

  @property() message = '';
  /** label of the action button; no button when empty. */
  @property() action = '';
  @property({ reflect: true }) severity: BannerSeverity = 'error';
  @property({ type: Boolean }) dismissible = false;

  override render() {
    return html`<div class="banner" role=${this.severity === 'error' ? 'alert' : 'status'}>
      <p>${this.message}</p>
      ${this.action ? html`<button data-testid="retry" @click=${() => this.fire('banner-action')}>${this.action}</button>` : nothing}
      ${this.dismissible
        ? html`<button class="dismiss" aria-label=${messages.dismiss} title=${messages.dismiss} @click=${() => this.fire('banner-dismiss')}>
            ✕
          </button>`
        : nothing}
    </div>`;
  }

  private fire(type: 'banner-action' | 'banner-dismiss'): void {
    fire(this, type);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'error-banner': ErrorBanner;
  }
}
