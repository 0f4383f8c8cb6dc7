// The offline feature's pieces of the app's screen, as render helpers of the app's shadow root
// (its layout styles them): the top-right corner (offline indicator and the storage button),
// the update toast, the "reload for threads" banner and the storage sheet. Properties down,
// the app's handlers up; no state here.
import { html, nothing } from 'lit';
import type { PwaState } from '../../pwa/service-worker';
import { APP_VERSION } from '../../pwa/version';
import { messages } from '../../i18n/messages';
import { storageIcon } from '../../ui/icons';
import type { NetworkModel } from '../models/network-models';
import type { StorageController } from './storage-controller';
import type { StorageDownloadDetail, StorageRemoveDetail } from './storage-panel';
import '../live/error-banner';
import './offline-indicator';
// <storage-panel> loads when first opened (src/app/ssd-app.ts)
import './update-toast';

export function renderTopRight(online: boolean, storageOpen: boolean, toggleStorage: () => void) {
  const label = messages.pwa.storageButton;
  return html`<div class="top-right">
    <offline-indicator ?offline=${!online}></offline-indicator>
    <button
      class="round"
      data-testid="storage-open"
      aria-label=${label}
      title=${label}
      aria-expanded=${storageOpen ? 'true' : 'false'}
      @click=${toggleStorage}
    >
      ${storageIcon()}
    </button>
  </div>`;
}

/** A new version waits (or took over in another tab): offered, never forced. */
export function renderUpdateToast(s: PwaState, dismissed: boolean, apply: () => void, dismiss: () => void) {
  if (dismissed || !(s.updateWaiting || s.updatedElsewhere)) return nothing;
  const elsewhere = s.updatedElsewhere;
  return html`<update-toast
    .message=${elsewhere ? messages.pwa.updatedElsewhere : messages.pwa.updateReady}
    .action=${elsewhere ? messages.pwa.reload : messages.pwa.update}
    @toast-action=${apply}
    @toast-dismiss=${dismiss}
  ></update-toast>`;
}

/** The service worker now controls a page that is not cross-origin isolated: a reload gives
 * WASM threads. */
export function renderIsolationBanner(show: boolean, reload: () => void, dismiss: () => void) {
  if (!show) return nothing;
  return html`<error-banner
    severity="notice"
    dismissible
    data-testid="reload-for-threads"
    .message=${messages.pwa.reloadForThreads}
    .action=${messages.pwa.reload}
    @banner-action=${reload}
    @banner-dismiss=${dismiss}
  ></error-banner>`;
}

export interface StorageSheetInput {
  downloadable: readonly NetworkModel[];
  online: boolean;
  close: () => void;
  download: (modelId: string) => void;
  remove: (folder: string) => void;
}

export function renderStorageSheet(st: StorageController, p: StorageSheetInput) {
  return html`<storage-panel
    .appBytes=${st.appBytes}
    .rows=${st.rows}
    .downloadable=${p.downloadable}
    .storedIds=${st.storedIds}
    .downloading=${st.downloading}
    .failure=${st.failure}
    .sizes=${st.sizes}
    .figures=${st.figures}
    .persisted=${st.persisted}
    .online=${p.online}
    .version=${APP_VERSION}
    @storage-close=${p.close}
    @storage-download=${(e: CustomEvent<StorageDownloadDetail>) => p.download(e.detail.id)}
    @storage-remove=${(e: CustomEvent<StorageRemoveDetail>) => p.remove(e.detail.folder)}
    @storage-sizes=${() => void st.probeSizes()}
  ></storage-panel>`;
}
