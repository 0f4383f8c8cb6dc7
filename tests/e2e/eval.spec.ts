// Accuracy through the deployed pipeline, end to end: a tiny labelled set is made at test
// time from the sample photos shipped in @vladmandic/face-api (the faces face-api itself finds
// in them, tests/.fixtures/face-api-reference.json, as the ground truth: the same weights as
// ours, so our model must find them), served on the app's own origin by the test, and
// `?eval=ssd-mobilenet-v1-face&backends=wasm&dataset=...` must end in an `ssd:eval` whose
// figures are sane and whose detections are in image pixels with the set's category ids. The
// same set as Pascal VOC XML (found through a served file list), and `npm run eval --dataset`
// on it from disk (the CLI's own server and browser), too.
import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE_URL, FACE_REFERENCE, iou, launchBrowser, ROOT, type LaunchedBrowser } from './browser';

interface FaceReference {
  photos: { file: string; width: number; height: number; faces: { score: number; box: { x: number; y: number; width: number; height: number } }[] }[];
}

const PHOTOS = join(ROOT, 'node_modules/@vladmandic/face-api/demo');
const SET_PATH = '/__e2e-eval-set/';
/** COCO category id of the set's only class: not 1, so a result that merely echoes the
 * model's class index would show */
const FACE_CATEGORY = 7;

/** The set: COCO instances (image ids from 101, so they cannot be confused with indices). */
function makeSet() {
  const ref: FaceReference = JSON.parse(readFileSync(FACE_REFERENCE, 'utf8'));
  const photos = ref.photos.slice(0, 4);
  const images = photos.map((p, i) => ({ id: 101 + i, file_name: p.file, width: p.width, height: p.height }));
  let id = 1;
  const annotations = photos.flatMap((p, i) =>
    p.faces.map((f) => ({
      id: id++,
      image_id: 101 + i,
      category_id: FACE_CATEGORY,
      bbox: [f.box.x, f.box.y, f.box.width, f.box.height],
      area: f.box.width * f.box.height,
      iscrowd: 0,
    })),
  );
  const instances = JSON.stringify({ images, annotations, categories: [{ id: FACE_CATEGORY, name: 'face', supercategory: 'person' }] });
  return { images, annotations, instances, files: new Map(photos.map((p) => [p.file, readFileSync(join(PHOTOS, p.file))])) };
}

/** The same set as Pascal VOC: one XML per image (classes numbered from 1 by the reader). */
function vocFiles(set: ReturnType<typeof makeSet>): Map<string, string> {
  const out = new Map<string, string>();
  for (const image of set.images) {
    const objects = set.annotations
      .filter((a) => a.image_id === image.id)
      .map(
        (a) =>
          `<object><name>face</name><difficult>0</difficult><bndbox><xmin>${a.bbox[0]}</xmin><ymin>${a.bbox[1]}</ymin>` +
          `<xmax>${a.bbox[0] + a.bbox[2]}</xmax><ymax>${a.bbox[1] + a.bbox[3]}</ymax></bndbox></object>`,
      );
    out.set(
      `Annotations/${image.file_name.replace(/\.jpg$/, '.xml')}`,
      `<?xml version="1.0"?>\n<annotation><filename>${image.file_name}</filename><size><width>${image.width}</width>` +
        `<height>${image.height}</height><depth>3</depth></size>${objects.join('')}</annotation>\n`,
    );
  }
  return out;
}

let browser: LaunchedBrowser | null = null;

test.afterEach(async () => {
  await browser?.close();
  browser = null;
});

/** A browser whose page records the evaluation events; `files` answers the set's requests. */
async function evalBrowser(files: (path: string) => { type: string; body: string | Buffer } | undefined, served: string[]) {
  // no service worker: page.route must see every request
  const b = await launchBrowser({ camera: 'none', serviceWorkers: 'block' });
  await b.context.route(`${BASE_URL}${SET_PATH}**`, async (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname.slice(SET_PATH.length));
    served.push(path);
    const file = files(path);
    if (!file) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ status: 200, contentType: file.type, body: file.body });
  });
  await b.context.addInitScript(() => {
    const w = window as unknown as { __evalEvents: Array<{ type: string; detail: unknown }> };
    w.__evalEvents = [];
    for (const type of ['ssd:eval-progress', 'ssd:eval']) {
      window.addEventListener(type, (e) => w.__evalEvents.push({ type, detail: JSON.parse(JSON.stringify((e as CustomEvent).detail)) }));
    }
  });
  return b;
}

async function evalEvents(page: Page) {
  await page.waitForFunction(() => (window as unknown as { __evalEvents: Array<{ type: string }> }).__evalEvents.some((e) => e.type === 'ssd:eval'), null, {
    timeout: 150_000,
  });
  return page.evaluate(() => (window as unknown as { __evalEvents: Array<{ type: string; detail: any }> }).__evalEvents);
}

