// Helpers for the reliability, resources and security specs: timed reads of the recorded
// ssd:* events, banners, and init scripts that stand in for the camera's failures.
import type { BrowserContext, Page, Route } from '@playwright/test';
import { deepText, type SsdEventType } from './browser';

export interface TimedEvent<T = any> {
  detail: T;
  /** performance.now() in the page when the event fired. */
  t: number;
}

/** The page's clock (performance.now()), to compare with event times. */
export function pageNow(page: Page): Promise<number> {
  return page.evaluate(() => performance.now());
}

/** Recorded events of `type` that fired after page time `since`. */
export function eventsAfter<T = any>(page: Page, type: SsdEventType, since = -Infinity): Promise<TimedEvent<T>[]> {
  return page.evaluate(
    ([t, from]) =>
      ((window as any).__ssdEvents ?? [])
        .filter((e: any) => e.type === t && e.t > (from as number))
        .map((e: any) => ({ detail: e.detail, t: e.t })),
    [type, since === -Infinity ? -1e15 : since] as const,
  );
}

/**
 * Waits for an event of `type` after page time `since` that satisfies `predicate`; returns it
 * with its time. Unlike waitForEvent, an ssd:error on the way does not fail it (fault tests
 * expect errors).
 */
export async function waitForEventAfter<T = any>(
  page: Page,
  type: SsdEventType,
  since: number,
  predicate: (detail: T) => boolean = () => true,
  timeoutMs = 60_000,
): Promise<TimedEvent<T>> {
  const deadline = Date.now() + timeoutMs;
  let seen = 0;
  for (;;) {
    const events = await eventsAfter<T>(page, type, since);
    seen = events.length;
    const hit = events.find((e) => predicate(e.detail));
    if (hit) return hit;
    if (Date.now() > deadline) {
      const last = events.at(-1)?.detail;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${type} after t=${since.toFixed(0)} (${seen} seen; last: ${JSON.stringify(last ?? null).slice(0, 600)})`);
    }
    await page.waitForTimeout(100);
  }
}

/** Text of every banner on screen (errors and notices), shadow DOM included. */
export async function bannerTexts(page: Page): Promise<string[]> {
  const banners = page.locator('error-banner');
  const n = await banners.count();
  const texts: string[] = [];
  for (let i = 0; i < n; i++) {
    if (await banners.nth(i).isVisible()) texts.push(await deepText(banners.nth(i)));
  }
  return texts;
}

/** The failure banner's Retry (not a notice's action). */
export const retryButton = (page: Page) => page.locator('error-banner:not([severity="notice"]) [data-testid="retry"]');

/** What the next getUserMedia call does: reject with a DOMException of this name, never
 * answer (a permission prompt nobody answers), or open the (fake) camera for real. */
export type CameraOutcome = { reject: string; message?: string } | 'hang' | 'real';

/**
 * Init script: wraps navigator.mediaDevices.getUserMedia. Each call takes the next outcome
 * from window.__gumPlan (set it with planCamera); an empty plan opens the real camera. Every
 * call's constraints go to window.__gumCalls, and every stream it opened to window.__gumStreams,
 * so a test can end a track the way an unplugged camera would.
 */
export function cameraStubScript() {
  const w = window as any;
  if (w.__gumPlan) return;
  w.__gumPlan = [];
  w.__gumCalls = [];
  w.__gumStreams = [];
  const md = navigator.mediaDevices;
  if (!md) return;
  const real = md.getUserMedia.bind(md);
  md.getUserMedia = (constraints?: MediaStreamConstraints) => {
    w.__gumCalls.push(JSON.parse(JSON.stringify(constraints ?? null)));
    const outcome = w.__gumPlan.shift() ?? 'real';
    if (outcome === 'hang') return new Promise<MediaStream>(() => {});
    if (outcome !== 'real') {
      const message = outcome.message ?? `${outcome.reject} (simulated by the e2e test)`;
      const error =
        outcome.reject === 'OverconstrainedError' && typeof (window as any).OverconstrainedError === 'function'
          ? new (window as any).OverconstrainedError('facingMode', message)
          : new DOMException(message, outcome.reject);
      return Promise.reject(error);
    }
    return real(constraints).then((stream: MediaStream) => {
      w.__gumStreams.push(stream);
      return stream;
    });
  };
}

export async function planCamera(page: Page, ...outcomes: CameraOutcome[]): Promise<void> {
  await page.evaluate((plan) => {
    (window as any).__gumPlan.splice(0, Infinity, ...plan);
  }, outcomes);
}

export function cameraCalls(page: Page): Promise<unknown[]> {
  return page.evaluate(() => (window as any).__gumCalls.slice());
}

/** readyState of every track the app was given, oldest stream first. */
export function trackStates(page: Page): Promise<string[]> {
  return page.evaluate(() => ((window as any).__gumStreams as MediaStream[]).flatMap((s) => s.getTracks().map((t) => t.readyState)));
}

/** Ends the newest camera track the way the browser does when the device goes away: the
 * track stops and fires 'ended' (a page's own stop() fires nothing). */
export async function endCameraTrack(page: Page): Promise<void> {
  await page.evaluate(() => {
    const stream = ((window as any).__gumStreams as MediaStream[]).at(-1);
    if (!stream) throw new Error('no camera stream was opened');
    for (const track of stream.getVideoTracks()) {
      track.stop();
      track.dispatchEvent(new Event('ended'));
    }
  });
}

/**
 * Makes the page report itself hidden (or visible again) and fires visibilitychange, the way
 * switching tabs or locking the phone does. Headless Chromium never hides a page by itself
 * (minimizing the window, another tab in front and CDP lifecycle states all leave
 * visibilityState 'visible'), so the document's own properties are overridden.
 */
export async function setPageHidden(page: Page, hidden: boolean): Promise<number> {
  return page.evaluate((h) => {
    const state = h ? 'hidden' : 'visible';
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
    const t = performance.now();
    document.dispatchEvent(new Event('visibilitychange'));
    return t;
  }, hidden);
}

/** Init script: the page starts out hidden (see setPageHidden). */
export function startHiddenScript() {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
}

/**
 * A request route installed once, before the page opens, and switched on and off by the test
 * instead of being added and removed while the app runs. Adding or removing a route changes
 * request interception on every target, the page's dozen workers included (the detector and
 * its WASM threads); three times in CI (2026-12-03) the page then stopped answering Playwright
 * for minutes (a click that never resolved its locator, a count that never returned), right
 * after a route was added or removed with the app running, and never when routes were
 * installed before the page opened. Off, a request goes on as if no route were there.
 */
export async function switchableRoute(
  target: BrowserContext | Page,
  url: string | RegExp,
  handler: (route: Route) => Promise<void> | void,
): Promise<{ on(): void; off(): void }> {
  let active = false;
  await target.route(url, (route) => (active ? handler(route) : route.fallback()));
  return {
    on: () => void (active = true),
    off: () => void (active = false),
  };
}
