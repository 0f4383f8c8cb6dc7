// Bringing a YOLO model, the way a user does: the import panel reads the output layout from the
// files (a YOLOv8 [1, 84, N] and a YOLOv5 [1, N, 85] graph written by the test, each holding
// known boxes), says which it is and why, and once saved the model runs in the worker on the
// fake camera's frames and its boxes are drawn where the files put them: letterboxed as
// proposed for v8, stretched for v5 (the user's override of the proposal).
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { colorForLabel } from '../../src/ui/label-colors';
import { launchBrowser, waitForEvent, type LaunchedBrowser } from './browser';
import { boxOnScreen, close, fmt, hexToRgb, overlayPixel, readLayout } from './screen-layout';
import { yoloGraphFiles, type YoloObject } from '../unit/helpers/yolo-graph';

/** The test's YOLO graph files in `dir`: model.json and its shard, as picked for import. */
function writeYolo(dir: string, layout: 'yolov8' | 'yolov5'): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const { modelJson, bin } = yoloGraphFiles({ layout, inputSize: SIZE, classes: 80, candidates: 200, objects: OBJECTS });
  fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(modelJson));
  fs.writeFileSync(path.join(dir, 'group1-shard1of1.bin'), bin);
  return [path.join(dir, 'model.json'), path.join(dir, 'group1-shard1of1.bin')];
}

let browser: LaunchedBrowser | undefined;
test.afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

const SIZE = 320;
const OBJECTS: YoloObject[] = [
  { classId: 16, score: 0.9, cx: 0.5, cy: 0.4, w: 0.4, h: 0.3, objectness: 0.95 }, // dog
  { classId: 1, score: 0.7, cx: 0.25, cy: 0.5, w: 0.2, h: 0.2, objectness: 0.9 }, // bicycle
];

test('YOLO import: the layout is told from the outputs with its reason; boxes land where the model put them', async ({}, testInfo) => {
  test.setTimeout(240_000);
  browser = await launchBrowser({ camera: 'file' });
  const page = await browser.open('/?model=ssd-mobilenet-v1-face&backend=wasm&autostart=1');
  await waitForEvent(page, 'ssd:detections', (d) => d.detections.length === 3, 120_000);

  for (const { layout, resize, shape, scores } of [
    { layout: 'yolov8', resize: 'pad-square', shape: '[1, 84, 200]', scores: [0.9, 0.7] },
    { layout: 'yolov5', resize: 'stretch', shape: '[1, 200, 85]', scores: [0.855, 0.63] },
  ] as const) {
    await page.locator('[data-testid="import-button"]').click();
    await page.locator('model-import [data-testid="import-files"]').setInputFiles(writeYolo(testInfo.outputPath(layout), layout));
    const form = page.locator('model-import [data-testid="import-form"]');
    await expect(form).toBeVisible();
    const told = form.locator('[data-testid="import-layout"]');
    await expect(told).toHaveAttribute('data-layout', layout);
    await expect(told).toContainText(`One output ${shape}: ${layout === 'yolov8' ? 'YOLOv8' : 'YOLOv5'}-style, 80 classes, 200 candidates`);
    console.log(`[model-layouts] ${layout}: "${(await told.textContent())?.trim()}"`);
    // the form starts from the proposal: its format, output, 0-1 pixels, letterbox, COCO 80
    await expect(form.locator('#adapter')).toHaveValue(layout);
    await expect(form.locator('#outputs')).toHaveValue('Identity');
    await expect(form.locator('#pixelRange')).toHaveValue('0-1');
    await expect(form.locator('#resize')).toHaveValue('pad-square');
    await expect(form.locator('#labels')).toHaveValue('coco80');
    await expect(form.locator('#inputSize')).toHaveValue(String(SIZE));
    await form.locator('#name').fill(`My ${layout}`);
    await form.locator('#resize').selectOption(resize);
    await form.locator('[data-testid="import-save"]').click();

    const ready = await waitForEvent(page, 'ssd:ready', (d) => String(d.model).startsWith('user-') && !seen.has(String(d.model)), 90_000);
    seen.add(String(ready.model));
    const detail = await waitForEvent(page, 'ssd:detections', (d) => d.model === ready.model && d.detections.length > 0, 60_000);
    const W = detail.width!;
    const H = detail.height!;
    expect(detail.detections.map((d) => [d.label, +d.score.toFixed(3)])).toEqual([
      ['dog', scores[0]],
      ['bicycle', scores[1]],
    ]);
    // model space -> frame: letterboxed, the 4:3 frame fills the top of the square
    const sy = resize === 'pad-square' ? W / H : 1;
    detail.detections.forEach((d, i) => {
      const o = OBJECTS[i];
      const want = { x: (o.cx - o.w / 2) * W, y: (o.cy - o.h / 2) * sy * H, width: o.w * W, height: o.h * sy * H };
      console.log(`[model-layouts] ${layout} ${d.label}: ${fmt(d.box)} (want ${fmt(want)})`);
      for (const k of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(d.box[k] - want[k]), `${d.label} ${k}`).toBeLessThan(1);
    });
    // and drawn there: each box's left edge on the overlay in its label's colour
    await expect.poll(() => page.locator('detection-overlay').getAttribute('data-boxes').then(Number)).toBe(2);
    const view = await readLayout(page);
    for (const d of detail.detections) {
      const r = boxOnScreen(d.box, W, H, view.video, view.mirrored);
      const px = await overlayPixel(page, r.x, r.y + r.height / 2);
      expect(close(px, hexToRgb(colorForLabel(d.label, d.classId))) && px[3] > 200, `overlay on the edge of ${d.label} ${fmt(r)}: ${px}`).toBe(true);
    }
  }
  expect(browser.pageErrors).toEqual([]);
});

