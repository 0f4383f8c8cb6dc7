#!/usr/bin/env node
// CI's check of two `npm run eval --dataset` runs of the same set, model and backend (.ci/run):
// each run's figures are sane (AP50 within [0.05, 1], every figure within [-1, 1], the
// detections cover only the set's images), and the two runs agree exactly (the same
// detections file, byte for byte: the pipeline is deterministic on one machine).
//
//   node scripts/lib/eval-ci-check.mjs OUT_A OUT_B
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIGURES } from './eval-report.mjs';

const [a, b] = process.argv.slice(2);
if (!a || !b) {
  console.error('usage: node scripts/lib/eval-ci-check.mjs OUT_A OUT_B');
  process.exit(2);
}
const problems = [];
const summaries = (dir) => readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.detections.json')).sort();
const runsA = summaries(a);
const runsB = summaries(b);
if (runsA.length === 0) problems.push(`${a}: no run summaries`);
if (runsA.join() !== runsB.join()) problems.push(`the runs wrote different files: ${runsA.join(', ')} vs ${runsB.join(', ')}`);
for (const name of runsA) {
  const run = JSON.parse(readFileSync(join(a, name), 'utf8'));
  const f = run.figures;
  if (!(f.AP50 >= 0.05 && f.AP50 <= 1)) problems.push(`${name}: AP50 ${f.AP50} is outside [0.05, 1]`);
  for (const k of FIGURES) if (!(f[k] >= -1 && f[k] <= 1)) problems.push(`${name}: ${k} ${f[k]} is outside [-1, 1]`);
  if (!(run.speed.imagesPerSecond > 0)) problems.push(`${name}: no speed measured`);
  if (run.skippedImages.length) problems.push(`${name}: images skipped: ${run.skippedImages.map((s) => `${s.file} (${s.message})`).join('; ')}`);
  const detections = name.replace(/\.json$/, '.detections.json');
  const da = readFileSync(join(a, detections), 'utf8');
  const db = readFileSync(join(b, detections), 'utf8');
  if (da !== db) {
    const [ja, jb] = [JSON.parse(da), JSON.parse(db)];
    const i = ja.findIndex((d, k) => JSON.stringify(d) !== JSON.stringify(jb[k]));
    problems.push(`${detections}: the two runs differ (${ja.length} vs ${jb.length} detections; first difference at #${i}: ${JSON.stringify(ja[i])} vs ${JSON.stringify(jb[i])})`);
  }
  console.log(`eval check: ${name}: AP ${(f.AP * 100).toFixed(1)}, AP50 ${(f.AP50 * 100).toFixed(1)}, ${JSON.parse(da).length} detections, same in both runs: ${da === db}`);
}
if (problems.length) {
  console.error(`eval check FAILED:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('eval check: sane figures, and the two runs agree exactly');
