// The Chart.js configuration of the count panel's chart (pure, tested in Node; Chart.js itself
// is only a type here). Apart from chart-configs.ts so the live view does not carry the bench
// and accuracy charts' code.
import type { ChartConfiguration } from 'chart.js';
import type { MinuteCounts } from '../../tracking/count-export';
import { messages } from '../../i18n/messages';
import { SERIES } from '../../ui/tokens';

const color = (i: number): string => SERIES[i % SERIES.length];

/**
 * The counting line's crossings per minute: for each class a bar of 'in' and one of 'out' per
 * minute (a minute without a crossing shows none), minutes as local HH:MM.
 */
export function countsChartConfig(minutes: readonly MinuteCounts[], classLabel: (label: string) => string): ChartConfiguration<'bar'> {
  const t = messages.tracking;
  const times = [...new Set(minutes.map((m) => m.minute))].sort();
  const classes = [...new Set(minutes.map((m) => m.classLabel))].sort();
  const at = (minute: string, label: string) => minutes.find((m) => m.minute === minute && m.classLabel === label);
  const hhmm = new Intl.DateTimeFormat(messages.lang, { hour: '2-digit', minute: '2-digit' });
  return {
    type: 'bar',
    data: {
      labels: times.map((m) => hhmm.format(new Date(m))),
      datasets: classes.flatMap((label, i) =>
        (['in', 'out'] as const).map((direction, j) => ({
          label: `${classLabel(label)} ${direction === 'in' ? t.in : t.out}`,
          data: times.map((m) => at(m, label)?.[direction] ?? 0),
          backgroundColor: color(2 * i + j),
          borderRadius: 2,
        })),
      ),
    },
    options: {
      scales: {
        x: { title: { display: true, text: t.minute } },
        y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: t.crossings } },
      },
      plugins: { legend: { position: 'bottom' } },
    },
  };
}
