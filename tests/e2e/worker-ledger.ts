// The detection workers a page's app creates and ends, told apart from what the browser does
// after: the app's terminate() calls are counted exactly (an init script), the browser's own
// target list is polled and printed. Used wherever a test says "the app ended its worker".
import { expect, test, type Page } from '@playwright/test';

/** Init script: counts the detection workers the page creates and terminates, so a test can
 * tell what the app did from how long the browser then takes to tear a worker down. */
export function workerLedgerScript() {
  const w = window as any;
  if (w.__detectorLedger) return;
  const ledger = { created: 0, terminated: 0 };
  w.__detectorLedger = ledger;
  const Native = window.Worker;
  const ended = new WeakSet<Worker>();
  class LedgerWorker extends Native {
    private readonly detector: boolean;
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      this.detector = String(url).includes('detector.worker');
      if (this.detector) ledger.created++;
    }
    override terminate(): void {
      if (this.detector && !ended.has(this)) {
        ended.add(this);
        ledger.terminated++;
      }
      super.terminate();
    }
  }
  window.Worker = LedgerWorker;
}

/** Detection workers the app created and has not terminated (its own doing, exactly). */
export const unterminated = (page: Page): Promise<number> =>
  page.evaluate(() => {
    const l = (window as any).__detectorLedger as { created: number; terminated: number };
    return l.created - l.terminated;
  });

/** How long the browser gets to tear down the threads of terminated workers before the test
 * goes on (it is told, not failed: see expectWorkersGone). */
const BROWSER_TEARDOWN_WAIT_MS = 20_000;

/**
 * "The app ends the worker" is asserted exactly on what the app controls: every detection
 * worker it created has been terminate()d (the ledger), within the poll's 15 s (it takes a few
 * ms). What Chromium then does with the thread is measured and printed, not failed: for a
 * worker running threaded WASM it lists the worker ~2-3 s more in every run here (its forced
 * termination, after the graceful one times out on the 8 emscripten pthread workers), and in
 * about 1 run in 4 on the loaded CI box never lets go of it (still listed after 60 s), with
 * terminate() called within 3 ms. Measured 2026-12-03: the same with ImageBitmap frames
 * instead of VideoFrames, with terminate() delayed until the frame in flight is back, and
 * worse (never let go, 3 of 3) when the worker ends its pthread pool first. That is the
 * browser's, so the test says it (a console line and an annotation) and goes on.
 */
export async function expectWorkersGone(page: Page, what: string, tag = 'resources'): Promise<void> {
  const t0 = Date.now();
  await expect.poll(() => unterminated(page), { message: 'detection workers the app has not terminated' }).toBe(0);
  const appMs = Date.now() - t0;
  const listed = await browserTeardown(page, 0);
  const note = listed === 0 ? `gone from the browser's targets after ${Date.now() - t0} ms` : `STILL LISTED by the browser after ${Date.now() - t0} ms (${listed})`;
  console.log(`[${tag}] ${what}: workers terminated by the app after ${appMs} ms, ${note}`);
  if (listed !== 0) test.info().annotations.push({ type: 'browser kept a terminated worker', description: `${what}: ${note}` });
}

/** Polls the browser's list of detection workers until it shows `want`, for at most
 * BROWSER_TEARDOWN_WAIT_MS; returns the last count. */
async function browserTeardown(page: Page, want: number): Promise<number> {
  const until = Date.now() + BROWSER_TEARDOWN_WAIT_MS;
  let n = await detectorWorkers(page);
  while (n !== want && Date.now() < until) {
    await page.waitForTimeout(250);
    n = await detectorWorkers(page);
  }
  return n;
}

/** Before a test: exactly one detection worker of the app's is alive (the ledger); the
 * browser's own list is waited for (the calibration's ended workers) and told. */
export async function expectOneWorker(page: Page): Promise<void> {
  expect(await unterminated(page), 'detection workers the app has not terminated').toBe(1);
  const listed = await browserTeardown(page, 1);
  if (listed !== 1) {
    console.log(`[resources] the browser lists ${listed} detection workers where the app has 1 alive`);
    test.info().annotations.push({ type: 'browser kept a terminated worker', description: `listed ${listed}, alive 1` });
  }
}

/**
 * Detection workers alive, as the browser itself lists its targets (DevTools protocol).
 * Playwright's page.workers() can keep a worker that ended while it was attaching to it (the
 * thread calibration's short-lived workers), so it is not the judge here.
 */
export async function detectorWorkers(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    return targetInfos.filter((t) => t.type === 'worker' && t.url.includes('detector.worker')).length;
  } finally {
    await cdp.detach().catch(() => {});
  }
}
