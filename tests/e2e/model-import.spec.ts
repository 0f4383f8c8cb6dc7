// "Your own model", the way a user does it: the import panel's file picker. Broken files are
// refused, each with its own message, while the running model keeps detecting; the real
// centernet files import, run in the worker (loaded from IndexedDB) and can be deleted. A
// model stored by the first version of the app (one record holding metadata and weights) is
// migrated when the app opens its storage, and still loads and detects.
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { expectedFaces, getEvents, launchBrowser, ROOT, toVideoPixels, waitForEvent, type LaunchedBrowser } from './browser';

let browser: LaunchedBrowser | undefined;
test.afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

const HUMAN_MODELS = path.join(ROOT, 'node_modules/@vladmandic/human/models');

test('import: bad files refused with their own message while detection goes on; centernet imports, runs, deletes', async ({}, testInfo) => {
  const dir = testInfo.outputPath('import-files');
  fs.mkdirSync(dir, { recursive: true });
  const json = fs.readFileSync(path.join(HUMAN_MODELS, 'centernet.json'), 'utf8');
  const bin = fs.readFileSync(path.join(HUMAN_MODELS, 'centernet.bin'));
  const write = (sub: string, name: string, data: string | Buffer) => {
    fs.mkdirSync(path.join(dir, sub), { recursive: true });
    fs.writeFileSync(path.join(dir, sub, name), data);
    return path.join(dir, sub, name);
  };
  const broken = [write('broken', 'model.json', json.slice(0, 400)), write('broken', 'centernet.bin', bin)];
  const truncated = [write('truncated', 'centernet.json', json), write('truncated', 'centernet.bin', bin.subarray(0, 100_000))];
  const huge = JSON.parse(json);
  huge.weightsManifest[0].weights.push({ name: 'huge', shape: [1024, 1024, 1024], dtype: 'float32' });
  const oversized = [write('oversized', 'centernet.json', JSON.stringify(huge)), write('oversized', 'centernet.bin', bin)];
  const good = [path.join(HUMAN_MODELS, 'centernet.json'), path.join(HUMAN_MODELS, 'centernet.bin')];

  browser = await launchBrowser({ camera: 'file' });
  const page = await browser.open('/?model=ssd-mobilenet-v1-face&backend=wasm&autostart=1');
  await waitForEvent(page, 'ssd:ready', () => true, 90_000);
  await waitForEvent(page, 'ssd:detections', (d) => d.detections.length === 3, 60_000);

  await page.locator('[data-testid="import-button"]').click();
  const picker = page.locator('model-import [data-testid="import-files"]');
  const error = page.locator('model-import [data-testid="import-error"]');
  const messages: string[] = [];
  for (const [files, text] of [
    [broken, /not valid JSON/],
    [truncated, /truncated/],
    [oversized, /describes \d+ MB of weights; the limit is/],
  ] as const) {
    const before = (await getEvents(page, 'ssd:detections')).length;
    await picker.setInputFiles([...files]);
    await expect(error).toContainText(text);
    messages.push((await error.textContent()) ?? '');
    // the face model is still running and still finding the faces
    await waitForEvent(page, 'ssd:detections', (d, i) => i >= before + 2 && d.model === 'ssd-mobilenet-v1-face' && d.detections.length === 3, 30_000);
  }
  expect(new Set(messages).size, messages.join(' | ')).toBe(3);
  await expect(page.locator('model-import [data-testid="import-form"]')).toHaveCount(0);

  // the real files: the form fills in what it read; we name the output the adapter reads
  await picker.setInputFiles(good);
  const form = page.locator('model-import [data-testid="import-form"]');
  await expect(form).toBeVisible();
  await expect(form.locator('#inputSize')).toHaveValue('512');
  await form.locator('#name').fill('My CenterNet');
  await form.locator('#adapter').selectOption('centernet');
  await form.locator('#outputs').fill('tower_0/detections');
  await form.locator('#pixelRange').selectOption('0-255');
  await form.locator('#labels').selectOption('coco80');
  await form.locator('[data-testid="import-save"]').click();

  const ready = await waitForEvent(page, 'ssd:ready', (d) => String(d.model).startsWith('user-'), 90_000);
  const { faces, videoWidth, videoHeight } = expectedFaces();
  const detail = await waitForEvent(page, 'ssd:detections', (d) => d.model === ready.model && d.detections.length > 0, 60_000);
  const persons = toVideoPixels(detail, videoWidth, videoHeight).filter((d) => d.label === 'person' && d.score >= 0.4);
  console.log(`[import] ${ready.model}: ${detail.detections.map((d) => `${d.label}:${d.score.toFixed(2)}`).join(' ')}`);
  expect(persons.length).toBeGreaterThanOrEqual(2);
  for (const p of persons) {
    expect(faces.some((f) => f.box.x + f.box.width / 2 > p.box.x && f.box.x + f.box.width / 2 < p.box.x + p.box.width)).toBe(true);
  }
  await expect(page.locator('model-picker select')).toHaveValue(String(ready.model));

  // it is listed, and deleting it brings the app back to a bundled model
  await page.locator('[data-testid="import-button"]').click();
  const list = page.locator('model-import [data-testid="user-models"] li');
  await expect(list).toHaveCount(1);
  await list.getByRole('button', { name: 'Delete My CenterNet' }).click();
  await expect(page.locator('model-import [data-testid="user-models"]')).toHaveCount(0);
  await waitForEvent(page, 'ssd:ready', (d) => d.model === 'centernet-mobilenet-v3-coco', 90_000);
  expect(browser.pageErrors).toEqual([]);
});

