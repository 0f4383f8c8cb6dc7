// Bad input at scale (issue 10, section 3): 2,000 mutated bench-results files, seeded so a
// failure can be replayed, through import -> store -> the results view's cards, the charts'
// points and the CSV. Nothing throws out of the import path, nothing renders broken
// ("undefined", "NaN", "Invalid Date", "[object Object]", runaway text), and every refusal
// names what is wrong: the first bad field's path, which must be one the mutation touched.
// The same files are also stored raw, as an older version's import would have kept them: the
// list still shows every record, the bad ones as removable "unreadable" cards.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { databases, fakeKeyedStore } from '../helpers/fake-keyed-store';
import { sampleResult } from '../helpers/bench-results';

vi.mock('../../../src/storage/idb', async (original) => ({ ...(await original<object>()), keyedStore: fakeKeyedStore }));

const { CSV_COLUMNS, ExportError, parseExport, toCsv } = await import('../../../src/results/export');
const { deleteResult, importResults, isReadable, listResults, saveResult } = await import('../../../src/results/results-store');
const { chartPoints, importErrorText, resultCard } = await import('../../../src/features/bench/results-format');
const { setLocale } = await import('../../../src/i18n/messages');

const FILES = 2_000;
const SEED = 0x5eed_0010;

/** xorshift32: small, seeded, and ours; the same seed gives the same 2,000 files */
function random(seed: number) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
  };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Slot = { parent: Json[] | { [k: string]: Json }; key: string | number; path: string };

/** every value under `root`, with where it sits and its path as the schema names it */
function slots(root: Json, path: string, out: Slot[] = []): Slot[] {
  if (Array.isArray(root)) root.forEach((v, i) => (out.push({ parent: root, key: i, path: `${path}[${i}]` }), slots(v, `${path}[${i}]`, out)));
  else if (root && typeof root === 'object')
    for (const [k, v] of Object.entries(root)) out.push({ parent: root, key: k, path: `${path}.${k}` }), slots(v, `${path}.${k}`, out);
  return out;
}

const DEEP = '\u0000deep\u0000';
const deep = (n: number, open: string, close: string) => open.repeat(n) + '1' + close.repeat(n);
const WRONG: Json[] = [null, true, false, 0, 1, -1, 'text', '', [], {}, [1, 2], { a: 1 }, '12', '-1e999'];
const HUGE: Json[] = [1e308, -1e308, 2 ** 60, 1e16, -0.0001, 5e-324, Number.MAX_SAFE_INTEGER];
const DATES: Json[] = [
  '', 'yesterday', '2026-02-30T00:00:00Z', '+275760-09-13T00:00:00.000Z', '-000001-01-01T00:00:00.000Z', '2026-11-23',
  '2026-11-23T14:00:00.000Z\n', '9999-12-31T23:59:59.999Z', '1970-01-01T00:00:00Z', 'Mon, 23 Nov 2026 14:00:00 GMT', '2026-11-23T25:61:00Z',
];

interface Mutated {
  text: string;
  /** paths the mutations touched; a refusal must name one of them, or something under or above it */
  touched: string[];
  /** the text itself was broken (not JSON, or not our format): the refusal is about the file */
  textual: boolean;
}

