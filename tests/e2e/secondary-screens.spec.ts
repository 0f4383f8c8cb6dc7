// The secondary screens (settings, bench, import, accuracy, storage, model info, A/B) on a
// phone (390x844) and a laptop (1280x800), in English and in Japanese, by keyboard: each opens
// from its button with Enter and takes the focus, keeps Tab and Shift+Tab inside itself, is
// the only one open, fits the screen (every element of it inside the viewport's width, the
// screen itself inside the viewport), has no serious or critical axe violation, and closes on
// Escape and on its Close button, giving the focus back to the button that opened it. The
// screenshots are kept for people to look at.
import { expect, test, type Page } from '@playwright/test';
import { faceUrl, launchBrowser, waitForEvent, type LaunchedBrowser } from './browser';
import { describeViolations, seriousViolations } from './axe';
import { fmt, inside, intersection, readLayout } from './screen-layout';

let browser: LaunchedBrowser | undefined;
test.afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

interface Screen {
  name: string;
  /** data-testid of the button that opens it */
  opener: string;
  /** the element the screen is, in ssd-app's shadow root */
  host: string;
  /** data-testid of its Close button */
  close: string;
}

const SCREENS: Screen[] = [
  { name: 'settings', opener: 'settings-button', host: 'settings-panel', close: 'settings-close' },
  { name: 'bench', opener: 'bench-button', host: 'bench-panel', close: 'bench-close' },
  { name: 'import', opener: 'import-button', host: 'model-import', close: 'import-close' },
  { name: 'accuracy', opener: 'accuracy-button', host: 'accuracy-panel', close: 'accuracy-close' },
  { name: 'storage', opener: 'storage-open', host: 'storage-panel', close: 'storage-close' },
  { name: 'model info', opener: 'model-info-button', host: 'model-info', close: 'model-info-close' },
  { name: 'A/B', opener: 'ab-button', host: 'ab-view', close: 'ab-close' },
];
const HOSTS = SCREENS.map((s) => s.host);

/** Where the focus really is: the host screens it sits in (through shadow roots) and its testid. */
function focusInfo(page: Page) {
  return page.evaluate((hosts) => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    const inside: string[] = [];
    for (let n: Node | null = el; n; n = n.parentNode ?? (n instanceof ShadowRoot ? n.host : null)) {
      if (n instanceof Element && hosts.includes(n.localName)) inside.push(n.localName);
    }
    return { testid: el?.getAttribute('data-testid') ?? null, tag: el?.localName ?? null, inside };
  }, HOSTS);
}

/** The screens shown now (their elements in ssd-app's shadow root). */
function openScreens(page: Page) {
  return page.evaluate((hosts) => {
    const app = document.querySelector('ssd-app')!.shadowRoot!;
    return hosts.filter((h) => app.querySelector(h));
  }, HOSTS);
}

/** Elements of the screen (through its shadow roots) that reach past the viewport. */
function outOfBounds(page: Page, host: string) {
  return page.evaluate((name) => {
    const W = document.documentElement.clientWidth;
    const H = document.documentElement.clientHeight;
    const root = document.querySelector('ssd-app')!.shadowRoot!.querySelector(name)!;
    const bad: string[] = [];
    const label = (el: Element) => `${el.localName}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''} "${(el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40)}"`;
    const fr = root.getBoundingClientRect();
    const frame = (root.shadowRoot?.querySelector('ssd-sheet') ?? root).getBoundingClientRect();
    for (const r of [fr, frame]) {
      if (r.width > 0 && (r.left < -0.5 || r.top < -0.5 || r.right > W + 0.5 || r.bottom > H + 0.5)) {
        bad.push(`the screen ${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)} in ${W}x${H}`);
      }
    }
    const visit = (node: Element | ShadowRoot) => {
      for (const el of node.children) {
        const r = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        if (r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && (r.left < -0.5 || r.right > W + 0.5)) {
          bad.push(`${label(el)} spans x ${Math.round(r.left)}..${Math.round(r.right)} (width ${W})`);
        }
        if (el.shadowRoot) visit(el.shadowRoot);
        visit(el);
      }
    };
    visit(root.shadowRoot ?? root);
    return bad.slice(0, 10);
  }, host);
}

