// The accuracy panel as a user drives it: a labelled set made at test time (COCO over the
// face-api sample photos, tests/e2e/labelled-set.ts) is picked through the folder input, the
// face SSD runs on WASM through the real worker, and the result is stored with its 12 figures,
// drawn as a PR curve and on the speed/accuracy chart, exported as JSON and as a COCO results
// file; its F1-best threshold becomes the live one. A set with a bad label line is refused naming the file and line while the live view
// goes on; the live view pauses during the run and resumes after it; Cancel stops a long run
// midway. Screenshots at 1280x800 and, in Japanese, at 390x844 (bench results too) go to test-results/.
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, waitForEvent, type LaunchedBrowser, type LaunchOptions } from './browser';
import { writeFaceSet } from './labelled-set';
import { exportText, sampleResult } from '../unit/helpers/bench-results';

const FACE = 'ssd-mobilenet-v1-face';
const LIVE = `/?model=${FACE}&backend=wasm&autostart=1`;

let browser: LaunchedBrowser | undefined;
test.afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

type Recorded = { type: string; detail: any; t: number };

/** Records ssd:eval and ssd:eval-progress (the shared recorder keeps the live events). */
async function recordEvalEvents(b: LaunchedBrowser) {
  await b.context.addInitScript(() => {
    const w = window as unknown as { __evalEvents: Array<{ type: string; detail: unknown; t: number }> };
    w.__evalEvents = [];
    for (const type of ['ssd:eval-progress', 'ssd:eval']) {
      window.addEventListener(type, (e) => w.__evalEvents.push({ type, detail: JSON.parse(JSON.stringify((e as CustomEvent).detail)), t: performance.now() }));
    }
  });
}

const evalEvents = (page: Page): Promise<Recorded[]> => page.evaluate(() => (window as unknown as { __evalEvents: Recorded[] }).__evalEvents);
const liveEvents = (page: Page): Promise<Recorded[]> =>
  page.evaluate(() => ((window as unknown as { __ssdEvents: Recorded[] }).__ssdEvents ?? []).filter((e) => e.type === 'ssd:detections'));

async function waitForEval(page: Page, after: number, timeout = 170_000): Promise<Recorded> {
  await page.waitForFunction(
    (n) => (window as unknown as { __evalEvents: Array<{ type: string }> }).__evalEvents.filter((e) => e.type === 'ssd:eval').length > n,
    after,
    { timeout },
  );
  return (await evalEvents(page)).filter((e) => e.type === 'ssd:eval')[after];
}

async function storedRuns(page: Page): Promise<any[]> {
  return page.evaluate(
    () =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open('ssd-cam-evals', 1);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('runs')) return resolve([]);
          const request = db.transaction('runs').objectStore('runs').getAll();
          request.onsuccess = () => {
            db.close();
            resolve(request.result);
          };
          request.onerror = () => reject(request.error);
        };
        open.onerror = () => reject(open.error);
      }),
  ) as Promise<any[]>;
}

/** Only the face model checked, WASM only. */
async function chooseFaceOnWasm(page: Page) {
  const panel = page.locator('accuracy-panel');
  for (const box of await panel.locator('input[data-model]').all()) await box.setChecked((await box.getAttribute('data-model')) === FACE);
  for (const box of await panel.locator('input[data-backend]').all()) await box.setChecked((await box.getAttribute('data-backend')) === 'wasm');
}

/** The face model live on WASM with its first boxes, then the accuracy panel opened over it. */
async function openAccuracy(opts: LaunchOptions) {
  const launched = await launchBrowser(opts);
  browser = launched;
  await recordEvalEvents(launched);
  const page = await launched.open(LIVE);
  await waitForEvent(page, 'ssd:detections', () => true, 90_000);
  await page.locator('[data-testid="accuracy-button"]').click();
  await expect(page.locator('accuracy-panel [data-testid="set-folder-input"]')).toBeAttached({ timeout: 30_000 });
  return { page, panel: page.locator('accuracy-panel'), pageErrors: launched.pageErrors };
}