test('?eval= runs the face SSD over a labelled set on WASM and reports COCO figures and detections in image pixels', async () => {
  test.setTimeout(180_000);
  const set = makeSet();
  const served: string[] = [];
  browser = await evalBrowser((path) => {
    if (path === 'instances.json') return { type: 'application/json', body: set.instances };
    const file = path.startsWith('images/') ? set.files.get(path.slice('images/'.length)) : undefined;
    return file && { type: 'image/jpeg', body: file };
  }, served);
  const started = Date.now();
  const page = await browser.open(`/?eval=ssd-mobilenet-v1-face&backends=wasm&dataset=${encodeURIComponent(SET_PATH)}`);
  const events = await evalEvents(page);
  const detail = events.find((e) => e.type === 'ssd:eval')!.detail;
  console.log(`[eval] ${((Date.now() - started) / 1000).toFixed(1)} s`);
  expect(detail.error, detail.error).toBeUndefined();
  expect(detail.results.failures).toEqual([]);
  expect(detail.results.runs).toHaveLength(1);
  const run = detail.results.runs[0];
  console.log(`[eval] figures ${JSON.stringify(run.figures)}; f1Best ${JSON.stringify(run.f1Best)}; ${run.speed.imagesPerSecond.toFixed(2)} images/s`);

  // what ran, on what
  expect([run.model.id, run.backend]).toEqual(['ssd-mobilenet-v1-face', 'wasm']);
  expect(run.set).toMatchObject({ images: set.images.length, annotations: set.annotations.length, categories: 1 });
  expect(run.set.sha256).toBe(createHash('sha256').update(set.instances).digest('hex'));
  expect(run.protocol).toEqual({ scoreThreshold: 0.001, maxDetections: 100, iouThreshold: 0.5 });
  expect(run.device.cores).toBeGreaterThan(0);
  expect(run.skippedImages).toEqual([]);
  // every image fetched once, each after the annotations
  expect(served[0]).toBe('instances.json');
  expect(served.slice(1).sort()).toEqual(set.images.map((i) => `images/${i.file_name}`).sort());

  // the figures: sane, and high where the ground truth is what this model's weights find
  for (const f of ['AP', 'AP50', 'AP75', 'APs', 'APm', 'APl', 'AR1', 'AR10', 'AR100', 'ARs', 'ARm', 'ARl']) {
    expect(run.figures[f], f).toBeGreaterThanOrEqual(-1);
    expect(run.figures[f], f).toBeLessThanOrEqual(1);
  }
  expect(run.figures.AP50).toBeGreaterThan(0.5);
  expect(run.figures.AP).toBeLessThanOrEqual(run.figures.AP50);
  expect(run.figures.AR100).toBeGreaterThan(0.5);
  expect(run.f1Best.threshold).toBeGreaterThan(0);
  expect(run.f1Best.recall).toBeGreaterThan(0.5);
  expect(run.perClass.map((c: { name: string }) => c.name)).toEqual(['face']);

  // the detections: a COCO results file in image pixels with the set's ids
  expect(run.detections.length).toBeGreaterThanOrEqual(set.annotations.length);
  const ids = new Set(set.images.map((i) => i.id));
  for (const d of run.detections) {
    expect(ids.has(d.image_id)).toBe(true);
    expect(d.category_id).toBe(FACE_CATEGORY);
    expect(d.score).toBeGreaterThanOrEqual(0.001);
    const image = set.images.find((i) => i.id === d.image_id)!;
    const [x, y, w, h] = d.bbox;
    expect(x).toBeGreaterThanOrEqual(-0.5);
    expect(y).toBeGreaterThanOrEqual(-0.5);
    expect(x + w).toBeLessThanOrEqual(image.width + 0.5);
    expect(y + h).toBeLessThanOrEqual(image.height + 0.5);
  }
  // each labelled face has a confident detection on top of it, in pixels (not normalized)
  for (const a of set.annotations) {
    const best = Math.max(
      ...run.detections
        .filter((d: { image_id: number; score: number }) => d.image_id === a.image_id && d.score >= 0.5)
        .map((d: { bbox: number[] }) => iou({ x: d.bbox[0], y: d.bbox[1], width: d.bbox[2], height: d.bbox[3] }, { x: a.bbox[0], y: a.bbox[1], width: a.bbox[2], height: a.bbox[3] })),
    );
    expect(best, `face ${a.id} on image ${a.image_id}`).toBeGreaterThan(0.5);
  }

  // progress: loading, then every image answered in turn, then scoring
  const progress = events.filter((e) => e.type === 'ssd:eval-progress').map((e) => e.detail);
  const running = progress.filter((p) => p.stage === 'running' && p.done > 0);
  expect(running.map((p) => p.done)).toEqual(set.images.map((_, i) => i + 1));
  for (const p of running) {
    expect(p).toMatchObject({ model: 'ssd-mobilenet-v1-face', backend: 'wasm', total: set.images.length, pair: 1, pairs: 1 });
    expect(p.imagesPerSecond).toBeGreaterThan(0);
    expect(p.etaSeconds).toBeGreaterThanOrEqual(0);
  }
  expect(progress[0].stage).toBe('loading');
  expect(progress.at(-1).stage).toBe('scoring');

  // speed measured during the run
  expect(run.speed.images).toBe(set.images.length);
  expect(run.speed.imagesPerSecond).toBeGreaterThan(0);
  expect(run.speed.inferenceMs.p50).toBeGreaterThan(0);
  expect(browser.pageErrors).toEqual([]);
});

