#!/usr/bin/env node
// `npm run bench`: the app's own comparison (`/?bench=<ids>&backends=<b>&frames=<N>`, read
// from its `ssd:bench` event) in the system Chromium, plus anchor rows: the same weights run by
// @vladmandic/face-api and @vladmandic/human themselves, in the same browser, on the same
// backend, frame and frame count. Writes <out>/<date>-<host>.json and .md and prints the table.
//
//   node scripts/bench.mjs [--models a,b] [--backends wasm,webgl] [--frames 20] [--out bench/]
//                          [--timeout <s>] [--no-anchors] [--eval-set DIR] [--eval-limit N] [--no-eval]
//
// It builds the app first when dist/ is missing or older than its sources, serves dist/ (and
// the anchors' files from node_modules) on 127.0.0.1 with COOP/COEP, and touches nothing
// but loopback. One browser launch per backend: the WebGPU flags would drop WebGL to WebGL1.
//
// It also says what evaluating accuracy costs: `?eval=` on a labelled set (the shared COCO slice
// where it is beside the project, or --eval-set) for the trained models benched, images/s
// against their bench fps; and the time the app's evaluator takes to score 5,000 images x 100
// detections in Node (scripts/lib/eval-speed.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ANCHOR_PAGE, ANCHOR_TEXTS, ANCHORS, anchorRoutes, checkFound, installAnchorHelpers } from './lib/bench-anchors.mjs';
import { markdown } from './lib/bench-report.mjs';
import { importModelFile, isModelPath, ModelFileError, modelFileSpec } from './lib/model-file.mjs';
// Chromium's path and flags (the ones tests/e2e/browser.ts uses too) and the stale-build check.
import { CHROME_PATH } from './lib/chromium.mjs';
import { startChromiumRun } from './lib/chromium-run.mjs';
import { deviceSummary, eachFlag, hostInfo, listOf } from './lib/cli.mjs';
import { importTs } from './lib/import-ts.mjs';
import { trackingSpeedWithHeap } from './lib/tracking-speed.mjs';
import { bracketed, defaultEvalSet, EVAL_SPEED_STEADY, EVAL_SPEED_TARGET, evalSetServing, evalSpeedRows, evaluableModels, scoringSpeed } from './lib/eval-speed.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The app's own mean/p50/p95, so anchor rows and ours are the same figures. */
const { summarize } = await importTs(join(ROOT, 'src/metrics/stats.ts'));
const DEFAULT_MODELS = ['ssd-mobilenet-v1-face', 'centernet-mobilenet-v3-coco', 'mobilenet-v1-10-ssd300', 'vgg16-ssd300'];
const BACKENDS = ['wasm', 'webgl', 'webgpu', 'cpu'];
/** Generous seconds per frame when no --timeout is given (software GL and plain JS are slow). */
const SECONDS_PER_FRAME = { wasm: 6, webgl: 30, webgpu: 60, cpu: 60 };


const USAGE = `usage: node scripts/bench.mjs [options]
  --models a,b      model ids (default: ${DEFAULT_MODELS.join(',')}), or model files: an .h5, a model.json (with a card beside it, see README)
  --backends a,b    ${BACKENDS.join(', ')} (default: wasm)
  --frames N        timed frames per row, anchors included (default: 20)
  --out DIR         where the .json and .md go (default: bench/)
  --timeout S       give up after S seconds (default: from models, backends and frames)
  --no-anchors      skip the face-api and human anchor rows
  --eval-set DIR    a labelled set for the evaluation's speed (default: ../shared/datasets/coco128-dev when present)
  --eval-limit N    its first N images (default: 16)
  --no-eval         skip the evaluation's speed (scoring speed in Node is always measured)
  --profile         also profile one frame per row kernel by kernel (tf.profile): kernels by time and count, upload, readback
  --sustained S     then run each row back to back for S seconds (10-3600): fps per 10-second window, burst vs sustained`;

class UsageError extends Error {}

