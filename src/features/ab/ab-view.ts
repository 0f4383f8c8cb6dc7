// Two models on the same camera stream at once, side by side (stacked on a phone in
// portrait), each with its own worker, overlay and fps: the comparison you can watch. A modal
// dialog over the live view: it takes the focus when it opens (its Close button), Tab stays
// inside it (the controls under it are out of reach), and Escape closes it.
import { css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { BackendRequest, ModelSummary } from '../../shared/protocol';
import './ab-pane';
import type { AbThresholds } from './ab-pane';
import { messages } from '../../i18n/messages';
import { controls } from '../../ui/styles';
import { fire } from '../../ui/events';
import { trapTab } from '../../ui/focus';
import { LocalizedElement } from '../../ui/localized-element';

@customElement('ab-view')
export class AbView extends LocalizedElement {
  static override styles = [
    controls,
    css`
      :host {
        position: fixed;
        inset: 0;
        z-index: 20;
        display: flex;
        flex-direction: column;
        background: var(--ssd-backdrop);
      }
      .panes {
        flex: 1 1 auto;
        min-height: 0;
        display: flex;
        flex-direction: row;
        gap: 2px;
      }
      @media (orientation: portrait) {
        .panes {
          flex-direction: column;
        }
      }
      .top {
        display: flex;
        justify-content: space-between;
        align-items: center;
        padding: 6px 8px calc(6px + env(safe-area-inset-bottom));
        gap: 8px;
        color: var(--ssd-text-sheet);
        font: 13px system-ui, sans-serif;
      }
      .top span {
        min-width: 0;
        word-break: keep-all;
        overflow-wrap: anywhere;
      }
      .top button {
        flex: none;
        white-space: nowrap;
      }
    `,
  ];

  @property({ attribute: false }) stream: MediaStream | null = null;
  @property({ attribute: false }) models: readonly ModelSummary[] = [];
  @property() backend: BackendRequest = 'auto';
  @property({ type: Boolean }) mirrored = false;
  /** the thresholds a model runs at in the main view (the user's own, else measured), per pane's model */
  @property({ attribute: false }) thresholdsFor: ((modelId: string) => AbThresholds) | null = null;
  @property() first = '';
  @property() second = '';

  @state() private a = '';
  @state() private b = '';

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('role', 'dialog');
    this.setAttribute('aria-modal', 'true');
    this.addEventListener('keydown', this.onKeydown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.onKeydown);
  }

  protected override firstUpdated(): void {
    // opened: keyboard users land in it, not on the controls it covers
    this.renderRoot.querySelector<HTMLElement>('[data-testid="ab-close"]')?.focus();
  }

  protected override updated(): void {
    this.setAttribute('aria-label', messages.ab.title); // the language may have changed
  }

  private readonly onKeydown = (e: KeyboardEvent): void => {
    trapTab(e, this);
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    e.stopPropagation();
    fire(this, 'ab-close');
  };

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('first') && !this.a) this.a = this.first;
    if (changed.has('second') && !this.b) this.b = this.second;
  }

  override render() {
    const trained = this.models.filter((m) => !m.needsNetwork);
    return html`<div class="panes" @ab-model-change=${this.onChange}>
        ${(['A', 'B'] as const).map(
          (side) => html`<ab-pane
            side=${side}
            .stream=${this.stream}
            .models=${trained}
            .model=${side === 'A' ? this.a : this.b}
            .backend=${this.backend}
            .thresholds=${this.thresholdsFor?.(side === 'A' ? this.a : this.b) ?? null}
            ?mirrored=${this.mirrored}
          ></ab-pane>`,
        )}
      </div>
      <div class="top">
        <span>${messages.ab.title}</span>
        <button data-testid="ab-close" @click=${() => fire(this, 'ab-close')}>${messages.ab.close}</button>
      </div>`;
  }

  private onChange(e: CustomEvent<{ side: string; id: string }>): void {
    if (e.detail.side === 'A') this.a = e.detail.id;
    else this.b = e.detail.id;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ab-view': AbView;
  }
}
