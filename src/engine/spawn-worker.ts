// Starting one worker: the init request (model, backend, thread count, thresholds), its load
// progress, and the deadline that ends a load gone silent.
import { thresholdsOf } from '../shared/defaults';
import type { ReadyInfo } from '../shared/protocol';
import { EngineError, type EngineOptions, type EngineProgress } from './engine-types';
import { LoadDeadline } from './load-deadline';
import { WorkerHandle } from './worker-bridge';

/** A worker that has loaded its model, and what it reported. */
export interface Started {
  handle: WorkerHandle;
  info: ReadyInfo;
}

export interface SpawnOptions {
  /** WASM threads to start with (0: the worker decides) */
  wasmThreads: number;
  /** the sets the worker belongs to while it lives (it leaves them when it is ended), so
   * whoever holds one can end all of its workers at once */
  owners: Array<Set<WorkerHandle>>;
  /** told of the load's stages and download bytes; left out, the load is silent */
  report?: (progress: EngineProgress) => void;
  /** false: no cold-start run (a restart after a fault: the first frame warms up) */
  warmup?: boolean;
}

/**
 * A new worker with `options`, resolved once it is ready. Its load has a deadline that every
 * progress message extends (load-deadline.ts): a load that goes silent (a stalled download, a
 * graph that never finishes) is ended with 'model-timeout'. A failed load ends the worker.
 */
export async function spawnWorker(options: EngineOptions, { wasmThreads, owners, report, warmup = true }: SpawnOptions): Promise<Started> {
  const handle = new WorkerHandle(() => {
    for (const set of owners) set.delete(handle);
  });
  for (const set of owners) set.add(handle);
  const deadline = new LoadDeadline((silentMs) =>
    handle.kill(new EngineError('model-timeout', `The model did not finish loading: nothing happened for ${Math.round(silentMs / 1000)} s.`)),
  );
  handle.onProgress = ({ stage, loaded, total, modelBytes }) => {
    deadline.alive(stage, Math.max(modelBytes ?? 0, total ?? 0, loaded ?? 0));
    report?.(stage === 'download' ? { stage, loaded, total } : { stage });
  };
  const base = new URL(import.meta.env.BASE_URL, location.href);
  try {
    const ready = await handle.request({
      type: 'init',
      id: handle.id(),
      modelId: options.modelId,
      backend: options.backend,
      modelBaseUrl: new URL('models/', base).href,
      wasmBaseUrl: new URL('wasm/', base).href,
      wasmThreads,
      ...thresholdsOf(options),
      warmup,
    });
    return { handle, info: ready.info };
  } catch (error) {
    handle.kill();
    throw error;
  } finally {
    deadline.stop();
    handle.onProgress = null;
  }
}
