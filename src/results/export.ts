import type { BenchResult } from '../engine/bench/bench-runner';
import { benchResultSchema, list, MAX_RESULTS, object, type Issue } from './results-schema';

// Bench results out (CSV for spreadsheets, JSON for another SSD Cam) and back in (JSON from
// another device, checked field by field by the results schema before anything is stored).

export const CSV_COLUMNS = [
  'device', 'created', 'model', 'backend', 'requested', 'adapter', 'threads', 'input', 'params', 'multAdds',
  'coldStartMs', 'backendStartMs', 'loadMs', 'firstInferenceMs', 'frames', 'fps', 'totalMeanMs', 'totalP50Ms', 'totalP95Ms',
  'preprocessP50Ms', 'inferenceP50Ms', 'inferenceP95Ms', 'readbackP50Ms', 'postprocessP50Ms', 'bareFps',
  'pipelineEfficiency', 'achievedGmacs', 'peakGmacs', 'shareOfPeak', 'tensorsBefore', 'tensorsAfter', 'bytesBefore', 'bytesAfter',
] as const;

function cell(v: unknown): string {
  if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return '';
  const s = typeof v === 'number' ? String(Math.round(v * 1000) / 1000) : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(results: BenchResult[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of results) {
    for (const row of r.rows) {
      lines.push(
        [
          r.device.label, r.createdAt, row.model, row.backend, row.requestedBackend, row.adapter, row.wasmThreads, row.inputSize,
          row.params, row.multAdds, row.coldStart.totalMs, row.coldStart.backendMs, row.coldStart.loadMs, row.coldStart.firstInferenceMs,
          row.frames, row.fps, row.stages.totalMs.mean, row.stages.totalMs.p50, row.stages.totalMs.p95, row.stages.preprocessMs.p50,
          row.stages.inferenceMs.p50, row.stages.inferenceMs.p95, row.stages.readbackMs.p50, row.stages.postprocessMs.p50, row.bareFps,
          row.pipelineEfficiency, row.achievedGmacs, row.peakGmacs, row.shareOfPeak, row.memory.tensorsBefore, row.memory.tensorsAfter,
          row.memory.bytesBefore, row.memory.bytesAfter,
        ]
          .map(cell)
          .join(','),
      );
    }
  }
  return lines.join('\n') + '\n';
}

export const EXPORT_FORMAT = 'ssd-cam-bench/1';

export function toJson(results: BenchResult[]): string {
  return JSON.stringify({ format: EXPORT_FORMAT, results }, null, 2);
}

/** The largest file read: far above any honest export (a few kB per result). */
export const MAX_EXPORT_CHARS = 50_000_000;

/** Why a file was refused, as data: the UI words it in the user's language. */
export type ImportProblem =
  | { kind: 'too-large'; maxChars: number }
  | { kind: 'not-json' }
  | { kind: 'not-export'; format: string }
  | { kind: 'field'; issue: Issue };

/** A refused file. The message is a plain English sentence for logs and tests. */
export class ExportError extends Error {
  constructor(readonly problem: ImportProblem) {
    super(englishProblem(problem));
    this.name = 'ExportError';
  }
}

function englishProblem(p: ImportProblem): string {
  if (p.kind === 'too-large') return `This file is larger than ${p.maxChars} characters: not an SSD Cam bench export.`;
  if (p.kind === 'not-json') return 'This file is not JSON. Choose a file exported with “Export JSON”.';
  if (p.kind === 'not-export') return `This JSON is not an SSD Cam bench export (expected format "${p.format}").`;
  const { path, found, expected } = p.issue;
  return `The export is damaged: ${path} is ${found}, expected ${JSON.stringify(expected)}.`;
}

/** Parses an exported file through the results schema; throws an ExportError saying what is wrong. */
export function parseExport(text: string): BenchResult[] {
  if (text.length > MAX_EXPORT_CHARS) throw new ExportError({ kind: 'too-large', maxChars: MAX_EXPORT_CHARS });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ExportError({ kind: 'not-json' });
  }
  const data = json as { format?: unknown } | null;
  if (typeof data !== 'object' || data === null || Array.isArray(data) || !Object.prototype.hasOwnProperty.call(data, 'format') || data.format !== EXPORT_FORMAT) {
    throw new ExportError({ kind: 'not-export', format: EXPORT_FORMAT });
  }
  const parsed = exportSchema.parse(data, '');
  if (!parsed.ok) throw new ExportError({ kind: 'field', issue: parsed.issue });
  return parsed.value.results;
}

const exportSchema = object({ results: list(benchResultSchema, MAX_RESULTS) });
