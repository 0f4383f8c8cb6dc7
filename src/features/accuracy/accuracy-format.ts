// What the accuracy views show, as plain data: the 12 COCO figures as percentages, the
// per-class table and its sort, the PR curves, a run's heading, the points of the
// speed/accuracy chart (fps from the bench's stored figure for that model, backend and device
// when there is one, else the evaluation's own images/s; the authors' published figure as a
// hollow marker at the model's fps here), and labels wrapped to fit a phone. Pure (tested in
// Node); the Lit elements and the chart configs only place these.
import { LocalSetError } from '../../engine/accuracy/eval-set-files';
import type { ModelSummary } from '../../shared/protocol';
import type { Refusal } from '../../evaluation/readers/refusal';
import { EVAL_STAT_NAMES, EvalImportError, isReadableRun, type ListedEvalRun, type StoredEvalRun } from '../../results/eval-export';
import { isReadable, type ListedResult } from '../../results/results-store';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { className, modelName } from '../../i18n/labels';
import { messages } from '../../i18n/messages';
import { clip } from '../bench/results-format';

const DASH = '–';

export type StatName = (typeof EVAL_STAT_NAMES)[number];

/** A COCO figure (0..1, -1 where the set has no such object) as a percentage with one decimal. */
export function percent(v: number | null | undefined, digits = 1): string {
  return v === null || v === undefined || !Number.isFinite(v) || v < 0 ? DASH : formatNumber(v * 100, digits, digits, false);
}

/** A score threshold, as the detectors compare it (score > threshold). */
export const threshold = (v: number): string => formatNumber(v, 3, 2, false);

export interface FigureCell {
  name: StatName;
  value: string;
  /** what the figure means, in the UI's language */
  help: string;
}

export function figureCells(run: Pick<StoredEvalRun, 'figures'>): FigureCell[] {
  return EVAL_STAT_NAMES.map((name) => ({ name, value: percent(run.figures[name]), help: messages.accuracy.figureHelp[name] }));
}

// ---- per-class table --------------------------------------------------------------------

export type ClassColumn = 'name' | 'ap' | 'ap50' | 'ap75' | 'ar100' | 'vocAp50' | 'gtCount' | 'detCount' | 'threshold';
export type ClassRow = StoredEvalRun['perClass'][number];

const columnValue = (row: ClassRow, column: ClassColumn): number | string => {
  if (column === 'name') return className(row.name);
  if (column === 'threshold') return row.f1Best?.threshold ?? -1;
  return row[column];
};

/**
 * Rows sorted by a column; classes without boxes (AP -1) sort below every measured one
 * whichever the direction, and ties keep the set's own order (a stable sort).
 */
export function sortClassRows(rows: readonly ClassRow[], column: ClassColumn, direction: 'ascending' | 'descending'): ClassRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => {
      const va = columnValue(a.row, column);
      const vb = columnValue(b.row, column);
      if (typeof va === 'string' || typeof vb === 'string') return sign * String(va).localeCompare(String(vb)) || a.i - b.i;
      const missingA = va < 0;
      const missingB = vb < 0;
      if (missingA !== missingB) return missingA ? 1 : -1;
      return sign * (va - vb) || a.i - b.i;
    })
    .map((x) => x.row);
}

export interface ClassCells {
  categoryId: number;
  name: string;
  ap: string;
  ap50: string;
  ap75: string;
  ar100: string;
  vocAp50: string;
  gtCount: string;
  detCount: string;
  threshold: string;
}

export function classCells(row: ClassRow): ClassCells {
  return {
    categoryId: row.categoryId,
    name: clip(className(row.name), 40),
    ap: percent(row.ap),
    ap50: percent(row.ap50),
    ap75: percent(row.ap75),
    ar100: percent(row.ar100),
    vocAp50: percent(row.vocAp50),
    gtCount: formatNumber(row.gtCount, 0),
    detCount: formatNumber(row.detCount, 0),
    threshold: row.f1Best ? threshold(row.f1Best.threshold) : DASH,
  };
}

// ---- PR curves ------------------------------------------------------------------------------

export interface PrSeries {
  /** recall 0, 0.01 ... 1 */
  recall: number[];
  /** precision in percent at each recall point; null where COCO has none (-1) */
  iou50: (number | null)[];
  iou75: (number | null)[];
}

const toPercent = (values: readonly number[]) => values.map((v) => (v < 0 || !Number.isFinite(v) ? null : v * 100));

/** The overall curves (mean over classes with boxes), or one class's. */
export function prSeries(run: Pick<StoredEvalRun, 'curves'>, categoryId: number | null = null): PrSeries | null {
  const curve = categoryId === null ? run.curves.overall : run.curves.perClass.find((c) => c.categoryId === categoryId);
  if (!curve) return null;
  return { recall: run.curves.recall.map((r) => r * 100), iou50: toPercent(curve.iou50), iou75: toPercent(curve.iou75) };
}

