#!/usr/bin/env node
// Soak test: runs the production build in Chromium with the fake camera for many frames and
// prints, at intervals, what would show a leak: tf.memory() in the worker (numTensors,
// numBytes) and the JS heap of the page and of the detection worker (with the worker's
// ArrayBuffers and WASM memory). Then it breaks the engine on purpose, several times (the
// ?debug=1 hook: worker crash, worker hang), and prints how long each recovery took (worker
// back, detections again), with median and max per kind, judged against the 2-second
// recovery target (a report line: the e2e tests only prove that recovery happens).
//
// Exits 1 if the tensor count or the tensor bytes grew between the first line (frame 20,
// after warm-up) and the last, or if a fault was not recovered; 2 if the run itself failed.
// Missing the 2 s target does not change the exit code: it is a measurement, for people.
//
//   npm run soak                                  # 1,000 frames, face model, WASM, 5 crashes + 5 hangs
//   npm run soak -- --frames 5000 --every 500 --backend webgl --model ssd-mobilenet-v1-face
//   npm run soak -- --frames 0 --faults 10        # recovery times only
//   npm run soak -- --faults 0                    # leak check only
//
// Builds first when dist/ is missing or older than the sources; serves dist/ with
// `vite preview` on 127.0.0.1 (a free port); uses /usr/bin/chromium or CHROME_PATH; makes the
// fake camera clip (tests/.fixtures/cam-sample1.y4m) when missing.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { FAULT_HEADER, faultFigures, faultLine, summarize, verdictLines } from './lib/recovery-report.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const camera = join(root, 'tests/.fixtures/cam-sample1.y4m');

const FAULT_KINDS = ['crash', 'hang', 'lose-device'];

function parseArgs(argv) {
  const opts = { frames: 1000, every: 100, model: 'ssd-mobilenet-v1-face', backend: 'wasm', timeoutS: 1800, faults: 5, faultKinds: ['crash', 'hang'] };
  if (argv.includes('--help')) {
    console.log(
      'usage: npm run soak -- [--frames 1000 (0: no leak check)] [--every 100] [--model id] [--backend wasm|webgl|webgpu|cpu|auto]\n' +
        '                       [--faults 5 (of each kind; 0: none)] [--fault-kinds crash,hang (also lose-device, webgpu only)] [--timeout seconds]',
    );
    process.exit(0);
  }
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    switch (name) {
      case '--frames': opts.frames = Number(value()); break;
      case '--every': opts.every = Number(value()); break;
      case '--model': opts.model = value(); break;
      case '--backend': opts.backend = value(); break;
      case '--timeout': opts.timeoutS = Number(value()); break;
      case '--faults': opts.faults = Number(value()); break;
      case '--fault-kinds': opts.faultKinds = value().split(',').map((k) => k.trim()).filter(Boolean); break;
      default: throw new Error(`unknown option ${argv[i]} (try --help)`);
    }
  }
  if (!(opts.frames === 0 || opts.frames > 20) || !(opts.every > 0)) throw new Error('--frames must be 0 or > 20, and --every > 0');
  if (!(Number.isInteger(opts.faults) && opts.faults >= 0)) throw new Error('--faults must be a whole number');
  const unknown = opts.faultKinds.filter((k) => !FAULT_KINDS.includes(k));
  if (unknown.length) throw new Error(`unknown fault kind ${unknown.join(', ')} (${FAULT_KINDS.join(', ')})`);
  if (opts.frames === 0 && opts.faults === 0) throw new Error('nothing to do: --frames 0 and --faults 0');
  return opts;
}

function newestMtime(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newestMtime(join(path, f))));
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

function buildIfNeeded() {
  const built = join(root, 'dist/index.html');
  const sources = ['src', 'models', 'index.html', 'vite.config.ts', 'package.json'].map((p) => join(root, p)).filter(existsSync);
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newestMtime))) return;
  console.log('[soak] building (dist/ is missing or older than the sources)…');
  run('npm', ['run', 'build']);
}

function freePort() {
  return new Promise((res, rej) => {
    const server = createServer();
    server.once('error', rej);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => res(port));
    });
  });
}

