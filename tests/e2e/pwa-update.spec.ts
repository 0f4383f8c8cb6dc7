// Updates with the prompt strategy (issue 5): build A (dist/) is visited and installed, then the
// same origin serves build B (another SSD_CAM_VERSION, and a detection worker that differs, as
// in a real release). On the next visit the page still runs A and shows the update toast; only
// tapping it activates B and reloads into it. And a tab left on A after another tab updated
// keeps working, offline too: its next worker is A's own (issue 10).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ROOT, deepText, faceUrl, launchBrowser, waitForEvent, type LaunchedBrowser, type ReadyDetail } from './browser';
import { waitForEventAfter } from './faults';
import { appVersionOf, copyOfDist, startPlainHost, waitForController, type StaticServer } from './pwa';
import { PREVIOUS_CACHE_PREFIX } from '../../src/pwa/previous-versions';

/** The entry script named by a build's index.html. */
const mainScript = (dir: string) => readFileSync(join(dir, 'index.html'), 'utf8').match(/<script[^>]*\ssrc="([^"]+)"/)?.[1] ?? '';

/** The detection worker's chunk in a build, as a path (/assets/detector.worker-<hash>.js). */
const workerScript = (dir: string) => `/assets/${readdirSync(join(dir, 'assets')).find((f) => /^detector\.worker-.*\.js$/.test(f)) ?? ''}`;

/** Paths of the dedicated workers a page runs now. */
const workerPaths = (page: Page) => page.workers().map((w) => new URL(w.url()).pathname);

let buildA = '';
let buildB = '';
let versionB = '';
let browser: LaunchedBrowser | undefined;
let server: StaticServer | undefined;
let staleServer: StaticServer | undefined;

