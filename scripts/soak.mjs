#!/usr/bin/env node
// Soak test: runs the production build in Chromium with the fake camera for many frames and
// prints, at intervals, what would show a leak: tf.memory() in the worker (numTensors,
// numBytes) and the JS heap of the page and of the detection worker (with the worker's
// ArrayBuffers and WASM memory). Exits 1 if the tensor count or the tensor bytes grew between
// the first line (frame 20, after warm-up) and the last; 2 if the run itself failed.
//
//   npm run soak                                  # 1,000 frames, face model, WASM
//   npm run soak -- --frames 5000 --every 500 --backend webgl --model ssd-mobilenet-v1-face
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

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const camera = join(root, 'tests/.fixtures/cam-sample1.y4m');

function parseArgs(argv) {
  const opts = { frames: 1000, every: 100, model: 'ssd-mobilenet-v1-face', backend: 'wasm', timeoutS: 1800 };
  if (argv.includes('--help')) {
    console.log('usage: npm run soak -- [--frames 1000] [--every 100] [--model id] [--backend wasm|webgl|webgpu|cpu|auto] [--timeout seconds]');
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
      default: throw new Error(`unknown option ${argv[i]} (try --help)`);
    }
  }
  if (!(opts.frames > 20) || !(opts.every > 0)) throw new Error('--frames must be > 20 and --every > 0');
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

// Runs in the page before the app: keeps the latest ssd:detections detail and a count.
function recorder() {
  const w = window;
  w.__soak = { frames: 0, last: null, errors: [], ready: null };
  addEventListener('ssd:ready', (e) => (w.__soak.ready = e.detail));
  addEventListener('ssd:error', (e) => w.__soak.errors.push(e.detail));
  addEventListener('ssd:detections', (e) => {
    w.__soak.frames++;
    const { frame, numTensors, numBytes, fps } = e.detail;
    w.__soak.last = { frame, numTensors, numBytes, fps };
  });
}

async function progress(page) {
  return page.evaluate(() => ({ ...window.__soak, memory: undefined }));
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
    const url = `${server.base}/?model=${encodeURIComponent(opts.model)}&backend=${encodeURIComponent(opts.backend)}&autostart=1`;
    console.log(`[soak] ${url}: ${opts.frames} frames, a line every ${opts.every}`);
    await page.goto(url);
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
      failed = true;
    } else {
      console.log('[soak] OK: tensor count and bytes did not grow');
    }
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
