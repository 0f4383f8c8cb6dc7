// Imported models: inspect picked files (validated before TensorFlow.js sees a byte), save
// them to IndexedDB, list and delete them. The worker loads them from IndexedDB itself.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { summarize } from '../../shared/model-catalog';
import type { ModelSummary } from '../../shared/protocol';
import { userModelManifest } from '../../storage/user-models/manifest';
import { deleteUserModel, listUserModels, removeTemporaryModels, saveUserModel, type UserModelConfig, type UserModelListing } from '../../storage/user-models/store';
import { runCompatCheck, type CompatProgress } from '../../engine/compat/compat-runner';
import type { CompatReport } from '../../shared/compat-report';
import { ImportError, MAX_MODEL_BYTES, validateModelFiles, type GraphModelJson, type ValidatedModel } from '../../storage/user-models/validate';
import { isLayersModelJson, readKerasFile, readKerasLayersFiles, type KerasRead, type KerasSsdLayout, type KerasSsdParams } from '../../engine/keras-import-client';
import { proposeLayout, type LayoutProposal } from '../../storage/user-models/layout';
import { messages } from '../../i18n/messages';

export type PendingImport = PendingGraph | PendingKeras;

export interface PendingGraph {
  kind: 'graph';
  fileName: string;
  inputShape: number[];
  outputs: string[];
  sizeBytes: number;
  /** the layout its outputs look like, and why (the form starts from it) */
  proposal: LayoutProposal;
}

/** ssd_keras .h5 weights, read and recognized; the form adds the training settings. */
export interface PendingKeras {
  kind: 'keras';
  fileName: string;
  sizeBytes: number;
  layout: KerasSsdLayout;
  readMs: number;
  /** read from a TF.js layers model's AnchorBoxes layers (an .h5 holds none: null) */
  params: KerasSsdParams | null;
  source: 'h5' | 'layers';
}

/** An empty graph: what an ssd_keras record keeps where a graph model keeps its topology. */
const NO_GRAPH: GraphModelJson = { format: 'graph-model', modelTopology: { node: [] }, weightsManifest: [] };

/** An imported model as the picker and model info list it, with its compatibility report. */
const listed = (l: UserModelListing): ModelSummary => ({ ...summarize(userModelManifest(l)), compat: l.report ?? null });

/** One model.json that is a Keras layers model (a graph model goes to the graph validator). */
async function isLayersModel(files: File[]): Promise<boolean> {
  const jsons = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
  if (jsons.length !== 1 || jsons[0].size > 64 * 1048576) return false;
  try {
    return isLayersModelJson(JSON.parse(await jsons[0].text()));
  } catch {
    return false; // the graph validator names the JSON error
  }
}

const isKerasFile = (files: File[]) => files.length === 1 && /\.(h5|hdf5|keras)$/i.test(files[0].name);

