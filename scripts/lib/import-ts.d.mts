// Types of import-ts.mjs.

/** The exports of the TypeScript module at `file` (an absolute path), bundled for Node. */
export function importTs(file: string): Promise<Record<string, unknown>>;
