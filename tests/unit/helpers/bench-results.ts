// Valid bench results for the results tests: built the way the app builds them (benchRow from
// what a worker reports), varied by a number so several results differ in every figure.
import type { BenchResult } from '../../../src/engine/bench/bench-runner';
import type { ReadyInfo } from '../../../src/shared/protocol';
import { benchRow } from '../../../src/metrics/bench';

export function sampleRow(i = 0, model = 'vgg16-ssd300') {
  const ready: ReadyInfo = {
    model: {
      id: model, name: `${model}, "SSD300"`, family: 'ssd', backbone: 'VGG16', group: 'speed-only', inputSize: 300, labels: [], classes: 0,
      params: 26285486, multAdds: 31373537792, downloadBytes: null, needsNetwork: false, origin: '', license: '', trained: false,
    },
    requestedBackend: 'wasm', backend: 'wasm', adapter: 'WASM SIMD, 2 threads', wasm: { simd: true, threads: 2 },
    backendMs: 20 + i, loadMs: 900 + i, warmupMs: 2500 + i,
  };
  return benchRow(ready, {
    type: 'bench', id: 1,
    samples: [
      { preprocessMs: 5 + i, inferenceMs: 2000 + i, readbackMs: 1, postprocessMs: 0, totalMs: 2006 + i },
      { preprocessMs: 6 + i, inferenceMs: 2010 + i, readbackMs: 1.5, postprocessMs: 0.25, totalMs: 2018 + i },
    ],
    bareMs: [1990 + i, 1995 + i], peakGmacs: 30,
    memoryBefore: { numTensors: 60, numBytes: 1000 }, memoryAfter: { numTensors: 60, numBytes: 1000 },
  });
}

export function sampleResult(i = 0, id = `bench-${(1_700_000_000_000 + i).toString(36)}`): BenchResult {
  return {
    id,
    createdAt: new Date(Date.UTC(2026, 10, 23, 14, 0, i)).toISOString(),
    appVersion: 'test',
    device: {
      label: 'Linux x86_64, 2 cores', userAgent: 'Mozilla/5.0 (X11; Linux x86_64)', platform: 'Linux x86_64', cores: 2, memoryGiB: 8, gpu: null,
      wasm: { simd: true, threads: 2, crossOriginIsolated: true }, screen: '1280x800 @1x',
    },
    frameSource: 'bundled sample photo', frameSize: '640x427',
    plan: { models: ['vgg16-ssd300', 'ssd-mobilenet-v1-face'], backends: ['wasm'], frames: 2, warmup: 0 },
    rows: [sampleRow(i), sampleRow(i, 'ssd-mobilenet-v1-face')],
    failures: [{ model: 'vgg16-ssd300', backend: 'webgpu', message: 'WebGPU is not available' }],
  };
}

/** The text of an "Export JSON" file. */
export const exportText = (results: unknown[]) => JSON.stringify({ format: 'ssd-cam-bench/1', results });
