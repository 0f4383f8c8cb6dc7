// The PWA's pure parts: the build's precache check, how downloaded models are grouped and which
// files a model.json names, and which catalogue models the service worker caches at run time.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { missingFromPrecache } from '../../scripts/lib/precache-check';
import { maskableSvg } from '../../scripts/lib/pwa-icons';
import { networkModels, networkModelsOf } from '../../src/app/network-models';
import { isRuntimeModelUrl } from '../../src/pwa/cache-names';
import { folderOf, groupByFolder, ModelDownloadError, weightFileUrls } from '../../src/pwa/model-store';

const ROOT = join(import.meta.dirname, '../..');

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