test('accuracy: a picked COCO folder runs the face SSD on WASM to a stored result, drawn and exported; the live view pauses and resumes', async () => {
  test.setTimeout(300_000);
  const { page, panel, pageErrors } = await openAccuracy({ camera: 'file' });

  // a bad set: named file and line, nothing stored, the live view goes on
  const bad = writeFaceSet('bad-yolo', { photos: 1 });
  fs.rmSync(join(bad.dir, 'instances.json'));
  fs.writeFileSync(join(bad.dir, 'classes.txt'), 'face\n');
  fs.mkdirSync(join(bad.dir, 'labels'));
  fs.writeFileSync(join(bad.dir, 'labels', 'sample1.txt'), '0 0.5 0.5 0.2 0.2\n0 0.97 0.5 0.3 0.2\n');
  const before = (await liveEvents(page)).length;
  await panel.locator('[data-testid="set-folder-input"]').setInputFiles(bad.dir);
  await expect(panel.locator('[data-testid="set-error"]')).toContainText('labels/sample1.txt, line 2');
  await expect(panel.locator('[data-testid="set-error"]')).toContainText('outside its image');
  await expect(panel.locator('[data-testid="eval-run"]')).toBeDisabled();
  await expect.poll(async () => (await liveEvents(page)).length, { timeout: 20_000 }).toBeGreaterThan(before + 2);

  // the good set
  const set = writeFaceSet('face-set', { photos: 4 });
  await panel.locator('[data-testid="set-folder-input"]').setInputFiles(set.dir);
  await expect(panel.locator('[data-testid="set-summary"]')).toContainText(`face-set: COCO, ${set.images} images, ${set.annotations} boxes, 1 classes`);
  await expect(panel.locator('[data-testid="set-error"]')).toHaveCount(0);
  await chooseFaceOnWasm(page);
  await panel.locator('[data-testid="eval-run"]').click();
  await expect(panel.locator('[data-testid="eval-progress"]')).toBeVisible();
  await expect(page.locator('[data-testid="eval-live-paused"]')).toBeVisible();
  const ended = await waitForEval(page, 0);
  const detail = ended.detail;
  expect(detail.error, detail.error).toBeUndefined();
  expect(detail.results.failures).toEqual([]);
  expect(detail.results.runs).toHaveLength(1);

  // the live loop was paused while the images ran, and comes back
  const events = await evalEvents(page);
  const running = events.filter((e) => e.type === 'ssd:eval-progress' && e.detail.stage === 'running' && e.detail.done > 0);
  expect(running.map((e) => e.detail.done)).toEqual(Array.from({ length: set.images }, (_, i) => i + 1));
  const during = (await liveEvents(page)).filter((e) => e.t > running[0].t && e.t < ended.t);
  expect(during, 'live detections while the evaluation ran').toEqual([]);
  await expect.poll(async () => (await liveEvents(page)).filter((e) => e.t > ended.t).length, { timeout: 30_000 }).toBeGreaterThan(2);
  await expect(page.locator('[data-testid="eval-live-paused"]')).toHaveCount(0);

  // stored with the 12 figures, and shown
  const stored = await storedRuns(page);
  expect(stored).toHaveLength(1);
  const run = stored[0];
  expect([run.model.id, run.backend, run.set.name, run.set.images]).toEqual([FACE, 'wasm', 'face-set', set.images]);
  const names = ['AP', 'AP50', 'AP75', 'APs', 'APm', 'APl', 'AR1', 'AR10', 'AR100', 'ARs', 'ARm', 'ARl'];
  expect(Object.keys(run.figures).sort()).toEqual([...names].sort());
  for (const f of names) expect(run.figures[f]).toBeGreaterThanOrEqual(-1);
  expect(run.figures.AP50).toBeGreaterThan(0.5);
  expect(run.speed.imagesPerSecond).toBeGreaterThan(0);
  console.log(`[accuracy-ui] AP ${run.figures.AP.toFixed(3)} AP50 ${run.figures.AP50.toFixed(3)} F1-best ${run.f1Best?.threshold.toFixed(3)} at ${run.speed.imagesPerSecond.toFixed(2)} images/s`);

  const result = panel.locator('accuracy-result');
  await expect(result.locator('[data-figure]')).toHaveCount(12);
  await expect(result.locator('[data-figure="AP50"] dd')).toHaveText((run.figures.AP50 * 100).toFixed(1));
  await expect(result.locator('[data-testid="operating-point"]')).toContainText('Best F1');
  await expect(result.locator('class-ap-table tbody tr')).toHaveCount(1);
  const pr = result.locator('chart-canvas[data-testid="pr-chart"]');
  const chart = panel.locator('speed-accuracy-chart chart-canvas[data-testid="speed-accuracy-chart"]');
  await expect(pr).toHaveAttribute('data-drawn', '');
  await expect(chart).toHaveAttribute('data-drawn', '');
  for (const c of [pr, chart]) {
    const size = await c.locator('canvas').evaluate((el: HTMLCanvasElement) => [el.width, el.height]);
    expect(size[0]).toBeGreaterThan(200);
    expect(size[1]).toBeGreaterThan(150);
  }

  // exports: the stored runs as JSON, the detections as a COCO results file
  const [json] = await Promise.all([page.waitForEvent('download'), panel.locator('[data-testid="eval-export-json"]').click()]);
  const exported = JSON.parse(fs.readFileSync((await json.path())!, 'utf8'));
  expect(exported.format).toBe('ssd-cam-eval/1');
  expect(exported.runs).toHaveLength(1);
  expect(exported.runs[0].figures).toEqual(run.figures);
  const [coco] = await Promise.all([page.waitForEvent('download'), result.locator('[data-testid="export-coco"]').click()]);
  const results = JSON.parse(fs.readFileSync((await coco.path())!, 'utf8'));
  expect(results).toHaveLength(run.detections.length);
  expect(results[0]).toEqual({ image_id: expect.any(Number), category_id: 7, bbox: expect.any(Array), score: expect.any(Number) });

  // the measured operating point becomes the live threshold of this model
  await result.locator('[data-testid="use-threshold"]').click();
  const used = (Math.round(run.f1Best.threshold * 100) / 100).toFixed(2);
  await expect(page.locator('error-banner').filter({ hasText: `now keeps boxes scoring above ${used}` })).toHaveCount(1);
  const settings = await page.evaluate(() => JSON.parse(localStorage.getItem('ssd-cam:settings') ?? '{}'));
  expect(settings.modelScoreThresholds).toEqual({ [FACE]: Number(used) });
  expect(settings.scoreThreshold, 'the other models keep theirs').toBe(0.5);

  await page.screenshot({ path: test.info().outputPath('accuracy-1280-top.png') });
  await result.locator('[data-testid="figures"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('accuracy-1280-results.png') });
  await chart.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('accuracy-1280-chart.png') });
  expect(pageErrors).toEqual([]);
});

