#!/usr/bin/env node
// npm run eval: detection accuracy with the app's own evaluation code (src/evaluation).
//
//   npm run eval -- --score GT.json RESULTS.json
//       Scores a COCO results file ([{image_id, category_id, bbox, score}]) against COCO ground
//       truth (an instances file), no images needed, and prints the 12 COCO figures as JSON.
//       --per-class adds per-class AP, Pascal VOC AP and the F1-best operating points.
//
//   npm run eval -- --dataset DIR --models ID[,ID] --backends wasm[,cpu] ...
//       Runs a labelled set through the deployed pipeline in Chromium (scripts/lib/eval-dataset.mjs).
//
// The evaluation code is TypeScript; scripts/lib/import-ts.mjs bundles it for Node.

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { importTs } from './lib/import-ts.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** npm runs scripts from the package root; the user's paths are relative to where they typed */
const userPath = (p) => resolve(process.env.INIT_CWD ?? process.cwd(), p);

/** src/evaluation/index.ts, bundled for Node once per process. */
export const loadEvaluation = () => importTs(resolve(ROOT, 'src/evaluation/index.ts'));

class UsageError extends Error {}

/** Refusals from the readers name the file and the line or field; say them and stop. */
function unwrap(result) {
  if (result.ok) return result.value;
  throw new UsageError(result.error.message);
}

/**
 * --score: COCO ground truth + COCO results file -> the 12 figures (and, with perClass, per-class
 * AP, VOC AP and operating points). Returns the object it prints.
 */
export async function scoreMode(gtPath, resultsPath, { perClass = false } = {}) {
  const ev = await loadEvaluation();
  const gtFile = userPath(gtPath);
  const resultsFile = userPath(resultsPath);
  const gt = unwrap(ev.readCocoInstances(readFileSync(gtFile, 'utf8'), gtPath));
  const dets = unwrap(ev.readCocoResults(readFileSync(resultsFile, 'utf8'), resultsPath, gt));
  const started = performance.now();
  const result = ev.evaluateCoco(gt, dets);
  const scoreMs = performance.now() - started;
  const summary = { ...result.stats };
  if (perClass) {
    Object.assign(summary, {
      vocMAP50: result.voc.mAP50,
      perClass: result.perClass,
      operatingPoints: result.operatingPoints,
      counts: result.counts,
      scoreMs: Math.round(scoreMs),
    });
  }
  if (result.counts.droppedDetections > 0) {
    process.stderr.write(`note: ${result.counts.droppedDetections} detections have a category_id that is not in ${gtPath}; not scored (as COCOeval)\n`);
  }
  return summary;
}

function parseArgs(argv) {
  const args = { positional: [], flags: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) args.positional.push(a);
    else if (a === '--score' || a === '--per-class' || a === '--help') args.flags.set(a, true);
    else args.flags.set(a, argv[++i]);
  }
  return args;
}

const USAGE = `usage:
  npm run eval -- --score GT.json RESULTS.json [--per-class]
  npm run eval -- --dataset DIR --models ID[,ID] --backends wasm[,cpu] [--limit N] [--out DIR]`;

export async function main(argv) {
  const args = parseArgs(argv);
  if (args.flags.has('--score')) {
    if (args.positional.length !== 2) throw new UsageError(`--score takes GT.json and RESULTS.json\n${USAGE}`);
    const summary = await scoreMode(args.positional[0], args.positional[1], { perClass: args.flags.has('--per-class') });
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }
  if (args.flags.has('--dataset')) {
    // the labelled set through the app's own pipeline in Chromium (scripts/lib/eval-dataset.mjs)
    const { runDatasetMode, DatasetUsageError, DATASET_USAGE } = await import('./lib/eval-dataset.mjs');
    try {
      await runDatasetMode(argv, ROOT, userPath);
    } catch (e) {
      if (e instanceof DatasetUsageError) throw new UsageError(`eval: ${e.message}\n${DATASET_USAGE}`);
      throw e;
    }
    return;
  }
  throw new UsageError(USAGE);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((e) => {
    process.stderr.write(`${e instanceof UsageError ? e.message : e.stack}\n`);
    process.exit(1);
  });
}