// ---- headings ----------------------------------------------------------------------------

export const deviceName = (run: Pick<StoredEvalRun, 'device' | 'imported'>): string =>
  run.imported ? clip(run.device.label, 40) : messages.accuracy.thisDevice;

/** "SSD MobileNetV1 · faces · WASM · this device" */
export function runTitle(run: StoredEvalRun): string {
  return [clip(modelName(run.model), 60), messages.backendNames[run.backend] ?? clip(run.backend, 20), deviceName(run)].join(' · ');
}

/** "set dlib-faces (COCO, 9 images) · Jun 3, 2026, 14:05:09" */
export function runAbout(run: StoredEvalRun): string {
  const a = messages.accuracy;
  return [a.setLine(clip(run.set.name, 40), FORMAT_NAMES[run.set.format] ?? clip(run.set.format, 10), run.set.images), formatDateTime(new Date(run.createdAt))].join(' · ');
}

export const FORMAT_NAMES: Record<string, string> = { coco: 'COCO', voc: 'Pascal VOC', yolo: 'YOLO' };

/** "AP 41.2 · AP50 63.0": the two figures a list of runs shows. */
export const runFigures = (run: Pick<StoredEvalRun, 'figures'>): string => `AP ${percent(run.figures.AP)} · AP50 ${percent(run.figures.AP50)}`;

/** Warm speed (images/s and the pipeline's fps) and the cold start, apart. */
export function runSpeed(run: StoredEvalRun): string {
  const s = run.speed;
  const cold = s.coldStartMs.backendMs + s.coldStartMs.loadMs + s.coldStartMs.warmupMs;
  return messages.accuracy.speedLine(formatNumber(s.imagesPerSecond, 2, 1), formatNumber(s.pipelineFps, 1, 1), formatNumber(cold, 0, 0));
}

// ---- speed/accuracy chart --------------------------------------------------------------------

export type Metric = 'AP' | 'AP50';

export interface MeasuredPoint {
  runId: string;
  modelId: string;
  modelName: string;
  backend: string;
  /** the device's name as shown (this device, or the imported one's label) */
  device: string;
  imported: boolean;
  /** AP or AP50 in percent */
  value: number;
  fps: number;
  fpsSource: 'bench' | 'eval';
}

export interface PublishedPoint {
  modelId: string;
  modelName: string;
  value: number;
  /** the fastest this model ran in the chart: the marker sits beside its measured points */
  fps: number;
  source: string;
}

export interface SpeedAccuracyData {
  /** one series per device, this device first */
  series: Array<{ device: string; imported: boolean; points: MeasuredPoint[] }>;
  published: PublishedPoint[];
}

const benchKey = (imported: boolean, deviceLabel: string, model: string, backend: string) => JSON.stringify([imported, deviceLabel, model, backend]);

/** The bench's latest fps per device, model and backend. */
export function benchFpsIndex(bench: readonly ListedResult[]): Map<string, number> {
  const index = new Map<string, { fps: number; at: number }>();
  for (const r of bench.filter(isReadable)) {
    const at = Date.parse(r.createdAt);
    for (const row of r.rows) {
      if (!(Number.isFinite(row.fps) && row.fps > 0)) continue;
      const key = benchKey(r.imported === true, r.device.label, row.model, row.backend);
      const known = index.get(key);
      if (!known || at >= known.at) index.set(key, { fps: row.fps, at });
    }
  }
  return new Map([...index].map(([k, v]) => [k, v.fps]));
}

/**
 * The chart's points for one set (its annotations' hash): the latest run per model, backend
 * and device; published markers for the models measured that have a published figure.
 */
