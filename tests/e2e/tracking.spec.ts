// Tracking, on the fake camera (sample1: three faces, still): with `?track=1` every reported
// face carries a track id, the three ids stay the same frame after frame, none is predicted,
// and the boxes are labelled with their ids; turned off in the settings the ids go, turned on
// there (no URL parameter) they come back. The tracker's behaviour on moving objects is in the
// unit tests (tests/unit/tracking/).
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { faceUrl, getEvents, launchBrowser, ROOT, waitForEvent, type DetectionsDetail, type LaunchedBrowser } from './browser';
import { boxOnScreen, close, hexToRgb, overlayPixel, readLayout } from './screen-layout';
import { COLORS } from '../../src/ui/tokens';

let browser: LaunchedBrowser | undefined;
test.afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

/** A fake-camera clip of sample1 sliding `pan` px right every frame for `seconds` (10 fps). */
function slidingClip(out: string, seconds: number, pan: number): string {
  const args = ['--out', out, '--photos', '1', '--seconds-per-photo', String(seconds), '--pan', String(pan)];
  const made = spawnSync(process.execPath, [join(ROOT, 'scripts/make-fake-camera.mjs'), ...args], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`make-fake-camera failed: ${made.stderr}`);
  return out;
}

type Tracked = DetectionsDetail['detections'][number] & { trackId?: number; predicted?: boolean };
const ids = (d: DetectionsDetail) => (d.detections as Tracked[]).map((x) => x.trackId).sort((a, b) => (a ?? 0) - (b ?? 0));

