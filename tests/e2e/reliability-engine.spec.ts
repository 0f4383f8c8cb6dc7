// Engine faults on the production build, through the public surface plus the ?debug=1 fault
// hook (window.ssdCam.injectFault): a crashed or hung worker is restarted and detects again
// with the same model and backend; a model that fails to download or parse leaves the model
// that runs running, with an ssd:error and a banner saying why; a lost WebGPU device moves the
// engine to WASM and says so.
import { expect, test, type Page, type Route } from '@playwright/test';
import { faceUrl, launchBrowser, waitForEvent, type LaunchedBrowser, type ReadyDetail } from './browser';
import { bannerTexts, eventsAfter, pageNow, setPageHidden, startHiddenScript, switchableRoute, waitForEventAfter } from './faults';

const FACE_WEIGHTS = '**/models/ssd-mobilenet-v1-face/*.bin';

async function injectFault(page: Page, fault: 'crash' | 'hang' | 'lose-device'): Promise<number> {
  return page.evaluate((f) => {
    const hook = (window as any).ssdCam;
    if (!hook) throw new Error('window.ssdCam missing: open the page with ?debug=1');
    const t = performance.now();
    hook.injectFault(f);
    return t;
  }, fault);
}

const backendSelect = (page: Page) => page.locator('backend-picker select');

/**
 * What these tests ask of recovery: that it happens, within a ceiling a loaded 2-core box
 * always meets. The 2-second target is judged over several faults by `npm run soak -- --faults`
 * (median and max), not here; each figure measured here is printed and annotated.
 */
const RECOVERY_CEILING_MS = 15_000;

test.describe('WASM engine faults', () => {
  test.describe.configure({ mode: 'serial' });

  let browser: LaunchedBrowser;
  let page: Page;
  let firstReady: ReadyDetail;
  let weightsFault: Awaited<ReturnType<typeof switchableRoute>>;
  let weightsAnswer: Parameters<Route['fulfill']>[0] = {};

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    // No service worker: it would answer the weight files from its precache, out of reach of
    // the page.route() that fails them below.
    browser = await launchBrowser({ camera: 'file', serviceWorkers: 'block' });
    // installed before the page opens, switched on by the tests that fail the weights
    weightsFault = await switchableRoute(browser.context, FACE_WEIGHTS, (route) => route.fulfill(weightsAnswer));
    page = await browser.open(`${faceUrl('wasm')}&debug=1`);
    firstReady = await waitForEvent(page, 'ssd:ready', () => true, 90_000);
    expect(firstReady.backend).toBe('wasm');
    // a few frames, so the hang watchdog knows what a normal frame takes here
    await waitForEvent(page, 'ssd:detections', (_, i) => i >= 4, 60_000);
  });

  test.afterAll(async () => {
    await browser?.close();
  });

  for (const fault of ['crash', 'hang'] as const) {
    test(`a worker ${fault} is recovered: same model and backend, detections again`, async () => {
      // What the hang watchdog allows a frame here: 3x the slowest of the last 20, at least
      // 1 s (detector-client.ts). Gaps between results bound the round trips from above.
      const recent = (await eventsAfter(page, 'ssd:detections')).slice(-21);
      const gaps = recent.slice(1).map((e, i) => e.t - recent[i].t);
      const watchdogMs = Math.max(1_000, 3 * Math.max(...gaps));
      const t0 = await injectFault(page, fault);
      // waits longer than the ceilings below, so a slow recovery fails on its figure, not a timeout
      const ready = await waitForEventAfter<ReadyDetail>(page, 'ssd:ready', t0, () => true, watchdogMs + 2 * RECOVERY_CEILING_MS);
      const next = await waitForEventAfter(page, 'ssd:detections', ready.t, () => true, 2 * RECOVERY_CEILING_MS);
      const restartMs = ready.t - t0;
      const resumeMs = next.t - t0;
      const figure =
        `worker back after ${restartMs.toFixed(0)} ms (load ${Number(ready.detail.loadMs).toFixed(0)} ms, ` +
        `warm-up ${Number(ready.detail.warmupMs).toFixed(0)} ms), detections again after ${resumeMs.toFixed(0)} ms`;
      console.log(`[reliability-engine] ${fault}: ${figure}`);
      test.info().annotations.push({ type: `${fault} recovery`, description: figure });
      // a few frames on the new worker, so the next fault meets a warmed-up engine
      await waitForEventAfter(page, 'ssd:detections', next.t, () => true, 30_000);
      await page.waitForTimeout(1_000);
      expect(ready.detail.model).toBe(firstReady.model);
      expect(ready.detail.backend).toBe('wasm');
      expect(next.detail.backend).toBe('wasm');
      const notices = await bannerTexts(page);
      const notice = notices.find((t) => /restarted after a fault/.test(t));
      expect(notice, `banners: ${JSON.stringify(notices)}`).toBeTruthy();
      console.log(`[reliability-engine] ${fault}: notice "${notice}"`);
      if (fault === 'crash') {
        expect(resumeMs, 'crash -> detections again (a ceiling; the 2 s target is judged by npm run soak -- --faults)').toBeLessThan(RECOVERY_CEILING_MS);
      } else {
        // A hang can only be told from a slow frame after the watchdog's limit; the ceiling
        // counts from there.
        console.log(`[reliability-engine] hang: watchdog limit here <= ${watchdogMs.toFixed(0)} ms (slowest recent gap ${Math.max(...gaps).toFixed(0)} ms)`);
        expect(restartMs, 'hang -> worker restarted, after the watchdog limit (a ceiling)').toBeLessThan(watchdogMs + RECOVERY_CEILING_MS);
      }
      const errors = await eventsAfter(page, 'ssd:error', t0);
      expect(errors.map((e) => e.detail), 'a recovered fault is not an ssd:error').toEqual([]);
    });
  }

  for (const [kind, fulfill] of [
    ['model-missing', { status: 404, body: 'gone' }],
    ['model-corrupt', { status: 200, contentType: 'application/octet-stream', body: Buffer.alloc(4096, 7) }],
  ] as const) {
    test(`a model that fails to load (${kind}) leaves the running one detecting`, async () => {
      // Force a fresh load of the same model: another backend means a new worker.
      weightsAnswer = fulfill;
      weightsFault.on();
      try {
        const t0 = await pageNow(page);
        await backendSelect(page).selectOption('cpu');
        const error = await waitForEventAfter(page, 'ssd:error', t0, () => true, 60_000);
        expect(error.detail.kind).toBe(kind);
        expect(error.detail.message).toMatch(/weight/i);
        // the worker from before never stopped
        const after = await waitForEventAfter(page, 'ssd:detections', error.t, () => true, 15_000);
        expect(after.detail.backend).toBe('wasm');
        expect(await eventsAfter(page, 'ssd:ready', t0), 'no engine was replaced').toEqual([]);
        // the picker shows what runs, and the banner says why the new choice did not start
        await expect(backendSelect(page)).toHaveValue('wasm');
        const banners = await bannerTexts(page);
        const banner = banners.find((t) => t.includes('could not start'));
        expect(banner, `banners: ${JSON.stringify(banners)}`).toBeTruthy();
        expect(banner).toContain('Still detecting');
        console.log(`[reliability-engine] ${kind}: "${error.detail.message}"; banner: "${banner}"`);
      } finally {
        weightsFault.off();
      }
    });
  }

  test('a model that loads is swapped in while the old one keeps detecting', async () => {
    const t0 = await pageNow(page);
    await backendSelect(page).selectOption('auto');
    const ready = await waitForEventAfter<ReadyDetail>(page, 'ssd:ready', t0, () => true, 60_000);
    expect(ready.detail.requestedBackend).toBe('auto');
    expect(ready.detail.backend).toBe('wasm');
    const next = await waitForEventAfter(page, 'ssd:detections', ready.t, () => true, 15_000);
    const during = (await eventsAfter(page, 'ssd:detections', t0)).filter((e) => e.t < ready.t);
    console.log(
      `[reliability-engine] switch to auto: ready after ${(ready.t - t0).toFixed(0)} ms with ${during.length} detections meanwhile; ` +
        `first new detection ${(next.t - ready.t).toFixed(0)} ms after ready`,
    );
    expect(during.length, 'detections while the new worker loaded').toBeGreaterThan(0);
    // the only uncaught error is the crash injected above
    expect(browser.pageErrors.filter((e) => !e.includes('simulated worker crash'))).toEqual([]);
  });
});

