// The CLI's static server (scripts/lib/bench-server.mjs) with a mounted folder, as `npm run
// eval --dataset DIR` serves the labelled set: the folder's files under its prefix with
// COOP/COEP, nothing outside it however the path is spelled, no directory listings, and dist/
// still served beside it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper shared with the CLI scripts
import { startBenchServer } from '../../../scripts/lib/bench-server.mjs';

let root: string;
let server: { origin: string; close(): Promise<void> };

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'ssd-cam-mounts-'));
  mkdirSync(join(root, 'dist'));
  writeFileSync(join(root, 'dist', 'index.html'), '<p>app</p>');
  mkdirSync(join(root, 'set', 'images'), { recursive: true });
  writeFileSync(join(root, 'set', 'instances.json'), '{"images":[]}');
  writeFileSync(join(root, 'set', 'images', 'a b.jpg'), 'jpeg');
  writeFileSync(join(root, 'secret.txt'), 'secret');
  server = await startBenchServer({ distDir: join(root, 'dist'), routes: {}, mounts: { '/__dataset/set/': join(root, 'set') }, lifetimeMs: 60_000 });
});

afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

const get = (path: string) => fetch(`${server.origin}${path}`);

describe('startBenchServer mounts', () => {
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
});
