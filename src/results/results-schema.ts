// The one schema of a bench result: every field the results view, the charts, the CSV and the
// JSON export read, with its type and its bounds. Imported files and stored records both go
// through it, so nothing unchecked reaches a view; a refusal names the first bad field by its
// path (`results[2].stages.inferenceMs`). Parsing returns a fresh copy holding only the known
// fields, so unknown keys, deep junk and prototype keys never reach storage.
//
// A few combinators of our own rather than a library: the app needs objects, lists, texts,
// numbers, dates and a path in the error, and the compiler checks below that the schema and
// the BenchResult type describe the same thing. No UI text here: an Issue is data, and the UI
// layer words it (src/app/results-format.ts).
import type { BenchResult } from '../engine/bench/bench-runner';
import type { BackendRequest } from '../shared/protocol';

export type Expected =
  | { kind: 'text'; max: number }
  | { kind: 'number'; min: number; max: number; integer: boolean }
  | { kind: 'boolean' }
  | { kind: 'date' }
  | { kind: 'list'; max: number }
  | { kind: 'object' }
  | { kind: 'one-of'; values: readonly string[] };

/** What was there instead: another kind of value, or the right kind out of bounds. */
export type Found =
  | 'missing' | 'null' | 'boolean' | 'number' | 'text' | 'list' | 'object'
  | 'out-of-range' | 'too-long' | 'not-a-date' | 'not-allowed';

export interface Issue {
  /** `results[2].stages.inferenceMs`; '' for the value itself */
  path: string;
  found: Found;
  expected: Expected;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; issue: Issue };

