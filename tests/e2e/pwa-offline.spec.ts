// Installable and offline (issue 5), on the production build served by `vite preview`:
// one visit installs the service worker, then the same browser goes offline. Serial: each step
// builds on the previous one (one browser, one model warm-up, lean on a 2-core box).
import { expect, test, type Page } from '@playwright/test';
import {
  BASE_URL,
  deepText,
  expectedFaces,
  faceUrl,
  fmtBox,
  getEvents,
  launchBrowser,
  matchBoxes,
  toVideoPixels,
  waitForEvent,
  type LaunchedBrowser,
} from './browser';
import { MODEL_CACHE } from '../../src/pwa/cache-names';
import { networkManifests, waitForController } from './pwa';
import { switchableRoute } from './faults';

test.describe.configure({ mode: 'serial' });

const FACE_MODEL = 'ssd-mobilenet-v1-face';
let browser: LaunchedBrowser;
let page: Page;
let networkStandIn: Awaited<ReturnType<typeof switchableRoute>>;
/** the stand-in's shards answer 503 (a server that fails mid-download) */
let standInFails = false;

/**
 * storage.googleapis.com cannot be reached from the test machines: the storage test has a
 * small stand-in model (model.json + 2 shards) answer for the first network model. It checks
 * storage, not detection. Installed before the page opens, off until that test (faults.ts).
 */
const shards = { 'group1-shard1of2.bin': 1000, 'group1-shard2of2.bin': 2344 };
// sized weights: the panel tells the download's size from them before anything is stored
const modelJson = JSON.stringify({
  format: 'graph-model',
  modelTopology: { node: [] },
  weightsManifest: [{ paths: Object.keys(shards), weights: [{ name: 'a', shape: [250], dtype: 'float32' }, { name: 'b', shape: [2, 293], dtype: 'float32' }] }],
});
async function standInForNetworkModel(context: LaunchedBrowser['context']) {
  const target = networkManifests()[0];
  const folder = target ? target.url.slice(0, target.url.lastIndexOf('/') + 1) : 'https://storage.googleapis.com/none/';
  return switchableRoute(context, `${folder}**`, async (route) => {
    // (the storage panel's size probe adds a query, which a static host ignores)
    const name = route.request().url().slice(folder.length).split('?')[0];
    const cors = { 'access-control-allow-origin': '*' };
    if (name === 'model.json') return route.fulfill({ status: 200, contentType: 'application/json', headers: cors, body: modelJson });
    const size = shards[name as keyof typeof shards];
    if (size && standInFails) return route.fulfill({ status: 503, headers: cors, body: 'unavailable' });
    if (size) return route.fulfill({ status: 200, contentType: 'application/octet-stream', headers: cors, body: Buffer.alloc(size, 7) });
    return route.fulfill({ status: 404, headers: cors, body: '' });
  });
}

test.beforeAll(async () => {
  browser = await launchBrowser({ camera: 'file' });
  // Counts navigator.storage.persist() calls (the app must ask when a model is downloaded).
  await browser.context.addInitScript(() => {
    const storage = navigator.storage as StorageManager & { __persistCalls?: number };
    if (!storage?.persist || storage.__persistCalls !== undefined) return;
    const persist = storage.persist.bind(storage);
    storage.__persistCalls = 0;
    storage.persist = () => {
      storage.__persistCalls!++;
      return persist();
    };
  });
  networkStandIn = await standInForNetworkModel(browser.context);
  page = await browser.open(faceUrl('wasm'));
});

test.afterAll(async () => {
  await browser?.close();
});

