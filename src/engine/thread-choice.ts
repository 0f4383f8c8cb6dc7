// First run on a device: the WASM thread count, measured. Each candidate count gets a worker
// of its own, timed on bare inference one at a time, and the fastest is kept and remembered
// (thread-calibration.ts holds the arithmetic and the memory; this is the run).
import { EngineError, type EngineOptions, type EngineProgress } from './engine-types';
import { timingLimitMs } from './load-deadline';
import type { Started } from './spawn-worker';
import type { StartAttempt } from './start-attempt';
import { calibrationTurn, median, pageStorage, pickFastest, rememberChoice, rememberedChoice, threadCandidates } from './thread-calibration';

/** bare inference runs timed per thread count */
const CALIBRATION_RUNS = 3;

type Measurements = Array<{ threads: number; medianMs: number }>;

/** What a calibration needs of the start it belongs to. */
export interface CalibrationContext {
  readonly attempt: StartAttempt;
  /** a worker for this start with `threads`; `report`: its load progress shows */
  spawn(options: EngineOptions, threads: number, report: boolean): Promise<Started>;
  status(progress: EngineProgress): void;
  /** ends the running worker (if any), which the switch will replace anyway: timing thread
   * counts needs the cores to itself */
  retireRunning(): void;
}

/**
 * Times each thread count and keeps the fastest. One calibration at a time per page (two
 * engines timing at once would slow each other and both choose badly); one that waited takes
 * the measurement made meanwhile. Returns the worker to run, `started` or a replacement.
 */
export async function chooseThreads(ctx: CalibrationContext, options: EngineOptions, started: Started, hc: number): Promise<Started> {
  const release = await calibrationTurn();
  try {
    ctx.attempt.check();
    let result = started;
    const meanwhile = rememberedChoice(pageStorage(), hc);
    if (meanwhile) {
      if (meanwhile.threads !== started.info.wasm?.threads) result = await restartWith(ctx, options, started, meanwhile.threads);
      if (result.info.wasm) Object.assign(result.info.wasm, { chosenBy: 'remembered', measurements: meanwhile.measurements });
      return result;
    }
    // The new model loaded, so the switch will happen: the running worker goes now. From here
    // the start cannot be taken back.
    ctx.retireRunning();
    const measured = await calibrate(ctx, options, started, hc);
    if (measured.threads !== started.info.wasm?.threads) result = await restartWith(ctx, options, started, measured.threads);
    if (result.info.wasm) Object.assign(result.info.wasm, { chosenBy: 'measured', measurements: measured.measurements });
    return result;
  } finally {
    release();
  }
}

/** The same model with another thread count; if that one fails to start, the one running
 * is kept (a thread count that does not work here is no reason to fail the switch). */
async function restartWith(ctx: CalibrationContext, options: EngineOptions, running: Started, threads: number): Promise<Started> {
  ctx.status({ stage: 'restart', threads });
  try {
    const next = await ctx.spawn(options, threads, true);
    running.handle.kill();
    return next;
  } catch {
    ctx.attempt.check();
    return running;
  }
}

/** Times the model with each candidate thread count, one worker at a time. */
async function calibrate(ctx: CalibrationContext, options: EngineOptions, current: Started, hc: number): Promise<{ threads: number; measurements: Measurements }> {
  const currentThreads = current.info.wasm?.threads ?? 1;
  const measurements: Measurements = [];
  let complete = true;
  const candidates = threadCandidates(hc).filter((n) => n !== currentThreads);
  const total = candidates.length + 1;
  ctx.status({ stage: 'calibrate', step: 1, of: total });
  measurements.push({ threads: currentThreads, medianMs: await timeBareInference(current) });
  for (const [i, threads] of candidates.entries()) {
    ctx.attempt.check();
    ctx.status({ stage: 'calibrate', step: i + 2, of: total });
    try {
      const candidate = await ctx.spawn({ ...options, backend: 'wasm' }, threads, false);
      try {
        if (!candidate.info.wasm) throw new Error('the candidate did not start on WASM');
        measurements.push({ threads: candidate.info.wasm.threads, medianMs: await timeBareInference(candidate) });
      } finally {
        candidate.handle.kill();
      }
    } catch {
      // A thread count that does not start (or hangs) here is skipped, not a failed switch.
      ctx.attempt.check();
      complete = false;
    }
  }
  ctx.attempt.check();
  const threads = pickFastest(measurements);
  // Only a complete measurement is kept: a partial one would decide for this device forever.
  if (complete) rememberChoice(pageStorage(), { threads, hardwareConcurrency: hc, measurements });
  return { threads, measurements };
}

/** Median bare inference of a loaded worker; one that does not answer in time is ended. */
async function timeBareInference({ handle, info }: Started): Promise<number> {
  const limitMs = timingLimitMs(info.warmupMs, CALIBRATION_RUNS);
  const timer = setTimeout(() => handle.kill(new EngineError('model-timeout', `Timing the model took longer than ${Math.round(limitMs / 1000)} s.`)), limitMs);
  try {
    const r = await handle.request({ type: 'time-inference', id: handle.id(), runs: CALIBRATION_RUNS });
    return median(r.samplesMs);
  } finally {
    clearTimeout(timer);
  }
}
