// What this device keeps for offline use, for the storage panel: the app and its bundled models
// (the service worker's precache), models downloaded at run time (their own cache), the
// browser's usage/quota estimate and whether storage is persistent. Downloads and removals go
// through here; a download for offline use also asks for persistent storage.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  downloadModel,
  downloadSize,
  folderOf,
  isPersisted,
  isStored,
  listStored,
  precacheBytes,
  removeStored,
  requestPersistence,
  storageFigures,
  type DownloadProgress,
  type StorageFigures,
  type StoredGroup,
} from '../../pwa/model-store';
import type { NetworkModel } from '../models/network-models';

export interface StoredRow extends StoredGroup {
  /** the catalogue model stored in this folder, when there is one. */
  modelId?: string;
  name: string;
}

export interface DownloadState {
  modelId: string;
  progress: DownloadProgress | null;
}

export class StorageController implements ReactiveController {
  rows: StoredRow[] = [];
  appBytes = 0;
  figures: StorageFigures | null = null;
  persisted: boolean | null = null;
  /** network models whose files are all in the cache. */
  storedIds = new Set<string>();
  downloading: DownloadState | null = null;
  /** the last download that failed, and why (shown in the panel beside its Retry); cleared
   * when that model is tried again */
  failure: { modelId: string; message: string } | null = null;
  /** what downloading each network model will store, asked of its server before any download
   * (model id -> bytes); a model the server did not size is absent and asked again next time */
  sizes = new Map<string, number>();

  private readonly host: ReactiveControllerHost;
  private readonly models: () => NetworkModel[];
  private refreshing: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private probing: Promise<void> | null = null;

  constructor(host: ReactiveControllerHost, models: () => NetworkModel[]) {
    this.host = host;
    this.models = models;
    host.addController(this);
  }

  hostConnected(): void {
    // Nothing at start: reading every cached file's size is work the first frames do not need;
    // the panel refreshes when it opens.
  }

  /**
   * Re-reads the caches and the estimate (cheap enough to run when the panel opens). A read
   * already under way may have listed the caches before what the caller just changed (a
   * download that ended meanwhile): one more read is queued after it, shared by every caller
   * that asks in the meantime.
   */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.queued ??= this.refreshing.then(() => {
        this.queued = null;
        return this.refresh();
      });
      return this.queued;
    }
    this.refreshing = this.read().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  async isStored(model: NetworkModel): Promise<boolean> {
    const stored = await isStored(model.url).catch(() => false);
    if (stored !== this.storedIds.has(model.id)) {
      this.storedIds = new Set(this.storedIds);
      if (stored) this.storedIds.add(model.id);
      else this.storedIds.delete(model.id);
      this.host.requestUpdate();
    }
    return stored;
  }

  /** Downloads a model for offline use. Rejects with a ModelDownloadError saying why. */
  async download(model: NetworkModel): Promise<void> {
    this.downloading = { modelId: model.id, progress: null };
    if (this.failure?.modelId === model.id) this.failure = null;
    this.host.requestUpdate();
    // Asked on the user's action, before the bytes land, so the browser can weigh it.
    const persist = requestPersistence();
    try {
      await downloadModel(model.url, (progress) => {
        this.downloading = { modelId: model.id, progress };
        this.host.requestUpdate();
      });
    } catch (error) {
      this.failure = { modelId: model.id, message: error instanceof Error ? error.message : String(error) };
      throw error;
    } finally {
      this.downloading = null;
      this.persisted = (await persist) ?? this.persisted;
      await this.refresh();
    }
  }

  /**
   * Asks the servers how large each model not yet stored is (its model.json, not kept), one
   * model at a time, once per model a session. Called while the panel is open and online; a
   * server that does not answer leaves that model's size untold, never an error.
   */
  async probeSizes(): Promise<void> {
    if (this.probing) return this.probing;
    this.probing = (async () => {
      for (const m of this.models()) {
        if (this.sizes.has(m.id) || this.storedIds.has(m.id)) continue;
        const bytes = await downloadSize(m.url).catch(() => null);
        if (bytes === null) continue;
        this.sizes = new Map(this.sizes).set(m.id, bytes);
        this.host.requestUpdate();
      }
    })().finally(() => (this.probing = null));
    return this.probing;
  }

  async remove(folder: string): Promise<void> {
    await removeStored(folder);
    await this.refresh();
  }

  private async read(): Promise<void> {
    const models = this.models();
    const byFolder = new Map(models.map((m) => [folderOf(m.url), m]));
    const [groups, appBytes, figures, persisted] = await Promise.all([
      listStored().catch(() => []),
      precacheBytes().catch(() => 0),
      storageFigures().catch(() => null),
      isPersisted().catch(() => null),
    ]);
    const storedIds = new Set<string>();
    for (const m of models) if (await isStored(m.url).catch(() => false)) storedIds.add(m.id);
    this.rows = groups.map((g) => {
      const m = byFolder.get(g.folder);
      return { ...g, modelId: m?.id, name: m?.name ?? g.folder };
    });
    this.appBytes = appBytes;
    this.figures = figures;
    this.persisted = persisted;
    this.storedIds = storedIds;
    this.host.requestUpdate();
  }
}
