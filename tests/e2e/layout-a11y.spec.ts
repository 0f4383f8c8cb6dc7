// Phone-first layout and accessibility, in one browser: the face model on the fake camera
// (sample1, 3 faces) at a portrait phone, a landscape phone and a laptop size. At each size the
// video covers the screen, the page does not scroll, every control is inside the screen and
// none overlaps another or the HUD, the boxes on screen are drawn where the detections say
// and no control covers them; the screenshots are kept for people to look at. Then axe-core
// on the main screens (live view, settings, model info, bench, import): no serious or critical
// violation; Escape closes a sheet and gives focus back; Tab reaches every main control, each
// with a visible focus ring.
import { expect, test } from '@playwright/test';
import { colorForLabel } from '../../src/ui/label-colors';
import { faceUrl, getEvents, launchBrowser, waitForEvent, type LaunchedBrowser } from './browser';
import { describeViolations, seriousViolations } from './axe';
import { close, fmt, hexToRgb, inside, intersection, overlayPixel, readLayout, visibleBoxes } from './screen-layout';

let browser: LaunchedBrowser | undefined;
test.afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

const SIZES = [
  { name: 'portrait-390x844', width: 390, height: 844 },
  { name: 'landscape-844x390', width: 844, height: 390 },
  { name: 'laptop-1280x800', width: 1280, height: 800 },
];

