// npm run eval -- --score GT.json RESULTS.json: the Node CLI scores a COCO results file against
// COCO ground truth (no images) and prints the 12 figures as JSON; bad files are named.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ssd-eval-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fixture = JSON.parse(readFileSync(new URL('./fixtures/published-coco-sample.json', import.meta.url), 'utf8')) as {
  categories: [number, string][];
  gt: number[][];
  dt: number[][];
  expected: Record<string, number>;
};

function files() {
  const ids = [...new Set([...fixture.gt.map((r) => r[0]), ...fixture.dt.map((r) => r[0])])];
  const gt = {
    images: ids.map((id) => ({ id, file_name: `COCO_val2014_${String(id).padStart(12, '0')}.jpg`, width: 640, height: 640 })),
    categories: fixture.categories.map(([id, name]) => ({ id, name, supercategory: '' })),
    annotations: fixture.gt.map((r, i) => ({ id: i + 1, image_id: r[0], category_id: r[1], bbox: r.slice(2, 6), area: r[4] * r[5], iscrowd: 0 })),
  };
  const results = fixture.dt.map((r) => ({ image_id: r[0], category_id: r[1], bbox: r.slice(2, 6), score: r[6] }));
  writeFileSync(join(dir, 'gt.json'), JSON.stringify(gt));
  writeFileSync(join(dir, 'results.json'), JSON.stringify(results));
}

const run = (...args: string[]) => spawnSync(process.execPath, ['scripts/eval.mjs', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, INIT_CWD: dir } });

describe('npm run eval -- --score', () => {
  test('prints the 12 figures, matching the published ones', () => {
    files();
    const r = run('--score', 'gt.json', 'results.json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, number>;
    expect(Object.keys(out)).toEqual(['AP', 'AP50', 'AP75', 'APs', 'APm', 'APl', 'AR1', 'AR10', 'AR100', 'ARs', 'ARm', 'ARl']);
    for (const [k, v] of Object.entries(fixture.expected)) expect(Math.abs(out[k] - v), k).toBeLessThanOrEqual(5e-7);
  });

  test('--per-class adds per-class AP, VOC AP and operating points', () => {
    files();
    const out = JSON.parse(run('--score', 'gt.json', 'results.json', '--per-class').stdout);
    expect(out.perClass).toHaveLength(80);
    expect(out.vocMAP50).toBeGreaterThan(0);
    expect(out.operatingPoints.overall.f1).toBeGreaterThan(0);
    expect(out.counts).toMatchObject({ gt: 830, detections: 734 });
  });

  test('a bad results file: its name and field, exit 1', () => {
    files();
    writeFileSync(join(dir, 'bad.json'), JSON.stringify([{ image_id: 42, category_id: 18, bbox: [1, 2, 3], score: 0.5 }]));
    const r = run('--score', 'gt.json', 'bad.json');
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe('bad.json, [0].bbox: bbox must be [x, y, width, height], four numbers');
    expect(run('--score', 'gt.json').status).toBe(1);
  });
});
