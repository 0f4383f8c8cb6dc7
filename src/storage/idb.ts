// The few lines of IndexedDB every store here needs: open a database at its schema version
// (upgrading it in one versionchange transaction, so a failed upgrade leaves the old data as
// it was), run requests in one transaction, close. Works on the page and in the worker.
// Connections are closed after each transaction, so an upgrade started by another context is
// never blocked for long.

export interface Schema {
  version: number;
  /**
   * Brings the database from `oldVersion` (0: new) to `version`, inside the versionchange
   * transaction: create stores, and move records with requests on `tx`.
   */
  upgrade(db: IDBDatabase, tx: IDBTransaction, oldVersion: number): void;
}

export interface Database {
  /** One transaction over `stores`; resolves with the result of the request `fn` returns, once the transaction commits. */
  run<T>(stores: string | string[], mode: IDBTransactionMode, fn: (tx: IDBTransaction) => IDBRequest<T>): Promise<T>;
}

export function openDatabase(name: string, schema: Schema): Database {
  const open = () =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, schema.version);
      request.onupgradeneeded = (event) => schema.upgrade(request.result, request.transaction!, event.oldVersion);
      request.onsuccess = () => {
        const db = request.result;
        // another context wants a newer version: let it have the database
        db.onversionchange = () => db.close();
        resolve(db);
      };
      request.onerror = () => reject(request.error);
    });
  return {
    async run<T>(stores: string | string[], mode: IDBTransactionMode, fn: (tx: IDBTransaction) => IDBRequest<T>): Promise<T> {
      const db = await open();
      try {
        return await new Promise<T>((resolve, reject) => {
          const tx = db.transaction(stores, mode);
          const request = fn(tx);
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

export interface KeyedStore {
  run<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T>;
}

/** A database of one store keyed by `id` (schema version 1). */
export function keyedStore(database: string, storeName: string): KeyedStore {
  const db = openDatabase(database, {
    version: 1,
    upgrade: (d) => {
      d.createObjectStore(storeName, { keyPath: 'id' });
    },
  });
  return {
    run: (mode, fn) => db.run(storeName, mode, (tx) => fn(tx.objectStore(storeName))),
  };
}
