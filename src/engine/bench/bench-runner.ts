import { benchRow, type BenchRow } from '../../metrics/bench';
import { describeDevice, type DeviceInfo } from '../../metrics/device-info';
import { DetectorClient } from '../detector-client';
import { watchDevicePressure } from './device-pressure';
import type { BackendRequest } from '../../shared/protocol';

// Runs a comparison: every chosen model on every chosen backend, each pair in a fresh worker
// so its cold start (backend start, model load, first inference with shader or wasm compile)
// is measured for real, then warm-up and timed frames on the same fixed frame.
// Because each pair has its own worker, Cancel ends the pair under way at once (its worker is
// terminated, mid-load or mid-frame), and a pair whose worker stops answering is ended by a
// watchdog and becomes a failure row instead of holding the bench forever.

export interface BenchPlan {
  models: string[];
  backends: BackendRequest[];
  frames: number;
  warmup: number;
  /** also one frame per pair kernel by kernel (BenchRow.profile) */
  profile?: boolean;
  /** then a sustained run of this many seconds per pair (BenchRow.sustained) */
  sustainedS?: number;
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
  /** the pair being measured (ids), for the UI to name in its language; '' when done */
  model: string;
  backend: string;
}

/** How long a pair may take before its worker counts as hung. */
export interface BenchLimits {
  /** backend start, model load (bench models are on the device) and first inference */
  startMs: number;
  /** the timed part never gets less than this; it also covers the matmul throughput measurement */
  benchFloorMs: number;
  /** plus this many times the pair's own first inference for each model run it makes (warm-up
   * frames, timed frames and their bare runs): a first inference compiles kernels, so it is
   * slower than any steady frame, and a slow backend gets a long limit by itself */
  perFrameFactor: number;
}

// Generous: a false "hung" on a slow device would throw away a real measurement.
export const BENCH_LIMITS: BenchLimits = { startMs: 300_000, benchFloorMs: 60_000, perFrameFactor: 5 };

function cancelled(): DOMException {
  return new DOMException('bench cancelled', 'AbortError');
}

/**
 * `work`, unless the signal aborts first (AbortError) or it takes longer than `limitMs` (an
 * Error saying `timeoutMessage`): either way `end` runs at once, terminating the pair's worker.
 */
function guarded<T>(work: Promise<T>, limitMs: number, timeoutMessage: string, signal: AbortSignal | undefined, end: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const settle = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      settle();
      end();
      reject(cancelled());
    };
    const timer = setTimeout(() => {
      settle();
      end();
      reject(new Error(timeoutMessage));
    }, limitMs);
    // the work's own rejection after `end` (its worker was stopped) lands here and is dropped
    work.then(
      (value) => {
        settle();
        resolve(value);
      },
      (error) => {
        settle();
        reject(error);
      },
    );
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export async function runBench(
  plan: BenchPlan,
  frame: () => Promise<{ bitmap: ImageBitmap; source: string }>,
  onProgress: (p: BenchProgress) => void = () => {},
  signal?: AbortSignal,
  limits: BenchLimits = BENCH_LIMITS,
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
      if (signal?.aborted) throw cancelled();
      onProgress({ done, total, current: `${model} on ${backend}`, model, backend });
      const client = new DetectorClient();
      const end = () => client.stop();
      try {
        const startLimit = limits.startMs;
        const ready = await guarded(
          client.start({ modelId: model, backend }),
          startLimit,
          `The model did not start within ${seconds(startLimit)} s (backend start, model load and first inference); its worker was stopped.`,
          signal,
          end,
        );
        if (ready.backend === 'webgpu') gpu = ready.adapter;
        if (ready.wasm) [simd, threads] = [ready.wasm.simd, ready.wasm.threads];
        const { bitmap, source: src } = await frame();
        [source, frameSize] = [src, `${bitmap.width}x${bitmap.height}`];
        const runs = plan.warmup + 2 * plan.frames;
        const benchLimit = limits.benchFloorMs + limits.perFrameFactor * Math.max(0, ready.warmupMs) * runs + (plan.sustainedS ?? 0) * 1500;
        const finishPressure = plan.sustainedS ? await watchDevicePressure() : null;
        const response = await guarded(
          client.bench(bitmap, plan.warmup, plan.frames, plan.profile ?? false, plan.sustainedS ?? 0),
          benchLimit,
          `The detection worker stopped answering: no bench result after ${seconds(benchLimit)} s ` +
            `(the limit for ${runs} model runs whose first took ${Math.round(ready.warmupMs)} ms); it was stopped.`,
          signal,
          end,
        );
        if (response.sustained && finishPressure) await finishPressure(response.sustained, performance.now());
        rows.push(benchRow(ready, response));
      } catch (error) {
        if (signal?.aborted) throw cancelled();
        failures.push({ model, backend, message: (error as Error).message });
      } finally {
        end();
      }
      done++;
    }
  }
  onProgress({ done, total, current: '', model: '', backend: '' });
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

function seconds(ms: number): string {
  return (ms / 1000).toFixed(ms < 10_000 ? 1 : 0);
}
