// The few lines of IndexedDB every store here needs: open a one-store database keyed by `id`,
// run one request in a transaction, close. Works on the page and in the worker.

export interface KeyedStore {
  run<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T>;
}

export function keyedStore(database: string, storeName: string): KeyedStore {
  const open = () =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(database, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(storeName, { keyPath: 'id' });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  return {
    async run<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
      const db = await open();
      try {
        return await new Promise<T>((resolve, reject) => {
          const tx = db.transaction(storeName, mode);
          const request = fn(tx.objectStore(storeName));
          tx.oncomplete = () => resolve(request.result);
          tx.onerror = () => reject(tx.error ?? request.error);
          tx.onabort = () => reject(tx.error ?? new Error('storage transaction aborted'));
        });
      } finally {
        db.close();
      }
    },
  };
}
