// Crash recovery: a worker that crashed, hung or lost its GPU device is started again with
// the same model (on WASM after a device loss), a few times before the engine gives up. The
// restart reuses the thread count measured at start, so no calibration delays it.
import { sameThresholds, thresholdsOf } from '../shared/defaults';
import type { BackendRequest, ReadyInfo, WasmInfo } from '../shared/protocol';
import { EngineError, type EngineOptions } from './engine-types';
import type { Started } from './spawn-worker';

/** restarts tried after a crash before giving up and reporting it */
const RECOVERY_ATTEMPTS = 3;

/** How the running thread count was chosen: a restart reports it unchanged. */
export type WasmChoice = Pick<WasmInfo, 'chosenBy' | 'measurements'>;

/** What a recovery needs of the engine it restarts (DetectorClient). */
export interface RecoveryHost {
  /** what should run now, read afresh at each step (configure() may change the thresholds
   * while a restart runs); null once stopped */
  wanted(): EngineOptions | null;
  /** bumps when the running worker is replaced by a newly started one, or stopped: a restart
   * of the worker from before must then not be adopted */
  generation(): number;
  /** whether a worker runs now (not counting one being restarted or swapped in) */
  hasWorker(): boolean;
  /** the same model with the thread count in use, without progress; `warmup`: a cold-start
   * run (another backend), else the first frame warms up and detections come back sooner */
  respawn(options: EngineOptions, warmup: boolean): Promise<Started>;
  /** what the start measured: a restart on the same backend reports it again */
  startFacts(): { warmupMs: number; wasmChoice: WasmChoice | null };
  /** the restarted worker runs from now, wanted with `options` */
  adopt(started: Started, options: EngineOptions): void;
  recovered(info: ReadyInfo, reason: string): void;
  fatal(error: EngineError): void;
}

/**
 * Restarts the worker with the same model and backend (or `backend` after a device loss).
 * Resolves true once one runs again (this restart, or a start that replaced it meanwhile).
 */
export async function restartAfterFault(host: RecoveryHost, reason: string, backend?: BackendRequest): Promise<boolean> {
  const generation = host.generation();
  let last: unknown = null;
  for (let attempt = 0; attempt < RECOVERY_ATTEMPTS; attempt++) {
    const wanted = host.wanted();
    if (!wanted || generation !== host.generation()) return host.hasWorker();
    const options: EngineOptions = backend ? { ...wanted, backend } : { ...wanted };
    try {
      const started = await host.respawn(options, backend !== undefined);
      const now = host.wanted();
      if (generation !== host.generation() || !now) {
        // replaced meanwhile by a newly started worker (or stopped): that one runs, if any
        started.handle.kill();
        return host.hasWorker();
      }
      const { info, handle } = started;
      if (backend && info.backend !== now.backend) {
        info.requestedBackend = now.backend;
        info.fallbackReason = info.fallbackReason ? `${reason}; ${info.fallbackReason}` : reason;
      }
      const facts = host.startFacts();
      if (info.wasm && facts.wasmChoice) Object.assign(info.wasm, facts.wasmChoice);
      // the cold-start figure stays the one measured at start (this restart skipped it)
      if (!backend) info.warmupMs = facts.warmupMs;
      // what is wanted now (thresholds included), on the backend that runs now
      host.adopt(started, backend ? { ...now, backend } : now);
      // thresholds changed while it restarted: the new worker was started with the old ones
      if (!sameThresholds(now, options)) void handle.request({ type: 'configure', id: handle.id(), ...thresholdsOf(now) }).catch(() => {});
      host.recovered(info, reason);
      return true;
    } catch (error) {
      last = error;
      // stopped or replaced meanwhile: no more attempts
      if (generation !== host.generation()) return host.hasWorker();
    }
  }
  const message = `The detector stopped (${reason}) and could not be restarted: ${(last as Error)?.message ?? last}`;
  host.fatal(new EngineError('worker-crashed', message));
  return false;
}
