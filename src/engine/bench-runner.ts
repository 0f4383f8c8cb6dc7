import { benchRow, type BenchRow } from '../metrics/bench';
import { describeDevice, type DeviceInfo } from '../metrics/device-info';
import { DetectorClient } from './detector-client';
import type { BackendRequest } from './protocol';

// Runs a comparison: every chosen model on every chosen backend, each pair in a fresh worker
// so its cold start (backend start, model load, first inference with shader or wasm compile)
// is measured for real, then warm-up and timed frames on the same fixed frame.

export interface BenchPlan {
  models: string[];
  backends: BackendRequest[];
  frames: number;
  warmup: number;
}

export interface BenchResult {
  id: string;
  createdAt: string;
  appVersion: string;
  device: DeviceInfo;
  /** what the timed frames showed: a camera snapshot or the bundled sample photo */
  frameSource: string;
  frameSize: string;
  plan: BenchPlan;
  rows: BenchRow[];
  /** pairs that could not run, with the reason */
  failures: Array<{ model: string; backend: string; message: string }>;
}

export interface BenchProgress {
  done: number;
  total: number;
  current: string;
}

export async function runBench(
  plan: BenchPlan,
  frame: () => Promise<{ bitmap: ImageBitmap; source: string }>,
  onProgress: (p: BenchProgress) => void = () => {},
  signal?: AbortSignal,
): Promise<BenchResult> {
  const rows: BenchRow[] = [];
  const failures: BenchResult['failures'] = [];
  const total = plan.models.length * plan.backends.length;
  let source = '';
  let frameSize = '';
  let gpu: string | null = null;
  let simd: boolean | null = null;
  let threads: number | null = null;
  let done = 0;
  for (const model of plan.models) {
    for (const backend of plan.backends) {
      if (signal?.aborted) throw new DOMException('bench cancelled', 'AbortError');
      onProgress({ done, total, current: `${model} on ${backend}` });
      const client = new DetectorClient();
      try {
        const ready = await client.start({ modelId: model, backend });
        if (ready.backend === 'webgpu') gpu = ready.adapter;
        if (ready.wasm) [simd, threads] = [ready.wasm.simd, ready.wasm.threads];
        const { bitmap, source: src } = await frame();
        [source, frameSize] = [src, `${bitmap.width}x${bitmap.height}`];
        const response = await client.bench(bitmap, plan.warmup, plan.frames);
        rows.push(benchRow(ready, response));
      } catch (error) {
        failures.push({ model, backend, message: (error as Error).message });
      } finally {
        client.stop();
      }
      done++;
    }
  }
  onProgress({ done, total, current: '' });
  return {
    id: `bench-${Date.now().toString(36)}`,
    createdAt: new Date().toISOString(),
    appVersion: import.meta.env.VITE_APP_VERSION ?? import.meta.env.MODE,
    device: describeDevice({ gpu, simd, threads }),
    frameSource: source,
    frameSize,
    plan,
    rows,
    failures,
  };
}
