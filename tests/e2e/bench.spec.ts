// The comparison, driven through its URL: the face SSD against VGG16-SSD300 on WASM, five
// frames each. Every figure is present, cold start is reported apart from steady state,
// results survive a reload, export as CSV and JSON, and an exported JSON from "another device"
// shows beside this one. Then the bench's hold on the engine: live detection stays paused
// while it runs (page hidden and shown, a live start finishing meanwhile), and Cancel ends a
// pair mid-frame, its worker with it.
import { expect, test, type Locator, type Page } from '@playwright/test';
import fs from 'node:fs';
import { deepText, launchBrowser, waitForEvent, type LaunchedBrowser } from './browser';
import { eventsAfter, pageNow, setPageHidden, waitForEventAfter } from './faults';
import { expectWorkersGone, unterminated, workerLedgerScript } from './worker-ledger';

let browser: LaunchedBrowser | undefined;
test.afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

test('bench: two models on WASM, every figure, stored, exported, compared with an import', async ({}, testInfo) => {
  test.setTimeout(300_000);
  browser = await launchBrowser({ camera: 'none' });
  const page = await browser.open('/?bench=ssd-mobilenet-v1-face,vgg16-ssd300&backends=wasm&frames=5');
  const { results } = (await waitForEvent(page, 'ssd:bench', () => true, 240_000)) as unknown as { results: any };
  expect(results.failures).toEqual([]);
  expect(results.frameSource).toMatch(/sample photo/);
  expect(results.rows.map((r: any) => [r.model, r.backend])).toEqual([
    ['ssd-mobilenet-v1-face', 'wasm'],
    ['vgg16-ssd300', 'wasm'],
  ]);
  for (const row of results.rows) {
    console.log(`[bench] ${row.model}: cold ${row.coldStart.totalMs.toFixed(0)} ms (backend ${row.coldStart.backendMs.toFixed(0)} + load ${row.coldStart.loadMs.toFixed(0)} + first ${row.coldStart.firstInferenceMs.toFixed(0)}), ${row.fps.toFixed(2)} fps, inference p50 ${row.stages.inferenceMs.p50.toFixed(0)} ms, ${row.achievedGmacs?.toFixed(1)} of ${row.peakGmacs.toFixed(1)} GMAC/s, efficiency ${(row.pipelineEfficiency * 100).toFixed(0)}%`);
    // cold start, in its parts, apart from the timed frames
    for (const v of Object.values(row.coldStart)) expect(v as number).toBeGreaterThan(0);
    expect(row.frames).toBe(5);
    for (const stage of ['preprocessMs', 'inferenceMs', 'totalMs'] as const) {
      expect(row.stages[stage].count).toBe(5);
      for (const k of ['mean', 'p50', 'p95']) expect(row.stages[stage][k]).toBeGreaterThan(0);
    }
    // readback (a copy out of WASM memory) and postprocess (skipped for speed-only models) can
    // be a few microseconds: present and never negative
    for (const stage of ['readbackMs', 'postprocessMs'] as const) {
      expect(row.stages[stage].count).toBe(5);
      expect(row.stages[stage].p50).toBeGreaterThanOrEqual(0);
    }
    for (const k of ['fps', 'bareFps', 'pipelineEfficiency', 'peakGmacs', 'achievedGmacs', 'shareOfPeak', 'multAdds', 'params']) {
      expect(row[k], k).toBeGreaterThan(0);
    }
    expect(row.memory.tensorsAfter).toBe(row.memory.tensorsBefore);
    expect(row.wasmThreads).toBeGreaterThanOrEqual(1);
  }
  expect(results.rows[0].fps).toBeGreaterThan(results.rows[1].fps);
  expect(results.device.cores).toBeGreaterThan(0);

  // survives a reload
  await page.goto('/');
  await page.locator('[data-testid="bench-button"]').click();
  const mine = page.locator('results-view [data-testid="result"][data-device="this"]');
  await expect(mine).toHaveCount(1);
  await expect(mine.locator('tbody tr')).toHaveCount(2);
  await expect(page.locator('bench-charts [data-testid="fps-chart"]')).toBeVisible();

  // CSV and JSON downloads
  const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('results-view [data-testid="export-csv"]').click()]);
  const csvText = fs.readFileSync((await csv.path())!, 'utf8').trim().split('\n');
  expect(csvText[0]).toMatch(/^device,created,model,backend/);
  expect(csvText).toHaveLength(3);
  const [json] = await Promise.all([page.waitForEvent('download'), page.locator('results-view [data-testid="export-json"]').click()]);
  const exported = JSON.parse(fs.readFileSync((await json.path())!, 'utf8'));
  expect(exported.format).toBe('ssd-cam-bench/1');
  expect(exported.results[0].rows).toHaveLength(2);

  // the same file as if from another device: it shows beside this one
  exported.results[0].id = 'bench-from-phone';
  exported.results[0].device.label = 'Pixel 8, 9 cores';
  const other = testInfo.outputPath('other-device.json');
  fs.writeFileSync(other, JSON.stringify(exported));
  await page.locator('results-view [data-testid="import-results"]').setInputFiles(other);
  const imported = page.locator('results-view [data-testid="result"][data-device="imported"]');
  await expect(imported).toHaveCount(1);
  await expect(imported).toContainText('Pixel 8, 9 cores');
  await expect(mine).toHaveCount(1);
  expect(browser.pageErrors).toEqual([]);
});

