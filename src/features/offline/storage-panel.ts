// What the device keeps for offline use: the app with its bundled models, downloaded models
// (each removable), models that can be downloaded for offline use, and the browser's storage
// estimate. Properties down; `storage-download` {id}, `storage-remove` {folder} and
// `storage-close` up.
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { DownloadState, StoredRow } from './storage-controller';
import type { NetworkModel } from '../models/network-models';
import type { StorageFigures } from '../../pwa/model-store';
import { messages } from '../../i18n/messages';
import { fire } from '../../ui/events';
import '../../ui/sheet';
import { controls, sheetText } from '../../ui/styles';
import { LocalizedElement } from '../../ui/localized-element';
import { modelName } from '../../i18n/labels';

export interface StorageDownloadDetail {
  id: string;
}
export interface StorageRemoveDetail {
  folder: string;
}

@customElement('storage-panel')
export class StoragePanel extends LocalizedElement {
  static override styles = [
    controls,
    sheetText,
    css`
      :host {
        position: fixed;
        z-index: 15;
        inset: auto 0 0 0;
        display: flex;
        justify-content: center;
        padding: 0 var(--ssd-space-s) calc(env(safe-area-inset-bottom) + var(--ssd-space-s));
        pointer-events: none;
        font-size: 14px;
        line-height: 1.45;
      }
      ssd-sheet {
        pointer-events: auto;
        width: 100%;
        max-width: 32rem;
        max-height: 80vh;
      }
      h3 {
        margin: 14px 0 6px;
        font-size: 14px;
        color: var(--ssd-text-heading);
        font-weight: 600;
      }
      p {
        margin: 6px 0;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li {
        display: flex;
        align-items: center;
        gap: var(--ssd-space-s);
        padding: 6px 0;
        border-top: 1px solid var(--ssd-hairline);
      }
      li .what {
        flex: 1;
        min-width: 0;
        overflow-wrap: anywhere;
      }
      li {
        flex-wrap: wrap;
      }
      /* a failed download, said in its own row, under the name and Retry */
      .failure {
        flex: 1 0 100%;
        margin: 0;
        color: var(--ssd-warn);
        overflow-wrap: anywhere;
      }
      .size {
        color: var(--ssd-text-muted);
        font-variant-numeric: tabular-nums;
      }
      .badge {
        font-size: 12px;
        padding: 2px 8px;
        border-radius: 999px;
        border: 1px solid var(--ssd-accent-line);
      }
    `,
  ];

  @property({ type: Number }) appBytes = 0;
  @property({ attribute: false }) rows: readonly StoredRow[] = [];
  @property({ attribute: false }) downloadable: readonly NetworkModel[] = [];
  @property({ attribute: false }) storedIds: ReadonlySet<string> = new Set();
  @property({ attribute: false }) downloading: DownloadState | null = null;
  /** a download that failed: said in its row, with Retry */
  @property({ attribute: false }) failure: { modelId: string; message: string } | null = null;
  /** bytes a download of each model will store, where its server told (model id -> bytes) */
  @property({ attribute: false }) sizes: ReadonlyMap<string, number> = new Map();
  @property({ attribute: false }) figures: StorageFigures | null = null;
  @property({ attribute: false }) persisted: boolean | null = null;
  @property({ type: Boolean }) online = true;
  @property() version = '';

  override render() {
    const t = messages.pwa;
    return html`<ssd-sheet heading=${t.storageTitle} close-label=${t.close} close-testid="storage-close" @sheet-close=${() => fire(this, 'storage-close')}>
      <p data-testid="app-bytes">${this.appBytes > 0 ? t.appCached(t.bytes(this.appBytes)) : t.appNotCached}</p>

      <h3>${t.downloadedTitle}</h3>
      ${this.rows.length
        ? html`<ul data-testid="stored-models">
            ${this.rows.map(
              (r) => html`<li data-folder=${r.folder}>
                <span class="what">${r.name} <span class="size">· ${t.files(r.files)} · ${t.bytes(r.bytes)}</span></span>
                <button aria-label=${t.removeLabel(r.name)} @click=${() => fire(this, 'storage-remove', { folder: r.folder })}>
                  ${t.remove}
                </button>
              </li>`,
            )}
          </ul>`
        : html`<p class="muted" data-testid="stored-models-empty">${t.nothingDownloaded}</p>`}
      ${this.renderDownloadable()}

      <h3>${t.deviceTitle}</h3>
      ${this.figures
        ? html`<p data-testid="estimate">${t.usage(t.bytes(this.figures.usage), t.bytes(this.figures.quota))}</p>`
        : html`<p class="muted">${t.noEstimate}</p>`}
      ${this.persisted === null ? nothing : html`<p data-testid="persisted">${t.persisted(this.persisted)}</p>`}
      <p class="muted">${t.version(this.version)}</p>
    </ssd-sheet>`;
  }

  private renderDownloadable() {
    const t = messages.pwa;
    const rows = this.downloadable.filter((m) => !this.storedIds.has(m.id));
    if (!this.downloadable.length) return nothing;
    // asking the model host for sizes is a request to another origin: only when the person asks
    const unsized = rows.some((m) => !this.sizes.has(m.id));
    return html`<h3>${t.availableTitle}</h3>
      ${this.online ? nothing : html`<p class="muted">${t.downloadNeedsNetwork}</p>`}
      ${this.online && unsized && rows.length
        ? html`<p><button data-testid="download-sizes" @click=${() => fire(this, 'storage-sizes')}>${t.checkSizes}</button> <span class="muted">${t.checkSizesHelp}</span></p>`
        : nothing}
      ${rows.length
        ? html`<ul data-testid="downloadable-models">
            ${rows.map((m) => {
              const busy = this.downloading?.modelId === m.id;
              const failed = !busy && this.failure?.modelId === m.id;
              const p = busy ? this.downloading?.progress : null;
              const size = this.sizes.get(m.id);
              return html`<li data-model=${m.id}>
                <span class="what"
                  >${modelName(m)}
                  ${busy
                    ? html`<span class="size" data-testid="download-progress">· ${p ? t.progress(p.filesDone, p.filesTotal, t.bytes(p.bytes)) : t.starting}${size === undefined ? nothing : ` ${t.ofSize(t.bytes(size))}`}</span>`
                    : html`<span class="size" data-testid="download-size">· ${size === undefined ? t.sizeUnknown : t.sizeToDownload(t.bytes(size))}</span>`}</span
                >
                <button
                  ?disabled=${!this.online || !!this.downloading}
                  title=${this.online ? t.download : t.downloadNeedsNetwork}
                  data-testid=${failed ? 'download-retry' : 'download'}
                  @click=${() => fire(this, 'storage-download', { id: m.id })}
                >
                  ${failed ? messages.retry : t.download}
                </button>
                ${failed ? html`<p class="failure" role="alert" data-testid="download-error">${t.downloadFailed(modelName(m), this.failure!.message)}</p>` : nothing}
              </li>`;
            })}
          </ul>`
        : html`<p class="muted">${t.allDownloaded}</p>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'storage-panel': StoragePanel;
  }
}
