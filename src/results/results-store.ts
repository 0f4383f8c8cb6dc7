// Bench results in IndexedDB: this device's runs and those imported from other devices
// (marked `imported`), so comparisons survive reloads and go offline with the app.
// Every record is read through the results schema: one an older version stored, damaged or
// not, comes back as an "unreadable" entry the view can show and delete, never as a throw
// that hides the others. The IndexedDB calls stay thin; the rules (reading, the import
// merge) are pure functions, tested in Node.
import type { BenchResult } from '../engine/bench/bench-runner';
import { keyedStore } from '../storage/idb';
import { isReadableRecord, planImport as planImportBy, unreadableRecord, type Unreadable } from './record-rules';
import { storedResultSchema, type Issue } from './results-schema';

export interface StoredResult extends BenchResult {
  imported?: boolean;
}

/** Unreadable: the schema's issue with it. */
export type UnreadableResult = Unreadable<Issue>;

export type ListedResult = StoredResult | UnreadableResult;

export const isReadable = (r: ListedResult): r is StoredResult => isReadableRecord(r);

/** One stored record as the views may use it. */
export function readStored(raw: unknown): ListedResult {
  const parsed = storedResultSchema.parse(raw, '');
  return parsed.ok ? parsed.value : unreadableRecord(raw, parsed.issue);
}

/** Oldest first; unreadable records last (they have no trustworthy date). */
export function sortListed(list: ListedResult[]): ListedResult[] {
  const key = (r: ListedResult) => (isReadable(r) ? Date.parse(r.createdAt) : Number.POSITIVE_INFINITY);
  return list.sort((a, b) => key(a) - key(b) || 0);
}

/** What a run measured, whatever its key and origin: the same run has the same fingerprint. */
const fingerprint = (r: BenchResult): string => JSON.stringify({ ...r, id: undefined, imported: undefined });

/** The import merge rule (record-rules.ts): what is already here is skipped, nothing replaced. */
export const planImport = (existing: readonly ListedResult[], incoming: readonly BenchResult[]): { save: StoredResult[]; skipped: number } =>
  planImportBy(existing, incoming, { isReadable, fingerprint });

const store = keyedStore('ssd-cam-results', 'results');
const run = store.run.bind(store);

export async function saveResult(result: StoredResult): Promise<void> {
  await run('readwrite', (s) => s.put(result));
}

export async function listResults(): Promise<ListedResult[]> {
  const all = await run('readonly', (s) => s.getAll() as IDBRequest<unknown[]>);
  return sortListed(all.map(readStored));
}

/** Stores checked results from a file by the merge rule, all in one transaction: all or none. */
export async function importResults(incoming: readonly BenchResult[]): Promise<{ added: number; skipped: number }> {
  const { save, skipped } = planImport(await listResults(), incoming);
  if (save.length > 0) {
    await run('readwrite', (s) => {
      try {
        let last!: IDBRequest<IDBValidKey>;
        for (const r of save) last = s.put(r);
        return last;
      } catch (error) {
        s.transaction.abort(); // puts already made must not commit without the rest
        throw error;
      }
    });
  }
  return { added: save.length, skipped };
}

export async function deleteResult(id: IDBValidKey): Promise<void> {
  await run('readwrite', (s) => s.delete(id));
}