const MODEL_NAMES: Record<string, string> = {
  'ssd-mobilenet-v1-face': 'SSD MobileNetV1 · faces',
  'mobilenet-v1-10-ssd300': 'MobileNetV1 1.0-SSD300 (speed only)',
  'vgg16-ssd300': 'VGG16-SSD300 (speed only)',
};

/** Opens the bench sheet and chooses `models` on WASM with `frames` timed frames, through the UI. */
async function planBench(page: Page, models: string[], frames: number): Promise<void> {
  await page.locator('[data-testid="bench-button"]').click();
  const panel = page.locator('bench-panel');
  const modelBoxes = panel.locator('fieldset').nth(0).locator('label');
  await expect(modelBoxes.first()).toBeVisible();
  for (let i = 0; i < (await modelBoxes.count()); i++) {
    const label = modelBoxes.nth(i);
    const name = ((await label.textContent()) ?? '').trim();
    const wanted = models.some((id) => MODEL_NAMES[id] === name);
    await label.locator('input').setChecked(wanted);
  }
  const backendBoxes = panel.locator('fieldset').nth(1).locator('label');
  for (let i = 0; i < (await backendBoxes.count()); i++) {
    const label = backendBoxes.nth(i);
    await label.locator('input').setChecked(/WASM/i.test((await label.textContent()) ?? ''));
  }
  const framesInput = panel.locator('input[type="number"]');
  await framesInput.fill(String(frames));
  await framesInput.dispatchEvent('change');
}

/** Whether the element's middle is on screen and it is what the page shows there (not
 * scrolled out of its sheet, not covered). */
const inView = (locator: Locator) =>
  locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = r.top + Math.min(r.height / 2, 10);
    if (r.width === 0 || x < 0 || y < 0 || x > innerWidth || y > innerHeight) return false;
    let hit: Element | null = document.elementFromPoint(x, y);
    while (hit?.shadowRoot) {
      const inner = hit.shadowRoot.elementFromPoint(x, y);
      if (!inner || inner === hit) break;
      hit = inner;
    }
    for (let n: Node | null = hit; n; n = n.parentNode ?? (n instanceof ShadowRoot ? n.host : null)) if (n === el) return true;
    return false;
  });

test('bench isolation: live detection stays paused while a bench runs, also when the page is hidden and shown again', async () => {
  test.setTimeout(300_000);
  browser = await launchBrowser({ camera: 'file' });
  const page = await browser.open('/?model=ssd-mobilenet-v1-face&backend=wasm&autostart=1');
  await waitForEvent(page, 'ssd:detections', (_d, i) => i >= 3, 90_000);

  await planBench(page, ['ssd-mobilenet-v1-face'], 30);
  const clicked = await pageNow(page);
  await page.locator('bench-panel [data-testid="run-bench"]').click();
  await expect(page.locator('bench-panel [data-testid="bench-progress"]')).toBeVisible();
  // the progress is in view (not below the fold of the sheet) and names the model in words
  const progress = page.locator('bench-panel [data-testid="bench-progress"]');
  expect(await inView(progress), 'the bench progress is in view').toBe(true);
  await expect(progress).toContainText('SSD MobileNetV1 · faces · WASM (1 of 1)');
  // from here the bench runs: live frames sent before it began (while the click was on its
  // way, on a loaded machine) are not "during"
  const t0 = await pageNow(page);
  // another tab and back, while the bench measures
  await page.waitForTimeout(1_000);
  await setPageHidden(page, true);
  await page.waitForTimeout(300);
  const shownAt = await setPageHidden(page, false);
  const bench = await waitForEventAfter(page, 'ssd:bench', clicked, () => true, 240_000);
  expect(bench.t, 'the bench was still running when the page was shown again').toBeGreaterThan(shownAt);
  // done: said, and the results brought into view
  await expect(page.locator('bench-panel [data-testid="bench-announce"]')).toHaveText(/Comparison finished: \d+ results? below\./);
  await expect.poll(() => inView(page.locator('bench-panel [data-testid="bench-results-heading"]')), { message: 'the results heading in view after the run' }).toBe(true);
  const during = (await eventsAfter(page, 'ssd:detections', t0)).filter((e) => e.t < bench.t);
  console.log(
    `[bench] isolation: bench ran ${((bench.t - t0) / 1000).toFixed(1)} s, shown again after ${((shownAt - t0) / 1000).toFixed(1)} s; ` +
      `live detections meanwhile: ${during.length}`,
  );
  // at most the live frame that was in flight when the bench began
  expect(during.length, 'live detections while the bench ran').toBeLessThanOrEqual(1);
  // the bench over, live detection comes back by itself
  await waitForEventAfter(page, 'ssd:detections', bench.t, () => true, 60_000);
  expect((bench.detail as any).results.failures).toEqual([]);
  expect(browser.pageErrors).toEqual([]);
});

