// The evaluation's cost, for `npm run bench` (issue: accuracy, "speed"): (1) through the app, the
// images per second of `?eval=` on a labelled set against the bench's fps for the same model and
// backend, since decoding images and scoring should stay off the inference path; (2) in Node,
// how long the app's evaluator takes to score a COCO-val-sized run (5,000 images x 100
// detections, a seeded synthetic set), on this machine.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { inspectDataset, runEvalPage } from './eval-dataset.mjs';
import { importTs } from './import-ts.mjs';

/** Within this share of the bench's fps, evaluating costs "almost nothing". */
export const EVAL_SPEED_TARGET = 0.9;

/** The labelled set the bench evaluates on: --eval-set, else the shared COCO slice beside the
 * project where it exists, else none. */
export function defaultEvalSet(root) {
  const shared = join(root, '..', 'shared', 'datasets', 'coco128-dev');
  return existsSync(join(shared, 'instances.json')) ? shared : null;
}

/** Models that give boxes here without the network (trained, shipped with the app). */
export function evaluableModels(root, ids) {
  return ids.filter((id) => {
    const m = JSON.parse(readFileSync(join(root, 'models', `${id}.json`), 'utf8'));
    return m.trained === true && !m.network;
  });
}

/** What the static server must add for the set: its folder under /__dataset/<name>/, and the
 * folder's file list for VOC/YOLO sets. */
export function evalSetServing(dir) {
  const set = inspectDataset(dir);
  const name = basename(dir).replace(/[^A-Za-z0-9._-]+/g, '-') || 'set';
  const prefix = `/__dataset/${name}/`;
  return { set, name, prefix, mounts: { [prefix]: dir }, texts: set.files ? { [`${prefix}__files.json`]: JSON.stringify(set.files) } : {} };
}

/** One `?eval=` on `backend`, and its images/s beside the bench rows of the same pairs. */
export async function evalSpeedRows({ browser, context = null, origin, serving, models, backend, limit, deadline, log, benchRows }) {
  const query = `eval=${models.join(',')}&backends=${backend}&dataset=${encodeURIComponent(serving.prefix)}&limit=${limit}`;
  const detail = await runEvalPage(browser, origin, query, deadline, log, context);
  if (!detail.results) throw new Error(detail.error ?? 'the evaluation stopped');
  const rows = detail.results.runs.map((run) => {
    const bench = benchRows.find((r) => r.model === run.model.id && r.requestedBackend === backend) ?? null;
    const ratio = bench ? run.speed.imagesPerSecond / bench.fps : null;
    return {
      model: run.model.id,
      backend: run.backend,
      /** WASM threads the evaluation ran with (the bench rows it is held against say theirs) */
      wasmThreads: run.wasm?.threads ?? null,
      set: run.set.name,
      images: run.speed.images,
      imagesPerSecond: run.speed.imagesPerSecond,
      pipelineFps: run.speed.pipelineFps,
      decodeWaitP50Ms: run.speed.decodeWaitMs.p50,
      // where an image's time goes, beside the bench's own stages
      inferenceP50Ms: run.speed.inferenceMs.p50,
      preprocessP50Ms: run.speed.preprocessMs.p50,
      scoreMs: run.speed.scoreMs,
      benchFps: bench?.fps ?? null,
      ratio,
      withinTarget: ratio === null ? null : ratio >= EVAL_SPEED_TARGET,
      AP: run.figures.AP,
    };
  });
  return { rows, failures: detail.results.failures };
}

/** Beyond this spread of the bench runs around the evaluation, the machine's speed moved too
 * much for the share to be a finding: the report says so instead of passing or failing it. */
export const EVAL_SPEED_STEADY = 0.1;

/** An evaluation row held against the mean of the model's bench runs just before and just after
 * it (rows of the same model and backend), with their spread. */
export function bracketed(row, before, after) {
  const benchOf = (rows) => rows.find((r) => r.model === row.model && r.requestedBackend === row.backend);
  const runs = [before, after].map((rows) => benchOf(rows)?.fps).filter((f) => Number.isFinite(f));
  const benchThreads = [before, after].map((rows) => benchOf(rows)?.wasmThreads ?? null);
  if (!runs.length) return { ...row, benchRuns: [], benchSpread: null, steady: null };
  const benchFps = runs.reduce((a, b) => a + b, 0) / runs.length;
  const benchSpread = (Math.max(...runs) - Math.min(...runs)) / benchFps;
  const stages = [before, after].map((rows) => benchOf(rows)?.stages).filter(Boolean);
  const benchInferenceP50Ms = stages.length ? stages.reduce((a, s) => a + s.inferenceMs.p50, 0) / stages.length : null;
  const ratio = row.imagesPerSecond / benchFps;
  // the same work on both sides: the same thread count, and the machine held still
  const sameThreads = benchThreads.every((t) => t === row.wasmThreads);
  const steady = runs.length === 2 && benchSpread <= EVAL_SPEED_STEADY && sameThreads;
  return { ...row, benchFps, benchRuns: runs, benchThreads, benchSpread, benchInferenceP50Ms, steady, ratio, withinTarget: steady ? ratio >= EVAL_SPEED_TARGET : null };
}

/** Scoring a COCO-val-sized run with the app's evaluator, timed in Node. */
export async function scoringSpeed(root, { images = 5000, detsPerImage = 100 } = {}) {
  const { syntheticSet } = await importTs(join(root, 'src/evaluation/synthetic-set.ts'));
  const { evaluateCoco } = await importTs(join(root, 'src/evaluation/evaluate.ts'));
  const { gt, dets } = syntheticSet({ images, categories: 80, detsPerImage, maxGtPerImage: 12, crowdRate: 0.03, seed: 1 });
  const started = performance.now();
  evaluateCoco(gt, dets);
  return { images, detections: dets.length, boxes: gt.annotations.length, seconds: (performance.now() - started) / 1000, where: `Node ${process.version}` };
}
