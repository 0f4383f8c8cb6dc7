// `npm run bench` end to end, small: the script builds if it must, serves dist/ itself, drives
// the system Chromium through `?bench=`, runs the face-api anchor, and writes its JSON and
// markdown. Written to a temp folder so CI never dirties bench/. It launches its own browser
// and server: nothing here uses the preview server Playwright starts. The evaluation's cost is
// measured on a labelled set made at test time from face-api's sample photos (the CI's shared
// COCO slice is not needed): images/s through `?eval=` beside the bench fps, and the scoring
// time of 5,000 images x 100 detections in Node. Both are reported, not asserted.
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './browser';
import { writeFaceSet } from './labelled-set';

test('npm run bench: our face SSD and the face-api anchor on WASM, 2 frames', async () => {
  test.setTimeout(240_000);
  const out = mkdtempSync(join(tmpdir(), 'ssd-cam-bench-'));
  const set = writeFaceSet('bench-faces', { photos: 4 });
  try {
    const started = Date.now();
    const run = spawnSync(
      process.execPath,
      ['scripts/bench.mjs', '--frames', '2', '--models', 'ssd-mobilenet-v1-face', '--backends', 'wasm', '--out', out, '--timeout', '220', '--eval-set', set.dir, '--eval-limit', '4'],
      { cwd: ROOT, encoding: 'utf8', timeout: 230_000 },
    );
    const seconds = (Date.now() - started) / 1000;
    console.log(`[bench-cli] ${seconds.toFixed(1)} s\n${run.stdout}${run.stderr}`);
    expect(run.status, run.stderr).toBe(0);

    const files = readdirSync(out).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^\d{4}-\d{2}-\d{2}-.+\.json$/);
    expect(files[1]).toBe(files[0].replace(/\.json$/, '.md'));
    const report = JSON.parse(readFileSync(join(out, files[0]), 'utf8'));
    const md = readFileSync(join(out, files[1]), 'utf8');

    expect(report.failures).toEqual([]);
    expect(report.rows).toHaveLength(1);
    const row = report.rows[0];
    expect([row.model, row.backend, row.frames]).toEqual(['ssd-mobilenet-v1-face', 'wasm', 2]);
    for (const v of [row.fps, row.bareFps, row.coldStart.totalMs, row.stages.totalMs.p50, row.stages.inferenceMs.p50, row.achievedGmacs, row.peakGmacs, row.multAdds]) {
      expect(v).toBeGreaterThan(0);
    }

    const faceApi = report.anchors.filter((a: any) => a.anchor === 'face-api');
    expect(faceApi.length).toBeGreaterThanOrEqual(1);
    for (const a of faceApi) {
      expect(a.backend).toBe('wasm');
      expect(a.model).toBe('ssd-mobilenet-v1-face');
      expect(a.check.ok, a.check.summary).toBe(true);
      expect(a.found).toHaveLength(3);
      expect(a.times).toHaveLength(2);
      for (const v of [a.fps, a.imageInput.fps, a.coldStart.totalMs, a.totalMs.p50, a.ratio, a.threads]) expect(v).toBeGreaterThan(0);
      // our fps: the mean of our model run just before and just after the anchor
      expect(a.ours.runs).toHaveLength(2);
      expect(a.ours.runs[0].fps).toBeCloseTo(row.fps, 6);
      expect(a.ours.fps).toBeCloseTo((a.ours.runs[0].fps + a.ours.runs[1].fps) / 2, 6);
      expect(a.ratio).toBeCloseTo(a.ours.fps / a.fps, 6);
    }
    expect(report.anchorFailures).toEqual([]);

    // what evaluating costs: the same model and backend through ?eval=, beside the bench fps
    expect(report.evaluation.failures).toEqual([]);
    expect(report.evaluation.set).toMatchObject({ name: 'bench-faces', format: 'coco', images: 4 });
    expect(report.evaluation.rows).toHaveLength(1);
    const ev = report.evaluation.rows[0];
    expect([ev.model, ev.backend, ev.images]).toEqual(['ssd-mobilenet-v1-face', 'wasm', 4]);
    expect(ev.imagesPerSecond).toBeGreaterThan(0);
    // held against the model's bench runs right before and right after the evaluation
    expect(ev.benchRuns).toHaveLength(2);
    for (const f of ev.benchRuns) expect(f).toBeGreaterThan(0);
    expect(ev.benchFps).toBeCloseTo((ev.benchRuns[0] + ev.benchRuns[1]) / 2, 6);
    expect(ev.benchSpread).toBeCloseTo(Math.abs(ev.benchRuns[0] - ev.benchRuns[1]) / ev.benchFps, 6);
    expect(ev.ratio).toBeCloseTo(ev.imagesPerSecond / ev.benchFps, 6);
    // a verdict only where the machine held still; otherwise the report says it did not
    expect(ev.withinTarget).toBe(ev.steady ? ev.ratio >= report.evaluation.target : null);
    // the evaluation ran in the bench's browser context: the thread count measured there
    expect(ev.benchThreads).toEqual([ev.wasmThreads, ev.wasmThreads]);
    expect(ev.wasmThreads).toBeGreaterThanOrEqual(1);
    expect(md).toContain(ev.steady ? (ev.withinTarget ? 'within target' : '**below target**') : 'unsteady machine (bench runs');
    // the reference faces are face-api's own on the same weights: ours finds them
    expect(ev.AP).toBeGreaterThan(0.5);
    expect(report.scoring).toMatchObject({ images: 5000, detections: 500_000 });
    expect(report.scoring.seconds).toBeGreaterThan(0);
    // the tracker's own stage: 50 objects, measured (the budget is judged in the report, not here)
    expect(report.tracking).toMatchObject({ objects: 50, tracks: 50 });
    expect(report.tracking.updateMeanMs).toBeGreaterThan(0);
    expect(md).toContain('Tracking (the app\'s tracker');
    expect(md).toContain('Evaluating accuracy: `?eval=` on 4 images of `bench-faces`');
    expect(md).toMatch(/Scoring \(the app's evaluator, Node v\d+/);
    expect(report.device.browser.version).toMatch(/^\d+\./);

    expect(md).toContain('| model | backend | threads | cold start ms | fps |');
    expect(md).toContain('`ssd-mobilenet-v1-face` | wasm');
    expect(md).toContain('@vladmandic/face-api');
    // the script prints the same table it writes
    expect(run.stdout).toContain(md.split('\n').find((l) => l.startsWith('| `ssd-mobilenet-v1-face`'))!);
  } finally {
    rmSync(out, { recursive: true, force: true });
    rmSync(join(set.dir, '..'), { recursive: true, force: true });
  }
});