test('accuracy on a phone in Japanese: Cancel stops a long run midway and the live view resumes; results and bench results fit the screen', async () => {
  test.setTimeout(300_000);
  const { page, panel, pageErrors } = await openAccuracy({ camera: 'file', locale: 'ja-JP', viewport: { width: 390, height: 844 } });

  // a short run, for a result to read
  const small = writeFaceSet('faces-2', { photos: 2 });
  await panel.locator('[data-testid="set-folder-input"]').setInputFiles(small.dir);
  await expect(panel.locator('[data-testid="set-summary"]')).toContainText('faces-2');
  await chooseFaceOnWasm(page);
  await panel.locator('[data-testid="eval-run"]').click();
  expect((await waitForEval(page, 0)).detail.error).toBeUndefined();
  await expect(panel.locator('accuracy-result chart-canvas[data-testid="pr-chart"]')).toHaveAttribute('data-drawn', '');

  // a long one, cancelled after a few images
  const big = writeFaceSet('faces-30', { photos: 6, copies: 5 });
  await panel.locator('[data-testid="set-folder-input"]').setInputFiles(big.dir);
  await expect(panel.locator('[data-testid="set-summary"]')).toContainText('faces-30');
  await chooseFaceOnWasm(page);
  await panel.locator('[data-testid="eval-run"]').click();
  await page.waitForFunction(
    () => (window as unknown as { __evalEvents: Recorded[] }).__evalEvents.some((e) => e.type === 'ssd:eval-progress' && e.detail.total === 30 && e.detail.done >= 2),
    null,
    { timeout: 120_000 },
  );
  await expect(panel.locator('[data-testid="eval-progress"]')).toContainText('毎秒');
  await page.screenshot({ path: test.info().outputPath('accuracy-390-progress.png') });
  await panel.locator('[data-testid="eval-cancel"]').click();
  const cancelled = await waitForEval(page, 1, 30_000);
  expect(cancelled.detail).toMatchObject({ results: null, error: 'cancelled' });
  const lastDone = Math.max(...(await evalEvents(page)).filter((e) => e.type === 'ssd:eval-progress' && e.detail.total === 30).map((e) => e.detail.done));
  expect(lastDone).toBeLessThan(30);
  await expect(panel.locator('[data-testid="eval-error"]')).toHaveText('評価をキャンセルしました。');
  await expect(panel.locator('[data-testid="eval-progress"]')).toHaveCount(0);
  expect(await storedRuns(page)).toHaveLength(1);
  await expect.poll(async () => (await liveEvents(page)).filter((e) => e.t > cancelled.t).length, { timeout: 30_000 }).toBeGreaterThan(2);

  // the result on a phone: every figure on screen, the charts drawn
  const result = panel.locator('accuracy-result');
  await result.locator('[data-testid="figures"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('accuracy-390-results.png') });
  for (const cell of await result.locator('[data-figure]').all()) {
    const box = (await cell.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  }
  await result.locator('class-ap-table').scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('accuracy-390-classes.png') });
  const chart = panel.locator('chart-canvas[data-testid="speed-accuracy-chart"]');
  await expect(chart).toHaveAttribute('data-drawn', '');
  await chart.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('accuracy-390-chart.png') });

  // bench results on the same phone: cards whose figures all fit, and the charts
  await panel.getByRole('button', { name: '閉じる' }).click();
  await page.locator('[data-testid="bench-button"]').click();
  const file = join(fs.mkdtempSync(join(tmpdir(), 'ssd-cam-bench-')), 'bench.json');
  fs.writeFileSync(file, exportText([sampleResult(0), { ...sampleResult(3, 'bench-other'), device: { ...sampleResult(3).device, label: 'Pixel 7, 8 cores' } }]));
  await page.locator('results-view [data-testid="import-results"]').setInputFiles(file);
  // the browser reads the picked file when the app asks for it: remove it only once imported
  await expect(page.locator('results-view [data-testid="result"]')).toHaveCount(2);
  fs.rmSync(join(file, '..'), { recursive: true, force: true });
  for (const cell of await page.locator('results-view td').all()) {
    const box = await cell.boundingBox();
    if (box) expect(box.x + box.width, (await cell.textContent()) ?? '').toBeLessThanOrEqual(390);
  }
  await expect(page.locator('bench-charts [data-testid="fps-chart"] chart-canvas')).toHaveAttribute('data-drawn', '');
  await page.locator('bench-charts').scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('bench-390-charts.png') });
  // the import button of our own: in Japanese (not the browser's "Choose File"), with the name
  // of the file it took
  const importButton = page.locator('results-view file-button');
  await expect(importButton.locator('button')).toHaveText('ほかの端末の JSON を読み込む');
  await expect(importButton.locator('.chosen')).toHaveText('bench.json');
  await importButton.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('bench-390-import.png') });
  await page.locator('results-view [data-testid="result"]').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('bench-390-results.png') });
  expect(pageErrors).toEqual([]);
});
