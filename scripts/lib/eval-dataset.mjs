// `npm run eval -- --dataset DIR --models ID[,ID] --backends wasm[,cpu] [--limit N] [--out DIR]`:
// accuracy through the app's own pipeline, in the system Chromium. Builds dist/ when stale,
// serves dist/ and DIR (at /__dataset/<DIR's name>/) on 127.0.0.1 with COOP/COEP, opens
// `/?eval=<ids>&backends=<b>&dataset=/__dataset/<name>/&limit=N`, prints the app's `ssd:eval-progress`,
// and writes from its `ssd:eval` per model x backend a JSON summary and the COCO results file,
// plus a markdown table of the whole run, into --out (default eval/). One browser launch per
// backend: the WebGPU flags would drop WebGL to WebGL1.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { CHROME_PATH } from './chromium.mjs';
import { startChromiumRun } from './chromium-run.mjs';
import { deviceSummary, eachFlag, hostInfo, listOf } from './cli.mjs';
import { backendAgreement, FIGURES, markdown, runStem, runSummary } from './eval-report.mjs';
import { importModelFile, isModelPath, ModelFileError, modelFileSpec } from './model-file.mjs';

const BACKENDS = ['wasm', 'webgl', 'webgpu', 'cpu'];
/** Generous seconds per image when no --timeout is given (software GL and plain JS are slow). */
const SECONDS_PER_IMAGE = { wasm: 4, webgl: 20, webgpu: 30, cpu: 30 };
const DATASET_PREFIX = '/__dataset/';

export const DATASET_USAGE = `usage: npm run eval -- --dataset DIR --models ID[,ID] [options]
  --dataset DIR     a labelled set: DIR/instances.json (COCO) and DIR/images/, or Pascal VOC
                    .xml files, or YOLO .txt labels with classes.txt/data.yaml, and the images
  --models a,b      model ids (trained models; see models/), or model files: an .h5, a model.json (with a card beside it, see README)
  --backends a,b    ${BACKENDS.join(', ')} (default: wasm)
  --limit N         the first N images of the set only
  --out DIR         where the files go (default: eval/)
  --timeout S       give up after S seconds (default: from images, models and backends)`;

export class DatasetUsageError extends Error {
  name = 'DatasetUsageError';
}

/** `userPath` resolves the model files given in --models (like --dataset). */
export function parseDatasetArgs(argv, root, userPath = (p) => resolve(p)) {
  const opts = { dataset: null, models: [], backends: ['wasm'], limit: null, out: 'eval', timeoutS: null };
  eachFlag(argv, (flag, value, arg) => {
    switch (flag) {
      case '--dataset': opts.dataset = value(); break;
      case '--models': opts.models = listOf(value()); break;
      case '--backends': opts.backends = listOf(value()).map((b) => b.toLowerCase()); break;
      case '--limit': opts.limit = Number(value()); break;
      case '--out': opts.out = value(); break;
      case '--timeout': opts.timeoutS = Number(value()); break;
      default: throw new DatasetUsageError(`unknown option ${arg}`);
    }
  }, (message) => new DatasetUsageError(message));
  if (!opts.dataset) throw new DatasetUsageError('--dataset is required');
  if (!opts.models.length) throw new DatasetUsageError('--models is required');
  const bad = opts.backends.filter((b) => !BACKENDS.includes(b));
  if (bad.length || !opts.backends.length) throw new DatasetUsageError(`--backends: choose from ${BACKENDS.join(', ')}`);
  if (opts.limit !== null && !(Number.isInteger(opts.limit) && opts.limit >= 1)) throw new DatasetUsageError('--limit must be a whole number of images, 1 or more');
  if (opts.timeoutS !== null && !(opts.timeoutS > 0)) throw new DatasetUsageError('--timeout must be positive seconds');
  const manifests = readdirSync(join(root, 'models')).filter((f) => f.endsWith('.json'));
  const known = new Map(manifests.map((f) => [f.slice(0, -5), JSON.parse(readFileSync(join(root, 'models', f), 'utf8'))]));
  // model files (an .h5, a model.json) are imported through the app's panel at run time
  try {
    opts.modelFiles = opts.models.filter(isModelPath).map((m) => modelFileSpec(m, userPath));
  } catch (error) {
    if (error instanceof ModelFileError) throw new DatasetUsageError(error.message);
    throw error;
  }
  const unknown = opts.models.filter((m) => !isModelPath(m) && !known.has(m));
  if (unknown.length) throw new DatasetUsageError(`unknown model ${unknown.join(', ')}; known: ${[...known.keys()].join(', ')}`);
  const speedOnly = opts.models.filter((m) => !isModelPath(m) && known.get(m).trained === false);
  if (speedOnly.length) throw new DatasetUsageError(`${speedOnly.join(', ')}: speed-only (synthetic weights, no trained boxes), nothing to evaluate`);
  return opts;
}

