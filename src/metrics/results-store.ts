import type { BenchResult } from '../engine/bench-runner';
import { keyedStore } from '../engine/idb';

// Bench results in IndexedDB: this device's runs and those imported from other devices
// (marked `imported`), so comparisons survive reloads and go offline with the app.

export interface StoredResult extends BenchResult {
  imported?: boolean;
}

const store = keyedStore('ssd-cam-results', 'results');
const run = store.run.bind(store);

export async function saveResult(result: StoredResult): Promise<void> {
  await run('readwrite', (s) => s.put(result));
}

export async function listResults(): Promise<StoredResult[]> {
  const all = await run('readonly', (s) => s.getAll() as IDBRequest<StoredResult[]>);
  return all.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function deleteResult(id: string): Promise<void> {
  await run('readwrite', (s) => s.delete(id));
}