test.beforeAll(() => {
  test.setTimeout(180_000);
  // Build A is the production build (dist/, copied); build B is the same source with another
  // version constant.
  buildA = copyOfDist();
  versionB = `e2e-b-${Date.now()}`;
  buildB = mkdtempSync(join(tmpdir(), 'ssd-cam-build-b-'));
  const t0 = Date.now();
  const config = join(ROOT, 'tests/e2e/update-build.config.ts');
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', config, '--outDir', buildB, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: ROOT,
    env: { ...process.env, SSD_CAM_VERSION: versionB, SSD_CAM_WORKER_MARK: versionB, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`build B failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  console.log(`[pwa-update] build B (${versionB}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
});

test.afterAll(async () => {
  await browser?.close();
  await server?.close();
  await staleServer?.close();
  for (const dir of [buildA, buildB]) if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a new version waits for the toast; tapping it activates the new build and reloads', async () => {
  test.setTimeout(150_000);
  server = await startPlainHost(buildA);
  browser = await launchBrowser({ camera: 'file' });
  const page = await browser.open(`${server.origin}/`);
  await waitForController(page);
  const versionA = await appVersionOf(page);
  expect(versionA).not.toBe('');
  expect(versionA).not.toBe(versionB);
  const toast = page.locator('update-toast');
  await expect(toast).toHaveCount(0);

  // Publish build B on the same origin, then come back.
  server.setRoot(buildB);
  await page.goto(`${server.origin}/`);
  await expect(toast).toBeVisible({ timeout: 60_000 });
  expect(await deepText(toast)).toContain('A new version of SSD Cam is ready.');
  // Never under the user's feet: the page still runs A until the tap, even after a while.
  await page.waitForTimeout(1500);
  expect(await appVersionOf(page)).toBe(versionA);

  await Promise.all([page.waitForEvent('load', { timeout: 60_000 }), toast.locator('[data-testid="update-action"]').click()]);
  await expect.poll(() => appVersionOf(page), { timeout: 30_000 }).toBe(versionB);
  await expect(toast).toHaveCount(0);
  // The page runs B's main script (a file build A never had), and B now serves reloads.
  const scripts = await page.evaluate(() =>
    [...document.querySelectorAll('script[src]')].map((s) => new URL((s as HTMLScriptElement).src).pathname),
  );
  expect(mainScript(buildB)).not.toBe(mainScript(buildA));
  expect(scripts).toContain(mainScript(buildB));
  const response = await page.reload();
  expect(response?.fromServiceWorker()).toBe(true);
  expect(await appVersionOf(page)).toBe(versionB);
  console.log(`[pwa-update] ${versionA} -> ${versionB}; main script ${mainScript(buildA)} -> ${mainScript(buildB)}`);
  expect(browser.pageErrors).toEqual([]);
});

test('a tab left on the old version keeps starting its own worker after another tab updates, offline too', async () => {
  test.setTimeout(360_000);
  expect(workerScript(buildB), 'build B has its own worker chunk').not.toBe(workerScript(buildA));
  staleServer = await startPlainHost(buildA);
  const stale = await launchBrowser({ camera: 'file' });
  try {
    // Tab 1 runs A and detects (with the fault hook, to make it start a new worker later).
    const old = await stale.open(`${staleServer.origin}${faceUrl('wasm')}&debug=1`);
    await waitForController(old);
    const versionA = await appVersionOf(old);
    await waitForEvent(old, 'ssd:detections', (_, i) => i >= 2, 120_000);
    expect(workerPaths(old)).toContain(workerScript(buildA));

    // B is published; a second tab finds it and the user updates there.
    staleServer.setRoot(buildB);
    const fresh = await stale.open(`${staleServer.origin}/`);
    const toast = fresh.locator('update-toast');
    await expect(toast).toBeVisible({ timeout: 90_000 });
    await Promise.all([fresh.waitForEvent('load', { timeout: 60_000 }), toast.locator('[data-testid="update-action"]').click()]);
    await expect.poll(() => appVersionOf(fresh), { timeout: 30_000 }).toBe(versionB);
    expect(await appVersionOf(old), 'the old tab is never reloaded under the user').toBe(versionA);

    // Offline, the old tab needs a new worker (a crash makes the app start one): A's worker
    // chunk is not in B's precache, and the network cannot answer.
    await stale.context.setOffline(true);
    const t0 = await old.evaluate(() => {
      const t = performance.now();
      (window as any).ssdCam.injectFault('crash');
      return t;
    });
    const ready = await waitForEventAfter<ReadyDetail>(old, 'ssd:ready', t0, () => true, 120_000);
    expect(ready.detail.backend).toBe('wasm');
    const next = await waitForEventAfter(old, 'ssd:detections', ready.t, () => true, 60_000);
    expect(next.detail.backend).toBe('wasm');
    expect(workerPaths(old), "the old tab runs its own version's worker").toContain(workerScript(buildA));
    expect(workerPaths(old)).not.toContain(workerScript(buildB));
    console.log(`[pwa-update] old tab (${versionA}) under ${versionB}'s service worker, offline: worker ${workerScript(buildA)} back after ${(ready.t - t0).toFixed(0)} ms`);

    // The kept files stay while the old tab is open, and go once it is closed (the service
    // worker looks again when it next wakes: here, a request from the new tab).
    const kept = () => fresh.evaluate(async (prefix) => (await caches.keys()).filter((n) => n.startsWith(prefix)), PREVIOUS_CACHE_PREFIX);
    expect(await kept()).toHaveLength(1);
    await old.close();
    await expect
      .poll(
        async () => {
          await fresh.evaluate(() => fetch('manifest.webmanifest').then(() => {}, () => {}));
          return kept();
        },
        { timeout: 60_000, intervals: [2_000], message: "the previous version's files, after its last tab closed" },
      )
      .toEqual([]);
    // the new tab still works offline
    expect((await fresh.reload())?.fromServiceWorker()).toBe(true);
    expect(await appVersionOf(fresh)).toBe(versionB);
    expect(stale.pageErrors.filter((e) => !e.includes('simulated worker crash'))).toEqual([]);
  } finally {
    await stale.close();
  }
});
