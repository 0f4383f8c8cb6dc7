// The accuracy panel's state: the labelled set the user picked (read on the page, never
// uploaded), the stored evaluation results (IndexedDB, this device's and imported ones), and a
// run of the picked set through the EvalController (which pauses the live loop and gives each
// model x backend a fresh worker). Every finished evaluation, whether asked for here or in the
// URL, is stored through `store`, before `ssd:eval` fires. Words for people come from the
// catalogue; a failure here never stops the live view.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { defaultEvalDeps, type EvalPlan, type EvalResult } from '../../engine/accuracy/eval-runner';
import { readLocalSet, type LocalEvalSet, type LocalFile } from '../../engine/accuracy/eval-set-files';
import { cocoResultsJson, evalRunsToCsv, evalRunsToJson, isReadableRun, parseEvalExport, type ListedEvalRun } from '../../results/eval-export';
import { deleteEvalRun, importEvalRuns, listEvalRuns, saveEvalRuns } from '../../results/eval-store';
import { evalImportErrorText, setErrorText } from './accuracy-format';
import type { EvalController } from './eval-controller';
import { messages } from '../../i18n/messages';

export class AccuracyController implements ReactiveController {
  /** stored runs, newest first, unreadable ones last (shown so they can be deleted) */
  runs: ListedEvalRun[] = [];
  /** the set picked in the app, read and checked */
  set: LocalEvalSet | null = null;
  reading = false;
  /** why the picked files are not a set (file, line or field named) */
  setError: string | null = null;
  /** a run, storage or import failure, in words */
  error: string | null = null;
  /** what went well and is worth saying (an import's count) */
  notice: string | null = null;
  private readToken = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly evaluation: EvalController,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    void this.refresh();
  }

  async refresh(): Promise<void> {
    try {
      this.runs = await listEvalRuns();
    } catch (error) {
      this.error = messages.accuracy.storageFailed((error as Error).message);
    }
    this.host.requestUpdate();
  }

  /** Stores a finished evaluation's runs (called by the EvalController; never throws). */
  async store(result: EvalResult): Promise<void> {
    const failures = result.failures.map((f) => messages.accuracy.couldNotRun(f.model, messages.backendNames[f.backend as keyof typeof messages.backendNames] ?? f.backend, f.message));
    this.error = failures.length ? failures.join(' ') : null;
    try {
      await saveEvalRuns(result.runs);
    } catch (error) {
      this.error = messages.accuracy.storageFailed((error as Error).message);
    }
    await this.refresh();
  }

  /** Reads picked files as a labelled set; a refusal is kept in `setError`, the old set stays. */
  async pick(files: readonly LocalFile[]): Promise<void> {
    const token = ++this.readToken;
    this.reading = true;
    this.setError = null;
    this.host.requestUpdate();
    try {
      const set = await readLocalSet(files);
      if (token === this.readToken) this.set = set;
    } catch (error) {
      if (token === this.readToken) this.setError = setErrorText(error);
    } finally {
      if (token === this.readToken) this.reading = false;
      this.host.requestUpdate();
    }
  }

  /** Runs the picked set; the EvalController pauses the live loop and stores the result. */
  async run(plan: EvalPlan): Promise<void> {
    const local = this.set;
    if (!local || this.evaluation.running) return;
    this.error = null;
    this.notice = null;
    await this.evaluation.runSet(async () => local.set, plan, { ...defaultEvalDeps, fetchImage: local.fetchImage });
    const stopped = this.evaluation.error;
    if (stopped) this.error = stopped === 'cancelled' ? messages.accuracy.cancelled : messages.accuracy.failed(stopped);
    this.host.requestUpdate();
  }

  cancel(): void {
    this.evaluation.cancel();
  }

  async importFile(file: File): Promise<void> {
    this.error = null;
    this.notice = null;
    try {
      const { added, skipped } = await importEvalRuns(parseEvalExport(await file.text()));
      this.notice = messages.accuracy.importDone(added, skipped);
    } catch (error) {
      this.error = evalImportErrorText(error);
    } finally {
      await this.refresh();
    }
  }

  async remove(id: IDBValidKey): Promise<void> {
    try {
      await deleteEvalRun(id);
    } catch (error) {
      this.error = messages.accuracy.storageFailed((error as Error).message);
    }
    await this.refresh();
  }

  csv(): Blob {
    return new Blob([evalRunsToCsv(this.runs.filter(isReadableRun))], { type: 'text/csv' });
  }

  json(): Blob {
    return new Blob([evalRunsToJson(this.runs.filter(isReadableRun))], { type: 'application/json' });
  }

  /** One run's detections as a COCO results file; null when it is not stored (any more). */
  coco(id: string): { blob: Blob; name: string } | null {
    const run = this.runs.filter(isReadableRun).find((r) => r.id === id);
    if (!run) return null;
    const safe = (s: string) => s.replace(/[^\w.-]+/g, '_');
    return { blob: new Blob([cocoResultsJson(run)], { type: 'application/json' }), name: `${safe(run.model.id)}-${safe(run.backend)}-${safe(run.set.name)}-detections.json` };
  }
}
