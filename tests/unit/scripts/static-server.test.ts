// The repository's one static server (scripts/lib/static-server.mjs). As the CLI scripts use it:
// a mounted folder, as `npm run eval --dataset DIR` serves the labelled set (the folder's files
// under its prefix with COOP/COEP, nothing outside it however the path is spelled, no
// directory listings, dist/ still served beside it) and a text made by the caller (the set's
// file list). As the PWA tests use it: a bare host without COOP/COEP whose root is swapped
// on the same origin.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from '../../../scripts/lib/static-server.mjs';

let root: string;
let server: StaticServer;
let plain: StaticServer;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'ssd-cam-static-'));
  mkdirSync(join(root, 'dist'));
  writeFileSync(join(root, 'dist', 'index.html'), '<p>app</p>');
  mkdirSync(join(root, 'dist-b'));
  writeFileSync(join(root, 'dist-b', 'index.html'), '<p>app B</p>');
  mkdirSync(join(root, 'set', 'images'), { recursive: true });
  writeFileSync(join(root, 'set', 'instances.json'), '{"images":[]}');
  writeFileSync(join(root, 'set', 'images', 'a b.jpg'), 'jpeg');
  writeFileSync(join(root, 'secret.txt'), 'secret');
  server = await startStaticServer({
    root: join(root, 'dist'),
    mounts: { '/__dataset/set/': join(root, 'set') },
    texts: { '/__dataset/set/__files.json': '["images/a b.jpg"]' },
    lifetimeMs: 60_000,
  });
  plain = await startStaticServer({ root: join(root, 'dist'), isolation: false });
});

afterAll(async () => {
  await server?.close();
  await plain?.close();
  rmSync(root, { recursive: true, force: true });
});

const get = (path: string, at = server) => fetch(`${at.origin}${path}`);

describe('static server: mounts', () => {
  it('serves the mounted folder, cross-origin isolated, with the right types', async () => {
    const r = await get('/__dataset/set/instances.json');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(r.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(await r.text()).toBe('{"images":[]}');
    const img = await get('/__dataset/set/images/a%20b.jpg');
    expect([img.status, img.headers.get('content-type'), await img.text()]).toEqual([200, 'image/jpeg', 'jpeg']);
    expect((await get('/index.html')).status).toBe(200);
  });

  it('never leaves the folder and lists no directories', async () => {
    for (const path of ['/__dataset/set/..%2fsecret.txt', '/__dataset/set/%2e%2e/secret.txt', '/__dataset/set/images/..%2f..%2fsecret.txt']) {
      const r = await get(path);
      expect(r.status, path).not.toBe(200);
    }
    expect((await get('/__dataset/set/images/')).status).toBe(404);
    expect((await get('/__dataset/set/missing.json')).status).toBe(404);
  });

  it('serves a text made by the caller, with the type of its name', async () => {
    const r = await get('/__dataset/set/__files.json');
    expect([r.status, r.headers.get('content-type'), r.headers.get('cross-origin-opener-policy')]).toEqual([200, 'application/json', 'same-origin']);
    expect(await r.json()).toEqual(['images/a b.jpg']);
  });
});

describe('static server: a plain host for the PWA tests', () => {
  it('sends no COOP/COEP and no-cache, and answers / with index.html', async () => {
    const r = await get('/', plain);
    expect(r.status).toBe(200);
    expect(r.headers.get('cross-origin-opener-policy')).toBeNull();
    expect(r.headers.get('cross-origin-embedder-policy')).toBeNull();
    expect(r.headers.get('cache-control')).toBe('no-cache');
    expect(await r.text()).toBe('<p>app</p>');
    expect((await get('/../secret.txt', plain)).status).not.toBe(200);
  });

  it('swaps its root on the same origin and records what was asked', async () => {
    plain.setRoot(join(root, 'dist-b'));
    expect(await (await get('/?v=2', plain)).text()).toBe('<p>app B</p>');
    expect(plain.requests).toContain('/?v=2');
    plain.setRoot(join(root, 'dist'));
  });
});