function parseArgs(argv) {
  const opts = { models: DEFAULT_MODELS, backends: ['wasm'], frames: 20, out: 'bench', timeoutS: null, anchors: true, evalSet: defaultEvalSet(ROOT), evalLimit: 16 };
  eachFlag(argv, (flag, value, arg) => {
    switch (flag) {
      case '--models': opts.models = listOf(value()); break;
      case '--backends': opts.backends = listOf(value()).map((b) => b.toLowerCase()); break;
      case '--frames': opts.frames = Number(value()); break;
      case '--out': opts.out = value(); break;
      case '--timeout': opts.timeoutS = Number(value()); break;
      case '--no-anchors': opts.anchors = false; break;
      case '--eval-set': opts.evalSet = resolve(process.env.INIT_CWD ?? process.cwd(), value()); break;
      case '--eval-limit': opts.evalLimit = Number(value()); break;
      case '--no-eval': opts.evalSet = null; break;
      case '--profile': opts.profile = true; break;
      case '--sustained': opts.sustainedS = Number(value()); break;
      case '-h': case '--help': console.log(USAGE); process.exit(0); break;
      default: throw new UsageError(`unknown option ${arg}`);
    }
  }, (message) => new UsageError(message));
  if (!Number.isInteger(opts.frames) || opts.frames < 1 || opts.frames > 1000) throw new UsageError('--frames must be a whole number from 1 to 1000 (what the app accepts)');
  if (!opts.models.length) throw new UsageError('--models is empty');
  if (opts.sustainedS !== undefined && !(Number.isInteger(opts.sustainedS) && opts.sustainedS >= 10 && opts.sustainedS <= 3600)) throw new UsageError('--sustained must be whole seconds from 10 to 3600');
  const bad = opts.backends.filter((b) => !BACKENDS.includes(b));
  if (bad.length || !opts.backends.length) throw new UsageError(`--backends: choose from ${BACKENDS.join(', ')}`);
  const known = readdirSync(join(ROOT, 'models')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
  // model files (an .h5, a model.json) are imported through the app's panel in each backend's browser context
  try {
    opts.modelFiles = opts.models.filter(isModelPath).map((m) => modelFileSpec(m, (p) => resolve(process.env.INIT_CWD ?? process.cwd(), p)));
  } catch (error) {
    if (error instanceof ModelFileError) throw new UsageError(error.message);
    throw error;
  }
  const unknown = opts.models.filter((m) => !isModelPath(m) && !known.includes(m));
  if (unknown.length) throw new UsageError(`unknown model ${unknown.join(', ')}; known: ${known.join(', ')}`);
  if (opts.timeoutS !== null && !(opts.timeoutS > 0)) throw new UsageError('--timeout must be positive seconds');
  if (!Number.isInteger(opts.evalLimit) || opts.evalLimit < 1) throw new UsageError('--eval-limit must be a whole number of images, at least 1');
  return opts;
}

function gitInfo() {
  const git = (...args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  const head = git('rev-parse', 'HEAD');
  if (head.status !== 0) return null;
  const status = git('status', '--porcelain', '--untracked-files=no');
  return { commit: head.stdout.trim(), dirty: status.stdout.trim().length > 0 };
}

/** Where this run's files go: <date>-<host>.json/.md, numbered when that day's name is taken. */
function outputBase(outDir, createdAt, hostname) {
  const host = hostname.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 40) || 'host';
  const stem = `${createdAt.slice(0, 10)}-${host}`;
  for (let n = 1; ; n++) {
    const base = join(outDir, n === 1 ? stem : `${stem}-${n}`);
    if (!existsSync(`${base}.json`) && !existsSync(`${base}.md`)) return base;
  }
}

// Runs in the page before the app: keeps the ssd:bench and ssd:error details.
function benchRecorder() {
  window.__benchEvents = [];
  for (const type of ['ssd:bench', 'ssd:error']) {
    window.addEventListener(type, (e) => window.__benchEvents.push({ type, detail: JSON.parse(JSON.stringify(e.detail ?? null)) }));
  }
}

function watchPage(page, label, log) {
  page.on('console', (msg) => {
    const type = msg.type();
    if (type === 'error' || type === 'warning') log.push(`[${label} ${type}] ${msg.text()}`);
  });
  page.on('pageerror', (err) => log.push(`[${label} uncaught] ${err.message}`));
  page.on('crash', () => log.push(`[${label}] page crashed`));
}

/** One `?bench=` run in the app's context (shared per backend, so the WASM thread count the
 * app measured on its first run is remembered by the later ones). */
async function runApp(context, origin, models, backend, frames, deadline, log, profile = false, sustainedS = 0) {
  const page = await context.newPage();
  try {
    watchPage(page, `app ${backend}`, log);
    const query = `bench=${models.join(',')}&backends=${backend}&frames=${frames}${profile ? '&profile=1' : ''}${sustainedS ? `&sustained=${sustainedS}` : ''}`;
    await page.goto(`${origin}/?${query}`);
    let errorsSeen = 0;
    for (;;) {
      if (page.isClosed()) throw new Error('the app page closed (crashed?) before ssd:bench');
      const events = await page.evaluate(() => window.__benchEvents ?? []);
      for (const e of events.slice(errorsSeen).filter((x) => x.type === 'ssd:error')) log.push(`[app ${backend} ssd:error] ${JSON.stringify(e.detail)}`);
      errorsSeen = events.length;
      const bench = events.find((e) => e.type === 'ssd:bench');
      if (bench) return bench.detail.results;
      if (Date.now() > deadline) {
        const panel = await page.locator('bench-panel').first().textContent({ timeout: 1000 }).catch(() => null);
        throw new Error(`no ssd:bench from /?${query} before the time limit${panel ? `; bench panel says: ${panel.replace(/\s+/g, ' ').trim().slice(0, 300)}` : ''}`);
      }
      await page.waitForTimeout(500);
    }
  } finally {
    await page.close().catch(() => {});
  }
}

async function runAnchor(browser, origin, anchorId, cfg, log) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    watchPage(page, `${anchorId} ${cfg.backend}`, log);
    await page.goto(`${origin}${ANCHOR_PAGE}`);
    await page.evaluate(installAnchorHelpers);
    return await page.evaluate(ANCHORS[anchorId].run, cfg);
  } finally {
    await context.close().catch(() => {});
  }
}

