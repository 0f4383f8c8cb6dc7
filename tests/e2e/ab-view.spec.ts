// Live logging and the A/B view: the HUD charts fps and latency over time; A/B runs two
// models on the same camera stream at once, each with its own worker, boxes and fps; closing
// it brings the main view back. A/B also keeps to the user's thresholds, says when a pane's
// model does not start (with Retry), and never hides the app's error banners.
import { expect, test, type Page } from '@playwright/test';
import { getEvents, launchBrowser, waitForEvent, type LaunchedBrowser } from './browser';
import { cameraStubScript, endCameraTrack, retryButton, switchableRoute } from './faults';

let browser: LaunchedBrowser | undefined;
test.afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

/** Opaque pixels on each overlay canvas inside `host` (an element in ssd-app's shadow root). */
const paintedPixels = (hostSelector: string) =>
  `(() => {
    const app = document.querySelector('ssd-app').shadowRoot;
    const host = app.querySelector('${hostSelector}');
    const panes = host.shadowRoot ? [...host.shadowRoot.querySelectorAll('ab-pane')] : [];
    return panes.map((p) => {
      const c = p.shadowRoot.querySelector('detection-overlay').shadowRoot.querySelector('canvas');
      if (!c || !c.width || !c.height) return -1;
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) n++;
      return n;
    });
  })()`;

test('HUD live chart, then A/B: two models side by side with their own boxes and fps', async () => {
  test.setTimeout(240_000);
  browser = await launchBrowser({ camera: 'file' });
  const page = await browser.open('/?model=ssd-mobilenet-v1-face&backend=wasm&autostart=1');
  await page.setViewportSize({ width: 1280, height: 800 });
  await waitForEvent(page, 'ssd:detections', (_d, i) => i >= 10, 90_000);

  // the live log: a line with points for the model and backend that run
  const line = page.locator('fps-hud live-chart polyline').first();
  await expect.poll(async () => ((await line.getAttribute('points')) ?? '').trim().split(' ').length, { timeout: 30_000 }).toBeGreaterThan(3);

  await page.locator('[data-testid="ab-button"]').click();
  const panes = page.locator('ab-view ab-pane');
  await expect(panes).toHaveCount(2);
  await expect(panes.nth(0).locator('model-picker select')).toHaveValue('ssd-mobilenet-v1-face');
  await expect(panes.nth(1).locator('model-picker select')).toHaveValue('centernet-mobilenet-v3-coco');
  for (const i of [0, 1]) {
    await expect
      .poll(async () => Number((await panes.nth(i).locator('[data-testid="ab-fps"]').textContent()) ?? 0), { timeout: 120_000, message: `pane ${i} fps` })
      .toBeGreaterThan(0);
  }
  // both overlays draw boxes: faces on A, people on B
  await expect
    .poll(async () => Math.min(...((await page.evaluate(paintedPixels('ab-view'))) as number[])), { timeout: 60_000, message: 'opaque overlay pixels in the poorer pane' })
    .toBeGreaterThan(0);
  await page.screenshot({ path: test.info().outputPath('ab-view.png') });

  // close: the main view detects again
  const before = (await getEvents(page, 'ssd:detections')).length;
  await page.locator('ab-view [data-testid="ab-close"]').click();
  await expect(page.locator('ab-view')).toHaveCount(0);
  await waitForEvent(page, 'ssd:detections', (_d, i) => i >= before + 2, 60_000);
  expect(browser.pageErrors).toEqual([]);
});

/** How many boxes pane `i` draws now (its overlay's detections). */
const paneBoxes = (page: Page, i: number) =>
  page.evaluate((n) => {
    const view = document.querySelector('ssd-app')!.shadowRoot!.querySelector('ab-view')!.shadowRoot!;
    const pane = view.querySelectorAll('ab-pane')[n];
    return ((pane.shadowRoot!.querySelector('detection-overlay') as unknown as { detections: unknown[] }).detections ?? []).length;
  }, i);