async function serve() {
  const port = await freePort();
  const child = spawn(join(root, 'node_modules/.bin/vite'), ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new Error(`vite preview exited (${child.exitCode})`);
    try {
      if ((await fetch(base)).ok) return { base, stop: () => child.kill() };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error('vite preview did not start');
}

// Runs in the page before the app: keeps the latest ssd:detections detail, a count, the time
// of every result, every ssd:ready, and when the app ended a detection worker or one reported
// an uncaught error (the moment a fault was noticed). Times are the page's performance.now().
function recorder() {
  const w = window;
  const soak = (w.__soak = { frames: 0, last: null, errors: [], ready: null, readies: [], times: [], workerEnds: [] });
  addEventListener('ssd:ready', (e) => {
    soak.ready = e.detail;
    soak.readies.push({ t: performance.now(), backend: e.detail.backend, loadMs: e.detail.loadMs });
  });
  addEventListener('ssd:error', (e) => soak.errors.push(e.detail));
  addEventListener('ssd:detections', (e) => {
    soak.frames++;
    soak.times.push(performance.now());
    if (soak.times.length > 2000) soak.times.splice(0, 1000);
    const { frame, numTensors, numBytes, fps } = e.detail;
    soak.last = { frame, numTensors, numBytes, fps };
  });
  const Native = w.Worker;
  if (!Native) return;
  const ended = (how) => soak.workerEnds.push({ t: performance.now(), how });
  const terminate = Native.prototype.terminate;
  Native.prototype.terminate = function () {
    if (this.__soakDetector) ended('terminate');
    return terminate.call(this);
  };
  w.Worker = class extends Native {
    constructor(url, options) {
      super(url, options);
      this.__soakDetector = String(url).includes('detector');
      if (this.__soakDetector) this.addEventListener('error', () => ended('error'));
    }
  };
}

async function progress(page) {
  return page.evaluate(() => ({ ...window.__soak, times: undefined, readies: undefined, workerEnds: undefined }));
}

/**
 * JS heap in use by the page and by the detection worker, read over the DevTools protocol
 * (Runtime.getHeapUsage in each target; the worker's ArrayBuffers, WASM memory included, are
 * its backing store). Attaches to the worker anew each time: a restarted worker is a new target.
 */
async function heaps(cdp) {
  const page = await cdp.send('Runtime.getHeapUsage');
  const { targetInfos } = await cdp.send('Target.getTargets');
  const worker = targetInfos.find((t) => t.type === 'worker' && t.url.includes('detector.worker'));
  let used = NaN;
  let backing = NaN;
  if (worker) {
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false });
    try {
      const usage = await new Promise((resolve, reject) => {
        const onMessage = ({ sessionId: from, message }) => {
          const reply = JSON.parse(message);
          if (from !== sessionId || reply.id !== 1) return;
          cdp.off('Target.receivedMessageFromTarget', onMessage);
          if (reply.error) reject(new Error(reply.error.message));
          else resolve(reply.result);
        };
        cdp.on('Target.receivedMessageFromTarget', onMessage);
        cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method: 'Runtime.getHeapUsage' }) }).catch(reject);
      });
      used = usage.usedSize;
      backing = usage.backingStorageSize ?? NaN;
    } finally {
      await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {});
    }
  }
  return { page: page.usedSize, worker: used, workerBuffers: backing };
}

const mb = (n) => (Number.isFinite(n) ? (n / 2 ** 20).toFixed(1) : '–');

/** The leak check: a line every `every` frames up to `frames`; true when tensors grew. */
async function leakCheck(page, context, opts) {
  const cdp = await context.newCDPSession(page);
  const started = Date.now();
  const deadline = started + opts.timeoutS * 1000;
  const rows = [];
  let next = Math.min(20, opts.every); // the first line after warm-up: the baseline
  console.log('frames  elapsed s  det fps  numTensors    numBytes  page heap MB  worker heap MB  worker buffers MB');
  for (;;) {
    const s = await progress(page);
    if (s.errors.length) throw new Error(`ssd:error: ${JSON.stringify(s.errors)}`);
    if (s.frames >= next && s.last) {
      const heap = await heaps(cdp);
      const row = { frames: s.frames, ...s.last, heap };
      rows.push(row);
      console.log(
        `${String(s.frames).padStart(6)}  ${((Date.now() - started) / 1000).toFixed(0).padStart(9)}  ${s.last.fps.toFixed(2).padStart(7)}  ` +
          `${String(s.last.numTensors).padStart(10)}  ${String(s.last.numBytes).padStart(10)}  ${mb(heap.page).padStart(12)}  ` +
          `${mb(heap.worker).padStart(14)}  ${mb(heap.workerBuffers).padStart(17)}`,
      );
      if (s.frames >= opts.frames) break;
      next = next < opts.every ? opts.every : next + opts.every;
      next = Math.min(next, opts.frames);
    }
    if (Date.now() > deadline) throw new Error(`only ${s.frames} frames after ${opts.timeoutS} s`);
    await page.waitForTimeout(200);
  }
  await cdp.detach().catch(() => {});
  const first = rows[0];
  const last = rows[rows.length - 1];
  const growth = (a, b) => (Number.isFinite(a) && Number.isFinite(b) ? `${mb(a)} -> ${mb(b)} MB` : 'not measurable here');
  console.log(
    `[soak] ${opts.model} on ${(await progress(page)).ready?.backend}, frames ${first.frames} -> ${last.frames}: ` +
      `numTensors ${first.numTensors} -> ${last.numTensors}, numBytes ${first.numBytes} -> ${last.numBytes}; ` +
      `JS heap: page ${growth(first.heap.page, last.heap.page)}, worker ${growth(first.heap.worker, last.heap.worker)} ` +
      `(buffers ${growth(first.heap.workerBuffers, last.heap.workerBuffers)})`,
  );
  if (last.numTensors > first.numTensors || last.numBytes > first.numBytes) {
    console.log('[soak] FAIL: tensors grew');
    return true;
  }
  console.log('[soak] OK: tensor count and bytes did not grow');
  return false;
}

