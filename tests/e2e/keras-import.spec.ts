// Bringing ssd_keras weights, the way a user does: a full-size VGG16-SSD300 (VOC, 21 classes,
// ~105 MB) .h5 written by the test in ssd_keras's layout goes through the import panel while
// the face model keeps detecting; the panel says what the file is (variant, classes, boxes per
// cell), the form starts from ssd_keras's VOC settings and VOC names, and once saved the
// weights run on our SSD builder in the worker. The file's heads are planted so that exactly
// one box is known: the 1x1 map's first anchor (centre, scale 0.88) says "person" with
// softmax(12 vs background 10) = 0.881 and box offsets 0, every other anchor says background.
// Everything else (the VGG16 base and the extra layers) is seeded noise, run for real.
// Refusals (not HDF5; HDF5 without Keras weights) name the file and leave the live view running.
import { expect, test, type Page } from '@playwright/test';
import h5wasm from 'h5wasm/node';
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, waitForEvent, type LaunchedBrowser } from './browser';
import { eventsAfter, pageNow } from './faults';
import { seededKerasWeights, ssdKerasLayers, writeKerasH5 } from '../unit/helpers/ssd-keras-h5';

let browser: LaunchedBrowser | undefined;
test.afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

const CLASSES = 21;
const PERSON = 15; // VOC class ids: aeroplane 1 ... person 15

/** The planted heads: background everywhere, one person box on the 1x1 map's first anchor. */
function plantedHeads(layers: ReturnType<typeof ssdKerasLayers>) {
  const override: Record<string, { shape: number[]; values: Float32Array }> = {};
  for (const l of layers) {
    if (!l.conv || !/_mbox_(conf|loc)$/.test(l.name)) continue;
    const [k, cin, cout] = l.conv;
    override[`${l.name}/kernel:0`] = { shape: [k, k, cin, cout], values: new Float32Array(k * k * cin * cout) };
    const bias = new Float32Array(cout);
    if (l.name.endsWith('_conf')) {
      for (let a = 0; a < cout / CLASSES; a++) bias[a * CLASSES] = 10;
      if (l.name === 'conv9_2_mbox_conf') bias[PERSON] = 12;
    }
    override[`${l.name}/bias:0`] = { shape: [cout], values: bias };
  }
  return override;
}

/** The page's memory (JS heap plus ArrayBuffer backing stores, where the weights buffer handed
 * over by the reader worker lives), sampled until stopped: the peak while the import runs. */
function memorySampler(page: Page) {
  let peak = { heap: 0, buffers: 0 };
  let running = true;
  const done = (async () => {
    const cdp = await page.context().newCDPSession(page);
    while (running) {
      const u = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
      if (u.usedSize + (u.backingStorageSize ?? 0) > peak.heap + peak.buffers) peak = { heap: u.usedSize, buffers: u.backingStorageSize ?? 0 };
      await new Promise((r) => setTimeout(r, 100));
    }
    await cdp.detach().catch(() => {});
  })();
  return async () => {
    running = false;
    await done;
    return peak;
  };
}