test('A/B: the user\'s thresholds apply, a model that does not load says so with Retry, banners stay above the layer', async () => {
  test.setTimeout(300_000);
  // No service worker, so the route below sees the model requests.
  browser = await launchBrowser({ camera: 'file', serviceWorkers: 'block' });
  await browser.context.addInitScript(cameraStubScript);
  // At most one box: sample1 shows three faces.
  await browser.context.addInitScript(() => {
    if (location.protocol.startsWith('http')) localStorage.setItem('ssd-cam:settings', JSON.stringify({ maxDetections: 1 }));
  });
  const centernetGone = await switchableRoute(browser.context, '**/models/centernet-mobilenet-v3-coco/**', (route) =>
    route.fulfill({ status: 404, body: 'gone' }),
  );
  centernetGone.on();
  const page = await browser.open('/?model=ssd-mobilenet-v1-face&backend=wasm&autostart=1');
  const live = await waitForEvent(page, 'ssd:detections', (d) => d.detections.length > 0, 90_000);
  expect(live.detections, 'the main view keeps to the setting').toHaveLength(1);

  await page.locator('[data-testid="ab-button"]').click();
  const panes = page.locator('ab-view ab-pane');
  await expect(panes).toHaveCount(2);
  await expect(panes.nth(1).locator('model-picker select')).toHaveValue('centernet-mobilenet-v3-coco');

  // A: the face model with the user's box limit
  await expect.poll(() => paneBoxes(page, 0), { timeout: 120_000, message: 'pane A draws boxes' }).toBeGreaterThan(0);
  const counts: number[] = [];
  for (let i = 0; i < 10; i++) {
    counts.push(await paneBoxes(page, 0));
    await page.waitForTimeout(300);
  }
  console.log(`[ab-view] pane A boxes with "at most 1": ${counts.join(',')}`);
  expect.soft(Math.max(...counts), 'pane A keeps to the user\'s box limit').toBe(1);

  // B: its weights are gone: the pane says why and offers Retry, never "starting" forever
  const errorB = panes.nth(1).locator('[data-testid="ab-error"]');
  await expect.soft(errorB, 'pane B says its model did not start').toBeVisible({ timeout: 60_000 });
  if (await errorB.isVisible()) {
    const text = ((await errorB.textContent()) ?? '').replace(/\s+/g, ' ').trim();
    console.log(`[ab-view] pane B: "${text}"`);
    expect(text).toMatch(/weight|404|model/i);
    // the way forward: the weights are back, Retry starts it
    centernetGone.off();
    // Bounded, with a screenshot when it fails: twice in CI (2026-12-03) this click waited
    // until the test's 5-minute timeout with no call log, right after an unroute (see
    // switchableRoute); 30 s leaves Playwright's reason in the report.
    await panes
      .nth(1)
      .locator('[data-testid="ab-retry"]')
      .click({ timeout: 30_000 })
      .catch(async (e: Error) => {
        await page.screenshot({ path: test.info().outputPath('ab-retry-not-clicked.png'), timeout: 10_000 }).catch(() => {});
        throw e;
      });
    await expect(errorB).toHaveCount(0);
    await expect
      .poll(async () => Number((await panes.nth(1).locator('[data-testid="ab-fps"]').textContent()) ?? 0), { timeout: 120_000, message: 'pane B fps after Retry' })
      .toBeGreaterThan(0);
  }

  // the camera goes away while A/B shows: the app's failure banner and its Retry are on top
  await endCameraTrack(page);
  await expect(retryButton(page)).toBeVisible({ timeout: 30_000 });
  const reachable = await retryButton(page)
    .click({ trial: true, timeout: 5_000 })
    .then(
      () => 'reachable',
      (e: Error) => e.message.split('\n').find((l) => /intercepts/.test(l)) ?? e.message.split('\n')[0],
    );
  expect(reachable, 'the failure banner\'s Retry can be tapped over the A/B layer').toBe('reachable');
  await page.screenshot({ path: test.info().outputPath('ab-banner.png') });
  expect(browser.pageErrors).toEqual([]);
});