const IMAGE_FILE = /\.(jpe?g|png|webp|bmp|gif)$/i;
const NAMES_FILE = /(^|\/)(classes\.txt|[^/]+\.names|data\.ya?ml)$/i;

/** Every file under `dir`, as '/'-separated paths relative to it (dot files left out). */
function listFiles(dir, prefix = '') {
  const out = [];
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(dir, rel));
    else if (entry.isFile() || entry.isSymbolicLink()) out.push(rel);
  }
  return out.sort();
}

/**
 * What the set folder holds, checked before any browser starts: COCO (instances.json and
 * images/), else Pascal VOC (.xml) or YOLO (a names file and .txt labels) with their images,
 * for which the app gets the folder's file list. The app's readers check the rest.
 */
export function inspectDataset(dir) {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new DatasetUsageError(`--dataset ${dir}: no such folder`);
  const instances = join(dir, 'instances.json');
  if (existsSync(instances)) {
    if (!existsSync(join(dir, 'images'))) throw new DatasetUsageError(`--dataset ${dir}: no images/ folder beside instances.json`);
    let gt;
    try {
      gt = JSON.parse(readFileSync(instances, 'utf8'));
    } catch (error) {
      throw new DatasetUsageError(`${instances}: not JSON (${error.message})`);
    }
    if (!Array.isArray(gt?.images)) throw new DatasetUsageError(`${instances}: no "images" list`);
    return { format: 'coco', images: gt.images.length, files: null };
  }
  const files = listFiles(dir);
  const images = files.filter((f) => IMAGE_FILE.test(f));
  const xml = files.filter((f) => /\.xml$/i.test(f));
  const names = files.find((f) => NAMES_FILE.test(f));
  const txt = files.filter((f) => /\.txt$/i.test(f) && f !== names);
  if (images.length === 0) throw new DatasetUsageError(`--dataset ${dir}: no instances.json and no images`);
  if (xml.length) return { format: 'voc', images: xml.length, files };
  if (names && txt.length) return { format: 'yolo', images: images.length, files };
  throw new DatasetUsageError(`--dataset ${dir}: found neither instances.json (COCO), nor .xml files (Pascal VOC), nor classes.txt/data.yaml with .txt labels (YOLO)`);
}

// Runs in the page before the app: keeps the evaluation's events.
function evalRecorder() {
  window.__evalEvents = [];
  for (const type of ['ssd:eval-progress', 'ssd:eval', 'ssd:error']) {
    window.addEventListener(type, (e) => window.__evalEvents.push({ type, detail: JSON.parse(JSON.stringify(e.detail ?? null)) }));
  }
}

/** One `?eval=` run on one backend; prints progress; resolves with the ssd:eval detail. */
/** `shared`: a browser context to open the page in (kept open after), so the app finds what it
 * stored there before: the bench passes its own, whose WASM thread count was measured once. */
