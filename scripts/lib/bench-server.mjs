// The static server `npm run bench` and `npm run eval` use: dist/ at the root, plus the anchor
// libraries' own files (face-api and human browser bundles, their model files and the tfjs WASM
// binaries) under /__anchor/, read straight from node_modules (never copied into the repo or
// the build), plus folders mounted under a prefix (the labelled set of `npm run eval` at
// /__dataset/). Every response carries COOP/COEP, like `vite preview`, so pages are
// cross-origin isolated and WASM threads work. Loopback only; it closes itself after
// `lifetimeMs` even if the caller never does.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.bmp': 'image/bmp',
  '.gif': 'image/gif',
  '.xml': 'application/xml',
  '.yaml': 'text/plain; charset=utf-8',
  '.yml': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.bin': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
};

const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** A page for the anchors: cross-origin isolated, nothing else on it. */
const BLANK_HTML = '<!doctype html><meta charset="utf-8"><title>ssd-cam bench anchor</title><body></body>';

/**
 * Routes the anchors need: url -> absolute file. Only these files are reachable, never an
 * arbitrary path under node_modules.
 */
export function anchorRoutes(root) {
  const nm = (...p) => resolve(root, 'node_modules', ...p);
  const routes = {
    '/__anchor/face-api/face-api.esm.js': nm('@vladmandic/face-api/dist/face-api.esm.js'),
    '/__anchor/face-api/model/ssd_mobilenetv1_model-weights_manifest.json': nm('@vladmandic/face-api/model/ssd_mobilenetv1_model-weights_manifest.json'),
    '/__anchor/face-api/model/ssd_mobilenetv1_model.bin': nm('@vladmandic/face-api/model/ssd_mobilenetv1_model.bin'),
    '/__anchor/human/human.esm.js': nm('@vladmandic/human/dist/human.esm.js'),
    '/__anchor/human/models/centernet.json': nm('@vladmandic/human/models/centernet.json'),
    '/__anchor/human/models/centernet.bin': nm('@vladmandic/human/models/centernet.bin'),
  };
  for (const name of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']) {
    routes[`/__anchor/wasm/${name}`] = nm('@tensorflow/tfjs-backend-wasm/dist', name);
  }
  for (const [url, file] of Object.entries(routes)) {
    if (!existsSync(file)) throw new Error(`bench: ${file} is missing (for ${url}). Run npm ci.`);
  }
  return routes;
}

/** `pathname` under folder `dir`, or null when it would leave it (`..`, encoded or not). */
function under(dir, pathname) {
  let path;
  try {
    path = normalize(decodeURIComponent(pathname));
  } catch {
    return null;
  }
  const file = join(dir, path);
  return file === dir || file.startsWith(dir + sep) ? file : null;
}

/**
 * @param {{ distDir: string, routes: Record<string, string>, lifetimeMs: number,
 *   mounts?: Record<string, string> }} opts  mounts: URL prefix ending in '/' -> folder
 * @returns {Promise<{ origin: string, requests: string[], close(): Promise<void> }>}
 */
export async function startBenchServer({ distDir, routes, lifetimeMs, mounts = {} }) {
  const dist = resolve(distDir);
  const mounted = Object.entries(mounts).map(([prefix, dir]) => {
    if (!prefix.startsWith('/') || !prefix.endsWith('/')) throw new Error(`mount prefix ${prefix} must start and end with '/'`);
    return [prefix, resolve(dir)];
  });
  const requests = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, ISOLATION).end();
      return;
    }
    let file = routes[url.pathname];
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204, ISOLATION).end();
      return;
    }
    if (url.pathname === '/__anchor/blank.html') {
      res.writeHead(200, { ...ISOLATION, 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : BLANK_HTML);
      return;
    }
    const mount = file ? null : mounted.find(([prefix]) => url.pathname.startsWith(prefix));
    if (mount) {
      // a mounted folder: its files only, no index pages
      file = under(mount[1], url.pathname.slice(mount[0].length - 1));
      if (!file) {
        res.writeHead(403, ISOLATION).end();
        return;
      }
      if (existsSync(file) && !statSync(file).isFile()) {
        res.writeHead(404, { ...ISOLATION, 'Content-Type': TYPES['.txt'] }).end('not a file');
        return;
      }
    } else if (!file) {
      file = under(dist, url.pathname);
      if (!file) {
        res.writeHead(403, ISOLATION).end();
        return;
      }
      if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    }
    if (!existsSync(file)) {
      res.writeHead(404, { ...ISOLATION, 'Content-Type': TYPES['.txt'] }).end('not found');
      return;
    }
    res.writeHead(200, {
      ...ISOLATION,
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': statSync(file).size,
      'Cache-Control': 'no-cache',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  let closed = false;
  const close = () =>
    new Promise((ok) => {
      if (closed) return ok();
      closed = true;
      clearTimeout(timer);
      server.closeAllConnections();
      server.close(() => ok());
    });
  // Bounded: whatever happens to the caller, the server does not outlive its budget.
  const timer = setTimeout(() => {
    console.error(`bench: server lifetime of ${Math.round(lifetimeMs / 1000)} s is over; closing it`);
    close();
  }, lifetimeMs);
  timer.unref();
  const { port } = server.address();
  return { origin: `http://127.0.0.1:${port}`, requests, close };
}
