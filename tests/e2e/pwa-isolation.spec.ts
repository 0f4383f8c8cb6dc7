// Cross-origin isolation on a host that cannot send COOP/COEP (issue 5): the production build
// served by a plain static server. The first load is not isolated; once the service worker
// controls the page the app offers a reload, and the reloaded page (served by the worker, which
// adds the headers) is cross-origin isolated and the WASM backend has its threads.
import { expect, test } from '@playwright/test';
import { rmSync } from 'node:fs';
import { deepText, launchBrowser, waitForEvent, type LaunchedBrowser } from './browser';
import { copyOfDist, startPlainHost, waitForController, type StaticServer } from './pwa';

let browser: LaunchedBrowser | undefined;
let server: StaticServer | undefined;
let site = '';
test.afterEach(async () => {
  await browser?.close();
  await server?.close();
  if (site) rmSync(site, { recursive: true, force: true });
  browser = undefined;
  server = undefined;
  site = '';
});

test('plain static host: after the service worker takes over and the page reloads, it is cross-origin isolated with WASM threads', async () => {
  test.setTimeout(180_000);
  site = copyOfDist();
  server = await startPlainHost(site);
  const direct = await fetch(`${server.origin}/`);
  expect(direct.headers.get('cross-origin-opener-policy'), 'the host itself sends no COOP').toBeNull();
  expect(direct.headers.get('cross-origin-embedder-policy'), 'the host itself sends no COEP').toBeNull();

  browser = await launchBrowser({ camera: 'file' });
  const page = await browser.open(`${server.origin}/?model=ssd-mobilenet-v1-face&backend=wasm`);
  expect(await page.evaluate(() => crossOriginIsolated), 'first load, straight from the host').toBe(false);
  await waitForController(page);

  // The app says a reload gives threads, and its button reloads.
  const notice = page.locator('error-banner[data-testid="reload-for-threads"]');
  await expect(notice).toBeVisible({ timeout: 15_000 });
  expect(await deepText(notice)).toContain('Reload once to run WASM with threads');
  await Promise.all([page.waitForEvent('load'), notice.locator('[data-testid="retry"]').click()]);

  expect(await page.evaluate(() => crossOriginIsolated), 'reloaded through the service worker').toBe(true);
  const headers = await page.evaluate(async () => {
    const r = await fetch('/');
    return {
      coop: r.headers.get('cross-origin-opener-policy'),
      coep: r.headers.get('cross-origin-embedder-policy'),
      csp: r.headers.get('content-security-policy'),
    };
  });
  // the service worker also adds the Content-Security-Policy the host did not send
  expect(headers).toEqual({ coop: 'same-origin', coep: 'require-corp', csp: expect.stringContaining("default-src 'self'") });
  await expect(notice).toHaveCount(0);

  await page.locator('ssd-app button.primary').click();
  const ready = await waitForEvent(page, 'ssd:ready', () => true, 90_000);
  console.log(`[pwa-isolation] ssd:ready wasm ${JSON.stringify(ready.wasm)}`);
  expect(ready.backend).toBe('wasm');
  const wasm = ready.wasm!;
  expect(wasm.note, 'no "not cross-origin isolated" note from the worker').toBeUndefined();
  expect(wasm.simd).toBe(true);
  // Threads available: the calibration could time the model with more than one XNNPACK thread
  // (pthread workers need SharedArrayBuffer, i.e. isolation). Which count won depends on the box.
  const measurements = wasm.measurements ?? [];
  expect(measurements.filter((m) => m.threads > 1).length, `measurements ${JSON.stringify(measurements)}`).toBeGreaterThan(0);
  expect(wasm.threads).toBeGreaterThanOrEqual(1);
  const frame = await waitForEvent(page, 'ssd:detections', (d) => d.detections.length > 0, 60_000);
  expect(frame.detections.every((d) => d.label === 'face')).toBe(true);
  expect(browser.pageErrors).toEqual([]);
});