export async function runEvalPage(browser, origin, query, deadline, log, shared = null) {
  const context = shared ?? (await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 800 } }));
  const page = await context.newPage();
  try {
    await page.addInitScript(evalRecorder);
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') log.push(`[${msg.type()}] ${msg.text()}`);
    });
    page.on('pageerror', (err) => log.push(`[uncaught] ${err.message}`));
    await page.goto(`${origin}/?${query}`);
    let seen = 0;
    let lastPrint = 0;
    for (;;) {
      if (page.isClosed()) throw new Error('the app page closed (crashed?) before ssd:eval');
      // only the new events, then the finished one whole (it carries the detections)
      const fresh = await page.evaluate((from) => window.__evalEvents.slice(from).map((e) => (e.type === 'ssd:eval' ? { type: e.type } : e)), seen);
      seen += fresh.length;
      for (const e of fresh) {
        if (e.type === 'ssd:error') log.push(`[ssd:error] ${JSON.stringify(e.detail)}`);
        if (e.type !== 'ssd:eval-progress') continue;
        const p = e.detail;
        const now = Date.now();
        if (p.stage !== 'running' || p.done === p.total || now - lastPrint > 2000) {
          lastPrint = now;
          const rate = p.imagesPerSecond ? `, ${p.imagesPerSecond.toFixed(2)} images/s, ${Math.round(p.etaSeconds)} s left` : '';
          console.log(`  [${p.pair}/${p.pairs}] ${p.model} on ${p.backend}: ${p.stage}${p.stage === 'running' ? ` ${p.done}/${p.total}${rate}` : ''}`);
        }
      }
      if (fresh.some((e) => e.type === 'ssd:eval')) {
        return page.evaluate(() => window.__evalEvents.find((e) => e.type === 'ssd:eval').detail);
      }
      if (Date.now() > deadline) throw new Error(`no ssd:eval from /?${query} before the time limit (--timeout)`);
      await page.waitForTimeout(500);
    }
  } finally {
    await (shared ? page.close() : context.close()).catch(() => {});
  }
}

