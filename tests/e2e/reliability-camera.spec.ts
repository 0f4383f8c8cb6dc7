// Camera faults on the production build. getUserMedia is wrapped by an init script
// (faults.ts) so each test decides what the next call does: reject with one DOMException
// name, never answer, or open the fake camera. One browser and one page for the whole file:
// every failure is followed by the user's way forward (Retry), which is what the next test
// clicks. Then, with the camera running: the overconstrained retry, a track that ends, the
// page hidden and shown, and a rotation to portrait.
import { expect, test, type Page } from '@playwright/test';
import { deepText, expectedFaces, launchBrowser, matchBoxes, toVideoPixels, type DetectionsDetail, type LaunchedBrowser } from './browser';
import {
  cameraCalls,
  cameraStubScript,
  endCameraTrack,
  eventsAfter,
  pageNow,
  planCamera,
  retryButton,
  setPageHidden,
  trackStates,
  waitForEventAfter,
  type CameraOutcome,
} from './faults';

const URL = '/?model=ssd-mobilenet-v1-face&backend=wasm';
const startButton = (page: Page) => page.locator('ssd-app button.primary');
const failureBanner = (page: Page) => page.locator('error-banner[severity="error"]');

/** Clicks what the user would: Retry on a failure banner, else Start. */
async function startOrRetry(page: Page): Promise<void> {
  if (await retryButton(page).isVisible()) await retryButton(page).click();
  else await startButton(page).click();
}