test('import: a model stored in the old one-record format is migrated, listed, loads and detects', async () => {
  browser = await launchBrowser({ camera: 'file' });
  // A same-origin page that is not the app, so the app cannot open (and upgrade) the database
  // before the old record is written the way version 1 of the app wrote it.
  const setup = await browser.open('/manifest.webmanifest');
  const binBytes = await setup.evaluate(async () => {
    const base = '/models/centernet-mobilenet-v3-coco/';
    const modelJson = await (await fetch(`${base}centernet.json`)).json();
    const shard = await (await fetch(`${base}centernet.bin`)).arrayBuffer();
    const open = indexedDB.open('ssd-cam-user-models', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('models', { keyPath: 'id' });
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction('models', 'readwrite');
    tx.objectStore('models').put({
      id: 'user-old1',
      createdAt: Date.UTC(2025, 0, 2),
      config: { name: 'Old CenterNet', adapter: 'centernet', outputs: ['tower_0/detections'], inputSize: 512, inputDtype: 'float32', pixelRange: '0-255', labels: 'coco80' },
      modelJson,
      shards: [shard],
      sizeBytes: shard.byteLength,
    });
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
    return shard.byteLength;
  });
  await setup.close();

  const page = await browser.open('/?model=ssd-mobilenet-v1-face&backend=wasm&autostart=1');
  await waitForEvent(page, 'ssd:ready', () => true, 90_000);
  await page.locator('[data-testid="import-button"]').click();
  await expect(page.locator('model-import [data-testid="user-models"] li')).toHaveCount(1);
  await expect(page.locator('model-import [data-testid="user-models"] li')).toContainText('Old CenterNet');
  await page.locator('model-import').getByRole('button', { name: 'Close' }).click();

  // split into metadata (listed) and weights (read by the worker), nothing lost
  const stored = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('ssd-cam-user-models');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const get = (store: string) =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const r = db.transaction(store, 'readonly').objectStore(store).get('user-old1');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const meta = await get('models');
    const weights = await get('weights');
    db.close();
    return {
      version: db.version,
      metaKeys: Object.keys(meta).sort(),
      shardBytes: (weights.shards as ArrayBuffer[]).map((b) => b.byteLength),
      nodes: (weights.modelJson as { modelTopology: { node: unknown[] } }).modelTopology.node.length,
    };
  });
  expect(stored).toEqual({ version: 2, metaKeys: ['config', 'createdAt', 'execution', 'id', 'sizeBytes'], shardBytes: [binBytes], nodes: expect.any(Number) });
  expect(stored.nodes).toBeGreaterThan(100);

  await page.locator('model-picker select').selectOption('user-old1');
  await waitForEvent(page, 'ssd:ready', (d) => d.model === 'user-old1', 90_000);
  const { faces, videoWidth, videoHeight } = expectedFaces();
  const detail = await waitForEvent(page, 'ssd:detections', (d) => d.model === 'user-old1' && d.detections.length > 0, 60_000);
  const persons = toVideoPixels(detail, videoWidth, videoHeight).filter((d) => d.label === 'person' && d.score >= 0.4);
  console.log(`[import] migrated user-old1: ${detail.detections.map((d) => `${d.label}:${d.score.toFixed(2)}`).join(' ')}`);
  expect(persons.length).toBeGreaterThanOrEqual(2);
  for (const p of persons) {
    expect(faces.some((f) => f.box.x + f.box.width / 2 > p.box.x && f.box.x + f.box.width / 2 < p.box.x + p.box.width)).toBe(true);
  }
  expect(browser.pageErrors).toEqual([]);
});