export interface Schema<T> {
  parse(value: unknown, path: string): Parsed<T>;
  /** inside an object: the key may be absent */
  readonly optional?: boolean;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (path: string, found: Found, expected: Expected): Parsed<never> => ({ ok: false, issue: { path, found, expected } });

function kindOf(v: unknown): Found {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'text';
  return 'object';
}

export function text(max = 1_000): Schema<string> {
  const expected: Expected = { kind: 'text', max };
  return {
    parse: (v, path) => (typeof v !== 'string' ? fail(path, kindOf(v), expected) : v.length > max ? fail(path, 'too-long', expected) : ok(v)),
  };
}

/** the largest figure anywhere in a result: mult-adds (~1e10), bytes (~1e10) fit many times over */
export const LARGEST = 1e15;

/**
 * A number in [min, max]. `unknownAsNaN`: a measured figure that can be non-finite (a division
 * by a zero time); JSON writes NaN and Infinity as null, so null (or a stored non-finite value)
 * reads back as NaN, which every view shows as a dash.
 */
export function number(opts: { min?: number; max?: number; integer?: boolean; unknownAsNaN?: boolean } = {}): Schema<number> {
  const { min = 0, max = LARGEST, integer = false, unknownAsNaN = false } = opts;
  const expected: Expected = { kind: 'number', min, max, integer };
  return {
    parse(v, path) {
      if (unknownAsNaN && (v === null || (typeof v === 'number' && !Number.isFinite(v)))) return ok(Number.NaN);
      if (typeof v !== 'number') return fail(path, kindOf(v), expected);
      if (!(v >= min && v <= max) || (integer && !Number.isInteger(v))) return fail(path, 'out-of-range', expected);
      return ok(v);
    },
  };
}

export function bool(): Schema<boolean> {
  return { parse: (v, path) => (typeof v === 'boolean' ? ok(v) : fail(path, kindOf(v), { kind: 'boolean' })) };
}

// what Date.toISOString writes (four-digit years), seconds and fraction optional, with a zone
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A date and time as Date.toISOString writes it, that is a real date (no 30 February). */
export function date(): Schema<string> {
  const expected: Expected = { kind: 'date' };
  return {
    parse(v, path) {
      if (typeof v !== 'string') return fail(path, kindOf(v), expected);
      if (!ISO.test(v) || !Number.isFinite(Date.parse(v))) return fail(path, 'not-a-date', expected);
      // Date.parse rolls 2026-02-30 over to 2 March: the calendar day must survive the round trip
      const day = v.slice(0, 10);
      const utc = new Date(`${day}T00:00:00Z`);
      if (!Number.isFinite(utc.getTime()) || utc.toISOString().slice(0, 10) !== day) return fail(path, 'not-a-date', expected);
      return ok(v);
    },
  };
}

export function oneOf<const V extends string>(values: readonly V[]): Schema<V> {
  const expected: Expected = { kind: 'one-of', values };
  return {
    parse: (v, path) =>
      typeof v !== 'string' ? fail(path, kindOf(v), expected) : (values as readonly string[]).includes(v) ? ok(v as V) : fail(path, 'not-allowed', expected),
  };
}

export function nullable<T>(inner: Schema<T>): Schema<T | null> {
  return { parse: (v, path) => (v === null ? ok(null) : inner.parse(v, path)) };
}

export function optional<T>(inner: Schema<T>): Schema<T> & { readonly optional: true } {
  return { parse: inner.parse, optional: true };
}

export function list<T>(item: Schema<T>, max = 1_000): Schema<T[]> {
  const expected: Expected = { kind: 'list', max };
  return {
    parse(v, path) {
      if (!Array.isArray(v)) return fail(path, kindOf(v), expected);
      if (v.length > max) return fail(path, 'too-long', expected);
      const out: T[] = [];
      for (let i = 0; i < v.length; i++) {
        const r = item.parse(v[i], `${path}[${i}]`);
        if (!r.ok) return r;
        out.push(r.value);
      }
      return ok(out);
    },
  };
}

type Shape = Record<string, Schema<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends { optional: true } ? K : never }[keyof S];
type ObjectOf<S extends Shape> = { [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Infer<S[K]> };
type Flat<T> = { [K in keyof T]: T[K] } & {};

export function object<S extends Shape>(shape: S): Schema<Flat<ObjectOf<S>>> {
  const expected: Expected = { kind: 'object' };
  const keys = Object.keys(shape);
  return {
    parse(v, path) {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(path, kindOf(v), expected);
      const out: Record<string, unknown> = {};
      for (const key of keys) {
        // own properties only: "constructor" or "__proto__" must not read an inherited value
        const value = Object.prototype.hasOwnProperty.call(v, key) ? (v as Record<string, unknown>)[key] : undefined;
        if (value === undefined && shape[key].optional) continue;
        const r = shape[key].parse(value, path ? `${path}.${key}` : key);
        if (!r.ok) return r;
        out[key] = r.value;
      }
      return ok(out as Flat<ObjectOf<S>>);
    },
  };
}

// ---- the bench result ----

const BACKEND_REQUESTS = ['auto', 'wasm', 'webgpu', 'webgl', 'cpu'] as const satisfies readonly BackendRequest[];

/** a measured time or rate (see `number`: null reads as unknown) */
const figure = number({ unknownAsNaN: true });
const count = number({ integer: true });
const summary = object({ mean: figure, p50: figure, p95: figure, count });
const name = text(1_000);

const row = object({
  model: name,
  modelName: name,
  group: name,
  trained: bool(),
  backend: text(100),
  requestedBackend: text(100),
  fallbackReason: optional(text(10_000)),
  adapter: name,
  wasmThreads: optional(number({ min: 1, max: 4_096, integer: true })),
  inputSize: number({ min: 1, max: 100_000, integer: true }),
  params: nullable(count),
  multAdds: nullable(count),
  coldStart: object({ backendMs: figure, loadMs: figure, firstInferenceMs: figure, totalMs: figure }),
  frames: count,
  stages: object({ preprocessMs: summary, inferenceMs: summary, readbackMs: summary, postprocessMs: summary, totalMs: summary }),
  fps: figure,
  bareMs: summary,
  bareFps: figure,
  pipelineEfficiency: figure,
  achievedGmacs: nullable(figure),
  peakGmacs: figure,
  shareOfPeak: nullable(figure),
  memory: object({ tensorsBefore: count, tensorsAfter: count, bytesBefore: count, bytesAfter: count }),
});

const device = object({
  label: name,
  userAgent: text(2_000),
  platform: name,
  cores: nullable(number({ min: 1, max: 100_000, integer: true })),
  memoryGiB: nullable(number({ max: 1e6 })),
  gpu: nullable(name),
  wasm: object({ simd: nullable(bool()), threads: nullable(number({ min: 1, max: 4_096, integer: true })), crossOriginIsolated: bool() }),
  screen: name,
});

const resultShape = {
  id: text(200),
  createdAt: date(),
  appVersion: name,
  device,
  frameSource: name,
  frameSize: text(100),
  plan: object({ models: list(name), backends: list(oneOf(BACKEND_REQUESTS), 10), frames: count, warmup: count }),
  rows: list(row),
  failures: list(object({ model: name, backend: text(100), message: text(100_000) })),
};

export const benchResultSchema = object(resultShape);
/** what the store holds: a result, and whether it came from another device */
export const storedResultSchema = object({ ...resultShape, imported: optional(bool()) });

/** the most results one file may hold */
export const MAX_RESULTS = 10_000;

// The schema and the type say the same thing: each compiles only while both directions hold.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesType: Same<Infer<typeof benchResultSchema>, BenchResult> = true;
void schemaMatchesType;
