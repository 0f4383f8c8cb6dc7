// The rules both result stores (bench results, accuracy runs) follow, pure:
// - a stored record its check refuses is listed as unreadable, with its key, never thrown;
// - the import merge: a record already here (your own export read back, or a file imported
//   twice) is skipped; every other one is stored as imported under a key of its own
//   (`imported:<id>`, then `imported:<id>#2` ...) that no existing record holds. Nothing
//   existing is ever replaced.

/** Imported records live under their own keys, so an import never lands on a local run. */
export const IMPORTED_PREFIX = 'imported:';

export interface ImportRule<R, L extends { id: IDBValidKey }> {
  /** a stored record the views can use (an unreadable one has no trustworthy fingerprint) */
  isReadable: (listed: L) => listed is L & R;
  /** what a record measured, whatever its key and origin: the same run, the same fingerprint */
  fingerprint: (record: R) => string;
}

export function planImport<R extends { id: IDBValidKey }, L extends { id: IDBValidKey }>(
  existing: readonly L[],
  incoming: readonly R[],
  rule: ImportRule<R, L>,
): { save: (R & { imported: true })[]; skipped: number } {
  const taken = new Set<IDBValidKey>(existing.map((r) => r.id));
  const known = new Set(existing.filter(rule.isReadable).map(rule.fingerprint));
  const save: (R & { imported: true })[] = [];
  let skipped = 0;
  for (const r of incoming) {
    const print = rule.fingerprint(r);
    if (known.has(print)) {
      skipped++;
      continue;
    }
    let id = `${IMPORTED_PREFIX}${String(r.id)}`;
    for (let n = 2; taken.has(id); n++) id = `${IMPORTED_PREFIX}${String(r.id)}#${n}`;
    taken.add(id);
    known.add(print);
    save.push({ ...r, id, imported: true });
  }
  return { save, skipped };
}

/** A stored record its check refuses: listed as such, with its key so it can be deleted. */
export interface Unreadable<Issue> {
  id: IDBValidKey;
  imported: boolean;
  /** what is wrong with it */
  unreadable: Issue;
}

export const isReadableRecord = <R extends object>(r: R | Unreadable<unknown>): r is R => !('unreadable' in r);

export function unreadableRecord<Issue>(raw: unknown, issue: Issue): Unreadable<Issue> {
  const record = (typeof raw === 'object' && raw !== null ? raw : {}) as { id?: IDBValidKey; imported?: unknown };
  return { id: record.id ?? '', imported: record.imported === true, unreadable: issue };
}
