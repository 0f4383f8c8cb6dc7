// The core loop on the production build: fake camera (sample1.jpg, 3 faces) -> worker (WASM)
// -> boxes that match @vladmandic/face-api's own detections, HUD fps, and TensorFlow.js only in
// the worker. Public surface only: URL parameters and ssd:* window events.
import { expect, test } from '@playwright/test';
import {
  deepText,
  expectedFaces,
  faceUrl,
  fmtBox,
  launchBrowser,
  matchBoxes,
  toVideoPixels,
  waitForEvent,
  type LaunchedBrowser,
} from './browser';
import { allJsFiles, distFile, importClosure, mainThreadFiles, rel, tfjsMarkersIn } from './bundle';

let browser: LaunchedBrowser | undefined;
test.afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

test('WASM: live boxes match face-api on sample1, HUD shows fps, tfjs only in the worker', async ({}, testInfo) => {
  const { faces, videoWidth, videoHeight, file } = expectedFaces();
  expect(faces.length, `reference faces inside the ${file} crop`).toBeGreaterThan(0);

  browser = await launchBrowser({ camera: 'file' });
  const page = await browser.open(faceUrl('wasm'));

  const ready = await waitForEvent(page, 'ssd:ready', () => true, 90_000);
  expect(ready.backend).toBe('wasm');
  // The production build runs the threaded WASM binary: the page is cross-origin isolated and
  // the thread calibration timed the model with more than one XNNPACK thread.
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  expect(ready.wasm?.simd).toBe(true);
  expect(ready.wasm?.chosenBy).toBe('measured');
  const measurements = ready.wasm?.measurements ?? [];
  expect(measurements.filter((m) => m.threads > 1).length, `measurements ${JSON.stringify(measurements)}`).toBeGreaterThan(0);
  for (const m of measurements) expect(m.medianMs).toBeGreaterThan(0);
  console.log(`[core-loop] WASM threads ${ready.wasm?.threads} (measured: ${JSON.stringify(measurements)})`);

  let lastReport = '';
  const detail = await waitForEvent(
    page,
    'ssd:detections',
    (d) => {
      const found = toVideoPixels(d, videoWidth, videoHeight);
      const m = matchBoxes(faces, found, 0.5);
      lastReport =
        `frame ${d.frame}: expected ${faces.map((f) => fmtBox(f.box)).join(' ')}; ` +
        `got ${found.map((f) => `${f.label}:${f.score.toFixed(3)}${fmtBox(f.box)}`).join(' ')}`;
      return m.unmatchedExpected.length === 0 && m.unmatchedActual.length === 0;
    },
    60_000,
  ).catch((err) => {
    throw new Error(`${err.message}\nlast comparison: ${lastReport}`);
  });
  const found = toVideoPixels(detail, videoWidth, videoHeight);
  const m = matchBoxes(faces, found, 0.5);
  console.log(`[core-loop] ${lastReport}; IoUs ${m.pairs.map((p) => p.iou.toFixed(3)).join(', ')}`);
  expect(m.unmatchedExpected, 'reference faces without a box').toEqual([]);
  expect(m.unmatchedActual, 'extra boxes').toEqual([]);
  for (const d of found) expect(d.score).toBeGreaterThanOrEqual(0.5);

  // The HUD (fps-hud, shadow DOM; CSS locators pierce open shadow roots).
  const fpsText = page.locator('fps-hud [data-testid="detection-fps"]');
  await expect
    .poll(async () => Number((await deepText(fpsText)).match(/\d+(?:\.\d+)?/)?.[0] ?? 0), {
      message: 'detection fps in the HUD',
      timeout: 30_000,
    })
    .toBeGreaterThan(0);
  await expect(page.locator('fps-hud [data-testid="backend"]')).toContainText(/wasm/i);

  // Boxes drawn: the screenshot is for people (and the report), taken once a matching frame is on screen.
  const shot = testInfo.outputPath('core-loop-wasm-sample1.png');
  await page.screenshot({ path: shot });
  await testInfo.attach('boxes', { path: shot, contentType: 'image/png' });

  // TensorFlow.js is loaded by the worker, not by the page.
  expect(await page.evaluate(() => typeof (window as any).tf)).toBe('undefined');
  const mainFiles = mainThreadFiles();
  for (const f of mainFiles) {
    expect(tfjsMarkersIn(f), `tfjs markers in main-thread file ${rel(f)}`).toEqual([]);
  }
  const loadedScripts: string[] = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((e) => /\.m?js(\?|#|$)/.test(e.name))
      .filter((e) => ['script', 'link', 'other'].includes((e as PerformanceResourceTiming).initiatorType))
      .map((e) => e.name),
  );
  const workers = page.workers();
  expect(workers.length, 'dedicated workers of the page').toBeGreaterThan(0);
  const workerEntries = workers.map((w) => distFile(w.url())).filter((f): f is string => !!f);
  expect(workerEntries.length, `worker scripts under dist/ (${workers.map((w) => w.url()).join(', ')})`).toBeGreaterThan(0);
  const workerFiles = importClosure(workerEntries);
  for (const url of loadedScripts) {
    const f = distFile(url);
    if (!f || workerFiles.has(f)) continue; // the worker script itself is fetched by the page
    expect(url, 'script loaded by the page').not.toMatch(/tfjs|tensorflow/i);
    expect(tfjsMarkersIn(f), `tfjs markers in ${rel(f)}, loaded by the page`).toEqual([]);
  }
  const workerWithTf = [...workerFiles].filter((f) => tfjsMarkersIn(f).length > 0);
  expect(workerWithTf.map(rel), 'worker chunks carrying tfjs').not.toEqual([]);
  for (const f of workerWithTf) expect(mainFiles.has(f), `${rel(f)} is also main-thread code`).toBe(false);
  const anyTf = allJsFiles().filter((f) => tfjsMarkersIn(f).length > 0);
  console.log(`[core-loop] main-thread JS: ${[...mainFiles].map(rel).join(', ')}; tfjs in: ${anyTf.map(rel).join(', ')}`);

  expect(browser.pageErrors, 'uncaught errors in the page or its worker').toEqual([]);
});
