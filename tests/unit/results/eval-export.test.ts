// Accuracy results out and in: the CSV (a row per run, the 12 figures and the operating
// point, cells escaped), the JSON export (this device's runs only) read back by the import
// check, refusals that name the field, the merge rule (a run already here is skipped, an
// import never replaces a record), the COCO results file, and the IndexedDB store (in memory
// here) listing a damaged record as unreadable beside the good ones.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { databases, fakeKeyedStore } from '../helpers/fake-keyed-store';
import { sampleRun } from '../helpers/eval-runs';

vi.mock('../../../src/storage/idb', async (original) => ({ ...(await original<object>()), keyedStore: fakeKeyedStore }));

const {
  EVAL_CSV_COLUMNS,
  EvalImportError,
  cocoResultsJson,
  evalRunsToCsv,
  evalRunsToJson,
  parseEvalExport,
  planEvalImport,
  readStoredRun,
} = await import('../../../src/results/eval-export');
const { EVAL_DATABASE, deleteEvalRun, importEvalRuns, listEvalRuns, saveEvalRuns } = await import('../../../src/results/eval-store');

beforeEach(() => databases.clear());

describe('export', () => {
  it('CSV: a header and a row per run with the 12 figures, the F1-best threshold and speed; cells escaped', () => {
    const run = sampleRun(0, { set: { ...sampleRun(0).set, name: 'faces, "dlib"' } });
    const [header, row, end] = evalRunsToCsv([run]).split('\n');
    expect(end).toBe('');
    expect(header.split(',')).toEqual([...EVAL_CSV_COLUMNS]);
    expect(header).toContain('AP,AP50,AP75,APs,APm,APl,AR1,AR10,AR100,ARs,ARm,ARl');
    // the set name holds a comma and quotes: one quoted cell
    expect(row).toContain('"faces, ""dlib"""');
    const cells = row.replace('"faces, ""dlib"""', 'SET').replace('"Linux x86_64, 2 cores"', 'DEVICE').split(',');
    expect(cells).toHaveLength(EVAL_CSV_COLUMNS.length);
    const at = (name: string) => cells[EVAL_CSV_COLUMNS.indexOf(name as never)];
    expect(Number(at('AP'))).toBeCloseTo(run.figures.AP, 6);
    expect(Number(at('AP50'))).toBeCloseTo(run.figures.AP50, 6);
    expect(Number(at('f1Threshold'))).toBeCloseTo(run.f1Best!.threshold, 6);
    expect(Number(at('imagesPerSecond'))).toBe(run.speed.imagesPerSecond);
    expect(at('model')).toBe('ssd-mobilenet-v1-face');
    expect(at('unmappedSetClasses')).toBe('unicorn');
  });

  it('JSON: this device’s runs only, read back whole by the import check', () => {
    const mine = sampleRun(0);
    const theirs = sampleRun(1, { id: 'imported:x', imported: true });
    const text = evalRunsToJson([mine, theirs]);
    const back = parseEvalExport(text);
    expect(back).toHaveLength(1);
    expect(back[0]).toEqual(JSON.parse(JSON.stringify(mine)));
    expect('imported' in back[0]).toBe(false);
  });

  it('refuses what is not an export, naming the damaged field', () => {
    const problem = (text: string) => {
      try {
        parseEvalExport(text);
      } catch (e) {
        expect(e).toBeInstanceOf(EvalImportError);
        return (e as InstanceType<typeof EvalImportError>).problem;
      }
      throw new Error('accepted');
    };
    expect(problem('{not json')).toEqual({ kind: 'not-json' });
    expect(problem(JSON.stringify({ format: 'ssd-cam-bench/1', results: [] }))).toEqual({ kind: 'not-export' });
    const bad = JSON.parse(evalRunsToJson([sampleRun(0), sampleRun(1)]));
    bad.runs[1].figures.AP50 = 'high';
    expect(problem(JSON.stringify(bad))).toEqual({ kind: 'field', path: 'runs[1].figures.AP50' });
    delete bad.runs[1].figures.AP50;
    bad.runs[0].detections[0].bbox = [1, 2, 3];
    expect(problem(JSON.stringify(bad))).toEqual({ kind: 'field', path: 'runs[0].detections[0].bbox' });
  });

  it('a COCO results file: image ids, the set’s category ids, pixel boxes, scores', () => {
    const run = sampleRun(0);
    const results = JSON.parse(cocoResultsJson(run));
    expect(results).toHaveLength(run.detections.length);
    expect(Object.keys(results[0]).sort()).toEqual(['bbox', 'category_id', 'image_id', 'score']);
    expect(new Set(results.map((d: { category_id: number }) => d.category_id))).toEqual(new Set([3, 5]));
    expect(results[0].bbox[2]).toBeGreaterThan(1); // pixels, not fractions
  });
});

describe('import merge', () => {
  it('skips a run already here (own export read back), stores others under keys no record holds', () => {
    const mine = sampleRun(0);
    const other = sampleRun(1, { id: mine.id, createdAt: '2027-01-01T00:00:00.000Z' });
    const taken = { ...sampleRun(2), id: `imported:${mine.id}` };
    const { save, skipped } = planEvalImport([mine, taken], [mine, other, other]);
    expect(skipped).toBe(2);
    expect(save.map((r) => [r.id, r.imported])).toEqual([[`imported:${mine.id}#2`, true]]);
  });
});

describe('stored runs', () => {
  it('lists runs newest first, a damaged record as unreadable (with its key) beside them, and deletes it', async () => {
    await saveEvalRuns([sampleRun(0), sampleRun(3)]);
    databases.get(EVAL_DATABASE)!.set('broken', { id: 'broken', figures: { AP: 'x' } });
    const list = await listEvalRuns();
    expect(list.map((r) => r.id)).toEqual([sampleRun(3).id, sampleRun(0).id, 'broken']);
    expect(list[2]).toEqual({ id: 'broken', imported: false, unreadable: 'createdAt' });
    await deleteEvalRun('broken');
    expect((await listEvalRuns()).map((r) => r.id)).toEqual([sampleRun(3).id, sampleRun(0).id]);
    expect(readStoredRun(null)).toEqual({ id: '', imported: false, unreadable: 'the record' });
  });

  it('imports another device’s export once', async () => {
    await saveEvalRuns([sampleRun(0)]);
    const file = parseEvalExport(evalRunsToJson([sampleRun(0), sampleRun(5)]));
    expect(await importEvalRuns(file)).toEqual({ added: 1, skipped: 1 });
    expect(await importEvalRuns(file)).toEqual({ added: 0, skipped: 2 });
    const list = await listEvalRuns();
    expect(list.map((r) => [r.id, r.imported === true])).toEqual([
      [`imported:${sampleRun(5).id}`, true],
      [sampleRun(0).id, false],
    ]);
  });
});