test('installable: no installability errors, the manifest parses and its icons load', async () => {
  test.setTimeout(150_000);
  const scriptUrl = await waitForController(page);
  expect(scriptUrl).toBe(`${BASE_URL}/sw.js`);

  const cdp = await browser.context.newCDPSession(page);
  const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[]; data?: string };
  expect(manifest.url).toBe(`${BASE_URL}/manifest.webmanifest`);
  expect(manifest.errors, 'manifest parse errors').toEqual([]);
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: unknown[] };
  expect(installabilityErrors, 'Chromium installability errors').toEqual([]);
  await cdp.detach();

  const data = JSON.parse(manifest.data ?? '{}');
  expect(data).toMatchObject({ name: 'SSD Cam', short_name: 'SSD Cam', display: 'standalone', start_url: './', scope: './' });
  expect(data.description).toBeTruthy();
  expect(data.theme_color).toBeTruthy();
  expect(data.background_color).toBeTruthy();
  const icons: Array<{ src: string; sizes: string; type: string; purpose?: string }> = data.icons;
  const pngs = icons.filter((i) => i.type === 'image/png');
  expect(pngs.map((i) => `${i.sizes} ${i.purpose ?? 'any'}`).sort()).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
  // Every icon loads as what it claims to be (decoded by the browser itself).
  const loaded = await page.evaluate(
    async ({ icons, base }) =>
      Promise.all(
        icons.map(async (i) => {
          const r = await fetch(new URL(i.src, base));
          const blob = await r.blob();
          let size = '';
          if (i.type === 'image/png') {
            const bmp = await createImageBitmap(blob);
            size = `${bmp.width}x${bmp.height}`;
          }
          return { src: i.src, status: r.status, type: r.headers.get('content-type') ?? '', bytes: blob.size, size, sizes: i.sizes };
        }),
      ),
    { icons, base: manifest.url },
  );
  for (const icon of loaded) {
    expect(icon.status, icon.src).toBe(200);
    expect(icon.type, icon.src).toContain(icon.src.endsWith('.svg') ? 'image/svg+xml' : 'image/png');
    expect(icon.bytes, icon.src).toBeGreaterThan(500);
    if (icon.size) expect(icon.size, icon.src).toBe(icon.sizes);
  }
});

test('offline: after one visit the app starts with no network, opens the camera and finds the faces', async () => {
  test.setTimeout(150_000);
  const { faces, videoWidth, videoHeight, file } = expectedFaces();
  expect(faces.length, `reference faces inside the ${file} crop`).toBeGreaterThan(0);

  await browser.context.setOffline(true);
  const response = await page.reload();
  expect(response?.fromServiceWorker(), 'the page came from the service worker').toBe(true);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  await expect(page.locator('offline-indicator [data-testid="offline"]')).toBeVisible();

  const ready = await waitForEvent(page, 'ssd:ready', () => true, 90_000);
  expect(ready.backend).toBe('wasm');
  expect(ready.model).toBe(FACE_MODEL);

  let lastReport = '';
  await waitForEvent(
    page,
    'ssd:detections',
    (d) => {
      const found = toVideoPixels(d, videoWidth, videoHeight);
      const m = matchBoxes(faces, found, 0.5);
      lastReport = `frame ${d.frame}: expected ${faces.map((f) => fmtBox(f.box)).join(' ')}; got ${found.map((f) => fmtBox(f.box)).join(' ')}`;
      return m.unmatchedExpected.length === 0 && m.unmatchedActual.length === 0;
    },
    60_000,
  ).catch((err) => {
    throw new Error(`${err.message}\nlast comparison: ${lastReport}`);
  });
  console.log(`[pwa-offline] offline: ${lastReport}`);
  expect(browser.pageErrors, 'uncaught errors in the page or its worker').toEqual([]);
});

