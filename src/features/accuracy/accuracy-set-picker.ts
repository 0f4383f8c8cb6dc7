// The labelled set of the accuracy sheet: choose a folder (through the File System Access API
// where the browser has it, else a directory input), choose files, or drop either here; then
// what was read (name, format, images, boxes, classes) or why it could not be. Data down from
// accuracy-panel; `accuracy-pick` {files} up (to ssd-app, which reads the set).
import { css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { EvalSet } from '../../engine/accuracy/eval-set';
import type { LocalFile } from '../../engine/accuracy/eval-set-files';
import { formatNumber } from '../../i18n/format';
import { messages } from '../../i18n/messages';
import { fire, type SsdUiEvent } from '../../ui/events';
import type { FileButton } from '../../ui/file-button';
import '../../ui/file-button';
import { controls, sheetText } from '../../ui/styles';
import { FORMAT_NAMES } from './accuracy-format';
import { filesFromDrop, hasDirectoryPicker, localFiles, pickDirectory } from './pick-files';
import { LocalizedElement } from '../../ui/localized-element';

@customElement('accuracy-set-picker')
export class AccuracySetPicker extends LocalizedElement {
  static override styles = [
    controls,
    sheetText,
    css`
      :host {
        display: block;
      }
      p {
        margin: var(--ssd-space-xs) 0;
      }
      .muted {
        font-size: 13px;
      }
      fieldset {
        border: 1px dashed var(--ssd-border);
        border-radius: var(--ssd-radius-card);
        margin: var(--ssd-space-s) 0;
        min-width: 0;
      }
      fieldset.over {
        border-color: var(--ssd-accent);
        background: var(--ssd-accent-wash);
      }
      .row {
        display: flex;
        gap: var(--ssd-space-s);
        align-items: center;
        flex-wrap: wrap;
        margin: var(--ssd-space-s) 0;
      }
    `,
  ];

  @property({ attribute: false }) set: EvalSet | null = null;
  /** the set is being read */
  @property({ type: Boolean }) reading = false;
  @property() setError: string | null = null;
  /** an evaluation runs: no new set until it ends */
  @property({ type: Boolean }) running = false;

  @state() private dragging = false;

  @query('[data-testid="pick-folder"]') private folderButton!: FileButton;

  override render() {
    const a = messages.accuracy;
    const s = this.set;
    return html`<fieldset
      class=${this.dragging ? 'over' : ''}
      data-testid="set-drop"
      @dragover=${this.onDragOver}
      @dragleave=${() => (this.dragging = false)}
      @drop=${this.onDrop}
    >
      <legend>${a.set}</legend>
      <div class="row">
        <file-button
          data-testid="pick-folder"
          label=${a.pickFolder}
          input-label=${a.folderInput}
          input-testid="set-folder-input"
          directory
          multiple
          ?disabled=${this.running}
          @file-open=${this.onOpenFolder}
          @file-pick=${this.onFiles}
        ></file-button>
        <file-button
          label=${a.pickFiles}
          input-label=${a.filesInput}
          input-testid="set-files-input"
          multiple
          ?disabled=${this.running}
          @file-pick=${this.onFiles}
        ></file-button>
      </div>
      <p class="muted">${a.drop} ${a.formatsHelp}</p>
      ${this.reading
        ? html`<p role="status">${a.reading}</p>`
        : s
          ? html`<p data-testid="set-summary">
              ${a.setSummary(
                s.name,
                FORMAT_NAMES[s.format] ?? s.format,
                formatNumber(s.images.length, 0),
                formatNumber(s.dataset.annotations.length, 0),
                formatNumber(s.dataset.categories.length, 0),
              )}
            </p>`
          : html`<p class="muted">${a.noSet}</p>`}
      ${this.setError ? html`<p class="error" role="alert" data-testid="set-error">${this.setError}</p>` : nothing}
    </fieldset>`;
  }

  private pick(files: LocalFile[]): void {
    if (files.length) fire(this, 'accuracy-pick', { files });
  }

  /** A folder through the File System Access API where there is one: it reads the folder
   * without the browser's "upload N files?" prompt. The directory input otherwise. */
  private async onOpenFolder(e: SsdUiEvent<'file-open'>): Promise<void> {
    if (!hasDirectoryPicker()) return;
    e.preventDefault();
    try {
      const files = await pickDirectory();
      if (files) this.pick(files);
    } catch {
      // the picker refused (a policy, a folder it will not open): the directory input still can
      this.folderButton.open();
    }
  }

  private onFiles(e: SsdUiEvent<'file-pick'>): void {
    this.pick(localFiles(e.detail.files));
  }

  private onDragOver(e: DragEvent): void {
    if (this.running) return;
    e.preventDefault();
    this.dragging = true;
  }

  private async onDrop(e: DragEvent): Promise<void> {
    e.preventDefault();
    this.dragging = false;
    if (this.running || !e.dataTransfer) return;
    this.pick(await filesFromDrop(e.dataTransfer));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'accuracy-set-picker': AccuracySetPicker;
  }
}
