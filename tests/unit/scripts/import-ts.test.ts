// The scripts' way into the app's TypeScript (scripts/lib/import-ts.mjs): `npm run bench`
// takes its percentiles from src/metrics/stats.ts through it, so its anchor rows and the app's
// rows are the same figures, computed by the same code.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importTs } from '../../../scripts/lib/import-ts.mjs';
import * as stats from '../../../src/metrics/stats';

const ROOT = join(import.meta.dirname, '../../..');

describe('importTs', () => {
  it('gives the bench the app\'s own summarize (mean, p50, p95)', async () => {
    const bundled = (await importTs(join(ROOT, 'src/metrics/stats.ts'))) as typeof stats;
    const sample = [12.5, 3, 40, 7.25, 19, 19, 100, 0.5];
    expect(bundled.summarize(sample)).toEqual(stats.summarize(sample));
    expect(bundled.percentile(sample, 95)).toBe(stats.percentile(sample, 95));
  });

  it('bundles a module once per process', async () => {
    const file = join(ROOT, 'src/metrics/stats.ts');
    expect(await importTs(file)).toBe(await importTs(file));
  });
});