test('?track=1: the three faces keep their ids over 50 frames; the setting turns tracking off and on', async () => {
  test.setTimeout(300_000);
  browser = await launchBrowser({ camera: 'file' });
  const page = await browser.open(`${faceUrl('wasm')}&track=1`);
  const first = await waitForEvent(page, 'ssd:detections', (d) => d.detections.length === 3, 120_000);
  const firstIds = ids(first);
  console.log(`[tracking] first tracked frame ${first.frame}: ids ${firstIds.join(', ')}`);
  expect(firstIds.every((id) => Number.isInteger(id) && id! > 0)).toBe(true);
  expect(new Set(firstIds).size).toBe(3);
  // fifty more frames: the same ids, each found (not predicted)
  const seenBefore = (await getEvents(page, 'ssd:detections')).findIndex((d) => d.frame === first.frame);
  await waitForEvent(page, 'ssd:detections', (_d, i) => i >= seenBefore + 50, 180_000);
  const frames = (await getEvents(page, 'ssd:detections')).slice(seenBefore, seenBefore + 51);
  expect(frames.length).toBe(51);
  for (const f of frames) {
    expect(ids(f), `ids in frame ${f.frame}`).toEqual(firstIds);
    for (const d of f.detections as Tracked[]) expect(d.predicted, `frame ${f.frame}`).toBe(false);
  }
  await expect.poll(() => page.locator('detection-overlay').getAttribute('data-boxes').then(Number)).toBe(3);

  // the settings show it on, fixed for this visit by the link
  await page.locator('ssd-app [data-testid="settings-button"]').click();
  const toggle = page.locator('settings-panel [data-testid="tracking"]');
  await expect(toggle).toBeChecked();
  await expect(toggle).toBeDisabled();
  await page.close();

  // without the URL parameter the setting decides
  const plain = await browser.open(faceUrl('wasm'));
  const untracked = await waitForEvent(plain, 'ssd:detections', (d) => d.detections.length === 3, 120_000);
  expect((untracked.detections as Tracked[]).every((d) => d.trackId === undefined)).toBe(true);
  await plain.locator('ssd-app [data-testid="settings-button"]').click();
  await plain.locator('settings-panel [data-testid="tracking"]').check();
  const seen = (await getEvents(plain, 'ssd:detections')).length;
  const tracked = await waitForEvent(plain, 'ssd:detections', (d, i) => i > seen && d.detections.length === 3 && ids(d).every((id) => id !== undefined), 60_000);
  console.log(`[tracking] turned on in the settings: ids ${ids(tracked).join(', ')}`);
  // and drawn
  await expect.poll(() => plain.locator('ssd-app').evaluate((el) => el.shadowRoot?.querySelector('detection-overlay')?.getAttribute('data-boxes'))).toBe('3');
  // the tracker's own settings reach the worker: shown only after 8 detections, the faces take
  // 7 frames without boxes before they come back with ids
  await plain.locator('settings-panel [data-testid="track-min-hits"]').fill('8');
  await plain.locator('settings-panel [data-testid="track-min-hits"]').press('Enter');
  await plain.locator('settings-panel [data-testid="tracking"]').uncheck();
  await expect(plain.locator('settings-panel [data-testid="track-min-hits"]')).toHaveCount(0);
  const offAt = (await getEvents(plain, 'ssd:detections')).length;
  await waitForEvent(plain, 'ssd:detections', (d, i) => i > offAt + 1 && ids(d).every((id) => id === undefined) && d.detections.length === 3, 60_000);
  const onAt = (await getEvents(plain, 'ssd:detections')).length;
  await plain.locator('settings-panel [data-testid="tracking"]').check();
  await expect(plain.locator('settings-panel [data-testid="track-min-hits"]')).toHaveValue('8');
  const back = await waitForEvent(plain, 'ssd:detections', (d, i) => i >= onAt && d.detections.length === 3 && ids(d).every((id) => id !== undefined), 120_000);
  const between = (await getEvents(plain, 'ssd:detections')).slice(onAt).findIndex((d) => d.frame === back.frame);
  const empty = (await getEvents(plain, 'ssd:detections')).slice(onAt, onAt + between).filter((d) => d.detections.length === 0).length;
  console.log(`[tracking] min hits 8: ${empty} frames without boxes before the ids (${between} after turning it on)`);
  expect(empty).toBeGreaterThanOrEqual(7);
  await plain.locator('settings-panel [data-testid="tracking"]').uncheck();
  const after = (await getEvents(plain, 'ssd:detections')).length;
  const off = await waitForEvent(plain, 'ssd:detections', (d, i) => i > after + 1 && d.detections.length === 3, 60_000);
  expect((off.detections as Tracked[]).every((d) => d.trackId === undefined)).toBe(true);
  expect(browser.pageErrors).toEqual([]);
});

