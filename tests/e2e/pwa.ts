// Helpers shared by the PWA specs (pwa-*.spec.ts).
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startStaticServer, type StaticServer } from '../../scripts/lib/static-server.mjs';
import { DIST, ROOT } from './browser';

export type { StaticServer };

/**
 * A bare static host serving `root`: no COOP/COEP, no rewrites, nothing a plain host would not
 * do, so only the service worker can make the page cross-origin isolated. `setRoot` swaps the
 * build on the same origin (build A, then build B); `Cache-Control: no-cache` keeps the
 * browser's HTTP cache from hiding the swap.
 */
export const startPlainHost = (root: string): Promise<StaticServer> => startStaticServer({ root, isolation: false });

/** A private copy of the build, so a rebuild of dist/ during the test cannot pull files away. */
export function copyOfDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ssd-cam-build-a-'));
  cpSync(DIST, dir, { recursive: true });
  return dir;
}

/** Waits until a service worker controls the page (installed, precached, claimed). */
export async function waitForController(page: Page, timeoutMs = 90_000): Promise<string> {
  await page.waitForFunction(() => !!navigator.serviceWorker?.controller, undefined, { timeout: timeoutMs, polling: 250 });
  return page.evaluate(() => navigator.serviceWorker.controller!.scriptURL);
}

/** Catalogue models that are downloaded at run time (models/*.json with network.url). */
export function networkManifests(): Array<{ id: string; name: string; url: string }> {
  const dir = join(ROOT, 'models');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')))
    .filter((m) => typeof m.network?.url === 'string')
    .map((m) => ({ id: m.id, name: m.name, url: m.network.url }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The app version the running page reports (<html data-app-version>). */
export const appVersionOf = (page: Page) => page.evaluate(() => document.documentElement.dataset.appVersion ?? '');