test('a lost WebGPU device moves the engine to WASM with a visible message', async () => {
  // WebGPU on SwiftShader: shader compile and the warm-up frame take tens of seconds here.
  test.setTimeout(300_000);
  const gpu = await launchBrowser({ camera: 'file', webgpu: true });
  try {
    // The page starts hidden, so no frame goes to the GPU: SwiftShader finishes a queued
    // 20-second frame even after the device is destroyed, and would starve the WASM worker
    // of CPU meanwhile (a real GPU reset drops queued work).
    const page = await gpu.context.newPage();
    await page.addInitScript(startHiddenScript);
    await page.goto(`${faceUrl('webgpu')}&debug=1`);
    const ready = await waitForEvent(page, 'ssd:ready', () => true, 240_000);
    expect(ready.backend, `fallback: ${JSON.stringify(ready.fallbackReason ?? null)}`).toBe('webgpu');
    const t0 = await injectFault(page, 'lose-device');
    const moved = await waitForEventAfter<ReadyDetail>(page, 'ssd:ready', t0, () => true, 60_000);
    expect(moved.detail.backend).toBe('wasm');
    expect(moved.detail.requestedBackend).toBe('webgpu');
    expect(String(moved.detail.fallbackReason)).toMatch(/device lost/i);
    const banners = await bannerTexts(page);
    expect(banners.some((t) => /WebGPU device lost/.test(t) && /WASM/.test(t)), `banners: ${JSON.stringify(banners)}`).toBe(true);
    expect(await eventsAfter(page, 'ssd:detections'), 'no frames while hidden').toEqual([]);

    const shown = await setPageHidden(page, false);
    const next = await waitForEventAfter(page, 'ssd:detections', shown, () => true, 60_000);
    expect(next.detail.backend).toBe('wasm');
    console.log(
      `[reliability-engine] device lost: on WASM after ${(moved.t - t0).toFixed(0)} ms, first WASM frame ${(next.t - shown).toFixed(0)} ms after showing; banners: ${JSON.stringify(banners)}`,
    );
    expect(gpu.pageErrors).toEqual([]);
  } finally {
    await gpu.close();
  }
});
