// Accuracy results in IndexedDB: one record per model x backend run (the figures, curves,
// F1-best threshold, speed, device, set and its hash, and the detections), this device's and
// those imported from other devices (marked `imported`), in a database of their own
// ('ssd-cam-evals') so the bench results and imported models are never touched by its
// schema. Every record is read through the check in eval-export.ts: a damaged one is listed as
// unreadable, with its key, never thrown.
import { keyedStore } from '../storage/idb';
import type { EvalRun } from '../engine/accuracy/eval-runner';
import { planEvalImport, readStoredRun, sortRuns, type ListedEvalRun, type StoredEvalRun } from './eval-export';

export const EVAL_DATABASE = 'ssd-cam-evals';

const store = keyedStore(EVAL_DATABASE, 'runs');
const run = store.run.bind(store);

/** Stores the runs of one evaluation, all in one transaction. */
export async function saveEvalRuns(runs: readonly StoredEvalRun[]): Promise<void> {
  if (runs.length === 0) return;
  await run('readwrite', (s) => {
    let last!: IDBRequest<IDBValidKey>;
    for (const r of runs) last = s.put(r);
    return last;
  });
}

/** Newest first, unreadable records last. */
export async function listEvalRuns(): Promise<ListedEvalRun[]> {
  const all = await run('readonly', (s) => s.getAll() as IDBRequest<unknown[]>);
  return sortRuns(all.map(readStoredRun));
}

export async function deleteEvalRun(id: IDBValidKey): Promise<void> {
  await run('readwrite', (s) => s.delete(id));
}

/** Stores checked runs from another device: what is already here is skipped, nothing replaced. */
export async function importEvalRuns(incoming: readonly EvalRun[]): Promise<{ added: number; skipped: number }> {
  const { save, skipped } = planEvalImport(await listEvalRuns(), incoming);
  await saveEvalRuns(save);
  return { added: save.length, skipped };
}