function mutate(i: number, rnd: ReturnType<typeof random>): Mutated {
  const results = Array.from({ length: 1 + rnd.int(3) }, (_, k) => sampleResult(k + rnd.int(4)) as unknown as Json);
  const doc: { format: Json; results: Json } = { format: 'ssd-cam-bench/1', results };
  const touched: string[] = [];
  let textual = false;
  const mutations = i % 10 === 0 ? 0 : 1 + rnd.int(3); // one file in ten stays valid
  for (let m = 0; m < mutations; m++) {
    const all = [{ parent: doc as unknown as Slot['parent'], key: 'results', path: 'results' }, ...slots(doc.results, 'results')];
    const slot = rnd.pick(all);
    const parent = slot.parent as Record<string | number, Json>;
    const kind = rnd.int(11);
    touched.push(slot.path);
    if (kind === 0) {
      if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
      else delete parent[slot.key];
    } else if (kind === 1) parent[slot.key] = rnd.pick(WRONG);
    else if (kind === 2) parent[slot.key] = rnd.pick(HUGE);
    else if (kind === 3) parent[slot.key] = rnd.pick(DATES);
    else if (kind === 4) parent[slot.key] = DEEP;
    else if (kind === 5) parent[slot.key] = 'x'.repeat(rnd.pick([1_001, 5_000, 100_001]));
    else if (kind === 6 && Array.isArray(doc.results) && doc.results.length) doc.results.push(structuredClone(rnd.pick(doc.results))); // a duplicate
    else if (kind === 7 && parent[slot.key] && typeof parent[slot.key] === 'object' && !Array.isArray(parent[slot.key])) {
      const target = parent[slot.key] as Record<string, Json>;
      Object.defineProperty(target, rnd.pick(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'extra']), {
        value: rnd.pick(WRONG), enumerable: true, configurable: true, writable: true,
      });
    } else if (kind === 8 && Array.isArray(doc.results) && doc.results.length) {
      const k = rnd.int(doc.results.length);
      doc.results[k] = rnd.pick(WRONG);
      touched.push(`results[${k}]`);
    } else if (kind === 9 && Array.isArray(doc.results)) {
      // results of the same run twice over: the second, sorted list must still render
      for (const r of doc.results) if (r && typeof r === 'object' && !Array.isArray(r)) (r as Record<string, Json>).id = 'bench-same';
      touched.push('results');
    } else touched.pop();
  }
  // three files carry a 10 MB string where a name belongs
  if (i === 333 || i === 1_000 || i === 1_777) {
    const r = (doc.results as Json[])[0] as Record<string, Json> | undefined;
    if (r && typeof r === 'object' && r.device && typeof r.device === 'object') {
      (r.device as Record<string, Json>).label = 'M'.repeat(10 * 1024 * 1024);
      touched.push('results[0].device.label');
    }
  }
  let text = JSON.stringify(doc).split(JSON.stringify(DEEP)).join(deep(2_000 + rnd.int(3_000), rnd.next() < 0.5 ? '[' : '{"a":', rnd.next() < 0.5 ? ']' : '}'));
  if (text.includes('{"a":1]') || text.includes('[1}')) textual = true; // mixed brackets: not JSON at all
  if (i % 97 === 5) (text = text.slice(0, rnd.int(text.length))), (textual = true);
  if (i % 101 === 7) (text = text.replace('ssd-cam-bench/1', rnd.pick(['ssd-cam-bench/2', '', 'other']))), (textual = true);
  return { text, touched, textual };
}

const related = (p: string, m: string) => p === m || p.startsWith(`${m}.`) || p.startsWith(`${m}[`) || m.startsWith(`${p}.`) || m.startsWith(`${p}[`);
const BROKEN = /undefined|NaN|Invalid Date|\[object|Infinity|\bnull\b/;

/** how deeply a value nests (iteratively: the values tested nest thousands deep) */
function depth(root: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    deepest = Math.max(deepest, d);
    if (v && typeof v === 'object') for (const x of Object.values(v)) stack.push([x, d + 1]);
  }
  return deepest;
}

/** every string a card shows */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (k !== 'id') strings(x, out);
  return out;
}

/** one CSV line into its cells (quoted cells may hold commas and doubled quotes) */
function cells(line: string): string[] {
  const out: string[] = [];
  const re = /("(?:[^"]|"")*"|[^,]*)(,|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line))) {
    out.push(m[1]);
    if (m[2] === '') break;
  }
  return out;
}