test('ssd_keras .h5 import: a 105 MB VGG16-SSD300 is recognized, saved, detects where its heads say and is benched beside MobileNet-SSD; bad files are refused by name', async ({}, testInfo) => {
  test.setTimeout(420_000);
  const dir = testInfo.outputPath('h5');
  fs.mkdirSync(dir, { recursive: true });
  const layers = ssdKerasLayers('ssd300', CLASSES);
  const file = path.join(dir, 'ssd300_voc_weights.h5');
  await writeKerasH5(file, layers, seededKerasWeights(layers, 11), { override: plantedHeads(layers) });
  const bytes = fs.statSync(file).size;
  // two bad files: text named .h5, and an HDF5 file without Keras weights
  const notH5 = path.join(dir, 'notes.h5');
  fs.writeFileSync(notH5, 'these are not weights\n');
  await h5wasm.ready;
  const otherPath = path.join(dir, 'measurements.h5');
  const other = new h5wasm.File(otherPath, 'w');
  other.create_dataset({ name: 'temperature', data: new Float32Array([20.5, 21]), shape: [2], dtype: '<f' });
  other.close();

  browser = await launchBrowser({ camera: 'file' });
  const page = await browser.open('/?model=ssd-mobilenet-v1-face&backend=wasm&autostart=1');
  await waitForEvent(page, 'ssd:detections', (d) => d.detections.length === 3, 120_000);
  await page.locator('[data-testid="import-button"]').click();
  const input = page.locator('model-import [data-testid="import-files"]');
  const error = page.locator('model-import [data-testid="import-error"]');

  for (const [bad, words] of [
    [notH5, /notes\.h5 is not an HDF5 file \(it does not start with the HDF5 signature\)/],
    [otherPath, /measurements\.h5 is an HDF5 file but holds no Keras weights.*its top level: temperature/],
  ] as const) {
    const t = await pageNow(page);
    await input.setInputFiles(bad);
    await expect(error).toHaveText(words, { timeout: 30_000 });
    console.log(`[keras-import] refused: "${(await error.textContent())?.trim()}"`);
    // the running model kept detecting through it
    await expect.poll(async () => (await eventsAfter(page, 'ssd:detections')).filter((e) => e.t > t && e.detail.detections.length === 3).length, { timeout: 30_000 }).toBeGreaterThan(2);
  }

  const stopMemory = memorySampler(page);
  const before = await page.evaluate(() => performance.now());
  await input.setInputFiles(file);
  const form = page.locator('model-import [data-testid="import-form"]');
  await expect(form).toBeVisible({ timeout: 120_000 });
  const inspectMs = (await page.evaluate(() => performance.now())) - before;
  const peak = await stopMemory();
  const told = form.locator('[data-testid="import-layout"]');
  await expect(told).toHaveAttribute('data-layout', 'ssd-keras-ssd300');
  await expect(told).toContainText('ssd_keras VGG16-SSD300: 20 classes + background, 4, 6, 6, 6, 4, 4 boxes per cell on its 6 feature maps');
  console.log(`[keras-import] ${(bytes / 1048576).toFixed(1)} MB .h5 read in ${(inspectMs / 1000).toFixed(1)} s; page memory at its peak: JS heap ${(peak.heap / 1048576).toFixed(1)} MB + array buffers ${(peak.buffers / 1048576).toFixed(1)} MB; "${(await told.textContent())?.trim()}"`);
  await expect(form.locator('#preset')).toHaveValue('ssd300-voc');
  await expect(form.locator('#labels')).toHaveValue('voc20');
  expect(JSON.parse(await form.locator('#params').inputValue())).toMatchObject({ variant: 'ssd300', steps: [8, 16, 32, 64, 100, 300], scales: [0.1, 0.2, 0.37, 0.54, 0.71, 0.88, 1.05] });

  // a wrong edit is caught before saving: one aspect ratio too few on the first map
  const params = JSON.parse(await form.locator('#params').inputValue());
  await form.locator('#params').fill(JSON.stringify({ ...params, aspectRatiosPerLayer: [[1, 2], ...params.aspectRatiosPerLayer.slice(1)] }));
  await form.locator('[data-testid="import-save"]').click();
  await expect(form.locator('[data-testid="keras-form-problem"]')).toContainText('These aspect ratios give 3, 6, 6, 6, 4, 4 boxes per cell, but the weights were trained with 4, 6, 6, 6, 4, 4');
  await form.locator('#preset').selectOption('ssd300-coco');
  await form.locator('#preset').selectOption('ssd300-voc');
  await form.locator('#name').fill('My VGG16-SSD300');
  await form.locator('[data-testid="import-save"]').click();

  const ready = await waitForEvent(page, 'ssd:ready', (d) => String(d.model).startsWith('user-'), 180_000);
  const detail = await waitForEvent(page, 'ssd:detections', (d) => d.model === ready.model && d.detections.length > 0, 120_000);
  const W = detail.width!;
  const H = detail.height!;
  console.log(`[keras-import] first detections ${JSON.stringify(detail.detections.map((d) => [d.label, +d.score.toFixed(3)]))}`);
  expect(detail.detections.map((d) => [d.label, +d.score.toFixed(3)])).toEqual([['person', 0.881]]);
  const box = detail.detections[0].box;
  const want = { x: 0.06 * W, y: 0.06 * H, width: 0.88 * W, height: 0.88 * H };
  for (const k of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(box[k] - want[k]), k).toBeLessThan(1);
  await expect.poll(() => page.locator('detection-overlay').getAttribute('data-boxes').then(Number)).toBe(1);

  // the VGG16-SSD row becomes real: the imported model benched beside MobileNet-SSD, through the panel
  await page.locator('[data-testid="bench-button"]').click();
  const panel = page.locator('bench-panel');
  const models = panel.locator('fieldset').nth(0).locator('label');
  await expect(models.first()).toBeVisible();
  for (let i = 0; i < (await models.count()); i++) {
    const name = ((await models.nth(i).textContent()) ?? '').trim();
    await models.nth(i).locator('input').setChecked(name === 'My VGG16-SSD300' || name === 'MobileNetV1 1.0-SSD300 (speed only)');
  }
  const backends = panel.locator('fieldset').nth(1).locator('label');
  for (let i = 0; i < (await backends.count()); i++) await backends.nth(i).locator('input').setChecked(/WASM/i.test((await backends.nth(i).textContent()) ?? ''));
  await panel.locator('input[type="number"]').fill('2');
  await panel.locator('input[type="number"]').dispatchEvent('change');
  await panel.locator('[data-testid="run-bench"]').click();
  const bench = (await waitForEvent(page, 'ssd:bench', () => true, 300_000)) as unknown as {
    results: { failures: unknown[]; rows: Array<{ model: string; modelName: string; trained: boolean; fps: number; multAdds: number | null; params: number | null }> };
  };
  expect(bench.results.failures).toEqual([]);
  const rows = bench.results.rows.map((r) => ({ name: r.modelName, trained: r.trained, counted: r.multAdds !== null && r.params !== null }));
  console.log(`[keras-import] bench: ${bench.results.rows.map((r) => `${r.modelName} ${r.fps.toFixed(2)} fps, ${(r.multAdds! / 1e9).toFixed(1)} G mult-adds, ${(r.params! / 1e6).toFixed(1)} M params`).join('; ')}`);
  expect(rows).toEqual(
    expect.arrayContaining([
      { name: 'My VGG16-SSD300', trained: true, counted: true },
      { name: 'MobileNetV1 1.0-SSD300 (speed only)', trained: false, counted: true },
    ]),
  );
  // our counter on ssd_keras's VGG16-SSD300 (VOC): its weights, and its mult-adds of about 31 G
  const vgg = bench.results.rows.find((r) => r.modelName === 'My VGG16-SSD300')!;
  expect(vgg.params).toBe(26_285_486);
  expect(vgg.multAdds! / 1e9).toBeGreaterThan(30);
  expect(vgg.multAdds! / 1e9).toBeLessThan(33);
  expect(browser.pageErrors).toEqual([]);
});