test('bench isolation: a live start asked for with a bench (?autostart=1&bench=...) waits for the bench to end', async () => {
  test.setTimeout(300_000);
  browser = await launchBrowser({ camera: 'file' });
  const page = await browser.open('/?model=ssd-mobilenet-v1-face&backend=wasm&autostart=1&bench=ssd-mobilenet-v1-face&backends=wasm&frames=20');
  const bench = await waitForEventAfter(page, 'ssd:bench', -1, () => true, 240_000);
  const liveReady = (await eventsAfter(page, 'ssd:ready')).filter((e) => e.t < bench.t);
  const liveDetections = (await eventsAfter(page, 'ssd:detections')).filter((e) => e.t < bench.t);
  console.log(`[bench] live start with a bench: ready before the bench ended ${liveReady.length}, detections ${liveDetections.length}`);
  expect(liveReady, 'a live engine started while the bench ran').toEqual([]);
  expect(liveDetections, 'live detections while the bench ran').toEqual([]);
  await waitForEventAfter(page, 'ssd:detections', bench.t, () => true, 90_000);
  expect(browser.pageErrors).toEqual([]);
});

test('bench Cancel mid-frame ends the bench promptly, and its worker with it', async () => {
  test.setTimeout(300_000);
  browser = await launchBrowser({ camera: 'none' });
  // the app's own terminate() calls are counted exactly; what Chromium does after is printed
  // (worker-ledger.ts: a terminated threaded-WASM worker can stay listed long on a loaded box)
  await browser.context.addInitScript(workerLedgerScript);
  const page = await browser.open('/');
  // VGG16-SSD300 on WASM takes seconds a frame here: 40 of them (and as many bare runs) last minutes
  await planBench(page, ['vgg16-ssd300'], 40);
  const runAt = Date.now();
  await page.locator('bench-panel [data-testid="run-bench"]').click();
  await expect(page.locator('bench-panel [data-testid="bench-progress"]')).toBeVisible();
  // long enough for the cold start to be over here: the timed frames are under way
  await page.waitForTimeout(15_000);
  expect(await unterminated(page), 'the pair worker runs').toBeGreaterThan(0);
  const cancelAt = Date.now();
  await page.locator('bench-panel button', { hasText: /^\s*Cancel\s*$/ }).click();
  await expect(page.locator('bench-panel [data-testid="run-bench"]')).toBeVisible({ timeout: 60_000 });
  const cancelMs = Date.now() - cancelAt;
  await expectWorkersGone(page, 'bench Cancel', 'bench');
  console.log(`[bench] Cancel after ${((cancelAt - runAt) / 1000).toFixed(1)} s of the bench: over after ${cancelMs} ms`);
  expect(cancelMs, 'Cancel -> the bench over (a generous ceiling; the figure is printed)').toBeLessThan(15_000);
  expect(await deepText(page.locator('bench-panel'))).toContain('The comparison was cancelled.');
  expect(await eventsAfter(page, 'ssd:bench'), 'a cancelled bench reports no results').toEqual([]);
  expect(browser.pageErrors).toEqual([]);
});