async function renderAll(where: string): Promise<{ results: number; broken: number }> {
  const listed = await listResults();
  const wrong: string[] = []; // collected, then one assertion: expect() per string is slow
  let broken = 0;
  for (const entry of listed) {
    const card = resultCard(entry);
    if (card.kind === 'broken') {
      broken++;
      if (!card.text || /undefined|\[object/.test(card.text)) wrong.push(`broken card: ${card.text.slice(0, 200)}`);
      continue;
    }
    for (const s of strings(card)) if (BROKEN.test(s) || s.length > 400) wrong.push(`card text: ${s.slice(0, 200)}`);
  }
  const readable = listed.filter(isReadable);
  for (const p of chartPoints(readable)) if (!(Number.isFinite(p.fps) && p.fps >= 0 && p.label.length <= 400)) wrong.push(`chart point: ${JSON.stringify(p)}`);
  const lines = toCsv(readable).trimEnd().split('\n');
  if (lines.length !== 1 + readable.reduce((n, r) => n + r.rows.length, 0)) wrong.push(`CSV has ${lines.length} lines`);
  for (const line of lines.slice(1)) {
    if (cells(line).length !== CSV_COLUMNS.length || BROKEN.test(line)) wrong.push(`CSV line: ${line.slice(0, 200)}`);
  }
  expect(wrong, where).toEqual([]);
  return { results: listed.length - broken, broken };
}

beforeEach(() => {
  databases.clear();
  setLocale('en');
});

describe('2,000 mutated results files', () => {
  it('import, store, render and CSV: nothing throws, nothing renders broken, every refusal names what is wrong', async () => {
    const rnd = random(SEED);
    const tally = { accepted: 0, refused: 0, stored: 0, unreadable: 0 };
    for (let i = 0; i < FILES; i++) {
      const { text, touched, textual } = mutate(i, rnd);
      const where = `file ${i} (seed ${SEED})`;
      databases.clear();
      await saveResult(sampleResult(0)); // a local run, so re-imports of it meet the merge rule

      // 1. the import path, as the bench controller runs it
      let parsed: ReturnType<typeof parseExport> | null = null;
      try {
        parsed = parseExport(text);
      } catch (error) {
        tally.refused++;
        expect(error, where).toBeInstanceOf(ExportError);
        const problem = (error as InstanceType<typeof ExportError>).problem;
        const said = importErrorText(error);
        expect(said.length, where).toBeGreaterThan(10);
        if (problem.kind === 'field') {
          expect(said, where).toContain(problem.issue.path);
          expect(touched.some((m) => related(problem.issue.path, m)), `${where}: ${problem.issue.path} not among ${touched.join(', ')}`).toBe(true);
          if (i % 10 === 1) {
            setLocale('ja');
            expect(importErrorText(error), where).toContain(problem.issue.path);
            setLocale('en');
          }
        } else {
          expect(textual, `${where}: ${problem.kind}`).toBe(true);
        }
      }
      if (parsed) {
        tally.accepted++;
        await importResults(parsed);
        const { results, broken } = await renderAll(where);
        expect(broken, where).toBe(0);
        tally.stored += results;
      }

      // 2. the same results stored raw, as an older version's import would have kept them
      databases.clear();
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        continue;
      }
      const list = (raw as { results?: unknown }).results;
      for (const r of Array.isArray(list) ? list : []) {
        const id = (r as { id?: unknown } | null)?.id;
        if (typeof id !== 'string' && typeof id !== 'number') continue; // IndexedDB would not have taken it
        if (depth(r) > 500) continue; // nor one too deep for its structured clone
        await saveResult({ ...(r as object), imported: true } as never);
      }
      const { broken } = await renderAll(where);
      tally.unreadable += broken;
      for (const entry of await listResults()) if (!isReadable(entry)) await deleteResult(entry.id);
      expect((await listResults()).every(isReadable), where).toBe(true);
    }
    console.log(`[fuzz] ${FILES} files: ${tally.accepted} accepted (${tally.stored} results shown), ${tally.refused} refused; raw-stored: ${tally.unreadable} unreadable cards removed`);
    expect(tally.accepted + tally.refused).toBe(FILES);
    expect(tally.accepted).toBeGreaterThan(FILES / 20);
    expect(tally.refused).toBeGreaterThan(FILES / 2);
  });
});