async function checkScreens(page: Page, where: string) {
  const app = page.locator('ssd-app');
  for (const s of SCREENS) {
    const at = `${where}, ${s.name}`;
    // open by keyboard: Enter on its button
    await app.locator(`[data-testid="${s.opener}"]`).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => openScreens(page), { message: `${at}: open screens` }).toEqual([s.host]);
    await expect.poll(async () => (await focusInfo(page)).inside, { message: `${at}: the focus moves into it` }).toContain(s.host);
    await page.waitForTimeout(300); // lazy parts (charts, lists) settle before the geometry
    const shot = test.info().outputPath(`${where}-${s.name.replace(/\W+/g, '-')}.png`);
    await page.screenshot({ path: shot });
    await test.info().attach(`${where} ${s.name}`, { path: shot, contentType: 'image/png' });

    // Tab and Shift+Tab stay inside
    const reached = new Set<string>();
    for (const [key, times] of [['Tab', 24], ['Shift+Tab', 8]] as const) {
      for (let i = 0; i < times; i++) {
        await page.keyboard.press(key);
        const f = await focusInfo(page);
        expect(f.inside, `${at}: after ${key} x${i + 1} the focus is on ${f.tag}[${f.testid}]`).toContain(s.host);
        reached.add(f.testid ?? f.tag ?? '?');
      }
    }
    expect(reached.size, `${at}: Tab moves between its controls (${[...reached].join(', ')})`).toBeGreaterThan(1);

    expect(await outOfBounds(page, s.host), `${at}: elements past the screen`).toEqual([]);
    const serious = await seriousViolations(page);
    expect(serious, `axe on ${at}:\n${describeViolations(serious)}`).toEqual([]);

    // Escape closes it and gives the focus back to its button
    await page.keyboard.press('Escape');
    await expect.poll(() => openScreens(page), { message: `${at}: closed by Escape` }).toEqual([]);
    await expect.poll(async () => (await focusInfo(page)).testid, { message: `${at}: focus back after Escape` }).toBe(s.opener);

    // and its Close button does the same
    await page.keyboard.press('Enter');
    await expect.poll(() => openScreens(page), { message: `${at}: open again` }).toEqual([s.host]);
    await app.locator(s.host).locator(`[data-testid="${s.close}"]`).click();
    await expect.poll(() => openScreens(page), { message: `${at}: closed by its Close button` }).toEqual([]);
    await expect.poll(async () => (await focusInfo(page)).testid, { message: `${at}: focus back after Close` }).toBe(s.opener);
  }

  // one at a time: a sheet opened while another shows replaces it (from the storage button in
  // the top corner, which no bottom sheet covers)
  for (const first of ['bench-button', 'model-info-button']) {
    await app.locator(`[data-testid="${first}"]`).click();
    await app.locator('[data-testid="storage-open"]').click();
    await expect.poll(() => openScreens(page), { message: `${where}: storage replaces ${first}` }).toEqual(['storage-panel']);
    await page.keyboard.press('Escape');
    await expect.poll(() => openScreens(page)).toEqual([]);
  }
  if (where.endsWith('laptop')) {
    // on a laptop the A/B button stays in reach beside an open sheet: A/B takes the screen alone
    await app.locator('[data-testid="settings-button"]').click();
    await app.locator('[data-testid="ab-button"]').click();
    await expect.poll(() => openScreens(page), { message: `${where}: A/B closes the sheet` }).toEqual(['ab-view']);
    await page.keyboard.press('Escape');
    await expect.poll(() => openScreens(page)).toEqual([]);
  }
}

for (const lang of ['en', 'ja'] as const) {
  test(`secondary screens by keyboard on a phone and a laptop (${lang})`, async () => {
    test.setTimeout(300_000);
    browser = await launchBrowser({ camera: 'file', locale: lang === 'ja' ? 'ja-JP' : 'en-US', viewport: { width: 390, height: 844 } });
    const page = await browser.open(faceUrl('wasm'));
    await waitForEvent(page, 'ssd:detections', () => true, 120_000);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
    // which model runs, on a phone without opening anything: its short name, whole, in the HUD
    const short = page.locator('fps-hud [data-testid="model-short"]');
    await expect(short).toHaveText(lang === 'ja' ? '顔 · SSD MobileNetV1' : 'Faces · SSD MobileNetV1');
    expect(await short.evaluate((el) => el.scrollWidth <= el.clientWidth && el.getBoundingClientRect().right <= innerWidth), 'the short name is not cut').toBe(true);
    // Japanese lines break between phrases, not inside words (inherited into every shadow root)
    if (lang === 'ja') {
      const wordBreak = await page.evaluate(() => getComputedStyle(document.querySelector('ssd-app')!.shadowRoot!.querySelector('[data-testid="start-stop"]')!).wordBreak);
      expect(wordBreak).toBe('auto-phrase');
    }
    // model names in the UI's language, suffixes included
    const option = (id: string) => page.locator(`.tools model-picker option[value="${id}"]`);
    await expect(option('ssd-mobilenet-v1-face')).toContainText(lang === 'ja' ? 'SSD MobileNetV1 · 顔' : 'SSD MobileNetV1 · faces');
    await expect(option('vgg16-ssd300')).toContainText(lang === 'ja' ? 'VGG16-SSD300（速度のみ）' : 'VGG16-SSD300 (speed only)');
    for (const size of [
      { name: 'phone', width: 390, height: 844 },
      { name: 'laptop', width: 1280, height: 800 },
    ]) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await checkScreens(page, `${lang}-${size.name}`);
    }
    expect(browser.pageErrors).toEqual([]);
  });
}

