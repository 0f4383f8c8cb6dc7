import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, parseExport, toCsv, toJson } from '../../src/metrics/export';
import { benchRow } from '../../src/metrics/bench';
import type { BenchResult } from '../../src/engine/bench-runner';
import type { ReadyInfo } from '../../src/engine/protocol';

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
