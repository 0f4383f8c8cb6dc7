// One start() under way: the workers it started, so that a newer start, cancelStart() or
// stop() ends them all at once, and nothing of it (progress, a measurement) is heard of
// afterwards.
import { EngineError } from './engine-types';
import type { WorkerHandle } from './worker-bridge';

const supersededStart = () => new EngineError('superseded', 'Start was superseded by a newer start.');

export class StartAttempt {
  readonly handles = new Set<WorkerHandle>();
  /** the running worker was ended for this start (to time WASM threads on idle cores): it
   * can no longer be taken back, only finished or replaced by a newer start */
  retiredRunning = false;
  private cancelled = false;

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    for (const handle of [...this.handles]) handle.kill(supersededStart());
    this.handles.clear();
  }

  /** throws 'superseded' once cancelled */
  check(): void {
    if (this.cancelled) throw supersededStart();
  }
}
