// <ssd-sheet>: the frame every secondary screen (settings, bench, import, accuracy, storage)
// sits in. A dialog named by its heading, with a Close button beside it; the heading takes the
// focus when the sheet opens, so keyboard and screen-reader users land in it; Escape and Close
// send `sheet-close`, and the element that shows the sheet turns that into its own close event
// (the app then hides the sheet and gives the focus back to the button that opened it). The
// surface is opaque: on a phone, tables and charts must not have the page showing through.
// While it is open, Tab stays inside it (focus.ts): the controls under it are out of reach.
//
//   <ssd-sheet heading=${t.title} close-label=${t.close} close-testid="settings-close"
//     @sheet-close=${...}>content</ssd-sheet>
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fire } from './events';
import { trapTab } from './focus';
import { controls } from './styles';

@customElement('ssd-sheet')
export class SsdSheet extends LitElement {
  static override styles = [
    controls,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 0;
        max-height: 85vh;
        box-sizing: border-box;
        color: var(--ssd-text-sheet);
        border-radius: var(--ssd-radius-panel);
        background: var(--ssd-sheet);
      }
      section {
        flex: 0 1 auto;
        min-height: 0;
        overflow: auto;
        overscroll-behavior: contain;
        /* what is scrolled into view lands below the sticky header, not under it */
        scroll-padding-top: 4rem;
        padding: 0 var(--ssd-space-l) var(--ssd-space-l);
        border-radius: inherit;
        background: var(--ssd-sheet);
      }
      /* the title and Close stay in view while the content scrolls under them */
      header {
        position: sticky;
        top: 0;
        z-index: 1;
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: var(--ssd-space-s);
        padding: var(--ssd-space-m) 0 var(--ssd-space-xs);
        background: var(--ssd-sheet);
      }
      h2 {
        margin: 0;
        font-size: 17px;
        line-height: 1.3;
        min-width: 0;
        overflow-wrap: anywhere;
      }
      /* focused by script on open, not a control: no ring after a tap */
      h2:focus:not(:focus-visible) {
        outline: none;
      }
      h2:focus-visible {
        outline: 2px solid var(--ssd-accent);
        outline-offset: 2px;
      }
      header button {
        flex: none;
      }
    `,
  ];

  /** the sheet's title: its heading and the dialog's name */
  @property() heading = '';
  /** the Close button's text (from the catalogue of the element that shows the sheet) */
  @property({ attribute: 'close-label' }) closeLabel = '';
  /** the Close button's data-testid, where tests and ssd-app's callers know it by one */
  @property({ attribute: 'close-testid' }) closeTestid = '';

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.onKeydown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.onKeydown);
  }

  protected override firstUpdated(): void {
    // the sheet has just opened: keyboard and screen-reader users land in it
    this.focusHeading();
  }

  /** Moves the focus to the heading (the sheet's start). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  override render() {
    return html`<section role="dialog" aria-labelledby="sheet-title">
      <header>
        <h2 id="sheet-title" tabindex="-1">${this.heading}</h2>
        <button data-testid=${ifDefined(this.closeTestid || undefined)} @click=${this.close}>${this.closeLabel}</button>
      </header>
      <slot></slot>
    </section>`;
  }

  /** Escape closes the sheet from anywhere inside it (what the sheet runs goes on); Tab
   * stays inside it. */
  private readonly onKeydown = (e: KeyboardEvent): void => {
    trapTab(e, this);
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    e.stopPropagation();
    this.close();
  };

  private close(): void {
    fire(this, 'sheet-close');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ssd-sheet': SsdSheet;
  }
}
