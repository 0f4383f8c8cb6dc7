// Updates with the prompt strategy (issue 5): build A (dist/) is visited and installed, then the
// same origin serves build B (another SSD_CAM_VERSION). On the next visit the page still runs A
// and shows the update toast; only tapping it activates B and reloads into it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ROOT, deepText, launchBrowser, type LaunchedBrowser } from './browser';
import { appVersionOf, copyOfDist, waitForController } from './pwa';
import { startStaticServer, type StaticServer } from './static-server';

/** The entry script named by a build's index.html. */
const mainScript = (dir: string) => readFileSync(join(dir, 'index.html'), 'utf8').match(/<script[^>]*\ssrc="([^"]+)"/)?.[1] ?? '';

let buildA = '';
let buildB = '';
let versionB = '';
let browser: LaunchedBrowser | undefined;
let server: StaticServer | undefined;

test.beforeAll(() => {
  test.setTimeout(180_000);
  // Build A is the production build (dist/, copied); build B is the same source with another
  // version constant.
  buildA = copyOfDist();
  versionB = `e2e-b-${Date.now()}`;
  buildB = mkdtempSync(join(tmpdir(), 'ssd-cam-build-b-'));
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', buildB, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: ROOT,
    env: { ...process.env, SSD_CAM_VERSION: versionB },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`build B failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  console.log(`[pwa-update] build B (${versionB}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
});

test.afterAll(async () => {
  await browser?.close();
  await server?.close();
  for (const dir of [buildA, buildB]) if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a new version waits for the toast; tapping it activates the new build and reloads', async () => {
  test.setTimeout(150_000);
  server = await startStaticServer(buildA);
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
