// The comparison, driven through its URL: the face SSD against VGG16-SSD300 on WASM, five
// frames each. Every figure is present, cold start is reported apart from steady state,
// results survive a reload, export as CSV and JSON, and an exported JSON from "another device"
// shows beside this one.
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import { launchBrowser, waitForEvent, type LaunchedBrowser } from './browser';

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