test('layout at phone and laptop sizes, then axe on the main screens', async () => {
  test.setTimeout(240_000);
  browser = await launchBrowser({ camera: 'file', viewport: { width: 390, height: 844 } });
  const page = await browser.open(faceUrl('wasm'));
  await waitForEvent(page, 'ssd:detections', (d) => d.detections.length === 3, 120_000);

  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    // two fresh results after the resize, so the overlay has redrawn at the new size
    const seen = (await getEvents(page, 'ssd:detections')).length;
    const detail = await waitForEvent(page, 'ssd:detections', (d, i) => i >= seen + 1 && d.detections.length === 3, 60_000);
    await page.waitForTimeout(300);
    const layout = await readLayout(page);
    const shot = test.info().outputPath(`layout-${size.name}.png`);
    await page.screenshot({ path: shot });
    await test.info().attach(size.name, { path: shot, contentType: 'image/png' });
    const where = `${size.name}`;
    const { width: W, height: H } = layout.viewport;
    expect([W, H], where).toEqual([size.width, size.height]);

    // the video and the overlay cover the whole screen; nothing scrolls
    for (const [name, r] of [['video', layout.video], ['overlay', layout.overlay]] as const) {
      expect(r.x <= 0.5 && r.y <= 0.5 && r.x + r.width >= W - 0.5 && r.y + r.height >= H - 0.5, `${where}: ${name} ${fmt(r)} covers ${W}x${H}`).toBe(true);
    }
    expect(layout.scrolls, `${where}: the page scrolls`).toBe(false);

    // controls: all there, inside the screen, apart from each other and from the HUD
    const names = layout.controls.map((c) => c.name);
    for (const want of ['start-stop', 'snapshot', 'settings-button', 'import-button', 'ab-button', 'bench-button', 'storage-open', 'model-info-button']) {
      expect(names, `${where}: controls`).toContain(want);
    }
    expect(layout.controls.filter((c) => c.name !== 'hud').length, `${where}: selects for model and backend`).toBeGreaterThanOrEqual(10);
    for (const c of layout.controls) expect(inside(c, layout.viewport), `${where}: ${c.name} ${fmt(c)} inside ${W}x${H}`).toBe(true);
    expect(inside(layout.hud, layout.viewport), `${where}: HUD ${fmt(layout.hud)} inside`).toBe(true);
    const others = layout.controls.filter((c) => c.name !== 'hud');
    for (let i = 0; i < others.length; i++) {
      for (let j = i + 1; j < others.length; j++) {
        const a = others[i];
        const b = others[j];
        expect(intersection(a, b), `${where}: ${a.name} ${fmt(a)} overlaps ${b.name} ${fmt(b)}`).toBeNull();
      }
      expect(intersection(others[i], layout.hud), `${where}: ${others[i].name} ${fmt(others[i])} overlaps the HUD ${fmt(layout.hud)}`).toBeNull();
    }

    // boxes: drawn where the detections land on screen, and covered by no control or HUD
    const boxes = visibleBoxes(detail, layout);
    expect(boxes.length, `${where}: faces on screen`).toBeGreaterThan(0);
    expect(layout.drawnBoxes, `${where}: boxes the overlay drew`).toBe(boxes.length);
    const want = hexToRgb(colorForLabel('face'));
    for (const { rect, clipped } of boxes) {
      for (const c of [...layout.controls, { ...layout.hud, name: 'HUD' }]) {
        expect(intersection(clipped, c), `${where}: ${c.name} ${fmt(c)} covers the box ${fmt(clipped)}`).toBeNull();
      }
      // the box outline is on the overlay: a vertical edge that is on screen, at mid height
      const midY = clipped.y + clipped.height / 2;
      const edges = [rect.x, rect.x + rect.width].filter((x) => x >= 2 && x <= W - 2);
      expect(edges.length, `${where}: a vertical edge of ${fmt(rect)} on screen`).toBeGreaterThan(0);
      for (const x of edges) {
        const px = await overlayPixel(page, x, midY);
        expect(close(px, want) && px[3] > 200, `${where}: overlay at ${x.toFixed(0)},${midY.toFixed(0)} is ${px} (box ${fmt(rect)}, colour ${want})`).toBe(true);
      }
    }
    console.log(`[layout-a11y] ${where}: ${layout.controls.length} controls, HUD ${fmt(layout.hud)}, boxes ${boxes.map((b) => fmt(b.clipped)).join(' ')}`);
  }

  // ---- accessibility: live view, then each sheet ----
  await page.setViewportSize({ width: 390, height: 844 });
  const app = page.locator('ssd-app');
  const check = async (screen: string) => {
    const serious = await seriousViolations(page);
    expect(serious, `axe on ${screen}:\n${describeViolations(serious)}`).toEqual([]);
  };
  await check('live view');

  await app.locator('[data-testid="settings-button"]').click();
  await expect(page.locator('settings-panel [data-testid="score-threshold"]')).toBeVisible();
  await check('settings');
  // Escape closes the sheet and gives focus back to its button
  await page.keyboard.press('Escape');
  await expect(page.locator('settings-panel')).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => document.querySelector('ssd-app')!.shadowRoot!.activeElement?.getAttribute('data-testid'))).toBe('settings-button');

  await app.locator('[data-testid="model-info-button"]').click();
  await expect(page.locator('model-info')).toBeVisible();
  await check('model info');
  await app.locator('[data-testid="model-info-button"]').click();

  await app.locator('[data-testid="bench-button"]').click();
  await expect(page.locator('bench-panel [data-testid="run-bench"]')).toBeVisible();
  await check('bench');

  await app.locator('[data-testid="import-button"]').click();
  await expect(page.locator('model-import [data-testid="import-files"]')).toBeVisible();
  await expect(page.locator('bench-panel')).toHaveCount(0);
  await check('import');

  await app.locator('[data-testid="import-button"]').click(); // closes the sheet again

  // ---- keyboard: Tab reaches every main control, each with a visible focus ring ----
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const reached = new Map<string, string>();
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const name = el.getAttribute('data-testid') || el.getAttribute('aria-label') || el.tagName.toLowerCase();
      return { name, ring: `${style.outlineStyle} ${style.outlineWidth}` };
    });
    if (focused) reached.set(focused.name, focused.ring);
  }
  for (const want of ['hud', 'start-stop', 'snapshot', 'settings-button', 'import-button', 'ab-button', 'bench-button', 'storage-open', 'model-info-button', 'Model', 'Backend']) {
    expect(reached.has(want), `Tab reaches ${want} (reached: ${[...reached.keys()].join(', ')})`).toBe(true);
    expect(reached.get(want), `focus ring on ${want}`).toMatch(/^(solid|auto) [2-9]/);
  }

  expect(browser.pageErrors, 'uncaught errors in the page or its worker').toEqual([]);
});
