// An in-memory stand-in for keyedStore (src/engine/idb.ts), for stores that run in Node where
// IndexedDB does not exist: one transaction per run, values copied in and out (IndexedDB
// stores structured clones), a transaction's writes kept only if it completes, and puts that
// can be made to fail (a full disk) to test what the app does then.

/** database name -> key -> value */
export const databases = new Map<string, Map<IDBValidKey, unknown>>();

/** Arm with a predicate on the put's number (1, 2, ... since armed) to make that put fail. */
export const faults: { failPut: ((n: number) => boolean) | null; puts: number } = { failPut: null, puts: 0 };

const order = (a: IDBValidKey, b: IDBValidKey) =>
  typeof a === typeof b ? (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0) : typeof a === 'number' ? -1 : 1;

export function fakeKeyedStore(database: string) {
  return {
    async run<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
      await Promise.resolve();
      const committed = databases.get(database) ?? new Map<IDBValidKey, unknown>();
      const draft = new Map(committed);
      let failure: unknown = null;
      const request = <R>(result: R) => ({ result }) as unknown as IDBRequest<R>;
      const writable = () => {
        if (mode !== 'readwrite') throw new DOMException('read-only transaction', 'ReadOnlyError');
      };
      const store = {
        put(value: { id: IDBValidKey }) {
          writable();
          faults.puts++;
          if (faults.failPut?.(faults.puts)) failure ??= new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          draft.set(value.id, structuredClone(value));
          return request(value.id);
        },
        getAll() {
          return request([...draft.keys()].sort(order).map((k) => structuredClone(draft.get(k))));
        },
        delete(key: IDBValidKey) {
          writable();
          draft.delete(key);
          return request(undefined);
        },
        transaction: {
          abort() {
            failure ??= new DOMException('The transaction was aborted.', 'AbortError');
          },
        },
      };
      const req = fn(store as unknown as IDBObjectStore);
      await Promise.resolve();
      if (failure) throw failure;
      databases.set(database, draft);
      return req.result;
    },
  };
}

/** The values stored in a database, in key order. */
export const stored = (database: string) => {
  const data = databases.get(database) ?? new Map();
  return [...data.keys()].sort(order).map((k) => data.get(k));
};