export function speedAccuracyData(
  runs: readonly ListedEvalRun[],
  bench: readonly ListedResult[],
  models: readonly Pick<ModelSummary, 'id' | 'name' | 'published'>[],
  setSha256: string,
  metric: Metric,
): SpeedAccuracyData {
  const fpsIndex = benchFpsIndex(bench);
  const latest = new Map<string, StoredEvalRun>();
  for (const r of runs.filter(isReadableRun)) {
    if (r.set.sha256 !== setSha256) continue;
    const key = JSON.stringify([r.imported === true, r.device.label, r.model.id, r.backend]);
    const known = latest.get(key);
    if (!known || Date.parse(r.createdAt) > Date.parse(known.createdAt)) latest.set(key, r);
  }
  const series = new Map<string, SpeedAccuracyData['series'][number]>();
  for (const r of latest.values()) {
    const value = metric === 'AP' ? r.figures.AP : r.figures.AP50;
    const bench = fpsIndex.get(benchKey(r.imported === true, r.device.label, r.model.id, r.backend));
    const fps = bench ?? r.speed.imagesPerSecond;
    if (!(value >= 0) || !(fps > 0)) continue;
    const device = deviceName(r);
    const key = JSON.stringify([r.imported === true, device]);
    if (!series.has(key)) series.set(key, { device, imported: r.imported === true, points: [] });
    series.get(key)!.points.push({
      runId: r.id,
      modelId: r.model.id,
      modelName: r.model.name,
      backend: messages.backendNames[r.backend as keyof typeof messages.backendNames] ?? r.backend,
      device,
      imported: r.imported === true,
      value: value * 100,
      fps,
      fpsSource: bench === undefined ? 'eval' : 'bench',
    });
  }
  const ordered = [...series.values()].sort((a, b) => Number(a.imported) - Number(b.imported) || a.device.localeCompare(b.device));
  for (const s of ordered) s.points.sort((a, b) => a.fps - b.fps || a.modelName.localeCompare(b.modelName));
  const all = ordered.flatMap((s) => s.points);
  const published: PublishedPoint[] = [];
  for (const id of [...new Set(all.map((p) => p.modelId))]) {
    const pub = models.find((m) => m.id === id)?.published;
    const value = metric === 'AP' ? pub?.ap : pub?.ap50;
    if (!pub || value === undefined) continue;
    const mine = all.filter((p) => p.modelId === id);
    published.push({ modelId: id, modelName: mine[0].modelName, value, fps: Math.max(...mine.map((p) => p.fps)), source: pub.source });
  }
  return { series: ordered, published };
}

// ---- labels on small screens ------------------------------------------------------------------

/** Display width in "half-width" units: CJK and other wide characters count two. */
export function textUnits(s: string): number {
  let n = 0;
  for (const ch of s) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return n;
}

/**
 * Breaks a label into lines of at most `maxUnits` (at spaces where it can, anywhere in a word
 * too long for a line), at most `maxLines` lines, the last one ending in "…" when cut: a
 * chart's axis on a phone shows whole names instead of a first few letters.
 */
export function wrapLabel(text: string, maxUnits: number, maxLines = 3): string[] {
  const words = text.split(/(?<=\s)/u);
  const lines: string[] = [];
  let line = '';
  const push = () => {
    if (line.trim()) lines.push(line.trim());
    line = '';
  };
  for (const word of words) {
    if (textUnits(line + word.trimEnd()) <= maxUnits) {
      line += word;
      continue;
    }
    push();
    // a word longer than a line is cut where it must
    let rest = word;
    while (textUnits(rest.trimEnd()) > maxUnits) {
      let cut = '';
      for (const ch of rest) {
        if (textUnits(cut + ch) > maxUnits) break;
        cut += ch;
      }
      lines.push(cut);
      rest = rest.slice(cut.length);
    }
    line = rest;
  }
  push();
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1];
  while (textUnits(last) + 1 > maxUnits && last.length > 1) last = last.slice(0, -1);
  kept[maxLines - 1] = `${last}…`;
  return kept;
}

// ---- messages for what went wrong ----------------------------------------------------------

/** A reader's refusal in the UI's language: what, where (file, line, field), and its own detail. */
export function refusalText(r: Refusal): string {
  const a = messages.accuracy;
  const line = r.line !== undefined ? String(r.line) : null;
  const where = a.where(r.file, line, r.field ?? null);
  // the reader's message is "<file, line N, field>: <detail>" in English: keep the detail only
  const englishWhere = [r.file, line !== null ? `line ${line}` : undefined, r.field].filter(Boolean).join(', ');
  const detail = r.message.startsWith(`${englishWhere}: `) ? r.message.slice(englishWhere.length + 2) : r.message;
  return messages.withDetail(a.refusal(a.refusals[r.code] ?? r.code, where), detail);
}

/** Why a picked set could not be read. */
export function setErrorText(error: unknown): string {
  const a = messages.accuracy;
  if (error instanceof LocalSetError) {
    if (error.refusal) return refusalText(error.refusal);
    if (error.problem) return messages.withDetail(a.setProblems[error.problem], error.problem === 'unreadable-image' ? error.message : '');
  }
  return a.failed(error instanceof Error ? error.message : String(error));
}

/** Why an accuracy export was not imported. */
export function evalImportErrorText(error: unknown): string {
  const x = messages.accuracy.importErrors;
  if (error instanceof EvalImportError) {
    const p = error.problem;
    if (p.kind === 'not-json') return x.notJson;
    if (p.kind === 'not-export') return x.notExport;
    if (p.kind === 'too-large') return x.tooLarge;
    return x.field(clip(p.path, 120));
  }
  return messages.accuracy.storageFailed(error instanceof Error ? error.message : String(error));
}