test('ssd_keras as a TF.js layers model: its anchors come from its AnchorBoxes layers, and it detects where its heads say', async ({}, testInfo) => {
  test.setTimeout(420_000);
  // TF.js in this Node process builds and saves the model (the CPU backend is enough)
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  await tf.setBackend('cpu');
  const { ssd300LayersModel } = await import('../unit/helpers/ssd-keras-layers');
  const { kerasPreset } = await import('../../src/detection/keras/ssd-keras-params');
  const dir = testInfo.outputPath('layers');
  fs.mkdirSync(dir, { recursive: true });
  const layers = ssdKerasLayers('ssd300', CLASSES);
  const values = seededKerasWeights(layers, 12);
  for (const [name, v] of Object.entries(plantedHeads(layers))) values.set(name, v);
  // ssd_keras's VOC anchors, with clip_boxes on: the form must show what the file says
  const saved = await ssd300LayersModel(layers, values, { ...kerasPreset('ssd300-voc'), clipBoxes: true }, CLASSES);
  fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(saved.modelJson));
  fs.writeFileSync(path.join(dir, 'group1-shard1of1.bin'), saved.bin);

  browser = await launchBrowser({ camera: 'file' });
  const page = await browser.open('/?model=ssd-mobilenet-v1-face&backend=wasm&autostart=1');
  await waitForEvent(page, 'ssd:detections', (d) => d.detections.length === 3, 120_000);
  await page.locator('[data-testid="import-button"]').click();
  await page.locator('model-import [data-testid="import-files"]').setInputFiles([path.join(dir, 'model.json'), path.join(dir, 'group1-shard1of1.bin')]);
  const form = page.locator('model-import [data-testid="import-form"]');
  await expect(form).toBeVisible({ timeout: 120_000 });
  await expect(form.locator('[data-testid="import-layout"]')).toHaveAttribute('data-layout', 'ssd-keras-ssd300');
  const params = JSON.parse(await form.locator('#params').inputValue());
  console.log(`[keras-import] layers model: the form's settings ${JSON.stringify(params)}`);
  // read off the file: clip on (the preset has it off), no input Lambdas so no mean and no swap
  expect(params).toMatchObject({ variant: 'ssd300', clipBoxes: true, subtractMean: [0, 0, 0], swapToBgr: false, steps: [8, 16, 32, 64, 100, 300] });
  await form.locator('#name').fill('My layers SSD300');
  await form.locator('[data-testid="import-save"]').click();
  const ready = await waitForEvent(page, 'ssd:ready', (d) => String(d.model).startsWith('user-'), 180_000);
  const detail = await waitForEvent(page, 'ssd:detections', (d) => d.model === ready.model && d.detections.length > 0, 120_000);
  expect(detail.detections.map((d) => [d.label, +d.score.toFixed(3)])).toEqual([['person', 0.881]]);
  const box = detail.detections[0].box;
  const [W, H] = [detail.width!, detail.height!];
  // clipped anchor: the 1x1 map's first box spans 0.06..0.94, inside the image, so clipping leaves it
  const want = { x: 0.06 * W, y: 0.06 * H, width: 0.88 * W, height: 0.88 * H };
  for (const k of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(box[k] - want[k]), k).toBeLessThan(1);
  expect(browser.pageErrors).toEqual([]);
});