/** What the recorder holds after page time `since`. */
function recordedAfter(page, since) {
  return page.evaluate((t) => {
    const s = window.__soak;
    return {
      readies: s.readies.filter((r) => r.t > t),
      times: s.times.filter((x) => x > t),
      workerEnds: s.workerEnds.filter((x) => x.t > t),
      errors: s.errors.length,
    };
  }, since);
}

/** Waits until `check(recorded)` returns something, polling; undefined after `timeoutMs`. */
async function waitRecorded(page, since, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = check(await recordedAfter(page, since));
    if (found !== undefined) return found;
    if (Date.now() > deadline) return undefined;
    await page.waitForTimeout(50);
  }
}

/** Steady state before a fault: five results since the last (re)start, so the hang watchdog
 * runs on measured frame times, not the generous limit of the first frames. */
async function steady(page) {
  const since = await page.evaluate(() => window.__soak.readies.at(-1)?.t ?? 0);
  const ok = await waitRecorded(page, since, (r) => (r.times.length >= 5 ? true : undefined), 120_000);
  if (!ok) throw new Error('no steady detection to break (fewer than 5 results in 120 s)');
  await page.waitForTimeout(500);
}

/**
 * Breaks the engine `opts.faults` times per kind through window.ssdCam.injectFault and
 * measures each recovery. Prints a line per fault and the summary; true when one failed.
 */
async function faultCheck(page, opts) {
  console.log(`[soak] faults: ${opts.faultKinds.map((k) => `${k} x${opts.faults}`).join(', ')}; times from the injection, in the page`);
  console.log(FAULT_HEADER);
  const rows = [];
  for (const kind of opts.faultKinds) {
    for (let i = 0; i < opts.faults; i++) {
      await steady(page);
      const errorsBefore = (await progress(page)).errors.length;
      const t0 = await page.evaluate((f) => {
        const t = performance.now();
        window.ssdCam.injectFault(f);
        return t;
      }, kind);
      // a hang is only noticed after the watchdog's limit (3x the slowest recent frame)
      const ready = await waitRecorded(page, t0, (r) => r.readies[0], 90_000);
      const detections = ready ? await waitRecorded(page, ready.t, (r) => r.times[0], 60_000) : undefined;
      const after = await recordedAfter(page, t0);
      const row = faultFigures({
        kind,
        t0,
        noticed: after.workerEnds[0]?.t,
        ready: ready?.t,
        detections,
        loadMs: ready?.loadMs,
      });
      if (after.errors > errorsBefore) row.recovered = false;
      rows.push(row);
      console.log(faultLine(rows.length, row));
      if (!row.recovered) break; // the engine is down: more of the same proves nothing
    }
  }
  for (const line of verdictLines(summarize(rows))) console.log(line);
  return rows.some((r) => !r.recovered);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(chromePath)) throw new Error(`Chromium not found at ${chromePath}: apt-get install chromium, or set CHROME_PATH`);
  buildIfNeeded();
  if (!existsSync(camera)) run(process.execPath, ['scripts/make-fake-camera.mjs', '--out', camera, '--photos', '1', '--seconds-per-photo', '1']);

  const server = await serve();
  const profile = mkdtempSync(join(tmpdir(), 'ssd-cam-soak-'));
  const gpu = opts.backend === 'webgpu' ? ['--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-vulkan=swiftshader', '--use-angle=vulkan'] : [];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromePath,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${camera}`,
      ...gpu,
    ],
  });
  let failed = false;
  try {
    await context.addInitScript(recorder);
    const page = await context.newPage();
    page.on('pageerror', (e) => console.log(`[soak] page error: ${e.message}`));
    page.on('crash', () => console.log('[soak] the page crashed'));
    // ?debug=1 exposes window.ssdCam.injectFault; nothing else changes
    const url = `${server.base}/?model=${encodeURIComponent(opts.model)}&backend=${encodeURIComponent(opts.backend)}&autostart=1${opts.faults ? '&debug=1' : ''}`;
    console.log(`[soak] ${url}: ${opts.frames ? `${opts.frames} frames, a line every ${opts.every}` : 'no leak check'}`);
    await page.goto(url);
    if (opts.frames > 0) failed = (await leakCheck(page, context, opts)) || failed;
    if (opts.faults > 0) failed = (await faultCheck(page, opts)) || failed;
  } finally {
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
    server.stop();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(`[soak] ${error.stack ?? error}`);
  process.exit(2);
});
