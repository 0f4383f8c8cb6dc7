// Seeded fuzz of the import validator (issue 10, section 3): 2,000 mutated graph-model
// manifests (fields removed, wrong types, huge numbers, odd dtypes, bad shapes, duplicate
// paths, deep nesting, prototype-ish keys, broken text) go through validateModelFiles. Nothing
// may escape it except an ImportError, and every refusal names the file and the field at fault.
// A failing case prints its seed and the mutations that made it, so it can be replayed.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { ImportError, validateModelFiles, type ImportFile } from '../../../src/storage/user-models/validate';
import { HUMAN } from '../helpers/node-tf';
import { rng } from '../helpers/rng';

const CASES = 2000;
const SEED = 0x5eed_10;

/** A picked file whose bytes are shared, not copied: the validator only reads them. */
function file(name: string, data: Uint8Array | string): ImportFile {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return { name, size: bytes.byteLength, arrayBuffer: async () => buffer, text: async () => new TextDecoder().decode(bytes) };
}

/** A model.json: the validator only reads its text, so it is never encoded. */
function textFile(name: string, text: string): ImportFile {
  return {
    name,
    size: Buffer.byteLength(text),
    arrayBuffer: async () => new TextEncoder().encode(text).buffer as ArrayBuffer,
    text: async () => text,
  };
}

