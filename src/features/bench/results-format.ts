// What the results view and the charts show for each stored result, as plain strings: pure,
// so it runs in Node (tests/unit/results-fuzz.test.ts) and the Lit templates only place text.
// It never throws: a record the schema refused, or one that fails here anyway, becomes a
// "broken" card that says what is wrong and keeps its Delete button, so one bad record
// cannot hide the others. Also words an import refusal in the user's language.
import { ExportError } from '../../results/export';
import { isReadable, type ListedResult, type StoredResult } from '../../results/results-store';
import type { Expected, Found, Issue } from '../../results/results-schema';
import { formatCount, formatDateTime, formatNumber } from '../../i18n/format';
import { messages } from '../../i18n/messages';

const DASH = '–';

export interface RowCells {
  model: string;
  backend: string;
  /** the backend asked for, when another one ran */
  requested: string | null;
  fallbackReason: string;
  threads: string;
  cold: string;
  fps: string;
  total: string;
  inference: string;
  readback: string;
  efficiency: string;
  multAdds: string;
  achieved: string;
  peak: string;
  tensors: string;
}

export interface ResultCard {
  kind: 'result';
  id: IDBValidKey;
  imported: boolean;
  heading: string;
  about: string;
  rows: RowCells[];
  failures: string[];
}

export interface BrokenCard {
  kind: 'broken';
  id: IDBValidKey;
  imported: boolean;
  text: string;
}

/** long names and user agents stay readable in a table cell */
export function clip(s: string, max = 80): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

const n = (v: number | null | undefined, d = 1) => (v === null || v === undefined || !Number.isFinite(v) ? DASH : formatNumber(v, d, d, false));
const percent = (v: number | null) => (v === null || !Number.isFinite(v) ? DASH : `${n(v * 100, 0)}%`);

function rowCells(row: StoredResult['rows'][number]): RowCells {
  return {
    model: clip(row.modelName),
    backend: clip(row.backend, 20),
    requested: row.backend !== row.requestedBackend && row.requestedBackend !== 'auto' ? clip(row.requestedBackend, 20) : null,
    fallbackReason: clip(row.fallbackReason ?? '', 300),
    threads: row.wasmThreads === undefined ? DASH : String(row.wasmThreads),
    cold: n(row.coldStart.totalMs, 0),
    fps: n(row.fps, 2),
    total: `${n(row.stages.totalMs.p50, 0)} / ${n(row.stages.totalMs.p95, 0)}`,
    inference: n(row.stages.inferenceMs.p50, 0),
    readback: n(row.stages.readbackMs.p50, 1),
    efficiency: percent(row.pipelineEfficiency),
    multAdds: formatCount(row.multAdds),
    achieved: n(row.achievedGmacs, 1),
    // over 100% the probe was no upper bound: said as its fault, not as a share
    peak: row.shareOfPeak !== null && row.shareOfPeak > 1 ? messages.bench.probeFault(percent(row.shareOfPeak)) : percent(row.shareOfPeak),
    tensors: `${n(row.memory.tensorsBefore, 0)}/${n(row.memory.tensorsAfter, 0)}`,
  };
}

/** The card for one listed result; never throws. */
export function resultCard(entry: ListedResult): ResultCard | BrokenCard {
  const t = messages.bench;
  if (!isReadable(entry)) return { kind: 'broken', id: entry.id, imported: entry.imported, text: t.unreadable(issueText(entry.unreadable, t.wholeRecord)) };
  try {
    const r = entry;
    return {
      kind: 'result',
      id: r.id,
      imported: r.imported === true,
      heading: `${clip(r.device.label)} · ${r.imported ? t.imported : t.thisDevice} · ${formatDateTime(new Date(r.createdAt))}`,
      about: [clip(r.device.userAgent, 120), r.device.gpu ? `GPU ${clip(r.device.gpu)}` : '', `${clip(r.frameSource)} ${clip(r.frameSize, 20)}`]
        .filter(Boolean)
        .join(' · '),
      rows: r.rows.map(rowCells),
      failures: r.failures.map((f) => clip(messages.benchFailure(clip(f.model), clip(f.backend, 20), f.message), 300)),
    };
  } catch (error) {
    // the schema should make this unreachable; if not, the record still shows and can go
    return { kind: 'broken', id: entry.id, imported: entry.imported === true, text: t.unreadable(clip(String((error as Error)?.message ?? error), 200)) };
  }
}

export interface ChartPoint {
  label: string;
  series: string;
  fps: number;
  multAdds: number | null;
}

/** The charts' points: readable results only, rows with a known speed only. */
export function chartPoints(results: readonly ListedResult[]): ChartPoint[] {
  return results.filter(isReadable).flatMap((r) =>
    r.rows
      .filter((row) => Number.isFinite(row.fps) && row.fps >= 0)
      .map((row) => ({
        label: clip(row.modelName, 60),
        series: `${clip(row.backend, 20)} · ${r.imported ? clip(r.device.label, 40) : messages.bench.thisDevice}`,
        fps: row.fps,
        multAdds: row.multAdds,
      })),
  );
}

const plain = (v: number) => formatNumber(v, 0, 0);

function expectedText(e: Expected): string {
  const x = messages.bench.expected;
  switch (e.kind) {
    case 'text':
      return x.text(plain(e.max));
    case 'number':
      return e.integer ? x.integer(plain(e.min), plain(e.max)) : x.number(plain(e.min), plain(e.max));
    case 'boolean':
      return x.boolean;
    case 'date':
      return x.date;
    case 'list':
      return x.list(plain(e.max));
    case 'object':
      return x.object;
    case 'one-of':
      return x.oneOf(e.values.map((v) => `"${v}"`).join(', '));
  }
}

/** One bad field, worded: "results[2].stages.inferenceMs is missing, expected an object". */
export function issueText(issue: Issue, whole: string): string {
  const found: Record<Found, string> = messages.bench.found;
  return messages.bench.fieldProblem(issue.path || whole, found[issue.found], expectedText(issue.expected));
}

/** What the user reads when an import fails: the refusal, or the storage error. */
export function importErrorText(error: unknown): string {
  const t = messages.bench;
  if (error instanceof ExportError) {
    const p = error.problem;
    if (p.kind === 'not-json') return t.importErrors.notJson;
    if (p.kind === 'not-export') return t.importErrors.notExport(p.format);
    if (p.kind === 'too-large') return t.importErrors.tooLarge(plain(p.maxChars / 1e6));
    return t.importErrors.field(issueText(p.issue, t.wholeRecord));
  }
  return t.storageFailed(error instanceof Error || error instanceof DOMException ? error.message : String(error));
}
