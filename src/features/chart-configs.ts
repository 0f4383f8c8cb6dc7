// The Chart.js configurations of every chart in the app, built from plain data (pure: tested in
// Node, and Chart.js itself is only a type here): the accuracy views' PR curves and
// speed/accuracy chart, and the bench's fps bars and mult-adds against fps. Axis titles, tick
// values on log axes, full names in tooltips and short names beside points; labels wrap to the
// width the chart has, so a phone shows whole model names at a readable 12 px.
import type { ChartConfiguration, TooltipItem } from 'chart.js';
import { wrapLabel, type Metric, type PrSeries, type SpeedAccuracyData } from './accuracy/accuracy-format';
import type { LabelledPoint } from '../ui/chart-kit';
import { formatCount, formatNumber } from '../i18n/format';
import { COLORS, SERIES } from '../ui/tokens';
import { messages } from '../i18n/messages';
import type { ChartPoint } from './bench/results-format';

export const SERIES_COLORS = SERIES;
export const color = (i: number): string => SERIES_COLORS[i % SERIES_COLORS.length];

/** A readable number for an axis or a tooltip: more decimals for small values. */
export function axisNumber(v: number): string {
  const a = Math.abs(v);
  return formatNumber(v, a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 1 : 2);
}

/** A count on an axis tick: "1 G", "20 G", "500 M" (no trailing zeros). */
export function tickCount(v: number): string {
  const [value, suffix] = v >= 1e9 ? [v / 1e9, 'G'] : v >= 1e6 ? [v / 1e6, 'M'] : v >= 1e3 ? [v / 1e3, 'k'] : [v, ''];
  return `${formatNumber(value, 2)} ${suffix}`.trim();
}

/** Mantissas a log axis may label, densest first, and the smallest gap between two of them (decades). */
const LOG_TICK_SETS: Array<{ mantissas: number[]; gap: number }> = [
  { mantissas: [1, 1.5, 2, 3, 4, 5, 6, 7, 8, 9], gap: Math.log10(10 / 9) },
  { mantissas: [1, 2, 3, 5, 7], gap: Math.log10(7 / 5) },
  { mantissas: [1, 2, 5], gap: Math.log10(2) },
  { mantissas: [1, 3], gap: Math.log10(3) },
  { mantissas: [1], gap: 1 },
];

/**
 * Which ticks of a log axis get a value: the densest of 1-2-3-5-7, 1-2-5, 1-3, 1 (per decade)
 * whose labels stay at least `minGapPx` apart on an axis `lengthPx` long spanning `span` (its
 * top over its bottom). Chart.js makes a tick at every mantissa; the others stay blank.
 */
export function logTickShown(value: number, span: number, lengthPx: number, minGapPx: number): boolean {
  if (!(value > 0)) return false;
  const pxPerDecade = lengthPx / Math.max(Math.log10(Math.max(span, 1.0001)), 1e-3);
  const set = LOG_TICK_SETS.find((s) => s.gap * pxPerDecade >= minGapPx) ?? LOG_TICK_SETS[LOG_TICK_SETS.length - 1];
  const mantissa = value / 10 ** Math.floor(Math.log10(value) + 1e-9);
  return set.mantissas.some((k) => Math.abs(mantissa - k) < 1e-6);
}

/** Tick options for a log axis from `lo` to `hi`, `lengthPx` long; labels `minGapPx` apart at least. */
const logTicks = (format: (v: number) => string, [lo, hi]: [number, number], lengthPx: number, minGapPx: number) => {
  const span = lo > 0 ? hi / lo : 10;
  return {
    autoSkip: false,
    // the blank ticks take no room: keep the values level
    maxRotation: 0,
    callback: (value: number | string) => (logTickShown(Number(value), span, lengthPx, minGapPx) ? format(Number(value)) : ''),
  };
};

/** The range of a log axis around its values, with room for the labels beside the points. */
function logRange(values: readonly number[], room: number): [number, number] {
  const v = values.filter((x) => x > 0);
  if (v.length === 0) return [1, 10];
  return [Math.min(...v) / room, Math.max(...v) * room];
}

