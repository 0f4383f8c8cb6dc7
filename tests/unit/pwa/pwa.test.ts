// The PWA's pure parts: the build's precache check, how downloaded models are grouped and which
// files a model.json names, which catalogue models the service worker caches at run time, and
// which replaced version's files answer a tab that still runs it.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { missingFromPrecache } from '../../../scripts/lib/precache-check';
import { maskableSvg } from '../../../scripts/lib/pwa-icons';
import { networkModels, networkModelsOf } from '../../../src/features/models/network-models';
import { isRuntimeModelUrl } from '../../../src/pwa/cache-names';
import { downloadSize, folderOf, groupByFolder, ModelDownloadError, weightBytes, weightFileUrls } from '../../../src/pwa/model-store';
import {
  cacheFor,
  outgoingEntries,
  parseMeta,
  plainUrl,
  sortVersions,
  unusedVersions,
  versionOfClient,
  type PreviousVersion,
} from '../../../src/pwa/previous-versions';

const ROOT = join(import.meta.dirname, '../../..');

describe('missingFromPrecache', () => {
  const required = ['/models/face/w.json', '/models/face/w.bin', '/wasm/a.wasm'];
  const emitted = ['index.html', 'assets/worker-1.js', 'models/face/w.json', 'models/face/w.bin', 'wasm/a.wasm'];

  it('passes when every required and emitted file is precached', () => {
    expect(missingFromPrecache([...emitted], required, emitted)).toEqual({ notEmitted: [], notPrecached: [] });
  });

  it('names weights left out (e.g. over the size limit) and required files never emitted', () => {
    const manifest = emitted.filter((f) => !f.endsWith('.bin'));
    expect(missingFromPrecache(manifest, [...required, '/models/hands/h.bin'], emitted)).toEqual({
      notEmitted: ['models/hands/h.bin'],
      notPrecached: ['models/face/w.bin', 'models/hands/h.bin'],
    });
  });

  it('names app files left out by a narrow glob', () => {
    expect(missingFromPrecache(['index.html', ...required], required, emitted).notPrecached).toEqual(['assets/worker-1.js']);
  });
});

describe('downloaded models', () => {
  it('groups cache entries by folder, one group per model', () => {
    const base = 'https://storage.googleapis.com/tfjs-models/savedmodel';
    expect(
      groupByFolder([
        { url: `${base}/ssd_mobilenet_v2/model.json`, bytes: 100 },
        { url: `${base}/ssd_mobilenet_v2/group1-shard1of2?x=1`, bytes: 4_000_000 },
        { url: `${base}/ssd_mobilenet_v1/model.json`, bytes: 90 },
      ]),
    ).toEqual([
      { folder: `${base}/ssd_mobilenet_v1/`, files: 1, bytes: 90 },
      { folder: `${base}/ssd_mobilenet_v2/`, files: 2, bytes: 4_000_100 },
    ]);
    expect(folderOf('https://h/a/b/model.json?v=2#x')).toBe('https://h/a/b/');
  });

  it('lists the weight files of a graph model and of a bare weights manifest', () => {
    const url = 'https://h/m/model.json';
    const groups = [{ paths: ['group1-shard1of2', 'group1-shard2of2'], weights: [] }, { paths: ['../x/s3.bin'], weights: [] }];
    expect(weightFileUrls({ format: 'graph-model', weightsManifest: groups }, url)).toEqual([
      'https://h/m/group1-shard1of2',
      'https://h/m/group1-shard2of2',
      'https://h/x/s3.bin',
    ]);
    expect(weightFileUrls(groups, url)).toHaveLength(3);
    expect(() => weightFileUrls({ modelTopology: {} }, url)).toThrow(ModelDownloadError);
    expect(() => weightFileUrls([{ paths: [3] }], url)).toThrow(/not paths/);
  });
});

