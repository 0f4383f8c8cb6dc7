import type { BenchResult } from '../engine/bench-runner';

// Bench results in IndexedDB: this device's runs and those imported from other devices
// (marked `imported`), so comparisons survive reloads and go offline with the app.

export interface StoredResult extends BenchResult {
  imported?: boolean;
}

const DB = 'ssd-cam-results';
const STORE = 'results';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = fn(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error ?? request.error);
    });
  } finally {
    db.close();
  }
}

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