/** The model's own name without the note in parentheses, short enough to sit beside a point. */
export function shortModelName(name: string, maxUnits = 24): string {
  const bare = name.replace(/\s*[(（][^)）]*[)）]\s*$/u, '').split(' · ')[0];
  return wrapLabel(bare, maxUnits, 1)[0] ?? bare;
}

/** About how many half-width units of 12 px text fit in a share of the chart's width. */
const unitsFor = (width: number, share: number) => Math.max(10, Math.min(40, Math.floor((width * share) / 7)));

// ---- accuracy ----------------------------------------------------------------------------

export function prChartConfig(series: PrSeries): ChartConfiguration<'line'> {
  const a = messages.accuracy;
  const line = (label: string, values: (number | null)[], i: number) => ({
    label,
    data: series.recall.map((x, k) => ({ x, y: values[k] })) as unknown as { x: number; y: number }[],
    borderColor: color(i),
    backgroundColor: color(i),
    pointRadius: 0,
    borderWidth: 2,
    spanGaps: false,
  });
  return {
    type: 'line',
    data: { datasets: [line(a.iou50, series.iou50, 0), line(a.iou75, series.iou75, 1)] },
    options: {
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { type: 'linear', min: 0, max: 100, title: { display: true, text: a.axisRecall } },
        y: { min: 0, max: 100, title: { display: true, text: a.axisPrecision } },
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: {
            title: (items: TooltipItem<'line'>[]) => a.recallAt(formatNumber(items[0]?.parsed.x ?? 0, 0)),
            label: (item: TooltipItem<'line'>) => `${item.dataset.label}: ${formatNumber(item.parsed.y ?? 0, 1)}%`,
          },
        },
      },
    },
  };
}

export function speedAccuracyConfig(data: SpeedAccuracyData, metric: Metric, width: number): ChartConfiguration<'scatter'> {
  const a = messages.accuracy;
  const narrow = width < 520;
  const measured = data.series.map((s, i) => ({
    label: s.device,
    data: s.points.map(
      (p): LabelledPoint => ({
        x: p.fps,
        y: p.value,
        label: narrow ? shortModelName(p.modelName, 20) : `${shortModelName(p.modelName)} · ${p.backend}`,
        tooltip: [
          p.modelName,
          `${p.backend} · ${p.device}`,
          `${metric} ${formatNumber(p.value, 1, 1)}%`,
          p.fpsSource === 'bench' ? a.fpsFromBench(axisNumber(p.fps)) : a.fpsFromEval(axisNumber(p.fps)),
        ],
      }),
    ),
    backgroundColor: color(i),
    borderColor: color(i),
    pointRadius: 6,
    pointHoverRadius: 8,
  }));
  const published = {
    label: a.publishedSeries,
    data: data.published.map(
      (p): LabelledPoint => ({
        x: p.fps,
        y: p.value,
        label: a.published,
        tooltip: [p.modelName, a.publishedValue(metric, formatNumber(p.value, 1, 1)), ...wrapLabel(p.source, 60, 4)],
      }),
    ),
    backgroundColor: 'rgba(0, 0, 0, 0)',
    borderColor: COLORS.text,
    borderWidth: 2,
    pointRadius: 7,
    pointHoverRadius: 9,
    labelColor: COLORS.textMuted,
  };
  const xs = [...data.series.flatMap((s) => s.points.map((p) => p.fps)), ...data.published.map((p) => p.fps)];
  const ys = [...data.series.flatMap((s) => s.points.map((p) => p.value)), ...data.published.map((p) => p.value)];
  const [lo, hi] = logRange(xs, 1.8);
  // room above the best point for its label; no tick value above 100%
  const top = Math.min(110, Math.max(10, Math.ceil((Math.max(0, ...ys) * 1.1) / 10) * 10));
  return {
    type: 'scatter',
    data: { datasets: [...measured, ...(data.published.length ? [published] : [])] as ChartConfiguration<'scatter'>['data']['datasets'] },
    options: {
      scales: {
        x: { type: 'logarithmic', min: lo, max: hi, title: { display: true, text: a.axisFps }, ticks: logTicks(axisNumber, [lo, hi], width - 80, 40) },
        y: {
          min: 0,
          max: top,
          title: { display: true, text: metric === 'AP' ? a.axisAp : a.axisAp50 },
          ticks: { stepSize: 10, callback: (v: number | string) => (Number(v) > 100 ? '' : String(v)) },
        },
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: { callbacks: { label: (item: TooltipItem<'scatter'>) => (item.raw as LabelledPoint).tooltip ?? '' } },
      },
    },
  };
}

