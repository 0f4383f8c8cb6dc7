// Camera failures reach the user as a typed ssd:error and a banner with a retry button, with
// distinct messages for "permission denied" and "no camera".
import { expect, test } from '@playwright/test';
import { deepText, faceUrl, launchBrowser, waitForEvent, type LaunchedBrowser } from './browser';

let browser: LaunchedBrowser | undefined;
test.afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

const messages: Record<string, { event: string; banner: string }> = {};

async function expectCameraError(camera: 'denied' | 'none', kind: string) {
  browser = await launchBrowser({ camera });
  const page = await browser.open(faceUrl('wasm'));
  const error = await waitForEvent(page, 'ssd:error', (e) => e.kind?.startsWith('camera'), 60_000);
  expect(error.kind).toBe(kind);
  expect(typeof error.message).toBe('string');
  expect(error.message.length).toBeGreaterThan(0);

  const banner = page.locator('error-banner');
  await expect(banner).toBeVisible();
  await expect(page.locator('error-banner [data-testid="retry"]')).toBeVisible();
  const shown = await deepText(banner);
  expect(shown.length, 'banner text').toBeGreaterThan(0);
  console.log(`[camera-errors] ${camera}: ${error.kind}: "${error.message}" banner: "${shown}"`);
  messages[kind] = { event: error.message, banner: shown };
}

test('camera permission denied -> camera-denied error and retry banner', async () => {
  await expectCameraError('denied', 'camera-denied');
});

test('no camera -> camera-not-found error and retry banner', async () => {
  await expectCameraError('none', 'camera-not-found');
});

test('denied and not-found messages differ', () => {
  const denied = messages['camera-denied'];
  const notFound = messages['camera-not-found'];
  expect(denied && notFound, 'needs both tests above to have passed in this run').toBeTruthy();
  expect(notFound.event).not.toBe(denied.event);
  expect(notFound.banner).not.toBe(denied.banner);
});