test('offline: a model that needs the network says so, and the current model keeps running', async () => {
  const network = networkManifests();
  test.skip(network.length === 0, 'no catalogue model with a network source (models/*.json network.url)');
  const target = network[0];
  const readyBefore = (await getEvents(page, 'ssd:ready')).length;
  const framesBefore = (await getEvents(page, 'ssd:detections')).length;

  await page.locator('model-picker select').selectOption(target.id);

  const notices = page.locator('ssd-app .bottom');
  await expect
    .poll(() => deepText(notices), { message: 'a notice saying the model needs the network', timeout: 15_000 })
    .toContain(`${target.name} is downloaded on first use, and this device is offline`);
  // The picker shows the model that still runs, and that model goes on detecting.
  await expect(page.locator('model-picker select')).toHaveValue(FACE_MODEL);
  const more = await waitForEvent(page, 'ssd:detections', (_, i) => i >= framesBefore + 3, 60_000);
  expect(more.model).toBe(FACE_MODEL);
  expect(more.detections.length).toBeGreaterThan(0);
  expect((await getEvents(page, 'ssd:ready')).length, 'no engine restart').toBe(readyBefore);
  expect(await getEvents(page, 'ssd:error')).toEqual([]);
  expect(new URL(page.url()).searchParams.get('model')).toBe(FACE_MODEL);

  // The storage panel says the same: downloads need the network, the app itself is stored.
  await page.locator('[data-testid="storage-open"]').click();
  const panel = page.locator('storage-panel');
  await expect(panel.locator(`li[data-model="${target.id}"] button`)).toBeDisabled();
  await expect.poll(() => deepText(panel), { timeout: 15_000 }).toContain('Downloading needs a network connection');
  await expect.poll(() => deepText(panel.locator('[data-testid="app-bytes"]'))).toMatch(/stored \(\d+(\.\d)? MB\)/);
  await page.locator('storage-panel [data-testid="storage-close"]').click();
});

test('storage: downloading a model for offline use asks for persistence, lists it with its size, and Remove deletes it', async () => {
  const network = networkManifests();
  test.skip(network.length === 0, 'no catalogue model with a network source (models/*.json network.url)');
  const target = network[0];
  const folder = target.url.slice(0, target.url.lastIndexOf('/') + 1);
  networkStandIn.on();
  await browser.context.setOffline(false);
  await expect(page.locator('offline-indicator [data-testid="offline"]')).toHaveCount(0);

  // the service worker in charge, so the size probe below passes through its routes
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) {
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  }
  await page.locator('[data-testid="storage-open"]').click();
  const panel = page.locator('storage-panel');
  await expect(panel.locator('[data-testid="stored-models-empty"]')).toBeVisible();
  const total = modelJson.length + 1000 + 2344;
  const cached = () =>
    page.evaluate(async (name) => (await (await caches.open(name)).keys()).map((r) => r.url).sort(), MODEL_CACHE);
  // its size, asked of the server when the person asks (another origin), and nothing kept
  const size = panel.locator(`li[data-model="${target.id}"] [data-testid="download-size"]`);
  await expect(size).toHaveText('· size not known yet');
  await panel.locator('[data-testid="download-sizes"]').click();
  await expect(size).toHaveText(`· ${Math.round(total / 1024)} kB to download`);
  expect(await cached()).toEqual([]);
  // a download that fails says so inside the panel, in the model's row, with Retry
  standInFails = true;
  await panel.locator(`li[data-model="${target.id}"] [data-testid="download"]`).click();
  const failure = panel.locator(`li[data-model="${target.id}"] [data-testid="download-error"]`);
  await expect(failure).toBeVisible({ timeout: 30_000 });
  console.log(`[pwa-offline] failed download, in the panel: "${(await failure.textContent())?.trim()}"`);
  await expect(failure).toContainText(/503|download/i);
  standInFails = false;
  await panel.locator(`li[data-model="${target.id}"] [data-testid="download-retry"]`).click();
  await expect(failure).toHaveCount(0);

  const row = panel.locator(`[data-testid="stored-models"] li[data-folder="${folder}"]`);
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => deepText(row)).toContain(`${target.name} · 3 files · ${Math.round(total / 1024)} kB`);
  expect(await page.evaluate(() => (navigator.storage as StorageManager & { __persistCalls?: number }).__persistCalls)).toBeGreaterThan(0);
  await expect(panel.locator('[data-testid="estimate"]')).toContainText(/This site uses .* of the .* the browser allows it/);
  await expect(panel.locator('[data-testid="persisted"]')).toBeVisible();
  expect(await cached()).toEqual([`${folder}group1-shard1of2.bin`, `${folder}group1-shard2of2.bin`, target.url].sort());

  await row.locator('button').click();
  await expect(panel.locator('[data-testid="stored-models-empty"]')).toBeVisible();
  expect(await cached()).toEqual([]);
  expect(browser.pageErrors).toEqual([]);
});