/** `oursRuns`: our rows for the same model and backend, run just before and just after. */
function anchorRow(anchorId, raw, { backend, frames, warmup, threadsChoice, oursRuns }) {
  const spec = ANCHORS[anchorId];
  const totalMs = summarize(raw.times);
  const imageMs = summarize(raw.imageTimes);
  const fps = 1000 / totalMs.mean;
  const check = checkFound(anchorId, raw);
  const oursFps = oursRuns.map((r) => r.fps);
  const oursMean = oursFps.length ? oursFps.reduce((a, b) => a + b, 0) / oursFps.length : null;
  return {
    anchor: anchorId,
    library: spec.library,
    version: raw.version,
    tfjs: raw.tfjs,
    call: spec.call,
    weights: spec.weights,
    model: spec.ours,
    backend: raw.backend,
    requestedBackend: backend,
    threads: raw.threads,
    threadsChoice,
    simd: raw.simd,
    crossOriginIsolated: raw.crossOriginIsolated,
    frameSize: `${raw.frameSize.width}x${raw.frameSize.height}`,
    coldStart: { ...raw.coldStart, totalMs: raw.coldStart.importMs + raw.coldStart.loadMs + raw.coldStart.firstInferenceMs },
    warmup,
    frames,
    times: raw.times,
    totalMs,
    fps,
    imageInput: { times: raw.imageTimes, totalMs: imageMs, fps: 1000 / imageMs.mean },
    memory: raw.memory,
    found: raw.found,
    check,
    ours: oursMean === null ? null : {
      /** mean of our runs just before and just after this anchor */
      fps: oursMean,
      runs: oursRuns.map((r) => ({ fps: r.fps, threads: r.wasmThreads ?? null, p50Ms: r.stages.totalMs.p50 })),
      /** (max - min) / mean of those runs: how much the machine's speed moved meanwhile */
      spread: (Math.max(...oursFps) - Math.min(...oursFps)) / oursMean,
    },
    /** our fps / the anchor's fps, same weights, browser, backend, frame and frame count */
    ratio: oursMean === null ? null : oursMean / fps,
  };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const loadAtStart = os.loadavg()[0];
  const frameBudget = (b) => opts.models.length * (90 + (2 * opts.frames + 3) * SECONDS_PER_FRAME[b] + 1.5 * (opts.sustainedS ?? 0));
  const anchorBudget = (b) => (opts.anchors ? 2 * 2 * (60 + (2 * opts.frames + 3) * SECONDS_PER_FRAME[b]) : 0);
  const evalModels = opts.evalSet ? evaluableModels(ROOT, opts.models.filter((m) => !isModelPath(m))) : [];
  const serving = evalModels.length ? evalSetServing(opts.evalSet) : null;
  // the evaluation, and the bench runs of its models just before and after it
  const evalBudget = (b) => (serving ? evalModels.length * (120 + opts.evalLimit * 2 * SECONDS_PER_FRAME[b] + 2 * (90 + (2 * opts.frames + 3) * SECONDS_PER_FRAME[b])) : 0);
  const timeoutS = opts.timeoutS ?? 300 + opts.backends.reduce((s, b) => s + frameBudget(b) + anchorBudget(b) + evalBudget(b), 0);
  const session = await startChromiumRun({
    root: ROOT,
    label: 'bench',
    timeoutS,
    serve: { routes: anchorRoutes(ROOT), texts: { ...ANCHOR_TEXTS, ...(serving?.texts ?? {}) }, mounts: serving?.mounts ?? {} },
  });
  const log = [];

  const results = [];
  const appFailures = [];
  const anchors = [];
  const anchorFailures = [];
  const evalRows = [];
  const evalFailures = [];
  const imported = [];
  try {
    for (const backend of opts.backends) {
      const browser = await session.launch(backend);
      const deadline = Math.min(Date.now() + (frameBudget(backend) + anchorBudget(backend) + evalBudget(backend)) * 1000, started + timeoutS * 1000);
      console.log(`bench: ${opts.models.join(', ')} on ${backend}, ${opts.frames} frame${opts.frames > 1 ? 's' : ''} (Chromium ${session.browserVersion})`);
      const appContext = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 800 } });
      await appContext.addInitScript(benchRecorder);
      // model files: imported into this context's storage, then benched by the id the app gave
      // them; their rows carry the file as given (`model`) and that id (`importedId`)
      const idOf = new Map();
      for (const spec of opts.modelFiles) {
        const t = Date.now();
        try {
          const { id, name } = await importModelFile(appContext, session.origin, spec, log);
          idOf.set(spec.entry, id);
          imported.push({ file: spec.path, card: spec.cardPath, backend, id, name });
          console.log(`  imported ${spec.entry}${spec.cardPath ? ` with ${relative(process.cwd(), spec.cardPath)}` : " (no card: the panel's proposal)"} as ${id} "${name}" (${((Date.now() - t) / 1000).toFixed(1)} s)`);
        } catch (error) {
          const message = error.message.split('\n')[0];
          appFailures.push({ model: spec.entry, backend, message });
          console.log(`  ${spec.entry}: FAILED to import: ${message}`);
        }
      }
      const entryOf = new Map([...idOf].map(([entry, id]) => [id, entry]));
      const bench = async (models, role) => {
        const t = Date.now();
        const result = await runApp(appContext, session.origin, models.map((m) => idOf.get(m) ?? m), backend, opts.frames, deadline, log, opts.profile, opts.sustainedS ?? 0);
        for (const x of [...result.rows, ...result.failures]) {
          if (entryOf.has(x.model)) Object.assign(x, { importedId: x.model, model: entryOf.get(x.model) });
        }
        results.push({ role, backend, ...result });
        for (const row of result.rows) console.log(`  ${row.model}: ${row.fps.toFixed(2)} fps, cold start ${row.coldStart.totalMs.toFixed(0)} ms${role === 'bracket' ? ' (again, after the anchor)' : ''}`);
        for (const f of result.failures) console.log(`  ${f.model}: FAILED: ${f.message}`);
        console.log(`  (${((Date.now() - t) / 1000).toFixed(1)} s)`);
        return result;
      };
      const done = new Set();
      try {
        // Each anchored model runs right before and right after its anchor, so a machine whose
        // speed moves (shared, throttled) shows up as spread instead of a false ratio.
        const anchored = opts.anchors ? Object.entries(ANCHORS).filter(([, spec]) => opts.models.includes(spec.ours)) : [];
        for (const [anchorId, spec] of anchored) {
          if (!spec.backends.includes(backend)) {
            anchorFailures.push({ anchor: spec.library, backend, message: `its browser bundle has no ${backend} backend` });
            continue;
          }
          const before = await bench([spec.ours], 'table');
          done.add(spec.ours);
          const oursBefore = before.rows.find((r) => r.model === spec.ours) ?? null;
          const [fw, fh] = (before.frameSize || 'x').split('x').map(Number);
          const frame = { url: '/samples/sample1.jpg', width: fw || 0, height: fh || 0 };
          const warmup = before.plan?.warmup ?? 3;
          // First as the library's users get it (tfjs picks the WASM thread count), then, where
          // ours ran another count, with the same threads as ours: same work, same cores.
          const variants = [{ threadsChoice: 'default', threads: null }];
          const pending = [];
          try {
            for (let v = 0; v < variants.length; v++) {
              const { threadsChoice, threads } = variants[v];
              const t = Date.now();
              const raw = await runAnchor(browser, session.origin, anchorId, { backend, threads, warmup, frames: opts.frames, frame }, log);
              pending.push({ raw, threadsChoice });
              console.log(`  ${spec.library} (${raw.backend}${raw.threads ? `, ${raw.threads} thread${raw.threads > 1 ? 's' : ''}` : ''}): ${(1000 / summarize(raw.times).mean).toFixed(2)} fps (${((Date.now() - t) / 1000).toFixed(1)} s)`);
              if (backend === 'wasm' && v === 0 && oursBefore?.wasmThreads && raw.threads && oursBefore.wasmThreads !== raw.threads) {
                variants.push({ threadsChoice: 'matched', threads: oursBefore.wasmThreads });
              }
            }
          } catch (error) {
            anchorFailures.push({ anchor: spec.library, backend, message: error.message.split('\n')[0] });
            console.log(`  ${spec.library}: FAILED: ${error.message.split('\n')[0]}`);
          }
          const after = pending.length ? await bench([spec.ours], 'bracket') : null;
          const oursAfter = after?.rows.find((r) => r.model === spec.ours) ?? null;
          const oursRuns = [oursBefore, oursAfter].filter(Boolean);
          for (const { raw, threadsChoice } of pending) {
            const row = anchorRow(anchorId, raw, { backend, frames: opts.frames, warmup, threadsChoice, oursRuns });
            anchors.push(row);
            console.log(`  ${spec.library}${threadsChoice === 'matched' ? ' (threads as ours)' : ''}: found ${row.check.summary}${row.ratio ? `; ours ${row.ratio.toFixed(2)}x` : ''}`);
          }
        }
        const rest = opts.models.filter((m) => !done.has(m) && (!isModelPath(m) || idOf.has(m)));
        if (rest.length) await bench(rest, 'table');
      } catch (error) {
        // No event or a crashed page: say so for each model still without a row, go on.
        const message = error.message.split('\n')[0];
        console.log(`  FAILED: ${message}`);
        const have = new Set(results.filter((r) => r.backend === backend).flatMap((r) => [...r.rows.map((x) => x.model), ...r.failures.map((x) => x.model)]));
        appFailures.push(...opts.models.filter((m) => !have.has(m) && (!isModelPath(m) || idOf.has(m))).map((model) => ({ model, backend, message })));
      }
      await appContext.close().catch(() => {});
      if (serving) {
        // after the bench of this backend, in the same browser: same machine state
        const t = Date.now();
        console.log(`  evaluation speed: ${evalModels.join(', ')} on ${opts.evalLimit} images of ${serving.name}`);
        // The models are benched again right before and right after the evaluation, in the same
        // browser, and the evaluation is held against the mean of the two: on a shared machine
        // the speed moves by 15-25% within a minute, more than the 10% being measured.
        const evalContext = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 800 } });
        try {
          await evalContext.addInitScript(benchRecorder);
          const bracket = async () => {
            const result = await runApp(evalContext, session.origin, evalModels, backend, opts.frames, deadline, log, false, 0);
            results.push({ role: 'eval-bracket', backend, ...result });
            return result.rows;
          };
          const before = await bracket();
          const out = await evalSpeedRows({ browser, context: evalContext, origin: session.origin, serving, models: evalModels, backend, limit: opts.evalLimit, deadline, log, benchRows: before });
          const after = await bracket();
          const rows = out.rows.map((r) => bracketed(r, before, after));
          evalRows.push(...rows);
          evalFailures.push(...out.failures);
          for (const r of rows) {
            console.log(`  ${r.model}: ${r.imagesPerSecond.toFixed(2)} images/s evaluating, bench ${r.benchFps?.toFixed(2) ?? '—'} fps (${r.benchRuns.map((f) => f.toFixed(2)).join(' before, ')} after)${r.ratio ? ` (${(r.ratio * 100).toFixed(0)}%)` : ''}`);
          }
        } catch (error) {
          const message = error.message.split('\n')[0];
          evalFailures.push(...evalModels.map((model) => ({ model, backend, message })));
          console.log(`  evaluation speed: FAILED: ${message}`);
        } finally {
          await evalContext.close().catch(() => {});
        }
        console.log(`  (${((Date.now() - t) / 1000).toFixed(1)} s)`);
      }
      await browser.close();
    }
  } finally {
    await session.close();
  }
  const scoring = await scoringSpeed(ROOT);
  console.log(`bench: scoring ${scoring.images} images x ${scoring.detections / scoring.images} detections took ${scoring.seconds.toFixed(2)} s (${scoring.where})`);
  const tracking = trackingSpeedWithHeap(ROOT);
  console.log(`bench: tracking ${tracking.objects} objects: update ${(tracking.updateMeanMs * 1000).toFixed(0)} µs a frame (p95 ${(tracking.updateP95Ms * 1000).toFixed(0)}), predict ${(tracking.predictMeanMs * 1000).toFixed(0)} µs, heap ${tracking.heapBytesPerFrame?.toFixed(0)} B a frame (${tracking.where})`);

  const first = results[0];
  const host = hostInfo();
  const createdAt = new Date().toISOString();
  // The table: one row per model and backend, in the order asked for (bracket reruns stay in
  // `results` and in the anchors' `ours.runs`).
  const tableRows = results.filter((r) => r.role === 'table').flatMap((r) => r.rows);
  const rows = opts.backends.flatMap((b) => opts.models.map((m) => tableRows.find((r) => r.model === m && r.requestedBackend === b)).filter(Boolean));
  const failures = [...results.flatMap((r) => r.failures), ...appFailures];
  const threads = [...new Set(rows.map((r) => r.wasmThreads).filter(Boolean))];
  const notes = [
    'fps = 1000 / mean time of one frame through the whole pipeline once it is a tensor: resize, normalize, network, read back, decode, NMS (the same for the anchors: 1000 / mean time of one library call on the same tensor). Turning the frame into a tensor is made once, outside the timing, for ours and the anchors alike; a live frame, or an image being evaluated, pays it every time (here about 10-15 ms for 640x480 on WASM).',
  ];
  if (anchors.length) {
    notes.push('Anchor rows: "our fps" is the mean of two runs of our model, just before and just after the anchor, in the same browser on the same backend; the ratio is that mean over the anchor\'s fps.');
  }
  const unsteady = anchors.filter((x, i) => x.ours && x.ours.spread > 0.15 && anchors.findIndex((y) => y.anchor === x.anchor && y.backend === x.backend) === i);
  for (const a of unsteady) {
    notes.push(`**Unsteady machine:** our ${a.model} on ${a.backend} ran at ${a.ours.runs.map((r) => r.fps.toFixed(2)).join(' and ')} fps before and after the ${a.library} anchor (${(a.ours.spread * 100).toFixed(0)}% apart): treat that ratio as rough.`);
  }
  if (anchors.some((a) => a.threadsChoice === 'matched')) {
    notes.push(
      `WASM threads: SSD Cam measures the thread count per device and ran ${threads.join('/')}; the anchors run first with tfjs's own choice (half the reported cores), then with the same count as ours.`,
    );
  }
  if (opts.backends.some((b) => b === 'webgl' || b === 'webgpu')) {
    notes.push('On a machine without a GPU, WebGL and WebGPU in headless Chromium run on SwiftShader (software): their figures say nothing about GPU speed.');
  }
  const report = {
    format: 'ssd-cam-bench-cli/1',
    createdAt,
    command: `node scripts/bench.mjs ${process.argv.slice(2).join(' ')}`.trim(),
    options: { models: opts.models, backends: opts.backends, frames: opts.frames, anchors: opts.anchors, profile: Boolean(opts.profile), sustainedS: opts.sustainedS ?? null },
    warmup: first?.plan?.warmup ?? null,
    git: gitInfo(),
    builtNow: session.built,
    device: {
      summary: deviceSummary(host, loadAtStart),
      host: { ...host, loadAverageAtStart: Math.round(loadAtStart * 100) / 100 },
      browser: { path: CHROME_PATH, version: session.browserVersion, headless: true },
      app: first?.device ?? null,
    },
    frame: { source: first?.frameSource ?? 'unknown', size: first?.frameSize ?? 'unknown', url: '/samples/sample1.jpg' },
    rows,
    failures,
    anchors,
    anchorFailures,
    /** model files imported through the app's panel for this run, per backend */
    imported,
    evaluation: {
      set: serving ? { dir: opts.evalSet, name: serving.name, format: serving.set.format, images: Math.min(serving.set.images, opts.evalLimit) } : null,
      skipped: serving ? null : opts.evalSet ? 'no trained model among --models' : 'no labelled set (--eval-set; ../shared/datasets/coco128-dev is not beside the project)',
      target: EVAL_SPEED_TARGET,
      steadyWithin: EVAL_SPEED_STEADY,
      rows: evalRows,
      failures: evalFailures,
    },
    scoring,
    tracking,
    notes,
    ratios: anchors.map((a) => ({ model: a.model, anchor: a.library, backend: a.backend, anchorThreads: a.threads, threadsChoice: a.threadsChoice, oursFps: a.ours?.fps ?? null, theirFps: a.fps, ratio: a.ratio, equalWork: a.check.ok })),
    results,
    browserLog: log,
    durationS: Math.round((Date.now() - started) / 100) / 10,
  };

  const outDir = resolve(ROOT, opts.out);
  mkdirSync(outDir, { recursive: true });
  const base = outputBase(outDir, createdAt, host.hostname);
  const md = markdown(report);
  writeFileSync(`${base}.json`, JSON.stringify(report, null, 2) + '\n');
  writeFileSync(`${base}.md`, md);
  console.log(`\n${md}`);
  // Warnings stay in the JSON (browserLog); errors are worth a look here.
  const errors = log.filter((l) => !/ warning\] /.test(l));
  if (errors.length) console.log(`browser errors:\n  ${errors.slice(0, 20).join('\n  ')}${errors.length > 20 ? `\n  ... ${errors.length - 20} more in the JSON` : ''}`);
  console.log(`bench: wrote ${relative(process.cwd(), base) || base}.json and .md in ${report.durationS} s`);

  const problems = [
    ...failures.map((f) => `${f.model} on ${f.backend} did not run: ${f.message}`),
    ...opts.backends.flatMap((b) => opts.models.filter((m) => !rows.some((r) => r.model === m && r.requestedBackend === b) && !failures.some((f) => f.model === m && f.backend === b)).map((m) => `${m} on ${b}: no row`)),
    ...anchorFailures.filter((f) => !/has no .* backend/.test(f.message)).map((f) => `anchor ${f.anchor} on ${f.backend}: ${f.message}`),
    ...anchors.filter((a) => !a.check.ok).map((a) => `anchor ${a.library} on ${a.backend} did not do the same work: ${a.check.summary}`),
    ...evalFailures.map((f) => `evaluation of ${f.model} on ${f.backend}: ${f.message}`),
  ];
  if (problems.length) {
    console.error(`bench: ${problems.length} problem${problems.length > 1 ? 's' : ''}:\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  if (error instanceof UsageError) {
    console.error(`bench: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
  console.error(`bench: ${error.stack ?? error}`);
  process.exit(1);
});