/** The real centernet model, and a tiny one with no signature (its input is a Placeholder). */
const CENTERNET = {
  json: fs.readFileSync(path.join(HUMAN, 'models/centernet.json'), 'utf8'),
  jsonName: 'centernet.json',
  shards: [file('centernet.bin', new Uint8Array(fs.readFileSync(path.join(HUMAN, 'models/centernet.bin'))))],
};
const TINY = {
  json: JSON.stringify({
    format: 'graph-model',
    modelTopology: {
      node: [
        { name: 'image', op: 'Placeholder', attr: { shape: { shape: { dim: [{ size: '1' }, { size: '-1' }, { size: '-1' }, { size: '3' }] } }, dtype: { type: 'DT_FLOAT' } } },
        { name: 'w', op: 'Const', attr: { dtype: { type: 'DT_FLOAT' } } },
        { name: 'out', op: 'Mul', input: ['image', 'w'] },
      ],
    },
    weightsManifest: [
      { paths: ['group1-shard1of2.bin', 'group1-shard2of2.bin'], weights: [{ name: 'w', shape: [3], dtype: 'float32' }, { name: 'q', shape: [2, 2], dtype: 'float32', quantization: { dtype: 'uint8', min: 0, scale: 1 } }] },
    ],
  }),
  jsonName: 'model.json',
  // 12 bytes of float32 and 4 of uint8 quantized weights, split over two shards
  shards: [file('group1-shard1of2.bin', new Uint8Array(8)), file('group1-shard2of2.bin', new Uint8Array(8))],
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Rand = () => number;

const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

function deep(r: Rand, depth: number): Json {
  let v: Json = pick(r, [1, 'x', null, {}]);
  for (let i = 0; i < depth; i++) v = r() < 0.5 ? [v] : { a: v };
  return v;
}

/** An own key (even "__proto__") that JSON.stringify writes out. */
function setOwn(o: { [key: string]: Json }, key: string, value: Json): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

const ODD_KEYS = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', '__defineGetter__'];
const ODD_STRINGS = ['', ' ', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'float64', 'string', 'complex64', 'FLOAT32', 'float32 ', 'NaN', '-1', '1e309', '../../etc/passwd', '\u0000', '💥'];

function weird(r: Rand): Json {
  switch (Math.floor(r() * 16)) {
    case 0: return null;
    case 1: return r() < 0.5;
    case 2: return pick(r, [0, -1, -0.5, 1.5, 2 ** 53 + 2, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 2 ** 31, 7]);
    case 3: return pick(r, ODD_STRINGS);
    case 4: return 'x'.repeat(Math.floor(r() * 200_000));
    case 5: return [];
    case 6: return {};
    case 7: return deep(r, 1 + Math.floor(r() * 3000));
    case 8: return [pick(r, [-1, 1e12, 3.5, 0]), 'a', null];
    case 9: {
      const o: { [key: string]: Json } = {};
      setOwn(o, pick(r, ODD_KEYS), { polluted: true, dtype: 'float32', size: 4 });
      return o;
    }
    case 10: return { dim: [{ size: pick(r, ['-7', 'NaN', '1e400', 'abc', '']) }] };
    case 11: return { name: pick(r, ODD_STRINGS), shape: [pick(r, [-1, 1e300, 2.5, 0])], dtype: pick(r, ODD_STRINGS) };
    case 12: return [null, null];
    case 13: return { paths: [pick(r, ['centernet.bin', 'model.json', 'a/b/c.bin', ''])], weights: [] };
    case 14: return Array.from({ length: 50 }, () => pick(r, ['centernet.bin', 'group1-shard1of2.bin', 'x.bin']));
    default: return String(pick(r, [0, 1, 512, -1]));
  }
}

/** A random location in the tree: a random walk down from the root. */
function locate(r: Rand, root: Json): { parent: Json[] | { [key: string]: Json }; key: string | number; trail: string } | null {
  let node = root;
  let parent: Json[] | { [key: string]: Json } | null = null;
  let key: string | number = '';
  let trail = '';
  for (let depth = 0; depth < 12; depth++) {
    if (node === null || typeof node !== 'object') break;
    const keys: Array<string | number> = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    if (keys.length === 0) break;
    const k = pick(r, keys);
    parent = node;
    key = k;
    trail += typeof k === 'number' ? `[${k}]` : `.${k}`;
    node = (node as Record<string | number, Json>)[k];
    if (depth >= 1 && r() < 0.25) break;
  }
  return parent ? { parent, key, trail } : null;
}

/** One mutation, in place; returns what it did. */
function mutate(r: Rand, root: { [key: string]: Json }): string {
  const at = locate(r, root);
  if (!at) return 'nothing';
  const { parent, key, trail } = at;
  const here = (parent as Record<string | number, Json>)[key];
  switch (Math.floor(r() * 9)) {
    case 0:
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      return `remove ${trail}`;
    case 1:
    case 2: {
      const v = weird(r);
      (parent as Record<string | number, Json>)[key] = v;
      return `set ${trail} = ${JSON.stringify(v)?.slice(0, 60)}`;
    }
    case 3:
      // wrong type of the same value
      (parent as Record<string | number, Json>)[key] = Array.isArray(here) ? { ...here } : typeof here === 'number' ? String(here) : typeof here === 'string' ? Number(here) || [here] : here && typeof here === 'object' ? Object.values(here) : { value: here };
      return `retype ${trail}`;
    case 4:
      if (Array.isArray(here) && here.length > 0) {
        const n = 1 + Math.floor(r() * 1000);
        for (let i = 0; i < n; i++) here.push(here[Math.floor(r() * here.length)]);
        return `duplicate ${n} items in ${trail}`;
      }
      return 'nothing';
    case 5:
      if (here && typeof here === 'object' && !Array.isArray(here)) {
        const k = pick(r, ODD_KEYS);
        setOwn(here, k, weird(r));
        return `own key ${trail}.${k}`;
      }
      return 'nothing';
    case 6:
      if (Array.isArray(here)) {
        here.push(weird(r));
        return `push into ${trail}`;
      }
      (parent as Record<string | number, Json>)[key] = [here, here];
      return `wrap ${trail}`;
    case 7:
      // the fields the validator reads, set to odd values
      return targeted(r, root);
    default:
      if (typeof here === 'number') {
        (parent as Record<string | number, Json>)[key] = pick(r, [-here, here * 1e300, here + 0.5, -1, 0]);
        return `number ${trail}`;
      }
      return targeted(r, root);
  }
}

function targeted(r: Rand, root: { [key: string]: Json }): string {
  const wm = root.weightsManifest as Array<{ paths: Json[]; weights: Array<{ [key: string]: Json }> }> | undefined;
  const g = Array.isArray(wm) && wm.length > 0 ? wm[Math.floor(r() * wm.length)] : null;
  const w = g && Array.isArray(g.weights) && g.weights.length > 0 ? g.weights[Math.floor(r() * g.weights.length)] : null;
  switch (Math.floor(r() * 6)) {
    case 0:
      if (w && typeof w === 'object') w.dtype = pick(r, ODD_STRINGS);
      return 'dtype';
    case 1:
      if (w && typeof w === 'object') w.quantization = pick<Json>(r, [{ dtype: pick(r, ODD_STRINGS) }, null, 'uint8', { dtype: 'uint8' }, {}]);
      return 'quantization';
    case 2:
      if (w && typeof w === 'object') w.shape = [pick(r, [-1, 3, 1e9, 1e308, 0.5, 2 ** 53]), pick(r, [-5, 1e9, 2, 'NaN', null])];
      return 'shape';
    case 3:
      if (g && Array.isArray(g.paths) && g.paths.length > 0) for (let i = 0, n = Math.floor(r() * 1000); i < n; i++) g.paths.push(g.paths[0]);
      return 'duplicate paths';
    case 4: {
      const sig = root.signature as { inputs?: Record<string, { tensorShape?: { dim?: Json } }> } | undefined;
      const first = sig?.inputs && typeof sig.inputs === 'object' ? Object.values(sig.inputs)[0] : undefined;
      // (any value: the dims of a broken file can be anything)
      if (first && typeof first === 'object' && first.tensorShape && typeof first.tensorShape === 'object') {
        first.tensorShape.dim = pick<Json>(r, [[{ size: '-9' }, {}, null, { size: 'x' }], [{ size: '1e999' }, { size: '1' }, { size: '1' }, { size: '3' }], null, 'dim', [[], [], [], []]]);
      }
      return 'input dims';
    }
    default:
      setOwn(root, pick(r, ODD_KEYS), weird(r));
      return 'prototype-ish top-level key';
  }
}

interface Case {
  seed: number;
  steps: string[];
  files: ImportFile[];
  jsonName: string;
}

function makeCase(seed: number): Case {
  const r = rng(seed);
  const base = r() < 0.5 ? CENTERNET : TINY;
  const steps: string[] = [];
  let text: string;
  if (r() < 0.06) {
    // broken text rather than a broken structure
    const at = Math.floor(r() * base.json.length);
    text = r() < 0.5 ? base.json.slice(0, at) : base.json.slice(0, at) + pick(r, ['}', ']]]', '\u0000', 'NaN', ',', '"']) + base.json.slice(at);
    steps.push(`text cut/insert at ${at}`);
  } else {
    const root = JSON.parse(base.json) as { [key: string]: Json };
    for (let i = 0, n = 1 + Math.floor(r() * 4); i < n; i++) steps.push(mutate(r, root));
    text = JSON.stringify(root);
  }
  let shards = base.shards;
  if (r() < 0.05) {
    shards = shards.slice(1);
    steps.push('drop a shard file');
  }
  return { seed, steps, files: [textFile(base.jsonName, text), ...shards], jsonName: base.jsonName };
}

/** The outcome of one case (accepted or the refusal's kind), and what is wrong with it, if anything. */
async function judge(c: Case): Promise<{ outcome: string; problem: string | null }> {
  let result;
  try {
    result = await validateModelFiles(c.files);
  } catch (error) {
    if (!(error instanceof ImportError)) return { outcome: 'escaped', problem: `escaped: ${(error as Error)?.name}: ${(error as Error)?.message}` };
    return { outcome: error.kind, problem: refusalProblem(c, error) };
  }
  return { outcome: 'accepted', problem: acceptedProblem(result) };
}

function refusalProblem(c: Case, error: ImportError): string | null {
  {
    const names = c.files.map((f) => f.name);
    if (!error.file || !names.includes(error.file)) return `refusal names no picked file (${error.file}): ${error.message}`;
    if (!error.message.includes(error.file)) return `message does not name the file ${error.file}: ${error.message}`;
    if (error.kind !== 'bad-json' && error.kind !== 'no-model-json') {
      if (!error.field) return `refusal (${error.kind}) names no field: ${error.message}`;
      if (!error.message.includes(error.field)) return `message does not name the field ${error.field}: ${error.message}`;
    }
    if (error.message.length > 600) return `message too long to read (${error.message.length} chars)`;
    return null;
  }
}

/** Accepted: what it hands on must be consistent. */
function acceptedProblem(result: Awaited<ReturnType<typeof validateModelFiles>>): string | null {
  const paths = result.modelJson.weightsManifest.flatMap((g) => g.paths);
  if (result.shards.length !== paths.length) return `accepted with ${result.shards.length} shards for ${paths.length} paths`;
  if (new Set(paths).size !== paths.length) return 'accepted duplicate shard paths';
  if (result.inputShape.length !== 4 || result.inputShape.some((d) => !Number.isInteger(d) || d < -1)) return `accepted input shape [${result.inputShape}]`;
  return null;
}

describe('import validator fuzz', () => {
  it(`${CASES} mutated manifests: only typed refusals, each naming the file and field`, async () => {
    const failures: string[] = [];
    const kinds = new Map<string, number>();
    for (let i = 0; i < CASES; i++) {
      const c = makeCase(SEED + i);
      const { outcome, problem } = await judge(c);
      if (problem) failures.push(`seed ${c.seed} [${c.steps.join('; ')}]: ${problem}`);
      kinds.set(outcome, (kinds.get(outcome) ?? 0) + 1);
    }
    console.log(`[fuzz] ${CASES} cases: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    // escapes first: they are the worst
    failures.sort((a, b) => Number(b.includes(': escaped:')) - Number(a.includes(': escaped:')));
    expect(failures.slice(0, 15), `${failures.length} of ${CASES} cases failed`).toEqual([]);
    // the mutations reach past the first check: several kinds of refusal, and some acceptances
    expect(kinds.size).toBeGreaterThanOrEqual(5);
  });
});