describe('a model\'s size before it is downloaded', () => {
  const human = join(process.cwd(), 'node_modules/@vladmandic/human/models');
  const manifests = readdirSync(human).filter((f) => f.endsWith('.json') && readFileSync(join(human, f), 'utf8').includes('"weightsManifest"'));

  it('sizes the weights from the manifest exactly as the shards on disk (every model of @vladmandic/human)', () => {
    expect(manifests.length).toBeGreaterThan(5);
    const quantized = manifests.filter((f) => readFileSync(join(human, f), 'utf8').includes('"quantization"'));
    for (const f of manifests) {
      const json = JSON.parse(readFileSync(join(human, f), 'utf8'));
      const onDisk = weightFileUrls(json, `file://${human}/${f}`).reduce((sum, url) => sum + statSync(new URL(url)).size, 0);
      expect(weightBytes(json), f).toBe(onDisk);
    }
    // among them quantized weights, sized by their stored dtype
    expect(quantized.length, 'quantized manifests in @vladmandic/human').toBeGreaterThan(0);
  });

  it('tells nothing it cannot know', () => {
    expect(weightBytes({ modelTopology: {} })).toBeNull();
    expect(weightBytes({ weightsManifest: [{ paths: ['a'], weights: [] }] })).toBeNull();
    expect(weightBytes([{ paths: ['a'], weights: [{ name: 's', shape: [2], dtype: 'string' }] }])).toBeNull();
    expect(weightBytes([{ paths: ['a'], weights: [{ name: 'q', shape: [3, 5], dtype: 'float32', quantization: { dtype: 'uint8', min: 0, scale: 1 } }] }])).toBe(15);
    expect(weightBytes([{ paths: ['a'], weights: [{ name: 'h', shape: [3, 5], dtype: 'float32', quantization: { dtype: 'float16' } }, { name: 'b', shape: [], dtype: 'bool' }] }])).toBe(31);
  });

  it('asks a real server: the manifest when it sizes the weights, else each shard\'s Content-Length', async () => {
    const sized = JSON.stringify({ format: 'graph-model', weightsManifest: [{ paths: ['s1.bin'], weights: [{ name: 'w', shape: [10, 10], dtype: 'float32' }] }] });
    const unsized = JSON.stringify({ format: 'graph-model', weightsManifest: [{ paths: ['s1.bin', 's2.bin'], weights: [] }] });
    const seen: string[] = [];
    const server = createServer((request, res) => {
      seen.push(`${request.method} ${request.url}`);
      // the model.json request is marked as a size probe (the service worker keeps none)
      const req = { method: request.method, url: new URL(request.url!, 'http://x').pathname };
      if (req.url.endsWith('model.json') && !request.url!.includes('ssd-cam-size-probe=1')) return res.writeHead(400).end();
      if (req.url === '/sized/model.json') return res.end(sized);
      if (req.url === '/unsized/model.json') return res.end(unsized);
      if (req.url === '/unsized/s1.bin') return res.writeHead(200, { 'content-length': 1234 }).end(req.method === 'HEAD' ? undefined : Buffer.alloc(1234));
      if (req.url === '/unsized/s2.bin') return res.writeHead(200, { 'content-length': 66 }).end(req.method === 'HEAD' ? undefined : Buffer.alloc(66));
      res.writeHead(404).end();
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect(await downloadSize(`${base}/sized/model.json`)).toBe(sized.length + 400);
      expect(await downloadSize(`${base}/unsized/model.json`)).toBe(unsized.length + 1234 + 66);
      expect(await downloadSize(`${base}/missing/model.json`)).toBeNull();
      // the shards themselves are never downloaded to size them
      expect(seen.filter((r) => r.startsWith('GET') && r.endsWith('.bin'))).toEqual([]);
      expect(seen).toContain('HEAD /unsized/s2.bin');
      expect(seen.filter((r) => r.includes('model.json'))).toEqual(['GET /sized/model.json?ssd-cam-size-probe=1', 'GET /unsized/model.json?ssd-cam-size-probe=1', 'GET /missing/model.json?ssd-cam-size-probe=1']);
    } finally {
      server.close();
    }
  });
});

describe('network models in the catalogue', () => {
  it('reads network.url from manifests and ignores bundled ones', () => {
    expect(
      networkModelsOf([
        { id: 'b', name: 'B', network: { url: 'https://storage.googleapis.com/tfjs-models/b/model.json' } },
        { id: 'face', name: 'Face' },
        { id: 'a', name: 'A', network: { url: 'https://storage.googleapis.com/tfjs-models/a/model.json' } },
        { id: 'bad', name: 'Bad', network: { url: 7 } },
      ]).map((m) => m.id),
    ).toEqual(['a', 'b']);
  });

  it('every network model in models/ is one the service worker caches for offline use', () => {
    const manifests = readdirSync(join(ROOT, 'models'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(join(ROOT, 'models', f), 'utf8')));
    const expected = manifests.filter((m) => m.network?.url).map((m) => m.id).sort();
    expect(networkModels().map((m) => m.id).sort()).toEqual(expected);
    for (const m of networkModels()) expect(isRuntimeModelUrl(m.url), `${m.id}: ${m.url}`).toBe(true);
    expect(isRuntimeModelUrl('https://example.com/tfjs-models/x/model.json')).toBe(false);
  });
});

describe('icons', () => {
  it('derives the maskable icon from the SVG source: square corners, glyph in the safe zone', () => {
    const svg = readFileSync(join(ROOT, 'public/icons/icon.svg'), 'utf8');
    const m = maskableSvg(svg);
    expect(m).not.toMatch(/<rect id="bg"[^>]*rx=/);
    expect(m).toContain('scale(0.78)');
    expect(() => maskableSvg('<svg></svg>')).toThrow(/maskable/);
  });
});

describe('replaced versions (tabs still running an old version)', () => {
  const o = 'https://app.example/';
  const rev = (path: string, r: string) => `${o}${path}?__WB_REVISION__=${r}`;
  // Version A: worker chunk w-aaaa, WASM revision 1, weights revision 1.
  const keysA = [rev('index.html', 'a'), `${o}assets/index-aaaa.js`, `${o}assets/detector.worker-aaaa.js`, rev('wasm/simd.wasm', '1'), rev('models/face/w.bin', '1')];
  // Version B: new index and worker; the WASM changed; the weights did not.
  const keysB = [rev('index.html', 'b'), `${o}assets/index-bbbb.js`, `${o}assets/detector.worker-bbbb.js`, rev('wasm/simd.wasm', '2'), rev('models/face/w.bin', '1')];

  it('keeps what the outgoing version has and the incoming one lacks or changed, by plain URL', () => {
    expect(plainUrl(rev('wasm/simd.wasm', '2'))).toBe(`${o}wasm/simd.wasm`);
    expect(plainUrl(`${o}a.js?x=1&__WB_REVISION__=3#h`)).toBe(`${o}a.js?x=1`);
    // while B installs, the precache holds both versions' keys
    const kept = outgoingEntries([...keysA, ...keysB.filter((k) => !keysA.includes(k))], new Set(keysB));
    expect(kept.map((e) => e.url)).toEqual([`${o}index.html`, `${o}assets/index-aaaa.js`, `${o}assets/detector.worker-aaaa.js`, `${o}wasm/simd.wasm`]);
    expect(kept.find((e) => e.url.endsWith('simd.wasm'))?.key).toBe(rev('wasm/simd.wasm', '1'));
    expect(outgoingEntries(keysB, new Set(keysB)), 'first install: nothing to keep').toEqual([]);
  });

  const urls = (keys: string[]) => new Set(keys.map(plainUrl));
  const currentB = urls(keysB);
  const previousA: PreviousVersion = {
    name: 'ssd-cam-previous-100',
    createdAt: 100,
    clients: ['tab-a', 'tab-that-updated'],
    urls: urls(outgoingEntries(keysA, new Set(keysB)).map((e) => e.key)),
  };

  it("an old tab, and the worker it starts later, get their own version's changed files", () => {
    const versions = [previousA];
    const tab = versionOfClient(versions, { id: 'tab-a', url: `${o}?model=face` }, currentB);
    expect(tab).toBe(0);
    // the old tab's next worker: its chunk is gone from the new precache, the old copy answers
    expect(cacheFor(versions, `${o}assets/detector.worker-aaaa.js`, tab, currentB)).toBe(previousA.name);
    // the worker itself is a new client, known by its script
    const worker = versionOfClient(versions, { id: 'worker-1', url: `${o}assets/detector.worker-aaaa.js` }, currentB);
    expect(worker).toBe(0);
    expect(cacheFor(versions, `${o}wasm/simd.wasm`, worker, currentB), 'WASM that changed: the old one').toBe(previousA.name);
    expect(cacheFor(versions, `${o}models/face/w.bin`, worker, currentB), 'weights that did not change: the current precache').toBeNull();
  });

  it('a tab of the new version gets the new files, and an old hashed file only where the new version has none', () => {
    const versions = [previousA];
    const tab = versionOfClient(versions, { id: 'tab-b', url: `${o}` }, currentB);
    expect(tab).toBe(-1);
    expect(versionOfClient(versions, { id: 'w', url: `${o}assets/detector.worker-bbbb.js` }, currentB)).toBe(-1);
    expect(versionOfClient(versions, { id: 'pthread', url: 'blob:https://app.example/123' }, currentB)).toBe(-1);
    expect(cacheFor(versions, `${o}wasm/simd.wasm`, tab, currentB)).toBeNull();
    expect(cacheFor(versions, `${o}index.html`, tab, currentB)).toBeNull();
    expect(cacheFor(versions, `${o}assets/detector.worker-aaaa.js`, tab, currentB)).toBe(previousA.name);
    expect(cacheFor(versions, `${o}assets/nowhere-cccc.js`, tab, currentB)).toBeNull();
  });

  it('two updates while a tab of the first version stays open: each file from the first version after it that kept it', () => {
    // Version C changes the weights (unchanged from A to B, so only B's kept copy has A's bytes).
    const keysC = [rev('index.html', 'c'), `${o}assets/index-cccc.js`, `${o}assets/detector.worker-cccc.js`, rev('wasm/simd.wasm', '2'), rev('models/face/w.bin', '2')];
    const previousB: PreviousVersion = {
      name: 'ssd-cam-previous-200',
      createdAt: 200,
      clients: ['tab-a', 'tab-b'],
      urls: urls(outgoingEntries(keysB, new Set(keysC)).map((e) => e.key)),
    };
    const currentC = urls(keysC);
    const versions = sortVersions([previousB, previousA]);
    expect(versions.map((v) => v.name)).toEqual([previousA.name, previousB.name]);
    const a = versionOfClient(versions, { id: 'tab-a' }, currentC);
    const b = versionOfClient(versions, { id: 'tab-b' }, currentC);
    expect([a, b]).toEqual([0, 1]);
    expect(cacheFor(versions, `${o}wasm/simd.wasm`, a, currentC)).toBe(previousA.name);
    expect(cacheFor(versions, `${o}models/face/w.bin`, a, currentC)).toBe(previousB.name);
    expect(cacheFor(versions, `${o}wasm/simd.wasm`, b, currentC), 'unchanged from B to C').toBeNull();
    expect(cacheFor(versions, `${o}models/face/w.bin`, b, currentC)).toBe(previousB.name);
    expect(versionOfClient(versions, { id: 'w', url: `${o}assets/detector.worker-bbbb.js` }, currentC)).toBe(1);
  });

  it('a replaced version goes once none of the clients recorded with it is left', () => {
    const previousB: PreviousVersion = { name: 'p-200', createdAt: 200, clients: ['tab-b'], urls: new Set() };
    const versions = [previousA, previousB];
    expect(unusedVersions(versions, new Set(['tab-a', 'tab-b']))).toEqual([]);
    expect(unusedVersions(versions, new Set(['tab-b', 'tab-c']))).toEqual([previousA.name]);
    expect(unusedVersions(versions, new Set(['tab-a']))).toEqual(['p-200']);
    expect(unusedVersions(versions, new Set())).toEqual([previousA.name, 'p-200']);
  });

  it('reads only a well-formed record', () => {
    expect(parseMeta({ createdAt: 5, clients: ['x'] })).toEqual({ createdAt: 5, clients: ['x'] });
    for (const bad of [null, 7, {}, { createdAt: 'x', clients: [] }, { createdAt: 1, clients: [3] }, { createdAt: Infinity, clients: [] }]) {
      expect(parseMeta(bad), JSON.stringify(bad)).toBeNull();
    }
  });
});
