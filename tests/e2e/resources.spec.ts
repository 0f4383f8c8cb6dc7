// Resources over a long run on the production build (WASM): no tensor leak and flat worker
// memory over 200 frames, no main-thread long task while detecting, and the camera and the
// worker released when the page is left or the app is taken off the page. `npm run soak`
// runs the same loop for 1,000 frames and prints the numbers.
import { expect, test, type Page } from '@playwright/test';
import { faceUrl, launchBrowser, waitForEvent, type DetectionsDetail, type LaunchedBrowser } from './browser';
import { cameraStubScript, eventsAfter, pageNow, trackStates, waitForEventAfter } from './faults';
import { expectOneWorker, expectWorkersGone, workerLedgerScript } from './worker-ledger';

const FRAMES = 200;

/** Init script: records every main-thread long task (> 50 ms) the browser reports. */
function longTaskScript() {
  const w = window as any;
  w.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    w.__longTasks = null; // not supported: the test says so
  }
}

test.describe('resources', () => {
  test.describe.configure({ mode: 'serial' });

  let browser: LaunchedBrowser;
  let page: Page;
  let readyAt = 0;

  test.beforeAll(async () => {
    browser = await launchBrowser({ camera: 'file' });
    await browser.context.addInitScript(longTaskScript);
    await browser.context.addInitScript(workerLedgerScript);
    await browser.context.addInitScript(cameraStubScript);
    page = await browser.open(faceUrl('wasm'));
    await waitForEvent(page, 'ssd:ready', () => true, 90_000);
    readyAt = (await eventsAfter(page, 'ssd:ready'))[0].t;
  });

  test.afterAll(async () => {
    await browser?.close();
  });

  test(`${FRAMES} frames: numTensors identical at frame 20 and ${FRAMES}, worker bytes flat, no long task`, async () => {
    // ~5 fps with WASM on an idle 2-core box: 40 s; much more when the box is shared.
    test.setTimeout(420_000);
    await waitForEvent(page, 'ssd:detections', (_, i) => i >= FRAMES - 1, 400_000);
    const frames = (await eventsAfter<DetectionsDetail>(page, 'ssd:detections')).map((e) => e.detail);
    const first = frames[0];
    const at20 = frames[19];
    const last = frames[FRAMES - 1];
    const tensors = new Set(frames.slice(0, FRAMES).map((d) => d.numTensors));
    const bytes = new Set(frames.slice(0, FRAMES).map((d) => d.numBytes));
    console.log(
      `[resources] frame ${first.frame}: ${first.numTensors} tensors, ${first.numBytes} bytes; frame ${at20.frame}: ${at20.numTensors}, ${at20.numBytes}; ` +
        `frame ${last.frame}: ${last.numTensors}, ${last.numBytes}; distinct tensor counts ${[...tensors].join(',')}, byte counts ${[...bytes].join(',')}`,
    );
    expect(typeof at20.numTensors).toBe('number');
    expect(typeof at20.numBytes).toBe('number');
    expect(last.numTensors, 'numTensors at frame 200 vs frame 20').toBe(at20.numTensors);
    expect(last.numTensors, 'numTensors at frame 200 vs the first frame').toBe(first.numTensors);
    expect(last.numBytes, 'worker tensor bytes at frame 200 vs frame 20').toBe(at20.numBytes);
    expect([...tensors], 'numTensors over every frame').toEqual([at20.numTensors]);

    const longTasks: { start: number; duration: number }[] | null = await page.evaluate(() => (window as any).__longTasks);
    expect(longTasks, 'PerformanceObserver longtask is supported').not.toBeNull();
    const whileDetecting = longTasks!.filter((t) => t.start > readyAt);
    console.log(
      `[resources] long tasks: ${longTasks!.length} in all, ${whileDetecting.length} after ready ` +
        `(${whileDetecting.map((t) => `${t.duration.toFixed(0)} ms at ${(t.start - readyAt).toFixed(0)}`).join(', ')})`,
    );
    expect(whileDetecting, 'main-thread long tasks (> 50 ms) while detecting').toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });

  test('leaving the page (pagehide) releases the camera and ends the worker; coming back resumes', async () => {
    await expectOneWorker(page);
    expect((await trackStates(page)).at(-1)).toBe('live');
    await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true })));
    await expect.poll(() => trackStates(page), { message: 'camera tracks' }).toEqual(expect.not.arrayContaining(['live']));
    await expectWorkersGone(page, 'pagehide');

    // back from the back/forward cache: the app picks up where it was
    const t0 = await pageNow(page);
    await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true })));
    await waitForEventAfter(page, 'ssd:detections', t0, () => true, 90_000);
    expect((await trackStates(page)).at(-1)).toBe('live');
  });

  test('taking the app off the page releases the camera and ends the worker', async () => {
    await expectOneWorker(page);
    await page.evaluate(() => document.querySelector('ssd-app')!.remove());
    await expect.poll(() => trackStates(page), { message: 'camera tracks' }).toEqual(expect.not.arrayContaining(['live']));
    await expectWorkersGone(page, 'app removed');
    const settled = await pageNow(page);
    await page.waitForTimeout(1_000);
    expect(await eventsAfter(page, 'ssd:detections', settled)).toEqual([]);
  });
});