test('bench profile mode (?profile=1): one frame kernel by kernel, with upload and readback', async () => {
  test.setTimeout(240_000);
  browser = await launchBrowser({ camera: 'none' });
  const page = await browser.open('/?bench=ssd-mobilenet-v1-face&backends=wasm&frames=2&profile=1');
  const { results } = (await waitForEvent(page, 'ssd:bench', () => true, 200_000)) as unknown as {
    results: { failures: unknown[]; rows: Array<{ profile?: { backend: string; kernels: Array<{ name: string; count: number; ms: number }>; kernelCount: number; kernelMs: number; kernelTimes: string; uploadMs: number; readbackMs: number; wallMs: number } }> };
  };
  expect(results.failures).toEqual([]);
  const row = results.rows[0];
  const p = row.profile!;
  console.log(`[bench] profile on ${p.backend}: ${p.kernelCount} kernel runs, ${p.kernelMs.toFixed(1)} ms in kernels (${p.kernelTimes}), frame ${p.wallMs.toFixed(1)} ms, upload ${p.uploadMs.toFixed(1)} ms, readback ${p.readbackMs.toFixed(1)} ms; ` +
    p.kernels.slice(0, 8).map((k) => `${k.name} x${k.count} ${k.ms.toFixed(1)} ms`).join(', '));
  expect(p.backend).toBe('wasm');
  expect(p.kernelTimes).toBe('measured');
  const count = (name: string) => p.kernels.find((k) => k.name === name)?.count ?? 0;
  // the face SSD: MobileNetV1's 13 depthwise layers, each one fused kernel with its bias and ReLU6
  expect(count('FusedDepthwiseConv2D')).toBe(13);
  // its 14 convs, 4 extra pairs (8) and 6 merged heads (one conv each): 28 fused convs
  expect(count('FusedConv2D')).toBe(28);
  expect(p.kernels.reduce((s, k) => s + k.count, 0)).toBe(p.kernelCount);
  expect(p.kernels.filter((k) => k.name.endsWith('__op')), 'op scopes are not kernels').toEqual([]);
  // kernel time is part of the profiled frame's time (a generous bound: both are measured)
  expect(p.kernelMs).toBeGreaterThan(0);
  expect(p.kernelMs).toBeLessThanOrEqual(p.wallMs * 1.05);
  expect(p.uploadMs).toBeGreaterThan(0);
  expect(browser.pageErrors).toEqual([]);
});

test('sustained run (?sustained=20): fps per 10-second window, burst against sustained, tensors flat, pressure and battery said', async () => {
  test.setTimeout(240_000);
  browser = await launchBrowser({ camera: 'none' });
  const page = await browser.open('/?bench=ssd-mobilenet-v1-face&backends=wasm&frames=2&sustained=20');
  const { results } = (await waitForEvent(page, 'ssd:bench', () => true, 200_000)) as unknown as {
    results: { failures: unknown[]; rows: Array<{ sustained?: { seconds: number; windowS: number; windows: Array<{ startS: number; frames: number; fps: number; inferenceP50Ms: number; inferenceP95Ms: number }>; burstFps: number; sustainedFps: number; ratio: number; spanWindows: number; tensorsStart: number; tensorsEnd: number; pressure?: unknown; battery?: unknown } }> };
  };
  expect(results.failures).toEqual([]);
  const s = results.rows[0].sustained!;
  console.log(`[bench] sustained ${s.seconds.toFixed(1)} s: ${s.windows.map((w) => `${w.startS}s ${w.frames} frames ${w.fps.toFixed(2)} fps`).join('; ')}; burst ${s.burstFps.toFixed(2)}, sustained ${s.sustainedFps.toFixed(2)} (${(s.ratio * 100).toFixed(0)}%); tensors ${s.tensorsStart} -> ${s.tensorsEnd}; pressure ${JSON.stringify(s.pressure)}; battery ${JSON.stringify(s.battery)}`);
  expect(s.seconds).toBeGreaterThanOrEqual(20);
  expect(s.seconds).toBeLessThan(40);
  expect(s.windowS).toBe(10);
  expect(s.windows.map((w) => w.startS)).toEqual([0, 10]);
  for (const w of s.windows) {
    expect(w.frames).toBeGreaterThan(0);
    expect(w.fps).toBeGreaterThan(0);
    expect(w.inferenceP95Ms).toBeGreaterThanOrEqual(w.inferenceP50Ms);
  }
  expect(s.spanWindows).toBe(1);
  // burst and sustained are the first and last windows' fps here, and their ratio
  expect(s.burstFps).toBeCloseTo(s.windows[0].fps, 6);
  expect(s.sustainedFps).toBeCloseTo(s.windows[1].fps, 6);
  expect(s.ratio).toBeCloseTo(s.sustainedFps / s.burstFps, 6);
  expect(s.tensorsEnd, 'tensors after the run').toBe(s.tensorsStart);
  // headless Chromium: each is a state per window or said to be missing, never made up
  expect(Array.isArray(s.pressure) ? (s.pressure as unknown[]).length : s.pressure).toBe(Array.isArray(s.pressure) ? 2 : 'not available');
  expect(s.battery === 'not available' || typeof s.battery === 'object').toBe(true);
  expect(browser.pageErrors).toEqual([]);
});