// Counting: a clip of sample1 sliding right 6 px a frame (10 fps) carries two faces across a
// line at x = 0.6 of the frame, drawn top to bottom (`?line=0.6,0,0.6,1`): each crossing is an
// 'in' (from the walker's right to the left, on screen), `ssd:count` fires with the running
// totals, the count panel shows them, and Reset starts them from zero.
test('counting line: faces sliding across it are counted in, ssd:count carries the totals, Reset zeroes the panel', async ({}, testInfo) => {
  test.setTimeout(180_000);
  browser = await launchBrowser({ camera: 'file', cameraFile: slidingClip(testInfo.outputPath('pan.y4m'), 6, 6) });
  const page = await browser.open(`${faceUrl('wasm')}&line=0.6,0,0.6,1`);
  const second = await waitForEvent(page, 'ssd:count', (_d, i) => i >= 1, 120_000);
  const counts = (await getEvents(page, 'ssd:count')) as unknown as Array<{ classLabel: string; trackId: number; direction: string; totals: Record<string, { in: number; out: number }> }>;
  console.log(`[tracking] crossings: ${counts.map((c) => `${c.classLabel}#${c.trackId} ${c.direction}`).join(', ')}`);
  expect(second).toBeTruthy();
  counts.forEach((c, i) => {
    expect(c.classLabel).toBe('face');
    expect(c.direction, 'faces move left to right across a line drawn downward').toBe('in');
    expect(c.totals.face).toEqual({ in: i + 1, out: 0 });
  });
  // two different faces (or one face in two passes of the looping clip: new tracks either way)
  expect(new Set(counts.map((c) => c.trackId)).size).toBe(counts.length);
  // the panel says the same
  const panel = page.locator('count-panel');
  const inCell = panel.locator('tr[data-label="face"] [data-col="in"]');
  await expect.poll(async () => Number(await inCell.textContent())).toBeGreaterThanOrEqual(2);
  await expect(panel.locator('tr[data-label="face"] [data-col="seen"]')).not.toHaveText('0');
  // the crossings as a CSV file: a row for each, as ssd:count told them
  const [csvFile] = await Promise.all([page.waitForEvent('download'), panel.locator('[data-testid="counts-csv"]').click()]);
  expect(csvFile.suggestedFilename()).toMatch(/^ssd-cam-counts-\d{8}-\d{6}\.csv$/);
  const rows = readFileSync((await csvFile.path())!, 'utf8').trim().split('\n');
  expect(rows[0]).toBe('time,class,track_id,direction');
  const sofar = (await getEvents(page, 'ssd:count')) as unknown as Array<{ trackId: number }>;
  expect(rows.slice(1).map((r) => r.split(',').slice(1).join(','))).toEqual(sofar.slice(0, rows.length - 1).map((c) => `face,${c.trackId},in`));
  expect(rows.length - 1).toBeGreaterThanOrEqual(2);
  // and per minute on a chart, drawn once opened
  await panel.locator('[data-testid="counts-chart"] summary').click();
  await expect(panel.locator('chart-canvas')).toHaveAttribute('data-drawn', '', { timeout: 30_000 });
  await page.screenshot({ path: testInfo.outputPath('counting.png') });
  await panel.locator('[data-testid="counts-reset"]').click();
  await expect(inCell).toHaveText('0');
  await expect(panel.locator('tr[data-label="face"] [data-col="out"]')).toHaveText('0');

  // the same line again, drawn with the mouse where frame x = 0.6 is on screen (mirrored)
  await panel.locator('[data-testid="line-clear"]').click();
  await expect(panel.locator('[data-testid="line-middle"]')).toBeVisible();
  await expect(panel.locator('tr[data-label="face"] [data-col="in"]')).toHaveCount(0);
  await panel.locator('[data-testid="line-draw"]').click();
  await expect(page.locator('line-drawer [data-testid="line-hint"]')).toBeVisible();
  const { video, mirrored, viewport } = await readLayout(page);
  const last = await waitForEvent(page, 'ssd:detections', () => true);
  const x = boxOnScreen({ x: 0.6 * last.width!, y: 0, width: 0, height: 0 }, last.width!, last.height!, video, mirrored).x;
  await page.mouse.move(x, 40);
  await page.mouse.down();
  await page.mouse.move(x, viewport.height / 2, { steps: 5 });
  await page.mouse.move(x, viewport.height - 40, { steps: 5 });
  await page.mouse.up();
  await expect(page.locator('line-drawer')).toHaveCount(0);
  await expect(inCell).toBeVisible();
  // the line is on the overlay where it was drawn (accent colour), and faces crossing it count
  const px = await overlayPixel(page, x, viewport.height / 2);
  expect(close(px, hexToRgb(COLORS.accent), 40), `overlay on the drawn line: ${px}`).toBe(true);
  const before = (await getEvents(page, 'ssd:count')).length;
  const next = (await waitForEvent(page, 'ssd:count', (_d, i) => i >= before, 120_000)) as unknown as { direction: string; classLabel: string };
  expect([next.classLabel, next.direction]).toEqual(['face', 'in']);
  expect(browser.pageErrors).toEqual([]);
});

// One face followed across the frame: sample1 sliding 2 px a frame for 20 s. The faces' paths
// are found from the boxes alone (each report's box joined to the nearest box of the report
// before, within 120 px: the faces are 160 px apart or more, one moves 20 px a second, and the
// clip jumps them back 400 px when it loops), and along the path of the face that crosses the
// line the tracker must have given one id to at least 95% of the reports; it crosses once, 'in'.
test('tracking a moving face: one id over at least 95% of its reports, one crossing in the right direction', async ({}, testInfo) => {
  test.setTimeout(240_000);
  browser = await launchBrowser({ camera: 'file', cameraFile: slidingClip(testInfo.outputPath('slow-pan.y4m'), 20, 2) });
  const page = await browser.open(`${faceUrl('wasm')}&line=0.6,0,0.6,1`);
  // a face crossing the line (the second face of the photo reaches x 0.6 about 4 s in)
  const crossing = (await waitForEvent(page, 'ssd:count', () => true, 120_000)) as unknown as { trackId: number; classLabel: string; direction: string };
  expect([crossing.classLabel, crossing.direction]).toEqual(['face', 'in']);
  // that face followed on beyond the line: a dozen reports of its track, however slow the box
  let reports = 0;
  await waitForEvent(page, 'ssd:detections', (d) => (reports += (d.detections as Tracked[]).some((x) => x.trackId === crossing.trackId) ? 1 : 0) >= 12, 120_000);
  const events = (await getEvents(page, 'ssd:detections')).filter((d) => d.detections.length > 0);
  type Report = { x: number; y: number; id: number | undefined };
  const paths: Report[][] = [];
  let open: Report[][] = [];
  for (const e of events) {
    const next: Report[][] = [];
    for (const d of e.detections as Tracked[]) {
      const r = { x: d.box.x + d.box.width / 2, y: d.box.y + d.box.height / 2, id: d.trackId };
      const near = open.filter((p) => !next.includes(p)).map((p) => ({ p, gap: Math.hypot(p.at(-1)!.x - r.x, p.at(-1)!.y - r.y) })).sort((a, b) => a.gap - b.gap)[0];
      if (near && near.gap < 120) {
        near.p.push(r);
        next.push(near.p);
      } else {
        const p = [r];
        paths.push(p);
        next.push(p);
      }
    }
    open = next;
  }
  console.log(`[tracking] paths: ${paths.filter((p) => p.length > 2).map((p) => `${p.length} reports x ${p[0].x.toFixed(0)}..${p.at(-1)!.x.toFixed(0)} ids ${[...new Set(p.map((r) => r.id))].join('/')}`).join('; ')}`);
  // the face's path: the one the crossing track's id is on
  const path = paths.filter((p) => p.some((r) => r.id === crossing.trackId)).sort((a, b) => b.length - a.length)[0];
  expect(path, `a path with track ${crossing.trackId}`).toBeDefined();
  const kept = path.filter((r) => r.id === crossing.trackId).length;
  const share = kept / path.length;
  const ids = [...new Set(path.map((r) => r.id))];
  console.log(`[tracking] the crossing face: ${path.length} reports from x ${path[0].x.toFixed(0)} to ${path.at(-1)!.x.toFixed(0)} px, track ${crossing.trackId} on ${(share * 100).toFixed(1)}% (ids on the path: ${ids.join(', ')})`);
  expect(path.length, 'reports along the face\'s path').toBeGreaterThanOrEqual(12);
  expect(share, 'reports of the face with its one track id').toBeGreaterThanOrEqual(0.95);
  const lineX = 0.6 * events[0].width!;
  expect(path[0].x, 'the path starts before the line').toBeLessThan(lineX);
  expect(path.at(-1)!.x, 'and ends beyond it').toBeGreaterThan(lineX);
  // counted once, in
  const counts = (await getEvents(page, 'ssd:count')) as unknown as Array<{ trackId: number; direction: string }>;
  expect(counts.filter((c) => c.trackId === crossing.trackId).map((c) => c.direction)).toEqual(['in']);
  expect(browser.pageErrors).toEqual([]);
});
