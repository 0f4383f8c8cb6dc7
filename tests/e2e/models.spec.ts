// The models beyond the face SSD, live in the worker on the production build: the default
// COCO detector, the hand SSD whose graph needs executeAsync, and speed-only backbones that
// run at full cost but never draw a box. Public surface only, plus the picker's own control.
import { expect, test } from '@playwright/test';
import { deepText, expectedFaces, getEvents, launchBrowser, toVideoPixels, waitForEvent, type LaunchedBrowser } from './browser';

let browser: LaunchedBrowser | undefined;
test.afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

/** The live view on WASM with `?model=<param>` (none: the default), ready with `model`. */
async function openLive(param: string | null, model: string) {
  const launched = await launchBrowser({ camera: 'file' });
  browser = launched;
  const page = await launched.open(`/?${param ? `model=${param}&` : ''}backend=wasm&autostart=1`);
  const ready = await waitForEvent(page, 'ssd:ready', () => true, 90_000);
  expect(ready.model).toBe(model);
  return { page, pageErrors: launched.pageErrors };
}

const centre = (b: { x: number; y: number; width: number; height: number }) => [b.x + b.width / 2, b.y + b.height / 2];
const contains = (b: { x: number; y: number; width: number; height: number }, [x, y]: number[]) =>
  x > b.x && x < b.x + b.width && y > b.y && y < b.y + b.height;

test('centernet (the default model) finds the people of sample1 as "person" >= 0.4', async () => {
  const { faces, videoWidth, videoHeight } = expectedFaces();
  // no model parameter: the app opens on its default, the COCO detector
  const { page, pageErrors } = await openLive(null, 'centernet-mobilenet-v3-coco');
  const detail = await waitForEvent(page, 'ssd:detections', (d) => d.detections.length > 0, 60_000);
  const found = toVideoPixels(detail, videoWidth, videoHeight);
  console.log(`[models] centernet frame ${detail.frame}: ${found.map((d) => `${d.label}:${d.score.toFixed(2)}`).join(' ')}`);
  const persons = found.filter((d) => d.label === 'person');
  expect(persons.length).toBeGreaterThanOrEqual(2);
  for (const p of persons) {
    expect(p.score).toBeGreaterThanOrEqual(0.4);
    // each person box is on a person: it holds the centre of one of the faces face-api finds
    expect(faces.some((f) => contains(p.box, centre(f.box))), `person box ${JSON.stringify(p.box)} holds a face`).toBe(true);
  }
  expect(pageErrors).toEqual([]);
});

test('the hand SSD (dynamic ops) runs through executeAsync in the worker and finds the faces', async () => {
  const { faces, videoWidth, videoHeight } = expectedFaces();
  const { page, pageErrors } = await openLive('ssd-mobilenet-v2-fpnlite-hands', 'ssd-mobilenet-v2-fpnlite-hands');
  const detail = await waitForEvent(page, 'ssd:detections', (d) => d.detections.some((x) => x.label === 'face'), 60_000);
  const found = toVideoPixels(detail, videoWidth, videoHeight);
  console.log(`[models] handtrack frame ${detail.frame}: ${found.map((d) => `${d.label}:${d.score.toFixed(2)}`).join(' ')}`);
  for (const d of found) {
    expect(['hand', 'fist', 'pinch', 'point', 'face', 'tip', 'pinchtip']).toContain(d.label);
    expect(d.score).toBeGreaterThan(0.5);
    expect(d.box.width).toBeGreaterThan(0);
    expect(d.box.x + d.box.width).toBeLessThanOrEqual(videoWidth + 0.01);
    expect(d.box.y + d.box.height).toBeLessThanOrEqual(videoHeight + 0.01);
  }
  for (const f of faces) {
    expect(found.some((d) => d.label === 'face' && contains(d.box, centre(f.box))), `a face box on ${JSON.stringify(f.box)}`).toBe(true);
  }
  expect(pageErrors).toEqual([]);
});

test('speed-only models run live with fps in the HUD and never draw a box', async () => {
  const { page, pageErrors } = await openLive('mobilenet-v1-025-ssd300', 'mobilenet-v1-025-ssd300');
  await waitForEvent(page, 'ssd:detections', (_d, i) => i >= 4, 60_000);
  const events = await getEvents(page, 'ssd:detections');
  for (const e of events) expect(e.detections).toEqual([]);
  const fps = page.locator('fps-hud [data-testid="detection-fps"]');
  await expect.poll(async () => Number((await deepText(fps)).match(/\d+(?:\.\d+)?/)?.[0] ?? 0), { timeout: 30_000 }).toBeGreaterThan(0);
  // the overlay canvas stays fully transparent
  const painted = await page.evaluate(() => {
    const overlay = document.querySelector('ssd-app')?.shadowRoot?.querySelector('detection-overlay');
    const canvas = overlay?.shadowRoot?.querySelector('canvas') as HTMLCanvasElement | null;
    if (!canvas || canvas.width === 0) return -1;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) n++;
    return n;
  });
  expect(painted).toBe(0);
  // the picker says what these models are and shows their cost
  await page.locator('model-picker [data-testid="model-info-button"]').click();
  await expect(page.locator('model-info [data-testid="speed-only-note"]')).toBeVisible();
  await expect(page.locator('model-info [data-testid="mult-adds"]')).toContainText(/M per frame/);

  // switch to VGG16-SSD300 through the picker: its (much slower) frames come, still without boxes
  await page.locator('model-picker select').selectOption('vgg16-ssd300');
  const vgg = await waitForEvent(page, 'ssd:ready', (d) => d.model === 'vgg16-ssd300', 90_000);
  expect(vgg.backend).toBe('wasm');
  const frame = await waitForEvent(page, 'ssd:detections', (d) => d.model === 'vgg16-ssd300', 90_000);
  expect(frame.detections).toEqual([]);
  const vggMs = frame.timings?.inferenceMs ?? NaN;
  const mobilenetMs = events.at(-1)?.timings?.inferenceMs ?? NaN;
  console.log(`[models] vgg16-ssd300 inference ${vggMs.toFixed(0)} ms vs mobilenet 0.25 ${mobilenetMs.toFixed(0)} ms`);
  expect(vggMs).toBeGreaterThan(mobilenetMs);
  expect(pageErrors).toEqual([]);
});