test.describe('camera faults', () => {
  test.describe.configure({ mode: 'serial' });

  let browser: LaunchedBrowser;
  let page: Page;
  const shown = new Map<string, string>(); // kind -> message

  test.beforeAll(async () => {
    browser = await launchBrowser({ camera: 'file' });
    await browser.context.addInitScript(cameraStubScript);
    page = await browser.open(URL);
    await expect(startButton(page)).toBeVisible();
  });

  test.afterAll(async () => {
    await browser?.close();
  });

  const failures: Array<[string, string]> = [
    ['NotAllowedError', 'camera-denied'],
    ['NotFoundError', 'camera-not-found'],
    ['NotReadableError', 'camera-busy'],
    ['OverconstrainedError', 'camera-overconstrained'],
    ['SecurityError', 'camera-blocked'],
    ['AbortError', 'camera-aborted'],
    ['TypeError', 'camera-unsupported'],
  ];

  for (const [name, kind] of failures) {
    test(`getUserMedia ${name} -> ${kind}: its own message and a way forward`, async () => {
      // OverconstrainedError is retried once with "any camera": both calls must fail
      const plan: CameraOutcome[] = name === 'OverconstrainedError' ? [{ reject: name }, { reject: name }] : [{ reject: name }];
      await planCamera(page, ...plan);
      const callsBefore = (await cameraCalls(page)).length;
      const t0 = await pageNow(page);
      await startOrRetry(page);
      const error = await waitForEventAfter(page, 'ssd:error', t0, () => true, 30_000);
      expect(error.detail.kind).toBe(kind);
      expect(error.detail.message.length).toBeGreaterThan(20);
      const calls = (await cameraCalls(page)).slice(callsBefore);
      expect(calls.length, 'getUserMedia calls').toBe(plan.length);
      if (name === 'OverconstrainedError') expect(calls[1]).toEqual({ audio: false, video: true });

      await expect(failureBanner(page)).toBeVisible();
      const banner = await deepText(failureBanner(page));
      expect(banner).toContain(error.detail.message);
      await expect(retryButton(page)).toBeVisible();
      await expect(startButton(page)).toHaveText(/Start/);
      shown.set(kind, error.detail.message);
    });
  }

  test('every camera failure has a message of its own', () => {
    expect(shown.size, 'needs the tests above in this run').toBe(failures.length);
    expect(new Set(shown.values()).size).toBe(shown.size);
  });

  test('a permission prompt left unanswered times out with its own message', async () => {
    // A page of its own with a fake clock, so the 30 s timeout passes at once.
    const prompt = await browser.context.newPage();
    try {
      await prompt.clock.install();
      await prompt.goto(URL);
      await planCamera(prompt, 'hang');
      const t0 = await pageNow(prompt);
      await startButton(prompt).click();
      await expect(prompt.locator('ssd-app .status')).toHaveText(/Opening camera/);
      await prompt.clock.fastForward(31_000);
      const error = await waitForEventAfter(prompt, 'ssd:error', t0, () => true, 30_000);
      expect(error.detail.kind).toBe('camera-timeout');
      expect(error.detail.message).toMatch(/prompt/);
      expect([...shown.values()]).not.toContain(error.detail.message);
      await expect(retryButton(prompt)).toBeVisible();
    } finally {
      await prompt.close();
    }
  });

  test('OverconstrainedError on the preferred constraints: the relaxed retry opens the camera', async () => {
    await planCamera(page, { reject: 'OverconstrainedError' }, 'real');
    const callsBefore = (await cameraCalls(page)).length;
    const t0 = await pageNow(page);
    await startOrRetry(page);
    await waitForEventAfter(page, 'ssd:detections', t0, () => true, 90_000);
    const calls = (await cameraCalls(page)).slice(callsBefore);
    expect(calls).toEqual([
      { audio: false, video: { facingMode: { ideal: 'user' }, width: { ideal: 640 }, height: { ideal: 480 } } },
      { audio: false, video: true },
    ]);
    await expect(failureBanner(page)).toHaveCount(0);
    expect(await eventsAfter(page, 'ssd:error', t0)).toEqual([]);
  });

  test('a camera track that ends mid-run is noticed, and Retry reopens the camera', async () => {
    await waitForEventAfter(page, 'ssd:detections', await pageNow(page), () => true, 30_000);
    const t0 = await pageNow(page);
    await endCameraTrack(page);
    const error = await waitForEventAfter(page, 'ssd:error', t0, () => true, 15_000);
    expect(error.detail.kind).toBe('camera-ended');
    await expect(failureBanner(page)).toBeVisible();
    expect(await deepText(failureBanner(page))).toContain(error.detail.message);
    // detection stopped with the camera
    await page.waitForTimeout(1_000);
    const settled = await pageNow(page);
    await page.waitForTimeout(1_000);
    expect(await eventsAfter(page, 'ssd:detections', settled), 'no detections without a camera').toEqual([]);

    const t1 = await pageNow(page);
    await retryButton(page).click();
    await waitForEventAfter(page, 'ssd:detections', t1, () => true, 30_000);
    const states = await trackStates(page);
    expect(states.at(-1)).toBe('live');
    expect(states.slice(0, -1).every((s) => s === 'ended'), `older tracks: ${states}`).toBe(true);
  });

  test('hidden page: detection pauses; visible again: it resumes, and fps ignores the pause', async () => {
    await waitForEventAfter(page, 'ssd:detections', await pageNow(page), () => true, 30_000);
    const before = await eventsAfter<DetectionsDetail>(page, 'ssd:detections', (await pageNow(page)) - 5_000);
    const hiddenAt = await setPageHidden(page, true);
    await page.waitForTimeout(3_000);
    // the frame already in the worker may still land; nothing after it
    const whileHidden = await eventsAfter(page, 'ssd:detections', hiddenAt);
    expect(whileHidden.length, 'detections while hidden (at most the frame in flight)').toBeLessThanOrEqual(1);

    const shownAt = await setPageHidden(page, false);
    const after = await waitForEventAfter(page, 'ssd:detections', shownAt, () => true, 30_000);
    // the fps reported after resuming counts only frames since resuming: with k frames in,
    // it is (k - 1) frames over their own time span, not diluted by the 3 s pause
    await waitForEventAfter(page, 'ssd:detections', after.t + 1_000, () => true, 30_000);
    const all = await eventsAfter<DetectionsDetail>(page, 'ssd:detections', shownAt);
    // the meter's window is the last 3 s
    const resumed = all.filter((e) => e.t > all[all.length - 1].t - 3_000);
    const k = resumed.length;
    const expected = ((k - 1) * 1000) / (resumed[k - 1].t - resumed[0].t);
    const reported = resumed[k - 1].detail.fps as number;
    console.log(
      `[reliability-camera] hidden ${((shownAt - hiddenAt) / 1000).toFixed(1)} s; fps before ${before.at(-1)?.detail.fps?.toFixed(2)}, ` +
        `after ${k} frames ${reported.toFixed(2)} (own span ${expected.toFixed(2)}); first frame ${(after.t - shownAt).toFixed(0)} ms after showing`,
    );
    expect(reported).toBeGreaterThan(expected * 0.9);
    expect(reported).toBeLessThan(expected * 1.1);
  });

  test('rotating to portrait keeps the boxes on the faces', async () => {
    const { faces, videoWidth, videoHeight } = expectedFaces();
    for (const viewport of [
      { width: 480, height: 860 }, // a phone turned upright
      { width: 1280, height: 800 }, // and back
    ]) {
      await page.setViewportSize(viewport);
      const t0 = await pageNow(page);
      // two results after the resize, so the overlay has certainly redrawn in the new layout
      await waitForEventAfter(page, 'ssd:detections', t0, () => true, 30_000);
      const latest = await waitForEventAfter<DetectionsDetail>(page, 'ssd:detections', t0 + 1, (d) => d.detections.length > 0, 30_000);
      await page.waitForTimeout(100);
      // the detector still finds the faces of the picture...
      const found = toVideoPixels(latest.detail, videoWidth, videoHeight);
      expect(matchBoxes(faces, found, 0.5).unmatchedExpected, 'faces found').toEqual([]);
      // ...and the overlay draws each box where the video element shows that face: computed
      // here from the <video>'s own layout (object-fit: cover, mirrored front camera), and
      // checked on the overlay canvas's pixels
      const report = await page.evaluate((boxes) => {
        const app = document.querySelector('ssd-app')!.shadowRoot!;
        const video = app.querySelector('camera-view')!.shadowRoot!.querySelector('video')!;
        const canvas = app.querySelector('detection-overlay')!.shadowRoot!.querySelector('canvas')!;
        const vr = video.getBoundingClientRect();
        const cr = canvas.getBoundingClientRect();
        const scale = Math.max(vr.width / video.videoWidth, vr.height / video.videoHeight);
        const dw = video.videoWidth * scale;
        const dh = video.videoHeight * scale;
        const mirrored = getComputedStyle(video).transform !== 'none';
        const ctx = canvas.getContext('2d')!;
        const px = canvas.width / cr.width;
        const alpha = (x: number, y: number) => ctx.getImageData(Math.round((x - cr.left) * px), Math.round((y - cr.top) * px), 1, 1).data[3];
        return boxes.map((b) => {
          let x = vr.left + (vr.width - dw) / 2 + (b.x / video.videoWidth) * dw;
          const y = vr.top + (vr.height - dh) / 2 + (b.y / video.videoHeight) * dh;
          const w = (b.width / video.videoWidth) * dw;
          const h = (b.height / video.videoHeight) * dh;
          if (mirrored) x = vr.left + vr.width - (x - vr.left) - w;
          const visible = x >= cr.left && x + w <= cr.right && y >= cr.top && y + h <= cr.bottom;
          return {
            visible,
            // stroke on the left, right and bottom edges (the label sits on the top edge)
            edges: visible ? [alpha(x, y + h / 2), alpha(x + w, y + h / 2), alpha(x + w / 2, y + h)] : [],
            // nothing drawn in the middle of the face
            inside: visible ? alpha(x + w / 2, y + h / 2) : 0,
          };
        });
      }, latest.detail.detections.map((d) => d.box));
      const drawn = report.filter((r) => r.visible);
      console.log(`[reliability-camera] ${viewport.width}x${viewport.height}: ${JSON.stringify(report)}`);
      expect(drawn.length, 'boxes inside the cover crop').toBeGreaterThan(0);
      for (const r of drawn) {
        expect(r.edges.every((a) => a > 0), `stroke under each edge: ${JSON.stringify(r)}`).toBe(true);
        expect(r.inside).toBe(0);
      }
    }
    expect(browser.pageErrors).toEqual([]);
  });
});
