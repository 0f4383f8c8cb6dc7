// The rules for catalogue models downloaded at run time (not bundled): such a model must be on
// the device before the engine switches to it, so a failed download (offline, server error, no
// space) leaves the running model running; it cannot start offline unless stored; and the
// storage panel's download says how it went. Every outcome is a notice under one key
// ('model-network'), so the latest replaces the one before.
import type { ErrorDetail } from '../../automation/automation';
import { ModelDownloadError } from '../../pwa/model-store';
import { messages } from '../../i18n/messages';
import type { NoticeSink } from '../../ui/notice';
import type { NetworkModel } from '../models/network-models';
import { modelName } from '../../i18n/labels';

/** What the storage controller does for these rules (see StorageController). */
export interface ModelStore {
  isStored(model: NetworkModel): Promise<boolean>;
  /** rejects with a ModelDownloadError saying why */
  download(model: NetworkModel): Promise<void>;
}

const KEY = 'model-network';

const reasonOf = (err: unknown): string => (err instanceof ModelDownloadError ? err.message : String(err));

export class ModelDownloads {
  constructor(
    private readonly models: readonly NetworkModel[],
    private readonly store: ModelStore,
    /** what the browser says (NetworkController.online) */
    private readonly online: () => boolean,
    private readonly notices: NoticeSink,
  ) {}

  find(modelId: string): NetworkModel | undefined {
    return this.models.find((m) => m.id === modelId);
  }

  /**
   * Why `modelId` cannot start now: a run-time model, offline and not on this device (the
   * message is written for people). null at once when there is nothing to check; otherwise
   * resolves null when it can start.
   */
  cannotStart(modelId: string): Promise<ErrorDetail | null> | null {
    const net = this.find(modelId);
    if (!net || this.online()) return null;
    return this.store
      .isStored(net)
      .then((stored): ErrorDetail | null => (stored ? null : { kind: 'model-missing', message: messages.pwa.modelNeedsNetworkToStart(modelName(net)) }));
  }

  /**
   * Before a switch to `modelId`: true at once for a bundled or imported model; for a run-time
   * one, resolves whether it is stored, downloading it first when it is not (a notice says why
   * when that fails).
   */
  ensureStored(modelId: string): Promise<boolean> | true {
    const net = this.find(modelId);
    return net ? this.fetchIfMissing(net) : true;
  }

  private async fetchIfMissing(model: NetworkModel): Promise<boolean> {
    if (await this.store.isStored(model)) return true;
    if (!this.online()) {
      this.notices.add({ key: KEY, text: messages.pwa.modelNeedsNetwork(modelName(model)) });
      return false;
    }
    try {
      await this.store.download(model);
      this.notices.dismiss(KEY);
      return true;
    } catch (err) {
      this.notices.add({ key: KEY, text: messages.pwa.modelDownloadFailed(modelName(model), reasonOf(err)) });
      return false;
    }
  }

  /** The storage panel's download button: stores `modelId` for offline use and says how it went. */
  async downloadForOffline(modelId: string): Promise<void> {
    const model = this.find(modelId);
    if (!model) return;
    if (!this.online()) {
      this.notices.add({ key: KEY, text: messages.pwa.downloadNeedsNetwork });
      return;
    }
    try {
      await this.store.download(model);
      this.notices.add({ key: KEY, text: messages.pwa.modelStored(modelName(model)) });
    } catch (err) {
      this.notices.add({ key: KEY, text: messages.pwa.downloadFailed(modelName(model), reasonOf(err)) });
    }
  }
}
