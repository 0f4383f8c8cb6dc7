// Live logging and the A/B view: the HUD charts fps and latency over time; A/B runs two
// models on the same camera stream at once, each with its own worker, boxes and fps; closing
// it brings the main view back.
import { expect, test } from '@playwright/test';
import { getEvents, launchBrowser, waitForEvent, type LaunchedBrowser } from './browser';

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
