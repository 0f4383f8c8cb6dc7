// <file-button>: picks files with a button of our own. The browser's <input type="file">
// draws its own "Choose File / No file chosen" in the browser's language, which is English
// inside the Japanese UI; this button shows our translated label and, once files are picked,
// their name (or how many, or the folder). A real <input type="file"> stays underneath,
// hidden but in the page, so Playwright's setInputFiles works on it (its data-testid is
// `input-testid`) and the browser's picker is the one the user knows.
//
//   <file-button label=${t.pick} input-testid="import-files" accept=".json" multiple
//     @file-pick=${(e: SsdUiEvent<'file-pick'>) => ...e.detail.files}></file-button>
//
// `directory` picks a folder (webkitdirectory; each File keeps its path in
// webkitRelativePath). Before the picker opens, a cancelable `file-open` goes up: an owner
// that can pick another way (the File System Access API) cancels it, and calls open() when
// that way is refused.
import { css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { messages } from '../i18n/messages';
import { fire, fireCancelable } from './events';
import { controls } from './styles';
import { LocalizedElement } from './localized-element';

@customElement('file-button')
export class FileButton extends LocalizedElement {
  static override styles = [
    controls,
    css`
      :host {
        position: relative;
        display: inline-flex;
        align-items: center;
        gap: var(--ssd-space-s);
        max-width: 100%;
        min-width: 0;
      }
      button {
        flex: none;
      }
      .chosen {
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        color: var(--ssd-text-muted);
      }
      /* in the page (setInputFiles, the picker) but neither seen nor reached by Tab */
      input {
        position: absolute;
        left: 0;
        top: 0;
        width: 1px;
        height: 1px;
        margin: 0;
        padding: 0;
        border: 0;
        overflow: hidden;
        clip: rect(0 0 0 0);
        clip-path: inset(50%);
        white-space: nowrap;
      }
    `,
  ];

  /** the button's text */
  @property() label = '';
  /** the hidden input's accessible name (default: the label) */
  @property({ attribute: 'input-label' }) inputLabel = '';
  /** the hidden input's data-testid, the one the e2e tests hand files to */
  @property({ attribute: 'input-testid' }) inputTestid = '';
  @property() accept = '';
  @property({ type: Boolean }) multiple = false;
  /** pick a folder: every file in it, with its path inside the folder */
  @property({ type: Boolean }) directory = false;
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** what the last pick was, said in words (empty before any) */
  @state() private chosen: File[] = [];

  @query('input') private input!: HTMLInputElement;

  /** Opens the browser's file (or folder) picker. */
  open(): void {
    this.input?.click();
  }

  override render() {
    const said = this.describe();
    return html`<button type="button" ?disabled=${this.disabled} @click=${this.onClick}>${this.label}</button>
      <input
        type="file"
        tabindex="-1"
        aria-hidden="true"
        aria-label=${this.inputLabel || this.label}
        data-testid=${ifDefined(this.inputTestid || undefined)}
        accept=${ifDefined(this.accept || undefined)}
        ?multiple=${this.multiple}
        ?webkitdirectory=${this.directory}
        @change=${this.onChange}
      />
      ${said ? html`<span class="chosen" title=${said}>${said}</span>` : nothing}`;
  }

  /** One file by its name, a folder by its name and count, several files by their count. */
  private describe(): string {
    const files = this.chosen;
    if (files.length === 0) return '';
    const folder = this.directory ? files[0].webkitRelativePath.split('/')[0] : '';
    if (folder) return messages.fileButton.folder(folder, files.length);
    return files.length === 1 ? files[0].name : messages.fileButton.files(files.length);
  }

  private onClick(): void {
    if (fireCancelable(this, 'file-open')) this.open();
  }

  private onChange(): void {
    const files = [...(this.input.files ?? [])];
    // cleared, so that picking the same file again is a change too
    this.input.value = '';
    if (files.length === 0) return;
    this.chosen = files;
    fire(this, 'file-pick', { files });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'file-button': FileButton;
  }
}
