import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, parseExport, toCsv, toJson } from '../../../src/results/export';
import { benchRow } from '../../../src/metrics/bench';
import type { BenchResult } from '../../../src/engine/bench/bench-runner';
import type { ReadyInfo } from '../../../src/shared/protocol';
import { exportText, sampleResult } from '../helpers/bench-results';

const ready: ReadyInfo = {
  model: { id: 'vgg16-ssd300', name: 'VGG16, "SSD300"', family: 'ssd', backbone: 'VGG16', group: 'speed-only', inputSize: 300, labels: [], classes: 0, params: 26285486, multAdds: 31373537792, downloadBytes: null, needsNetwork: false, origin: '', license: '', trained: false },
  requestedBackend: 'wasm', backend: 'wasm', adapter: 'WASM SIMD, 2 threads', wasm: { simd: true, threads: 2 }, backendMs: 20, loadMs: 900, warmupMs: 2500,
};
const row = benchRow(ready, {
  type: 'bench', id: 1, samples: [{ preprocessMs: 5, inferenceMs: 2000, readbackMs: 1, postprocessMs: 0, totalMs: 2005 }], bareMs: [1990], peakGmacs: 30,
  memoryBefore: { numTensors: 60, numBytes: 10 }, memoryAfter: { numTensors: 60, numBytes: 10 },
});
const result: BenchResult = {
  id: 'bench-1', createdAt: '2026-11-23T14:00:00.000Z', appVersion: 'test',
  device: { label: 'Linux x86_64, 2 cores', userAgent: 'UA', platform: 'Linux x86_64', cores: 2, memoryGiB: 8, gpu: null, wasm: { simd: true, threads: 2, crossOriginIsolated: true }, screen: '1280x800 @1x' },
  frameSource: 'sample photo', frameSize: '640x427', plan: { models: ['vgg16-ssd300'], backends: ['wasm'], frames: 1, warmup: 0 }, rows: [row], failures: [],
};

describe('export', () => {
  it('CSV: a header and one line per row, quoting values with commas or quotes', () => {
    const lines = toCsv([result]).trim().split('\n');
    expect(lines[0].split(',')).toEqual([...CSV_COLUMNS]);
    expect(lines).toHaveLength(2);
    expect(lines[1].startsWith('"Linux x86_64, 2 cores",2026-11-23T14:00:00.000Z,vgg16-ssd300,wasm,wasm,"WASM SIMD, 2 threads",2,300,26285486,31373537792,3420,')).toBe(true);
    // fps 1000/2005 = 0.499 (3 decimals)
    expect(lines[1]).toContain(',0.499,');
  });

  it('JSON round-trips through parseExport', () => {
    expect(parseExport(toJson([result]))).toEqual([result]);
  });

  it('refuses files that are not an export, saying why', () => {
    expect(() => parseExport('nope')).toThrow(/not JSON/);
    expect(() => parseExport('{"format":"other","results":[]}')).toThrow(/not an SSD Cam bench export/);
    expect(() => parseExport(JSON.stringify({ format: 'ssd-cam-bench/1', results: [{ id: 'x' }] }))).toThrow(/damaged/);
  });
});

// Finding 4 (issue 10): every field the results view, the charts and the CSV read is checked on
// import by one schema, and a refusal names the first bad field by its path.
describe('import schema', () => {
  const three = () => [sampleResult(0), sampleResult(1), sampleResult(2)];
  const refusal = (text: string): string => {
    try {
      parseExport(text);
    } catch (error) {
      return (error as Error).message;
    }
    return '(accepted)';
  };
  type Doc = ReturnType<typeof three>;
  const cases: Array<[string, (d: Doc) => void, string]> = [
    ['an invalid date', (d) => void (d[0].createdAt = '2026-13-45 noon'), 'results[0].createdAt'],
    ['a missing userAgent', (d) => void delete (d[1].device as Partial<typeof d[1]['device']>).userAgent, 'results[1].device.userAgent'],
    ['a missing coldStart', (d) => void delete (d[0].rows[1] as Partial<typeof d[0]['rows'][1]>).coldStart, 'results[0].rows[1].coldStart'],
    ['a missing stages.inferenceMs', (d) => void delete (d[2].rows[0].stages as Partial<typeof d[2]['rows'][0]['stages']>).inferenceMs, 'results[2].rows[0].stages.inferenceMs'],
    ['a missing memory', (d) => void delete (d[0].rows[0] as Partial<typeof d[0]['rows'][0]>).memory, 'results[0].rows[0].memory'],
    ['failures that are not a list', (d) => void ((d[1] as unknown as { failures: unknown }).failures = 'none'), 'results[1].failures'],
    ['a missing modelName', (d) => void delete (d[2].rows[1] as Partial<typeof d[2]['rows'][1]>).modelName, 'results[2].rows[1].modelName'],
    ['a figure written as text', (d) => void ((d[0].rows[0] as unknown as { fps: unknown }).fps = '12'), 'results[0].rows[0].fps'],
    ['a huge count', (d) => void (d[0].rows[0].memory.tensorsBefore = 1e300), 'results[0].rows[0].memory.tensorsBefore'],
    ['a 2 MB device label', (d) => void (d[1].device.label = 'x'.repeat(2_000_000)), 'results[1].device.label'],
    ['a failure without its message', (d) => void delete (d[0].failures[0] as Partial<typeof d[0]['failures'][0]>).message, 'results[0].failures[0].message'],
    ['an object in place of a number', (d) => void ((d[2].rows[1].stages.totalMs as unknown as { p95: unknown }).p95 = { deep: [[[1]]] }), 'results[2].rows[1].stages.totalMs.p95'],
  ];
  for (const [what, mutate, path] of cases) {
    it(`refuses ${what}, naming ${path}`, () => {
      const doc = three();
      mutate(doc);
      expect(refusal(exportText(doc))).toContain(path);
    });
  }

  it('keeps figures JSON cannot write (NaN, Infinity become null) as unknown: a dash, an empty CSV cell', () => {
    const r = sampleResult(0);
    r.rows[0].fps = Number.NaN;
    r.rows[0].achievedGmacs = Number.POSITIVE_INFINITY;
    const [back] = parseExport(toJson([r]));
    expect(back.rows[0].fps).toBeNaN();
    expect(back.rows[0].achievedGmacs).toBeNull(); // JSON wrote null: read as not counted, a dash all the same
    expect(back.rows[1]).toEqual(r.rows[1]);
    const line = toCsv([back]).split('\n')[1];
    expect(line).not.toMatch(/NaN|Infinity|null|undefined/);
  });

  it('stores only what it knows: unknown keys, deep junk and prototype keys are dropped', () => {
    const text = exportText([sampleResult(0)]).replace('"appVersion"', '"__proto__":{"polluted":1},"junk":[[[[[{"a":"b"}]]]]],"appVersion"');
    const [back] = parseExport(text);
    expect(Object.keys(back)).not.toContain('junk');
    expect(Object.prototype.hasOwnProperty.call(back, '__proto__')).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(back).toEqual(sampleResult(0));
  });
});
