// The one static file server of the repository, for the CLI scripts (`npm run bench` and
// `npm run eval`: dist/ with COOP/COEP, the anchors' files from node_modules, the labelled set
// mounted under /__dataset/<name>/ and its file list) and for the PWA end-to-end tests (a bare
// static host: no COOP/COEP, a root swapped while it runs, build A then build B on one origin).
// It answers GET and HEAD only, on loopback, and never serves a file outside its root or a
// mounted folder however the path is spelled. Every file goes out with `Cache-Control: no-cache`
// so the browser's HTTP cache never hides a swapped root. Types: static-server.d.mts.
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

const typeOf = (path) => TYPES[extname(path)] ?? 'application/octet-stream';

/** What `vite preview` sends (vite.config.ts), so pages are cross-origin isolated and WASM gets threads. */
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

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

/** @param {import('./static-server.d.mts').StaticServerOptions} opts */
export async function startStaticServer({ root, isolation = true, routes = {}, texts = {}, mounts = {}, lifetimeMs, label = 'static server' }) {
  let current = resolve(root);
  const mounted = Object.entries(mounts).map(([prefix, dir]) => {
    if (!prefix.startsWith('/') || !prefix.endsWith('/')) throw new Error(`mount prefix ${prefix} must start and end with '/'`);
    return [prefix, resolve(dir)];
  });
  const base = isolation ? ISOLATION_HEADERS : {};
  const requests = [];

  /** The file a path names: a route, a mounted folder's file, or one under the root; null: refused. */
  function fileFor(pathname) {
    if (routes[pathname]) return routes[pathname];
    const mount = mounted.find(([prefix]) => pathname.startsWith(prefix));
    // a mounted folder: its files only, no index pages
    if (mount) return under(mount[1], pathname.slice(mount[0].length - 1));
    const file = under(current, pathname);
    return file && existsSync(file) && statSync(file).isDirectory() ? join(file, 'index.html') : file;
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname + url.search);
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) return void res.writeHead(405, base).end();
    const text = texts[url.pathname];
    if (text !== undefined) {
      res.writeHead(200, { ...base, 'Content-Type': typeOf(url.pathname), 'Cache-Control': 'no-store' });
      return void res.end(head ? undefined : text);
    }
    const file = fileFor(url.pathname);
    if (!file) return void res.writeHead(403, base).end();
    if (!existsSync(file) || !statSync(file).isFile()) {
      // no favicon is not worth a console error in the page
      if (url.pathname === '/favicon.ico') return void res.writeHead(204, base).end();
      return void res.writeHead(404, { ...base, 'Content-Type': TYPES['.txt'] }).end('not found');
    }
    res.writeHead(200, { ...base, 'Content-Type': typeOf(file), 'Content-Length': statSync(file).size, 'Cache-Control': 'no-cache' });
    if (head) res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  let closed = false;
  let timer;
  const close = () =>
    new Promise((ok) => {
      if (closed) return ok();
      closed = true;
      clearTimeout(timer);
      server.closeAllConnections();
      server.close(() => ok());
    });
  if (lifetimeMs !== undefined) {
    // Bounded: whatever happens to the caller, the server does not outlive its budget.
    timer = setTimeout(() => {
      console.error(`${label}: server lifetime of ${Math.round(lifetimeMs / 1000)} s is over; closing it`);
      close();
    }, lifetimeMs);
    timer.unref();
  }
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    setRoot(dir) {
      current = resolve(dir);
    },
    close,
  };
}
