// JSON helpers for the readers: parse with the error's line and column, and typed field access
// that refuses with the field's path.

import { refuse } from './refusal.ts';

const LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

/** Where JSON.parse gave up, found by a small grammar walk (engines differ in whether their
 * message says a position). -1 when the text parses, or nests too deep to walk. */
export function jsonErrorAt(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const string = () => {
    i++;
    while (i < text.length) {
      const c = text[i];
      if (c === '"') return void i++;
      if (c < ' ') fail();
      i += c === '\\' ? 2 : 1;
    }
    fail();
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) return void i++;
      for (;;) {
        if (c === '{') {
          ws();
          if (text[i] !== '"') fail();
          string();
          ws();
          if (text[i] !== ':') fail();
          i++;
        }
        value();
        ws();
        if (text[i] === close) return void i++;
        if (text[i] !== ',') fail();
        i++;
      }
    }
    if (c === '"') return string();
    LITERAL.lastIndex = i;
    const m = LITERAL.exec(text);
    if (!m) fail();
    i += m![0].length;
  };
  try {
    value();
    ws();
    return i < text.length ? i : -1;
  } catch (at) {
    return typeof at === 'number' ? at : -1;
  }
}

export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const at = jsonErrorAt(text);
    if (at < 0) return refuse({ code: 'malformed-file', file }, 'not valid JSON');
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    const detail = at >= text.length ? 'the text ends too early' : `unexpected ${JSON.stringify(text[at])}`;
    return refuse({ code: 'malformed-file', file, line, params: { column } }, `not valid JSON: ${detail} at column ${column}`);
  }
}

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function num(o: Obj, key: string, file: string, path: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) refuse({ code: 'malformed-field', file, field: `${path}.${key}` }, `${key} must be a number`);
  return v;
}

export function str(o: Obj, key: string, file: string, path: string): string {
  const v = o[key];
  if (typeof v !== 'string') refuse({ code: 'malformed-field', file, field: `${path}.${key}` }, `${key} must be a string`);
  return v;
}

export function arr(o: Obj, key: string, file: string, path = ''): unknown[] {
  const v = o[key];
  const field = path ? `${path}.${key}` : key;
  if (!Array.isArray(v)) refuse({ code: 'malformed-field', file, field }, `${field} must be a list`);
  return v;
}

export function obj(v: unknown, file: string, field: string): Obj {
  if (!isObj(v)) refuse({ code: 'malformed-field', file, field }, `${field} must be an object`);
  return v;
}

/** [x, y, w, h]: four finite numbers, w and h not negative */
export function bbox(v: unknown, file: string, field: string): [number, number, number, number] {
  if (!Array.isArray(v) || v.length !== 4 || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    refuse({ code: 'bad-box', file, field }, 'bbox must be [x, y, width, height], four numbers');
  }
  const [x, y, w, h] = v as number[];
  if (w < 0 || h < 0) refuse({ code: 'bad-box', file, field, params: { w, h } }, `bbox has a negative size (${w} x ${h})`);
  return [x, y, w, h];
}
