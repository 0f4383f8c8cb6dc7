import { describe, expect, it } from 'vitest';
import { benchRow } from '../../../src/metrics/bench';
import type { BenchResponse, ModelSummary, ReadyInfo } from '../../../src/shared/protocol';

const model: ModelSummary = {
  id: 'm', name: 'M', family: 'ssd', backbone: 'x', group: 'speed-only', inputSize: 300, labels: [], classes: 0,
  params: 1000, multAdds: 2e9, downloadBytes: null, needsNetwork: false, origin: '', license: '', trained: false,
};
const ready: ReadyInfo = {
  model, requestedBackend: 'wasm', backend: 'wasm', adapter: 'WASM SIMD, 2 threads',
  wasm: { simd: true, threads: 2 }, backendMs: 30, loadMs: 120, warmupMs: 400,
};
const t = (inferenceMs: number, totalMs: number) => ({ preprocessMs: 5, inferenceMs, readbackMs: 1, postprocessMs: 0.5, totalMs });
const bench: BenchResponse = {
  type: 'bench', id: 1,
  // totals 100, 110, 120, 130, 140: mean 120 -> 8.333 fps; inference 90..130: p50 110
  samples: [t(90, 100), t(100, 110), t(110, 120), t(120, 130), t(130, 140)],
  // bare 80, 90, 100, 110, 120: mean 100 -> 10 fps
  bareMs: [80, 90, 100, 110, 120],
  peakGmacs: 40,
  memoryBefore: { numTensors: 83, numBytes: 1000 },
  memoryAfter: { numTensors: 83, numBytes: 1000 },
};

describe('bench row', () => {
  const row = benchRow(ready, bench);
  it('keeps cold start apart: backend 30 + load 120 + first inference 400 = 550 ms', () => {
    expect(row.coldStart).toEqual({ backendMs: 30, loadMs: 120, firstInferenceMs: 400, totalMs: 550 });
  });
  it('fps = 1000 / mean total (120 ms) = 8.333', () => {
    expect(row.fps).toBeCloseTo(1000 / 120, 9);
    expect(row.stages.totalMs.p50).toBe(120);
    // p95 by linear interpolation: rank 0.95 * 4 = 3.8 -> 130 + 0.8 * 10 = 138
    expect(row.stages.totalMs.p95).toBeCloseTo(138, 9);
  });
  it('pipeline efficiency = 8.333 fps / 10 bare fps = 0.8333', () => {
    expect(row.bareFps).toBeCloseTo(10, 9);
    expect(row.pipelineEfficiency).toBeCloseTo(1000 / 120 / 10, 9);
  });
  it('achieved throughput = 2e9 mult-adds / 0.110 s = 18.18 G/s, 45.5% of a 40 G/s peak', () => {
    expect(row.achievedGmacs).toBeCloseTo(2 / 0.11, 6);
    expect(row.shareOfPeak).toBeCloseTo(2 / 0.11 / 40, 6);
  });
  it('carries backend, threads and memory', () => {
    expect(row.wasmThreads).toBe(2);
    expect(row.memory.tensorsAfter).toBe(row.memory.tensorsBefore);
  });
});
