// The bench runner's cancel and watchdog: each pair runs in its own worker, so Cancel ends the
// pair under way at once (its worker terminated, mid-load or mid-frame) instead of waiting for
// it to finish, and a pair whose worker stops answering becomes a failure row after a deadline
// scaled by its own first inference, and the bench goes on with the next pair. The real
// DetectorClient runs against fake workers that answer the protocol by hand (Node has no Worker).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBench, type BenchPlan } from '../../../src/engine/bench/bench-runner';
import { FakeWorker, installFakePage } from '../helpers/fake-worker';

const plan = (models: string[]): BenchPlan => ({ models, backends: ['wasm'], frames: 2, warmup: 1 });
const frame = async () => ({ bitmap: { width: 4, height: 3, close() {} } as unknown as ImageBitmap, source: 'test frame' });
const tick = () => new Promise((r) => setTimeout(r, 0));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits (a few event-loop turns) until `check` holds. */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await tick();
  }
  throw new Error(`never happened: ${what}`);
}

/** Settles within `ms` or says it did not: a hung promise fails the test instead of timing out. */
function within<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, sleep(ms).then(() => Promise.reject(new Error(`still pending after ${ms} ms`)))]);
}

let page: ReturnType<typeof installFakePage>;
beforeEach(() => {
  page = installFakePage();
});
afterEach(() => page.restore());

describe('bench runner: cancel', () => {
  it('Cancel mid-frame ends the bench at once: the pair worker is terminated and no further pair starts', async () => {
    const abort = new AbortController();
    const running = runBench(plan(['a', 'b']), frame, () => {}, abort.signal);
    await until(() => FakeWorker.all.length === 1, 'first pair worker');
    const worker = FakeWorker.all[0];
    worker.ready('wasm', 5);
    await until(() => worker.has('bench'), 'bench request sent');
    // the worker is busy with its frames and will not answer for a long time
    abort.abort();
    await expect(within(running, 200)).rejects.toMatchObject({ name: 'AbortError' });
    expect(worker.terminated, 'the pair worker was terminated').toBe(true);
    await sleep(20);
    expect(FakeWorker.all, 'no worker for the next pair').toHaveLength(1);
  });

  it('Cancel while a pair loads its model ends it too', async () => {
    const abort = new AbortController();
    const running = runBench(plan(['a']), frame, () => {}, abort.signal);
    await until(() => FakeWorker.all.length === 1, 'pair worker');
    abort.abort();
    await expect(within(running, 200)).rejects.toMatchObject({ name: 'AbortError' });
    expect(FakeWorker.all[0].terminated).toBe(true);
  });

  it('a signal aborted before the run starts no worker', async () => {
    const abort = new AbortController();
    abort.abort();
    await expect(within(runBench(plan(['a']), frame, () => {}, abort.signal), 200)).rejects.toMatchObject({ name: 'AbortError' });
    expect(FakeWorker.all).toHaveLength(0);
  });
});

describe('bench runner: watchdog', () => {
  it('a pair whose worker stops answering mid-bench becomes a failure row, and the next pair still runs', async () => {
    const limits = { startMs: 5_000, benchFloorMs: 60, perFrameFactor: 1 };
    const running = runBench(plan(['hangs', 'works']), frame, () => {}, undefined, limits);
    await until(() => FakeWorker.all.length === 1, 'first pair worker');
    const hung = FakeWorker.all[0];
    hung.ready('wasm', 1);
    // no answer to the bench request, ever; the watchdog must end it
    await within(
      (async () => {
        while (FakeWorker.all.length < 2) await sleep(5);
      })(),
      1_000,
    );
    expect(hung.terminated, 'the hung worker was terminated').toBe(true);
    const second = FakeWorker.all[1];
    second.ready('wasm', 5);
    await until(() => second.has('bench'), 'second bench request');
    second.benched();
    const result = await within(running, 500);
    expect(result.rows.map((r) => r.model)).toEqual(['works']);
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]).toMatchObject({ model: 'hangs', backend: 'wasm' });
    expect(result.failures[0].message).toMatch(/stopped answering/);
    expect(second.terminated, 'a finished pair ends its worker').toBe(true);
  });

  it('a pair whose model load never finishes becomes a failure row', async () => {
    const limits = { startMs: 60, benchFloorMs: 5_000, perFrameFactor: 1 };
    const running = runBench(plan(['stuck']), frame, () => {}, undefined, limits);
    await until(() => FakeWorker.all.length === 1, 'pair worker');
    const result = await within(running, 1_000);
    expect(result.rows).toEqual([]);
    expect(result.failures[0]).toMatchObject({ model: 'stuck', backend: 'wasm' });
    expect(result.failures[0].message).toMatch(/did not start/);
    expect(FakeWorker.all[0].terminated).toBe(true);
  });

  it('the bench deadline grows with the pair\'s own first inference, so a slow model is not cut short', async () => {
    // first inference 100 ms: 1 warm-up + 2 frames (each a pipeline frame and a bare run)
    // get at least 100 x 5 = 500 ms beyond a 20 ms floor; answering after 150 ms is fine
    const limits = { startMs: 5_000, benchFloorMs: 20, perFrameFactor: 1 };
    const running = runBench(plan(['slow']), frame, () => {}, undefined, limits);
    await until(() => FakeWorker.all.length === 1, 'pair worker');
    const worker = FakeWorker.all[0];
    worker.ready('wasm', 100);
    await until(() => worker.has('bench'), 'bench request');
    await sleep(150);
    worker.benched();
    const result = await within(running, 500);
    expect(result.failures).toEqual([]);
    expect(result.rows.map((r) => r.model)).toEqual(['slow']);
  });
});
