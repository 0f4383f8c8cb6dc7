// No tensor leaks across frames: tf.memory().numTensors after a frame (reported as
// `numTensors` in the ssd:detections detail) is the same at the first frame and at frame 100.
import { expect, test } from '@playwright/test';
import { faceUrl, launchBrowser, waitForEvent, type LaunchedBrowser } from './browser';

const FRAMES = 100;

let browser: LaunchedBrowser | undefined;
test.afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

test(`WASM: numTensors is flat over ${FRAMES} frames`, async () => {
  // ~5 fps with WASM on a 2-core box: 100 frames take 20-30 s, plus model load.
  test.setTimeout(240_000);
  browser = await launchBrowser({ camera: 'file' });
  const page = await browser.open(faceUrl('wasm'));
  const ready = await waitForEvent(page, 'ssd:ready', () => true, 90_000);
  expect(ready.backend).toBe('wasm');

  const first = await waitForEvent(page, 'ssd:detections', () => true, 60_000);
  expect(typeof first.numTensors, 'ssd:detections detail.numTensors').toBe('number');

  const seen = new Map<number, number>(); // numTensors -> how many frames
  const last = await waitForEvent(
    page,
    'ssd:detections',
    (d, index) => {
      seen.set(d.numTensors as number, (seen.get(d.numTensors as number) ?? 0) + 1);
      return index >= FRAMES - 1 && d.frame >= first.frame + FRAMES - 1;
    },
    180_000,
  );
  const summary = [...seen].map(([n, count]) => `${n} tensors x${count}`).join(', ');
  console.log(`[memory] first frame ${first.frame}: ${first.numTensors} tensors; frame ${last.frame}: ${last.numTensors}; seen ${summary}`);
  expect(last.numTensors, `numTensors at frame ${last.frame} vs first frame ${first.frame} (seen: ${summary})`).toBe(first.numTensors);
  expect(browser.pageErrors).toEqual([]);
});