/** Interactive elements (through shadow roots) whose touch area is under 44x44 px; a control
 * inside a <label> counts the label's area too (a tap on the label works it). */
function smallTargets(page: Page, host: string | null) {
  return page.evaluate((name) => {
    const app = document.querySelector('ssd-app')!.shadowRoot!;
    const start: Element | ShadowRoot = name ? app.querySelector(name)! : app;
    const bad: string[] = [];
    const visit = (node: Element | ShadowRoot) => {
      for (const el of node.children) {
        // another screen's element is checked when that screen is open
        if (!name && el.localName !== 'ssd-app' && ['settings-panel', 'bench-panel', 'model-import', 'accuracy-panel', 'storage-panel', 'model-info', 'ab-view'].includes(el.localName)) continue;
        const interactive = el.matches('button, select, textarea, summary, a[href], input:not([type="hidden"])');
        const style = getComputedStyle(el);
        if (interactive && style.display !== 'none' && style.visibility !== 'hidden') {
          let r = el.getBoundingClientRect();
          const label = el.closest('label');
          if (label) {
            const l = label.getBoundingClientRect();
            r = new DOMRect(Math.min(r.left, l.left), Math.min(r.top, l.top), Math.max(r.right, l.right) - Math.min(r.left, l.left), Math.max(r.bottom, l.bottom) - Math.min(r.top, l.top));
          }
          if (r.width > 0 && r.height > 0 && (r.width < 43.5 || r.height < 43.5)) {
            const what = el.getAttribute('data-testid') || el.getAttribute('aria-label') || (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 30);
            bad.push(`${el.localName}${el.getAttribute('type') ? `[${el.getAttribute('type')}]` : ''} "${what}" ${Math.round(r.width)}x${Math.round(r.height)}`);
          }
        }
        if (el.shadowRoot) visit(el.shadowRoot);
        visit(el);
      }
    };
    visit(start);
    return bad;
  }, host);
}

test('touch: every control on the main screen and on each sheet has a 44x44 px touch area', async () => {
  test.setTimeout(180_000);
  browser = await launchBrowser({ camera: 'file', hasTouch: true, viewport: { width: 390, height: 844 } });
  const page = await browser.open(faceUrl('wasm'));
  await waitForEvent(page, 'ssd:detections', () => true, 120_000);
  expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches), 'a touch screen').toBe(true);
  const found: string[] = [];
  for (const size of [
    { width: 844, height: 390 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(size);
    await page.waitForTimeout(300);
    const where = `main screen ${size.width}x${size.height}`;
    found.push(...(await smallTargets(page, null)).map((t) => `${where}: ${t}`));
    // the larger targets still leave every control on screen, apart from each other
    const layout = await readLayout(page);
    const controls = layout.controls.filter((c) => c.name !== 'hud');
    for (const c of controls) expect(inside(c, layout.viewport), `${where}: ${c.name} ${fmt(c)} inside`).toBe(true);
    for (let i = 0; i < controls.length; i++) {
      for (let j = i + 1; j < controls.length; j++) expect(intersection(controls[i], controls[j]), `${where}: ${controls[i].name} overlaps ${controls[j].name}`).toBeNull();
    }
    const shot = test.info().outputPath(`touch-${size.width}x${size.height}.png`);
    await page.screenshot({ path: shot });
    await test.info().attach(`touch ${size.width}x${size.height}`, { path: shot, contentType: 'image/png' });
  }
  const app = page.locator('ssd-app');
  for (const s of SCREENS.filter((x) => x.host !== 'ab-view')) {
    await app.locator(`[data-testid="${s.opener}"]`).tap();
    await expect.poll(() => openScreens(page)).toEqual([s.host]);
    await page.waitForTimeout(300);
    found.push(...(await smallTargets(page, s.host)).map((t) => `${s.name}: ${t}`));
    await app.locator(s.host).locator(`[data-testid="${s.close}"]`).tap();
    await expect.poll(() => openScreens(page)).toEqual([]);
  }
  expect(found, 'touch areas under 44x44 px').toEqual([]);
});