// ---- bench --------------------------------------------------------------------------------

function benchModels(points: readonly ChartPoint[]): { models: string[]; series: string[] } {
  return { models: [...new Set(points.map((p) => p.label))], series: [...new Set(points.map((p) => p.series))] };
}

/** Room for the bars: every model's wrapped name and one bar per series. */
export function fpsBarsHeight(points: readonly ChartPoint[], width: number): number {
  const { models, series } = benchModels(points);
  const units = unitsFor(width, 0.4);
  const lines = models.reduce((n, m) => n + wrapLabel(m, units).length, 0);
  return Math.max(140, lines * 15 + models.length * (series.length * 12 + 10) + 80 + Math.ceil(series.length / 2) * 18);
}

export function fpsBarsConfig(points: readonly ChartPoint[], width: number): ChartConfiguration<'bar'> {
  const { models, series } = benchModels(points);
  const units = unitsFor(width, 0.4);
  return {
    type: 'bar',
    data: {
      labels: models.map((m) => wrapLabel(m, units)),
      datasets: series.map((s, i) => ({
        label: s,
        // the latest result of a model in a series
        data: models.map((m) => [...points].reverse().find((p) => p.label === m && p.series === s)?.fps ?? null) as number[],
        backgroundColor: color(i),
        borderRadius: 3,
      })),
    },
    options: {
      indexAxis: 'y',
      scales: {
        x: { beginAtZero: true, title: { display: true, text: messages.chartAxes.fps } },
        y: { ticks: { autoSkip: false } },
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: {
            title: (items: TooltipItem<'bar'>[]) => models[items[0]?.dataIndex ?? 0] ?? '',
            label: (item: TooltipItem<'bar'>) => `${item.dataset.label}: ${axisNumber(item.parsed.x ?? 0)} ${messages.units.fps}`,
          },
        },
      },
    },
  };
}

export function multAddsConfig(points: readonly ChartPoint[], width: number): ChartConfiguration<'scatter'> {
  const pts = points.filter((p) => p.multAdds !== null && p.multAdds > 0 && p.fps > 0);
  const { series } = benchModels(pts);
  const units = width < 520 ? 22 : 28;
  const xRange = logRange(pts.map((p) => p.multAdds!), 1.5);
  const yRange = logRange(pts.map((p) => p.fps), 1.5);
  return {
    type: 'scatter',
    data: {
      datasets: series.map((s, i) => ({
        label: s,
        data: pts
          .filter((p) => p.series === s)
          .map(
            (p): LabelledPoint => ({
              x: p.multAdds!,
              y: p.fps,
              label: shortModelName(p.label, units),
              tooltip: [p.label, `${formatCount(p.multAdds)} · ${axisNumber(p.fps)} ${messages.units.fps}`],
            }),
          ),
        backgroundColor: color(i),
        borderColor: color(i),
        pointRadius: 6,
        pointHoverRadius: 8,
      })),
    },
    options: {
      scales: {
        x: { type: 'logarithmic', min: xRange[0], max: xRange[1], title: { display: true, text: messages.chartAxes.multAdds }, ticks: logTicks(tickCount, xRange, width - 80, 48) },
        y: { type: 'logarithmic', min: yRange[0], max: yRange[1], title: { display: true, text: messages.chartAxes.fps }, ticks: logTicks(axisNumber, yRange, 200, 22) },
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: { callbacks: { label: (item: TooltipItem<'scatter'>) => (item.raw as LabelledPoint).tooltip ?? '' } },
      },
    },
  };
}


