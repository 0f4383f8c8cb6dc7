// Accuracy results out and back in: CSV for spreadsheets (one row per run: the 12 COCO figures,
// VOC AP50, the F1-best threshold, speed), JSON for another SSD Cam (every run whole, its
// detections included), a run's detections as a COCO results file, and the check every
// stored or imported record goes through before the views use it, so a damaged record or a
// file from elsewhere says which field is wrong instead of breaking the view. Pure.
import type { EvalRun } from '../engine/accuracy/eval-runner';
import type { Detection } from '../evaluation/types';
import { isReadableRecord, planImport, unreadableRecord, type Unreadable } from './record-rules';

export interface StoredEvalRun extends EvalRun {
  /** measured on another device and imported from its export */
  imported?: boolean;
}

export const EVAL_STAT_NAMES = ['AP', 'AP50', 'AP75', 'APs', 'APm', 'APl', 'AR1', 'AR10', 'AR100', 'ARs', 'ARm', 'ARl'] as const;

export const EVAL_CSV_COLUMNS = [
  'created', 'device', 'imported', 'model', 'backend', 'requested', 'set', 'format', 'images', 'annotations', 'setSha256',
  ...EVAL_STAT_NAMES, 'vocAP50', 'f1Threshold', 'f1Recall', 'f1Precision', 'f1', 'recallAt05', 'precisionAt05',
  'imagesPerSecond', 'pipelineFps', 'inferenceP50Ms', 'coldStartMs', 'detections', 'unmappedSetClasses',
] as const;

