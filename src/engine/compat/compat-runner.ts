import { compareDetections, type CompatReport, type CompatRow } from '../../shared/compat-report';
import type { BackendRequest, Detection } from '../../shared/protocol';
import { DetectorClient } from '../detector-client';

// The compatibility check of an imported model: the model (already stored, under a temporary
// id) is started on each backend in a fresh worker, like a bench pair, and run on one test
// photo: did it run there or did the worker fall back (and why), how long the cold start and a
// warm run took, and do its boxes agree with the CPU backend's. Cancel ends the pair under way.

/** CPU first: it is the reference the others are compared with. */
export const COMPAT_BACKENDS: BackendRequest[] = ['cpu', 'wasm', 'webgl', 'webgpu'];
const THRESHOLD = 0.3;
const WARM_RUNS = 3;
/** per backend: start (load, first inference) and the warm runs; the CPU backend is slow */
const PAIR_LIMIT_MS = 300_000;

export interface CompatProgress {
  done: number;
  total: number;
  backend: BackendRequest | '';
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}

async function onBackend(modelId: string, requested: BackendRequest, photo: Blob, signal?: AbortSignal): Promise<{ row: CompatRow; detections: Detection[] | null }> {
  const client = new DetectorClient();
  const onAbort = () => client.stop();
  signal?.addEventListener('abort', onAbort, { once: true });
  let timer = 0;
  const limit = new Promise<never>((_, reject) => {
    timer = self.setTimeout(() => {
      client.stop();
      reject(new Error(`no answer within ${PAIR_LIMIT_MS / 1000} s; its worker was stopped`));
    }, PAIR_LIMIT_MS);
  });
  try {
    const work = (async () => {
      const ready = await client.start({ modelId, backend: requested });
      const fellBack = ready.backend !== requested;
      const times: number[] = [];
      let detections: Detection[] = [];
      for (let i = 0; i < WARM_RUNS; i++) {
        const r = await client.evaluate(photo, i, THRESHOLD, 100);
        times.push(r.timings.totalMs);
        detections = r.detections;
      }
      const row: CompatRow = {
        requested,
        backend: ready.backend,
        status: fellBack ? 'fell-back' : 'ran',
        message: fellBack ? ready.fallbackReason : undefined,
        coldMs: ready.backendMs + ready.loadMs + ready.warmupMs,
        warmMs: median(times),
        detections: detections.length,
      };
      return { row, detections: fellBack ? null : detections };
    })();
    return await Promise.race([work, limit]);
  } catch (error) {
    if (signal?.aborted) throw new DOMException('compatibility check cancelled', 'AbortError');
    return { row: { requested, status: 'failed', message: (error as Error)?.message ?? String(error) }, detections: null };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    client.stop();
  }
}

export async function runCompatCheck(
  modelId: string,
  photo: { blob: Blob; name: string },
  onProgress: (p: CompatProgress) => void = () => {},
  signal?: AbortSignal,
  backends: BackendRequest[] = COMPAT_BACKENDS,
): Promise<CompatReport> {
  const rows: CompatRow[] = [];
  let reference: Detection[] | null = null;
  for (const [done, backend] of backends.entries()) {
    if (signal?.aborted) throw new DOMException('compatibility check cancelled', 'AbortError');
    onProgress({ done, total: backends.length, backend });
    const { row, detections } = await onBackend(modelId, backend, photo.blob, signal);
    if (backend === 'cpu') reference = detections;
    else if (reference && detections) row.vsCpu = compareDetections(reference, detections);
    rows.push(row);
  }
  onProgress({ done: backends.length, total: backends.length, backend: '' });
  return { checkedAt: new Date().toISOString(), frame: photo.name, threshold: THRESHOLD, rows };
}