export class UserModelsController implements ReactiveController {
  models: ModelSummary[] = [];
  pending: PendingImport | null = null;
  /** the last refusal or failure, in words a user can act on */
  error: string | null = null;
  /** the validator's technical detail behind `error`, where it is in another language (shown
   * behind a Details disclosure) */
  errorDetail: string | null = null;
  busy = false;
  /** share of an .h5's weights read so far (0..1), while one is read */
  readProgress: number | null = null;
  private reading: AbortController | null = null;
  /** the compatibility check of the pending model: its report, progress while it runs */
  report: CompatReport | null = null;
  checkProgress: CompatProgress | null = null;
  private checking: AbortController | null = null;
  /** the config the report was made with: saved with the model only if unchanged */
  private checkedConfig: string | null = null;
  private validated: ValidatedModel | null = null;
  private kerasRead: KerasRead | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    void this.refresh();
  }

  async refresh(): Promise<void> {
    try {
      if (!this.checking) await removeTemporaryModels();
      this.models = (await listUserModels()).map(listed);
    } catch (error) {
      this.error = messages.importer.storageFailed((error as Error).message);
    }
    this.host.requestUpdate();
  }

  async inspect(files: File[]): Promise<void> {
    this.busy = true;
    this.error = null;
    this.errorDetail = null;
    this.pending = null;
    this.validated = null;
    this.kerasRead = null;
    this.host.requestUpdate();
    try {
      if (isKerasFile(files)) {
        await this.inspectKeras(files[0]);
        return;
      }
      if (await isLayersModel(files)) {
        await this.inspectLayers(files);
        return;
      }
      const v = await validateModelFiles(files);
      this.validated = v;
      const json = files.find((f) => f.name.toLowerCase().endsWith('.json'))!;
      const proposal = proposeLayout(v.outputShapes);
      this.pending = { kind: 'graph', fileName: json.name.replace(/\.json$/i, ''), inputShape: v.inputShape, outputs: proposal.outputs, sizeBytes: v.sizeBytes, proposal };
    } catch (error) {
      ({ text: this.error, detail: this.errorDetail } = importFailureText(error));
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  /** An .h5 read in its own worker: refused with the reader's words, or pending the form. */
  private async inspectKeras(file: File): Promise<void> {
    this.reading = new AbortController();
    this.readProgress = 0;
    const reply = await readKerasFile(file, MAX_MODEL_BYTES, {
      signal: this.reading.signal,
      onProgress: (done, total) => {
        this.readProgress = total ? done / total : 0;
        this.host.requestUpdate();
      },
    }).finally(() => {
      this.reading = null;
      this.readProgress = null;
    });
    if (!reply.ok) {
      const error = reply.kind === 'failed' ? new Error(reply.message) : new ImportError(reply.kind, reply.message, file.name, reply.field);
      ({ text: this.error, detail: this.errorDetail } = importFailureText(error));
      return;
    }
    this.kerasRead = reply;
    this.pending = { kind: 'keras', fileName: file.name.replace(/\.(h5|hdf5|keras)$/i, ''), sizeBytes: reply.data.byteLength, layout: reply.layout, readMs: reply.readMs, params: null, source: 'h5' };
  }

  /** A TF.js layers model of an ssd_keras SSD: read as data, the anchors from its own layers. */
  private async inspectLayers(files: File[]): Promise<void> {
    const reply = await readKerasLayersFiles(files, MAX_MODEL_BYTES);
    const json = files.find((f) => f.name.toLowerCase().endsWith('.json'))!;
    if (!reply.ok) {
      ({ text: this.error, detail: this.errorDetail } = importFailureText(new ImportError(reply.kind === 'failed' ? 'not-graph-model' : reply.kind, reply.message, json.name, reply.field)));
      return;
    }
    this.kerasRead = reply;
    const name = json.name.replace(/\.json$/i, '');
    this.pending = { kind: 'keras', fileName: name, sizeBytes: reply.data.byteLength, layout: reply.layout, readMs: reply.readMs, params: reply.params ?? null, source: 'layers' };
  }

  /** Stores the inspected model; resolves its summary, or null on failure (see `error`). */
  async save(config: UserModelConfig): Promise<ModelSummary | null> {
    const v = this.validated;
    const k = this.kerasRead;
    if (!v && !k) return null;
    this.busy = true;
    this.host.requestUpdate();
    try {
      const report = this.report && this.checkedConfig === JSON.stringify(config) ? this.report : undefined;
      const listing = await this.store(config, report ? { report } : {});
      this.pending = null;
      this.report = null;
      this.checkedConfig = null;
      this.validated = null;
      this.kerasRead = null;
      await this.refresh();
      return listed(listing);
    } catch (error) {
      this.error = messages.importer.storageFailed((error as Error).message);
      return null;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  /** The inspected model stored with `config` (and `extra`); null when nothing is inspected. */
  private store(config: UserModelConfig, extra: Pick<UserModelListing, 'report' | 'temporary'>): Promise<UserModelListing> {
    const v = this.validated;
    const k = this.kerasRead;
    return v
      ? saveUserModel({ config, ...extra, modelJson: v.modelJson, shards: v.shards, sizeBytes: v.sizeBytes })
      : saveUserModel({ config, ...extra, modelJson: NO_GRAPH, shards: [k!.data], keras: { layers: k!.layers }, sizeBytes: k!.data.byteLength });
  }

  /**
   * The compatibility check, before saving: the model is stored under a temporary id (the
   * worker loads models from storage), run on each backend, and removed again; the report
   * waits for Save, which keeps it with the model if the form is unchanged.
   */
  async check(config: UserModelConfig): Promise<void> {
    if (!this.validated && !this.kerasRead) return;
    this.checking = new AbortController();
    this.report = null;
    this.error = null;
    this.checkProgress = { done: 0, total: 1, backend: '' };
    this.host.requestUpdate();
    let temp: UserModelListing | null = null;
    try {
      temp = await this.store(config, { temporary: true });
      const response = await fetch(new URL('samples/sample1.jpg', new URL(import.meta.env.BASE_URL, location.href)));
      const photo = { blob: await response.blob(), name: 'samples/sample1.jpg' };
      this.report = await runCompatCheck(
        temp.id,
        photo,
        (p) => {
          this.checkProgress = p;
          this.host.requestUpdate();
        },
        this.checking.signal,
      );
      this.checkedConfig = JSON.stringify(config);
    } catch (error) {
      if ((error as Error)?.name !== 'AbortError') this.error = messages.compat.checkFailed((error as Error)?.message ?? String(error));
    } finally {
      this.checking = null;
      this.checkProgress = null;
      this.host.requestUpdate();
      if (temp) await deleteUserModel(temp.id).catch(() => {});
    }
  }

  cancel(): void {
    this.checking?.abort();
    this.report = null;
    this.checkedConfig = null;
    this.reading?.abort();
    this.pending = null;
    this.validated = null;
    this.kerasRead = null;
    this.error = null;
    this.errorDetail = null;
    this.host.requestUpdate();
  }

  async remove(id: string): Promise<void> {
    await deleteUserModel(id);
    await this.refresh();
  }
}

/**
 * What a refused import says: the validator explains in English, naming the file and field;
 * in English that is the whole message, in another language the catalogue's sentence leads and
 * the English explanation is the detail (behind a disclosure, not run on after it).
 */
export function importFailureText(error: unknown): { text: string; detail: string | null } {
  if (error instanceof ImportError) {
    return messages.lang === 'en' ? { text: error.message, detail: null } : { text: messages.importer.errors[error.kind], detail: error.message };
  }
  return { text: messages.importer.readFailed((error as Error)?.message ?? String(error)), detail: null };
}
