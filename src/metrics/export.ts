import type { BenchResult } from '../engine/bench-runner';

// Bench results out (CSV for spreadsheets, JSON for another SSD Cam) and back in (JSON from
// another device, checked before it is shown).

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

/** Parses an exported file; throws an Error whose message says what is wrong. */
export function parseExport(text: string): BenchResult[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('This file is not JSON. Choose a file exported with “Export JSON”.');
  }
  const data = json as { format?: string; results?: unknown };
  if (data?.format !== EXPORT_FORMAT || !Array.isArray(data.results)) {
    throw new Error(`This JSON is not an SSD Cam bench export (expected format "${EXPORT_FORMAT}").`);
  }
  for (const r of data.results as BenchResult[]) {
    const ok =
      r && typeof r.id === 'string' && typeof r.createdAt === 'string' && r.device && typeof r.device.label === 'string' &&
      Array.isArray(r.rows) &&
      r.rows.every((row) => row && typeof row.model === 'string' && typeof row.backend === 'string' && Number.isFinite(row.fps) && row.stages?.totalMs);
    if (!ok) throw new Error('The export is damaged: a result lacks its device, rows or figures.');
  }
  return data.results as BenchResult[];
}