/** `userPath`: resolves a path the user typed (npm runs scripts from the package root). */
export async function runDatasetMode(argv, root, userPath = (p) => resolve(p)) {
  const opts = parseDatasetArgs(argv, root, userPath);
  const datasetDir = userPath(opts.dataset);
  const set = inspectDataset(datasetDir);
  // served under its own name: the app names the set after its folder
  const setName = basename(datasetDir).replace(/[^A-Za-z0-9._-]+/g, '-') || 'set';
  const prefix = `${DATASET_PREFIX}${setName}/`;
  // VOC and YOLO: the app finds the labels through the folder's file list
  const texts = set.files ? { [`${prefix}__files.json`]: JSON.stringify(set.files) } : {};
  const images = opts.limit === null ? set.images : Math.min(set.images, opts.limit);
  const started = Date.now();
  const loadAtStart = os.loadavg()[0];
  const budget = (b) => opts.models.length * (120 + images * SECONDS_PER_IMAGE[b]);
  const timeoutS = opts.timeoutS ?? 120 + opts.backends.reduce((s, b) => s + budget(b), 0);
  const session = await startChromiumRun({ root, label: 'eval', timeoutS, serve: { texts, mounts: { [prefix]: datasetDir } } });
  const log = [];

  const runs = [];
  const failures = [];
  const imported = [];
  try {
    for (const backend of opts.backends) {
      const browser = await session.launch(backend);
      console.log(`eval: ${opts.models.join(', ')} on ${backend}, ${images} image${images === 1 ? '' : 's'} of ${datasetDir} (Chromium ${session.browserVersion})`);
      const deadline = Math.min(Date.now() + budget(backend) * 1000, started + timeoutS * 1000);
      // one context per backend: the model files are imported into its storage first
      const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 800 } });
      try {
        const ids = [];
        for (const m of opts.models) {
          const spec = opts.modelFiles.find((f) => f.entry === m);
          if (!spec) {
            ids.push(m);
            continue;
          }
          const t = Date.now();
          const { id, name } = await importModelFile(context, session.origin, spec, log);
          ids.push(id);
          imported.push({ file: spec.path, card: spec.cardPath, backend, id, name });
          console.log(`  imported ${m}${spec.cardPath ? ` with ${relative(process.cwd(), spec.cardPath)}` : ' (no card: the panel\'s proposal)'} as ${id} "${name}" (${((Date.now() - t) / 1000).toFixed(1)} s)`);
        }
        const query = `eval=${ids.join(',')}&backends=${backend}&dataset=${encodeURIComponent(prefix)}${opts.limit !== null ? `&limit=${opts.limit}` : ''}`;
        const detail = await runEvalPage(browser, session.origin, query, deadline, log, context);
        if (!detail.results) throw new Error(detail.error ?? 'the evaluation stopped');
        // an imported model's runs say which file they came from (its id differs per backend)
        for (const r of detail.results.runs) {
          const entry = opts.models[ids.indexOf(r.model.id)];
          if (entry !== r.model.id && entry !== undefined) r.model.importedFrom = entry;
        }
        runs.push(...detail.results.runs);
        failures.push(...detail.results.failures);
        for (const f of detail.results.failures) console.log(`  ${f.model} on ${f.backend}: FAILED: ${f.message}`);
      } catch (error) {
        const message = error.message.split('\n')[0];
        console.log(`  FAILED: ${message}`);
        failures.push(...opts.models.map((model) => ({ model, backend, message })));
      } finally {
        await context.close().catch(() => {});
      }
      await browser.close();
    }
  } finally {
    await session.close();
  }

  const host = hostInfo();
  const createdAt = new Date().toISOString();
  const report = {
    format: 'ssd-cam-eval-cli/1',
    createdAt,
    command: `npm run eval -- ${argv.join(' ')}`,
    options: { dataset: datasetDir, models: opts.models, backends: opts.backends, limit: opts.limit },
    builtNow: session.built,
    device: {
      summary: deviceSummary(host, loadAtStart),
      host,
      browser: { path: CHROME_PATH, version: session.browserVersion, headless: true },
    },
    /** model files imported through the app's panel for this run, per backend */
    imported,
    runs,
    failures,
    browserLog: log,
    durationS: Math.round((Date.now() - started) / 100) / 10,
  };
  const outDir = userPath(opts.out);
  mkdirSync(outDir, { recursive: true });
  const written = [];
  const write = (name, text) => {
    writeFileSync(join(outDir, name), text);
    written.push(name);
  };
  const context = { createdAt, command: report.command, host: report.device.summary, browser: `Chromium ${session.browserVersion} (headless)` };
  for (const run of runs) {
    const stem = runStem(run);
    write(`${stem}.json`, JSON.stringify(runSummary(run, context), null, 2) + '\n');
    write(`${stem}.detections.json`, JSON.stringify(run.detections) + '\n');
  }
  const md = markdown(report);
  write(`${setName}.md`, md);
  console.log(`\n${md}`);
  for (const r of runs) console.log(`eval: ${r.model.id} on ${r.backend}: ${FIGURES.map((f) => `${f} ${r.figures[f] >= 0 ? (r.figures[f] * 100).toFixed(1) : '—'}`).join(', ')}`);
  console.log(`eval: wrote ${written.map((w) => relative(process.cwd(), join(outDir, w))).join(', ')} in ${report.durationS} s`);

  const problems = [
    ...failures.map((f) => `${f.model} on ${f.backend} did not run: ${f.message}`),
    ...backendAgreement(runs).filter((a) => !a.agree).map((a) => `${a.model}: backends disagree by ${a.gapPoints.toFixed(2)} AP points (${a.backends.join(' vs ')})`),
  ];
  if (problems.length) {
    console.error(`eval: ${problems.length} problem${problems.length > 1 ? 's' : ''}:\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
  }
}
