// An accuracy evaluation asked for in the URL (`?eval=<ids>&backends=<...>&dataset=<folder>
// &limit=N`): reads the labelled set from that same-origin folder, pauses the live loop (both
// would compete for the same cores), runs runEval (each model x backend in a fresh worker),
// resumes, and reports through `ssd:eval-progress` and `ssd:eval`. Cancel ends the worker at once.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { runEval, type EvalDeps, type EvalPlan, type EvalProgress, type EvalResult } from '../../engine/accuracy/eval-runner';
import { loadEvalSet, type EvalSet } from '../../engine/accuracy/eval-set';
import { emitEval, emitEvalProgress } from '../../automation/automation';
import type { EvalParams } from '../../automation/url-params';

export interface LiveLoop {
  pause(): void;
  resume(): void;
}

export class EvalController implements ReactiveController {
  running = false;
  progress: EvalProgress | null = null;
  result: EvalResult | null = null;
  /** why the last evaluation stopped, when it did not finish (engine or set words, not UI text) */
  error: string | null = null;
  private abort: AbortController | null = null;
  private pending: EvalParams | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly live: LiveLoop,
    /** called with a finished evaluation before `ssd:eval` fires (the app stores it) */
    private readonly onResult: (result: EvalResult) => Promise<void> | void = () => {},
  ) {
    host.addController(this);
  }

  /** Runs `params` once the host is connected (a URL asks before the app is on the page). */
  runWhenConnected(params: EvalParams): void {
    this.pending = params;
  }

  hostConnected(): void {
    const params = this.pending;
    this.pending = null;
    if (params) queueMicrotask(() => void this.run(params));
  }

  hostDisconnected(): void {
    this.abort?.abort();
  }

  async run(params: EvalParams): Promise<EvalResult | null> {
    return this.runSet((signal) => loadEvalSet(new URL(params.dataset, location.href).href, signal), {
      models: params.models,
      backends: params.backends,
      limit: params.limit,
    });
  }

  /** Runs `plan` over the set `load` reads: a folder on this origin, or files picked in the app
   * (whose images `deps` reads). */
  async runSet(load: (signal: AbortSignal) => Promise<EvalSet>, plan: EvalPlan, deps?: EvalDeps): Promise<EvalResult | null> {
    if (this.running) return null;
    this.running = true;
    this.error = null;
    this.result = null;
    this.abort = new AbortController();
    const signal = this.abort.signal;
    this.live.pause();
    this.host.requestUpdate();
    try {
      const set = await load(signal);
      const result = await runEval(
        plan,
        set,
        (p) => {
          this.progress = p;
          emitEvalProgress(p);
          this.host.requestUpdate();
        },
        signal,
        deps,
      );
      this.result = result;
      await this.onResult(result);
      emitEval({ results: result });
      return result;
    } catch (error) {
      this.error = (error as Error).name === 'AbortError' ? 'cancelled' : (error as Error).message;
      emitEval({ results: null, error: this.error });
      return null;
    } finally {
      this.running = false;
      this.progress = null;
      this.abort = null;
      this.live.resume();
      this.host.requestUpdate();
    }
  }

  cancel(): void {
    this.abort?.abort();
  }
}
