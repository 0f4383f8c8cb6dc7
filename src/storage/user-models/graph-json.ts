import { ImportError, type ImportErrorKind } from './import-error';

// The structure of a parsed model.json, checked field by field before anything trusts it: a
// refusal names the file and the field (`weightsManifest[0].weights[3].dtype`), and every
// lookup by a name that came from the file is an own-property lookup, so keys such as
// "constructor" or "__proto__" are just unknown names. Nothing here recurses into the file,
// so deep nesting costs nothing; sizes are checked before any byte count is trusted.

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: string };
}

export interface GraphModelJson {
  format?: string;
  modelTopology: { node: Array<{ name: string; op: string; attr?: Record<string, unknown>; input?: string[] }> };
  weightsManifest: Array<{ paths: string[]; weights: WeightSpec[] }>;
  signature?: { inputs?: Record<string, { tensorShape?: { dim?: Array<{ size?: string }> } }>; outputs?: Record<string, unknown> };
  [key: string]: unknown;
}

/** Bytes per element of each dtype a weight may have, and of each quantized storage dtype. */
const BYTES: Readonly<Record<string, number>> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2, int8: 1, int16: 2 };
const QUANTIZED_BYTES: Readonly<Record<string, number>> = { uint8: 1, uint16: 2, float16: 2 };

type Obj = Record<string, unknown>;

export const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The value of an own property only: never something inherited from Object.prototype. */
export function own(o: unknown, key: string): unknown {
  return isObject(o) && Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

/** A short, safe rendering of any value for a message. */
export function show(v: unknown): string {
  if (typeof v === 'string') return `'${v.length > 40 ? `${v.slice(0, 40)}…` : v}'`;
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  if (v === undefined) return 'missing';
  return Array.isArray(v) ? `a list of ${v.length}` : 'an object';
}

/** A field path: identifiers joined with dots, indexes and other keys in brackets. */
export function field(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  const k = key.length > 60 ? `${key.slice(0, 60)}…` : key;
  if (/^[A-Za-z_$][\w$]*$/.test(k)) return base ? `${base}.${k}` : k;
  return `${base}[${JSON.stringify(k)}]`;
}

export class JsonChecker {
  constructor(
    /** the model.json file's name, for messages */
    readonly file: string,
  ) {}

  fail(kind: ImportErrorKind, at: string, what: string): never {
    throw new ImportError(kind, `${this.file}, ${at}: ${what}.`, this.file, at);
  }

  object(v: unknown, at: string, kind: ImportErrorKind = 'not-graph-model'): Obj {
    if (!isObject(v)) this.fail(kind, at, `expected an object, found ${show(v)}`);
    return v;
  }

  array(v: unknown, at: string, kind: ImportErrorKind = 'not-graph-model'): unknown[] {
    if (!Array.isArray(v)) this.fail(kind, at, `expected a list, found ${show(v)}`);
    return v;
  }

  string(v: unknown, at: string, kind: ImportErrorKind = 'not-graph-model'): string {
    if (typeof v !== 'string') this.fail(kind, at, `expected text, found ${show(v)}`);
    return v;
  }
}

/** Checks what the validator and the loader read; returns the file as a typed graph model. */
export function checkGraphModel(c: JsonChecker, json: unknown): GraphModelJson {
  if (!isObject(json)) {
    c.fail('not-graph-model', '(top level)', `found ${show(json)}, not a TensorFlow.js graph model (made by tensorflowjs_converter)`);
  }
  const format = own(json, 'format');
  if (format !== undefined && format !== 'graph-model') {
    c.fail('not-graph-model', 'format', `${show(format)}: this is not a TensorFlow.js graph model (made by tensorflowjs_converter). Layers models and other formats are not supported`);
  }
  const topology = c.object(own(json, 'modelTopology'), 'modelTopology');
  c.array(own(topology, 'node'), 'modelTopology.node').forEach((n, i) => {
    const at = field('modelTopology.node', i);
    c.object(n, at);
    c.string(own(n, 'name'), `${at}.name`);
    c.string(own(n, 'op'), `${at}.op`);
    const attr = own(n, 'attr');
    if (attr !== undefined) c.object(attr, `${at}.attr`);
    const input = own(n, 'input');
    if (input !== undefined) c.array(input, `${at}.input`).forEach((x, j) => c.string(x, field(`${at}.input`, j)));
  });
  const groups = c.array(own(json, 'weightsManifest'), 'weightsManifest');
  groups.forEach((g, gi) => {
    const at = field('weightsManifest', gi);
    c.object(g, at);
    c.array(own(g, 'paths'), `${at}.paths`).forEach((p, pi) => {
      const pAt = field(`${at}.paths`, pi);
      if (!shardName(c.string(p, pAt))) c.fail('not-graph-model', pAt, `${show(p)} names no file`);
    });
    c.array(own(g, 'weights'), `${at}.weights`).forEach((w, wi) => checkWeight(c, w, field(`${at}.weights`, wi)));
  });
  const signature = own(json, 'signature');
  if (signature !== undefined) {
    c.object(signature, 'signature');
    for (const key of ['inputs', 'outputs']) {
      const v = own(signature, key);
      if (v !== undefined) c.object(v, `signature.${key}`, key === 'inputs' ? 'bad-input' : 'not-graph-model');
    }
  }
  return json as GraphModelJson;
}

function checkWeight(c: JsonChecker, w: unknown, at: string): void {
  c.object(w, at);
  const name = c.string(own(w, 'name'), `${at}.name`);
  const dtype = c.string(own(w, 'dtype'), `${at}.dtype`);
  if (!Object.prototype.hasOwnProperty.call(BYTES, dtype)) {
    c.fail('not-graph-model', `${at}.dtype`, `weight ${show(name)} has dtype ${show(dtype)}, which a detector's weights never use`);
  }
  c.array(own(w, 'shape'), `${at}.shape`).forEach((d, i) => {
    if (!Number.isSafeInteger(d) || (d as number) < 0) c.fail('not-graph-model', field(`${at}.shape`, i), `${show(d)} is not a dimension (a whole number, 0 or more)`);
  });
  const q = own(w, 'quantization');
  if (q !== undefined) {
    const qdtype = c.string(own(c.object(q, `${at}.quantization`), 'dtype'), `${at}.quantization.dtype`);
    if (!Object.prototype.hasOwnProperty.call(QUANTIZED_BYTES, qdtype)) {
      c.fail('not-graph-model', `${at}.quantization.dtype`, `weight ${show(name)} is stored with dtype ${show(qdtype)}; quantized weights are uint8, uint16 or float16`);
    }
  }
}

/** The bytes one checked weight takes in its shard (Infinity when the shape overflows). */
export function weightBytes(w: WeightSpec): number {
  const dtype = w.quantization ? w.quantization.dtype : w.dtype;
  const size = w.quantization ? QUANTIZED_BYTES[dtype] : BYTES[dtype];
  return w.shape.reduce((a, b) => a * b, 1) * size;
}

/** The file a manifest path names: the part after the last '/'. */
export function shardName(path: string): string {
  return path.split('/').pop() ?? '';
}