const seen = new Set<string>();

test('compatibility check before saving: each backend runs the YOLO model or says why not, its boxes agree with CPU, and the report is kept with the model', async ({}, testInfo) => {
  test.setTimeout(300_000);
  browser = await launchBrowser({ camera: 'file' });
  const page = await browser.open('/?model=ssd-mobilenet-v1-face&backend=wasm&autostart=1');
  await waitForEvent(page, 'ssd:detections', (d) => d.detections.length === 3, 120_000);
  await page.locator('[data-testid="import-button"]').click();
  await page.locator('model-import [data-testid="import-files"]').setInputFiles(writeYolo(testInfo.outputPath('compat'), 'yolov8'));
  const form = page.locator('model-import [data-testid="import-form"]');
  await expect(form).toBeVisible();
  await form.locator('#name').fill('Checked YOLO');
  await form.locator('[data-testid="import-check"]').click();
  await expect(page.locator('model-import compat-report-view [data-testid="compat-progress"]')).toBeVisible();
  const table = page.locator('model-import compat-report-view [data-testid="compat-report"]');
  await expect(table).toBeVisible({ timeout: 150_000 });
  const rows = await table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({ backend: tr.getAttribute('data-backend'), status: tr.getAttribute('data-status'), agrees: tr.getAttribute('data-agrees'), text: (tr.textContent ?? '').replace(/\s+/g, ' ').trim() })),
  );
  for (const r of rows) console.log(`[model-layouts] compat ${r.backend}: ${r.status} agrees=${r.agrees} | ${r.text}`);
  expect(rows.map((r) => r.backend)).toEqual(['cpu', 'wasm', 'webgl', 'webgpu']);
  expect(rows[0]).toMatchObject({ status: 'ran' });
  expect(rows[0].text).toContain('reference');
  // WASM and (SwiftShader) WebGL are in this browser: the model runs there and finds what CPU finds
  expect(rows[1]).toMatchObject({ status: 'ran', agrees: 'true' });
  expect(rows[2]).toMatchObject({ status: 'ran', agrees: 'true' });
  // WebGPU is not enabled in this browser: the worker says where it went instead, and why
  expect(rows[3].status).toMatch(/^(ran|fell-back)$/);
  if (rows[3].status === 'fell-back') expect(rows[3].text).toMatch(/fell back to \w+: .+/);
  // the check's temporary copy is gone; saving keeps the report with the model
  await form.locator('[data-testid="import-save"]').click();
  await waitForEvent(page, 'ssd:ready', (d) => String(d.model).startsWith('user-'), 90_000);
  const stored = await page.evaluate(
    () =>
      new Promise<Array<{ name: string; temporary?: boolean; rows?: number }>>((resolve, reject) => {
        const open = indexedDB.open('ssd-cam-user-models');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('models').objectStore('models').getAll();
          all.onsuccess = () => resolve(all.result.map((m) => ({ name: m.config.name, temporary: m.temporary, rows: m.report?.rows?.length })));
        };
      }),
  );
  expect(stored).toEqual([{ name: 'Checked YOLO', temporary: undefined, rows: 4 }]);
  // and the model's info card shows it
  await page.locator('model-picker [data-testid="model-info-button"]').click();
  const kept = page.locator('model-info [data-testid="model-compat"] [data-testid="compat-report"] tbody tr');
  await expect(kept).toHaveCount(4);
  await expect(kept.nth(1)).toHaveAttribute('data-agrees', 'true');
  expect(browser.pageErrors).toEqual([]);
});
