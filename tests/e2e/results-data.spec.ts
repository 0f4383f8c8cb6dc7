// Bench results data in the real browser (issue 10, findings 4 and 5): a result an older
// version stored damaged shows as such beside the others and can still be deleted;
// re-importing your own export adds nothing and marks nothing imported; a refused file names
// its first bad field and leaves the list as stored. No bench runs: the records are written
// to IndexedDB directly, as an older version would have left them.
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import { launchBrowser, type LaunchedBrowser } from './browser';
import { exportText, sampleResult } from '../unit/helpers/bench-results';

let browser: LaunchedBrowser | undefined;
test.afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

test('results: a damaged stored record does not hide the others, and imports never replace local ones', async ({}, testInfo) => {
  browser = await launchBrowser({ camera: 'none' });
  const page = await browser.open('/');
  const good = sampleResult(0);
  const damaged = sampleResult(1);
  delete (damaged.rows[0].stages as Partial<typeof damaged.rows[0]['stages']>).inferenceMs;
  await page.evaluate(async (records) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('ssd-cam-results', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('results', { keyPath: 'id' });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('results', 'readwrite');
      for (const r of records) tx.objectStore('results').put(r);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, [good, damaged]);
  await page.reload();
  await page.locator('[data-testid="bench-button"]').click();

  const cards = page.locator('results-view [data-testid="result"]');
  const unreadable = page.locator('results-view [data-testid="result"][data-unreadable]');
  const mine = page.locator('results-view [data-testid="result"][data-device="this"]:not([data-unreadable])');
  await expect(cards).toHaveCount(2);
  await expect(unreadable).toContainText('rows[0].stages.inferenceMs');
  await expect(mine.locator('tbody tr')).toHaveCount(2);
  await expect(page.locator('bench-charts [data-testid="fps-chart"]')).toBeVisible();
  await unreadable.getByRole('button').click();
  await expect(cards).toHaveCount(1);

  // your own export read back: nothing new, nothing marked imported
  const [json] = await Promise.all([page.waitForEvent('download'), page.locator('results-view [data-testid="export-json"]').click()]);
  await page.locator('results-view [data-testid="import-results"]').setInputFiles((await json.path())!);
  await expect(page.locator('results-view [data-testid="results-error"]')).toHaveCount(0);
  await expect(mine).toHaveCount(1);
  await expect(page.locator('results-view [data-testid="result"][data-device="imported"]')).toHaveCount(0);

  // another device's run under the same id: shown beside mine, mine untouched
  const theirs = { ...sampleResult(5, good.id), device: { ...good.device, label: 'Pixel 8, 9 cores' } };
  const other = testInfo.outputPath('other-device.json');
  fs.writeFileSync(other, exportText([theirs]));
  await page.locator('results-view [data-testid="import-results"]').setInputFiles(other);
  await expect(page.locator('results-view [data-testid="result"][data-device="imported"]')).toContainText('Pixel 8, 9 cores');
  await expect(mine).toHaveCount(1);
  await expect(mine).not.toContainText('Pixel 8');

  // a refused file names its bad field; the list stays as stored
  const bad = sampleResult(7);
  delete (bad.device as Partial<typeof bad.device>).userAgent;
  const badFile = testInfo.outputPath('damaged.json');
  fs.writeFileSync(badFile, exportText([bad]));
  await page.locator('results-view [data-testid="import-results"]').setInputFiles(badFile);
  await expect(page.locator('results-view [data-testid="results-error"]')).toContainText('results[0].device.userAgent');
  await expect(cards).toHaveCount(2);
  expect(browser.pageErrors).toEqual([]);
});