test('?eval= reads a Pascal VOC set through the folder\'s file list', async () => {
  test.setTimeout(180_000);
  const set = makeSet();
  const xml = vocFiles(set);
  const list = [...xml.keys(), ...set.images.map((i) => `JPEGImages/${i.file_name}`)];
  const served: string[] = [];
  browser = await evalBrowser((path) => {
    if (path === '__files.json') return { type: 'application/json', body: JSON.stringify(list) };
    if (xml.has(path)) return { type: 'application/xml', body: xml.get(path)! };
    const file = path.startsWith('JPEGImages/') ? set.files.get(path.slice('JPEGImages/'.length)) : undefined;
    return file && { type: 'image/jpeg', body: file };
  }, served);
  const page = await browser.open(`/?eval=ssd-mobilenet-v1-face&backends=wasm&dataset=${encodeURIComponent(SET_PATH)}&limit=2`);
  const detail = (await evalEvents(page)).find((e) => e.type === 'ssd:eval')!.detail;
  expect(detail.error, detail.error).toBeUndefined();
  const run = detail.results.runs[0];
  expect(run.set).toMatchObject({ format: 'voc', images: 2, limit: 2, categories: 1 });
  // the reader sorts the XML files and numbers images and classes from 1
  expect(new Set(run.detections.map((d: { image_id: number }) => d.image_id))).toEqual(new Set([1, 2]));
  expect(new Set(run.detections.map((d: { category_id: number }) => d.category_id))).toEqual(new Set([1]));
  expect(run.figures.AP50).toBeGreaterThan(0.5);
  // instances.json first (absent), then the list, the XML, and only the two images evaluated
  expect(served.slice(0, 2)).toEqual(['instances.json', '__files.json']);
  expect(served.filter((p) => p.startsWith('JPEGImages/')).sort()).toEqual(['JPEGImages/sample1.jpg', 'JPEGImages/sample2.jpg']);
});

test('npm run eval --dataset: the set from disk, its JSON summary, COCO results file and table', async () => {
  test.setTimeout(300_000);
  const set = makeSet();
  const dir = mkdtempSync(join(tmpdir(), 'ssd-cam-eval-cli-'));
  try {
    const setDir = join(dir, 'faces set');
    mkdirSync(join(setDir, 'images'), { recursive: true });
    writeFileSync(join(setDir, 'instances.json'), set.instances);
    for (const [name, bytes] of set.files) writeFileSync(join(setDir, 'images', name), bytes);
    const out = join(dir, 'out');
    const run = spawnSync(process.execPath, ['scripts/eval.mjs', '--dataset', setDir, '--models', 'ssd-mobilenet-v1-face', '--backends', 'wasm', '--limit', '3', '--out', out], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 280_000,
    });
    console.log(`[eval-cli]\n${run.stdout.split('\n').filter((l) => /^eval|\[1\/1\]|^\|/.test(l)).join('\n')}\n${run.stderr}`);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/\[1\/1\] ssd-mobilenet-v1-face on wasm: running 3\/3/);
    expect(readdirSync(out).sort()).toEqual(['faces-set.md', 'faces-set.ssd-mobilenet-v1-face.wasm.detections.json', 'faces-set.ssd-mobilenet-v1-face.wasm.json']);
    const summary = JSON.parse(readFileSync(join(out, 'faces-set.ssd-mobilenet-v1-face.wasm.json'), 'utf8'));
    const detections = JSON.parse(readFileSync(join(out, 'faces-set.ssd-mobilenet-v1-face.wasm.detections.json'), 'utf8'));
    expect(summary).toMatchObject({ format: 'ssd-cam-eval-run/1', backend: 'wasm', set: { name: 'faces-set', images: 3, limit: 3 } });
    expect(summary.model.id).toBe('ssd-mobilenet-v1-face');
    expect(summary.set.sha256).toBe(createHash('sha256').update(set.instances).digest('hex'));
    expect(summary.figures.AP50).toBeGreaterThan(0.5);
    expect(summary.f1Best.recall).toBeGreaterThan(0.5);
    expect(summary.speed.imagesPerSecond).toBeGreaterThan(0);
    expect(summary.perClass).toHaveLength(1);
    expect(summary.detectionCount).toBe(detections.length);
    expect(summary.detections).toBeUndefined();
    for (const d of detections) {
      expect(d.category_id).toBe(FACE_CATEGORY);
      expect([101, 102, 103]).toContain(d.image_id);
    }
    const md = readFileSync(join(out, 'faces-set.md'), 'utf8');
    expect(md).toContain('| model | backend | AP | AP50 | AP75 |');
    expect(md).toMatch(/\| `ssd-mobilenet-v1-face` \| wasm \| [\d.]+ \| [\d.]+ \|/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