function cell(v: unknown): string {
  if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return '';
  const s = typeof v === 'number' ? String(Math.round(v * 1e6) / 1e6) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function evalRunsToCsv(runs: readonly StoredEvalRun[]): string {
  const lines = [EVAL_CSV_COLUMNS.join(',')];
  for (const r of runs) {
    const cold = r.speed.coldStartMs;
    lines.push(
      [
        r.createdAt, r.device.label, r.imported === true, r.model.id, r.backend, r.requestedBackend, r.set.name, r.set.format, r.set.images,
        r.set.annotations, r.set.sha256, ...EVAL_STAT_NAMES.map((k) => r.figures[k]), r.vocAP50, r.f1Best?.threshold, r.f1Best?.recall,
        r.f1Best?.precision, r.f1Best?.f1, r.atScore05.recall, r.atScore05.precision, r.speed.imagesPerSecond, r.speed.pipelineFps,
        r.speed.inferenceMs.p50, cold.backendMs + cold.loadMs + cold.warmupMs, r.detections.length, r.labels.unmappedSet.join(' | '),
      ]
        .map(cell)
        .join(','),
    );
  }
  return lines.join('\n') + '\n';
}

export const EVAL_EXPORT_FORMAT = 'ssd-cam-eval/1';

/** Runs measured here only (an import is another device's to export). */
export function evalRunsToJson(runs: readonly StoredEvalRun[]): string {
  return JSON.stringify({ format: EVAL_EXPORT_FORMAT, runs: runs.filter((r) => !r.imported).map(({ imported: _, ...r }) => r) });
}

/** A run's detections as a COCO results file (the format pycocotools' loadRes reads). */
export function cocoResultsJson(run: Pick<EvalRun, 'detections'>): string {
  return JSON.stringify(run.detections.map((d: Detection) => ({ image_id: d.image_id, category_id: d.category_id, bbox: d.bbox, score: d.score })));
}

// ---- checking records -------------------------------------------------------------------

type Check = (v: unknown, path: string) => string | null;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num: Check = (v, p) => (typeof v === 'number' && Number.isFinite(v) ? null : p);
const str: Check = (v, p) => (typeof v === 'string' ? null : p);
const date: Check = (v, p) => (typeof v === 'string' && Number.isFinite(Date.parse(v)) ? null : p);
const nullable = (c: Check): Check => (v, p) => (v === null || v === undefined ? null : c(v, p));
const list = (c: Check, length?: number): Check => (v, p) => {
  if (!Array.isArray(v) || (length !== undefined && v.length !== length)) return p;
  for (let i = 0; i < v.length; i++) {
    const bad = c(v[i], `${p}[${i}]`);
    if (bad) return bad;
  }
  return null;
};
const obj = (fields: Record<string, Check>): Check => (v, p) => {
  if (!isObj(v)) return p || 'the record';
  for (const [k, c] of Object.entries(fields)) {
    const bad = c(v[k], p ? `${p}.${k}` : k);
    if (bad) return bad;
  }
  return null;
};

const point = obj({ threshold: num, recall: num, precision: num, f1: num });
const curve = obj({ iou50: list(num), iou75: list(num) });
const runCheck = obj({
  id: str,
  createdAt: date,
  device: obj({ label: str, userAgent: str }),
  model: obj({ id: str, name: str }),
  backend: str,
  requestedBackend: str,
  set: obj({ name: str, format: str, sha256: str, images: num, annotations: num, categories: num }),
  figures: obj(Object.fromEntries(EVAL_STAT_NAMES.map((k) => [k, num]))),
  vocAP50: num,
  perClass: list(obj({ categoryId: num, name: str, ap: num, ap50: num, ap75: num, ar100: num, vocAp50: num, gtCount: num, detCount: num, f1Best: nullable(point) })),
  curves: obj({ recall: list(num), overall: curve, perClass: list(obj({ categoryId: num, iou50: list(num), iou75: list(num) })) }),
  f1Best: nullable(point),
  atScore05: point,
  speed: obj({ imagesPerSecond: num, pipelineFps: num, wallS: num, inferenceMs: obj({ p50: num }), coldStartMs: obj({ backendMs: num, loadMs: num, warmupMs: num }) }),
  labels: obj({ unmappedModel: list(str), unmappedSet: list(str) }),
  detections: list(obj({ image_id: num, category_id: num, bbox: list(num, 4), score: num })),
  warnings: list(str),
});

/** The first field of `raw` the views cannot use ('' when it is fine). */
export function evalRunIssue(raw: unknown): string {
  return runCheck(raw, '') ?? '';
}

/** Unreadable: the field that is wrong (English path, e.g. figures.AP50). */
export type UnreadableEvalRun = Unreadable<string>;

export type ListedEvalRun = StoredEvalRun | UnreadableEvalRun;

export const isReadableRun = (r: ListedEvalRun): r is StoredEvalRun => isReadableRecord(r);

export function readStoredRun(raw: unknown): ListedEvalRun {
  const issue = evalRunIssue(raw);
  return issue ? unreadableRecord(raw, issue) : (raw as StoredEvalRun);
}

/** Newest first; unreadable records last. */
export function sortRuns(list: ListedEvalRun[]): ListedEvalRun[] {
  const key = (r: ListedEvalRun) => (isReadableRun(r) ? -Date.parse(r.createdAt) : Number.POSITIVE_INFINITY);
  return list.sort((a, b) => key(a) - key(b));
}

// ---- import -------------------------------------------------------------------------------

export const MAX_EVAL_EXPORT_BYTES = 200_000_000;

export type EvalImportProblem = { kind: 'too-large' } | { kind: 'not-json' } | { kind: 'not-export' } | { kind: 'field'; path: string };

/** A refused file; the message is English for logs and tests, the UI words `problem`. */
export class EvalImportError extends Error {
  constructor(readonly problem: EvalImportProblem) {
    super(problem.kind === 'field' ? `the export is damaged at ${problem.path}` : `not an SSD Cam accuracy export (${problem.kind})`);
    this.name = 'EvalImportError';
  }
}

export function parseEvalExport(text: string): EvalRun[] {
  if (text.length > MAX_EVAL_EXPORT_BYTES) throw new EvalImportError({ kind: 'too-large' });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new EvalImportError({ kind: 'not-json' });
  }
  if (!isObj(json) || json.format !== EVAL_EXPORT_FORMAT || !Array.isArray(json.runs)) throw new EvalImportError({ kind: 'not-export' });
  json.runs.forEach((r, i) => {
    const issue = evalRunIssue(r);
    if (issue) throw new EvalImportError({ kind: 'field', path: `runs[${i}].${issue}` });
  });
  return json.runs as EvalRun[];
}

/** The same measurement, whatever its key: when, what, where, on which set. */
const fingerprint = (r: EvalRun) => JSON.stringify([r.createdAt, r.model.id, r.backend, r.set.sha256, r.set.images, r.device.userAgent, r.figures.AP]);

/** Runs already here are skipped; the others are stored as imported under keys of their own. */
export const planEvalImport = (existing: readonly ListedEvalRun[], incoming: readonly EvalRun[]): { save: StoredEvalRun[]; skipped: number } =>
  planImport(existing, incoming, { isReadable: isReadableRun, fingerprint });
