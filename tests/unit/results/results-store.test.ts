// The results store and the import path through the bench controller, with IndexedDB replaced
// by an in-memory store of the same shape (IndexedDB does not exist in Node): a bad stored
// record cannot hide the others (finding 4), imports never replace a local record (finding 5),
// and the list is read again after any import, failed ones included (issue 10, low).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { databases, faults, fakeKeyedStore, stored } from '../helpers/fake-keyed-store';
import { exportText, sampleResult } from '../helpers/bench-results';

vi.mock('../../../src/storage/idb', async (original) => ({ ...(await original<object>()), keyedStore: fakeKeyedStore }));

const { BenchController } = await import('../../../src/features/bench/bench-controller');
const { deleteResult, listResults, planImport, readStored, saveResult } = await import('../../../src/results/results-store');
const { resultCard } = await import('../../../src/features/bench/results-format');
const { toJson } = await import('../../../src/results/export');

const DB = 'ssd-cam-results';
const host = { addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) };
const file = (text: string) => new File([text], 'results.json', { type: 'application/json' });
const ids = (list: readonly { id: IDBValidKey }[]) => list.map((r) => r.id);

beforeEach(() => {
  databases.clear();
  faults.failPut = null;
  faults.puts = 0;
});

describe('stored results', () => {
  it('an old or damaged stored record shows as unreadable beside the others, and can still be removed', async () => {
    const good = sampleResult(0);
    const noInference = sampleResult(1);
    delete (noInference.rows[0].stages as Partial<typeof noInference.rows[0]['stages']>).inferenceMs;
    const numberDate = { ...sampleResult(2), createdAt: 42 };
    const noDevice = { id: 'bench-old', imported: true, createdAt: '2025-01-01T00:00:00.000Z', rows: [] };
    for (const r of [good, noInference, numberDate, noDevice]) await saveResult(r as never);

    const listed = await listResults();
    expect(listed).toHaveLength(4);
    const cards = listed.map((r) => resultCard(r));
    const broken = cards.filter((c) => c.kind === 'broken');
    expect(cards.filter((c) => c.kind === 'result').map((c) => c.id)).toEqual([good.id]);
    expect(broken.map((c) => c.id).sort()).toEqual([noInference.id, numberDate.id, 'bench-old'].sort());
    const text = broken.map((c) => (c.kind === 'broken' ? c.text : '')).join('\n');
    expect(text).toContain('rows[0].stages.inferenceMs');
    expect(text).toContain('createdAt');
    expect(text).toContain('appVersion is missing'); // the first of its missing fields

    for (const c of broken) await deleteResult(c.id!);
    expect(ids(await listResults())).toEqual([good.id]);
  });
});

describe('importing results through the bench controller', () => {
  it('never replaces a local record: re-importing your own export marks nothing imported', async () => {
    const mine = sampleResult(0);
    await saveResult(mine);
    const bench = new BenchController(host, () => null);
    await bench.refresh();

    await bench.importFile(file(toJson([mine])));
    expect(bench.error).toBeNull();
    expect(stored(DB)).toEqual([mine]);
    expect(bench.results).toHaveLength(1);
    expect(JSON.parse(await bench.json().text()).results).toEqual([mine]);

    // another device's run under the same id (ids are a millisecond count): kept beside mine
    const theirs = { ...sampleResult(5, mine.id), device: { ...mine.device, label: 'Pixel 8, 9 cores' } };
    await bench.importFile(file(exportText([theirs])));
    expect(bench.error).toBeNull();
    expect(stored(DB)).toContainEqual(mine);
    const imported = (stored(DB) as Array<{ imported?: boolean; device: { label: string } }>).filter((r) => r.imported);
    expect(imported.map((r) => r.device.label)).toEqual(['Pixel 8, 9 cores']);
    // the same file again adds nothing
    await bench.importFile(file(exportText([theirs])));
    expect(stored(DB)).toHaveLength(2);
    expect(bench.results).toHaveLength(2);
    expect(JSON.parse(await bench.json().text()).results).toEqual([mine]);
  });

  it('a refused file names the bad field, and stores nothing', async () => {
    const bench = new BenchController(host, () => null);
    const bad = sampleResult(0);
    delete (bad.device as Partial<typeof bad.device>).userAgent;
    await bench.importFile(file(exportText([sampleResult(1), bad])));
    expect(bench.error).toContain('results[1].device.userAgent');
    expect(stored(DB)).toEqual([]);
  });

  it('a failed import stores none of the file, and the list is read again', async () => {
    const bench = new BenchController(host, () => null);
    await bench.refresh();
    // meanwhile another tab stores a run
    const otherTab = sampleResult(9);
    await saveResult(otherTab);
    faults.failPut = (n) => n === 3; // the disk fills up on the file's second result
    await bench.importFile(file(exportText([sampleResult(1), sampleResult(2)])));
    expect(bench.error).toMatch(/quota/i);
    expect(stored(DB)).toEqual([otherTab]);
    expect(ids(bench.results)).toEqual([otherTab.id]);
  });
});

describe('the import merge rule', () => {
  it('gives imports keys of their own, never one an existing record holds, and skips runs already here', () => {
    const mine = sampleResult(0, 'bench-a');
    const earlier = { ...sampleResult(1, 'imported:bench-b'), imported: true };
    const unreadable = readStored({ id: 'imported:bench-b#2', rows: 'garbage' });
    const incoming = [sampleResult(0, 'bench-a'), sampleResult(2, 'bench-a'), sampleResult(3, 'bench-b'), sampleResult(4, 'bench-b'), sampleResult(4, 'bench-b')];
    const { save, skipped } = planImport([mine, earlier, unreadable], incoming);
    expect(skipped).toBe(2); // my own run read back, and the file's own duplicate
    expect(save.map((r) => r.id)).toEqual(['imported:bench-a', 'imported:bench-b#3', 'imported:bench-b#4']);
    expect(save.every((r) => r.imported === true)).toBe(true);
  });
});
