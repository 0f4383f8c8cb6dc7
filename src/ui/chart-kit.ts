// Chart.js, loaded only when a chart is first shown (chart-canvas.ts imports this module
// dynamically, so it is a chunk of its own and the page's first load does not carry it).
// Only what our charts use is registered (bars, lines, scatter; category, linear and log
// scales; tooltips, legend), and the look is set once: 12 px text and light ink on the dark
// panels. Also a small plugin that writes a short name beside each point that carries one,
// skipping a name that would cover another, so a screenshot reads without hovering.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Tooltip,
  type Plugin,
} from 'chart.js';
import { COLORS } from './tokens';

/** A data point that names itself on the chart (`label`) and in its tooltip (`tooltip`). */
export interface LabelledPoint {
  x: number;
  y: number;
  label?: string;
  tooltip?: string[];
}

const pointLabels: Plugin = {
  id: 'pointLabels',
  afterDatasetsDraw(chart) {
    const { ctx, chartArea } = chart;
    const taken: Array<[number, number, number, number]> = [];
    ctx.save();
    ctx.font = `12px ${Chart.defaults.font.family}`;
    ctx.textBaseline = 'middle';
    chart.data.datasets.forEach((dataset, d) => {
      const meta = chart.getDatasetMeta(d);
      if (meta.hidden) return;
      (dataset.data as unknown[]).forEach((raw, i) => {
        const label = (raw as LabelledPoint | null)?.label;
        const el = meta.data[i];
        if (!label || !el) return;
        const w = ctx.measureText(label).width;
        // right of the point, else left of it, else above it (kept inside the plot)
        const places: Array<[number, number]> = [
          [el.x + 8, el.y],
          [el.x - 8 - w, el.y],
          [Math.min(Math.max(el.x - w / 2, chartArea.left), chartArea.right - w), el.y - 14],
        ];
        const overlaps = (b: [number, number, number, number]) => taken.some((t) => b[0] < t[2] && b[2] > t[0] && b[1] < t[3] && b[3] > t[1]);
        for (const [x, y] of places) {
          const box: [number, number, number, number] = [x - 2, y - 8, x + w + 2, y + 8];
          if (box[0] < chartArea.left || box[2] > chartArea.right || box[1] < chartArea.top - 4 || overlaps(box)) continue;
          taken.push(box);
          ctx.fillStyle = (dataset as { labelColor?: string }).labelColor ?? COLORS.textSheet;
          ctx.fillText(label, x, y);
          return;
        }
      });
    });
    ctx.restore();
  },
};

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Tooltip,
  pointLabels,
);

Chart.defaults.font.size = 12;
Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Hiragino Sans', 'Noto Sans CJK JP', sans-serif";
Chart.defaults.color = COLORS.textSheet;
Chart.defaults.borderColor = COLORS.hairline;
Chart.defaults.animation = false;
Chart.defaults.plugins.tooltip.bodyFont = { size: 13 };
Chart.defaults.plugins.tooltip.titleFont = { size: 13, weight: 'bold' };
Chart.defaults.plugins.legend.labels.boxWidth = 12;

export { Chart };
