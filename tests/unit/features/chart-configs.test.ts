// The charts' configurations from plain data (Chart.js is not loaded in Node): the bench bars
// carry whole model names wrapped to the width (the phone used to show "MobileNetV1 1.0-SSD300
// (speed"), full names in their tooltips, the log axes write tick values, the speed/accuracy
// chart has a hollow "published" series, and the PR chart has gaps where COCO has no value.
import type { TooltipItem } from 'chart.js';
import { describe, expect, it } from 'vitest';
import { speedAccuracyData, textUnits } from '../../../src/features/accuracy/accuracy-format';
import { fpsBarsConfig, fpsBarsHeight, logTickShown, multAddsConfig, prChartConfig, shortModelName, speedAccuracyConfig } from '../../../src/features/chart-configs';
import { perMinute } from '../../../src/tracking/count-export';
import { countsChartConfig } from '../../../src/features/tracking/counts-chart';
import type { ChartPoint } from '../../../src/features/bench/results-format';
import { sampleRun } from '../helpers/eval-runs';

const POINTS: ChartPoint[] = [
  { label: 'MobileNetV1 1.0-SSD300 (speed only)', series: 'wasm · this device', fps: 8.5, multAdds: 1.2e9 },
  { label: 'VGG16-SSD300 (speed only)', series: 'wasm · this device', fps: 0.45, multAdds: 31e9 },
  { label: 'MobileNetV1 1.0-SSD300 (speed only)', series: 'cpu · this device', fps: 1.1, multAdds: 1.2e9 },
  { label: 'SSD MobileNetV1 · faces', series: 'wasm · this device', fps: 22, multAdds: null },
];

type Ticks = { callback: (value: number, index: number, ticks: unknown[]) => string };

describe('bench charts', () => {
  it('fps bars: every model once with its whole name wrapped to a phone, one dataset per series', () => {
    const config = fpsBarsConfig(POINTS, 340);
    const labels = config.data.labels as string[][];
    expect(labels.map((l) => l.join(' '))).toEqual(['MobileNetV1 1.0-SSD300 (speed only)', 'VGG16-SSD300 (speed only)', 'SSD MobileNetV1 · faces']);
    expect(labels[0].length).toBeGreaterThan(1);
    for (const l of labels.flat()) expect(textUnits(l)).toBeLessThanOrEqual(19);
    expect(config.data.datasets.map((d) => d.label)).toEqual(['wasm · this device', 'cpu · this device']);
    expect(config.data.datasets[0].data).toEqual([8.5, 0.45, 22]);
    expect(config.data.datasets[1].data).toEqual([1.1, null, null]);
    expect(config.options!.indexAxis).toBe('y');
    // a wide screen keeps a name on one line
    expect((fpsBarsConfig(POINTS, 900).data.labels as string[][])[0]).toEqual(['MobileNetV1 1.0-SSD300 (speed only)']);
    // the tooltip's title is the full name
    const title = config.options!.plugins!.tooltip!.callbacks!.title as (items: TooltipItem<'bar'>[]) => string;
    expect(title([{ dataIndex: 0 } as TooltipItem<'bar'>])).toBe('MobileNetV1 1.0-SSD300 (speed only)');
    expect(fpsBarsHeight(POINTS, 340)).toBeGreaterThan(fpsBarsHeight(POINTS, 900));
  });

  it('mult-adds scatter: log axes with tick values, room for labels, points named without the note in parentheses', () => {
    const config = multAddsConfig(POINTS, 340);
    const x = config.options!.scales!.x as unknown as { type: string; ticks: Ticks };
    const y = config.options!.scales!.y as unknown as { type: string; ticks: Ticks };
    expect([x.type, y.type]).toEqual(['logarithmic', 'logarithmic']);
    // 1.2 G ... 31 G (with room) on a phone: 1 and 3 of each decade
    expect([1e9, 2e9, 3e9, 1e10, 2e10, 3e10].map((v) => x.ticks.callback(v, 0, []))).toEqual(['1 G', '', '3 G', '10 G', '', '30 G']);
    expect(y.ticks.callback(0.5, 0, [])).toBe('0.5');
    // a wide chart has room for 1, 2, 3, 5 and 7
    const wide = multAddsConfig(POINTS, 1000).options!.scales!.x as unknown as { ticks: Ticks };
    expect([1e9, 2e9, 3e9, 4e9, 5e9].map((v) => wide.ticks.callback(v, 0, []))).toEqual(['1 G', '2 G', '3 G', '', '5 G']);
    // the only point without mult-adds is left out
    const data = config.data.datasets.flatMap((d) => d.data as unknown as { label: string; tooltip: string[] }[]);
    expect(data).toHaveLength(3);
    expect(data[0].label).toBe('MobileNetV1 1.0-SSD300');
    expect(data[0].tooltip[0]).toBe('MobileNetV1 1.0-SSD300 (speed only)');
  });

  it('log ticks: the densest of 1-2-3-5-7, 1-2-5, 1-3, 1 whose labels keep apart on the axis', () => {
    const shown = (span: number, px: number) => [1, 1.5, 2, 3, 4, 5, 7, 10, 20, 30, 50].filter((v) => logTickShown(v, span, px, 40));
    // a short axis on a wide chart: every mantissa
    expect(shown(2.5, 400)).toEqual([1, 1.5, 2, 3, 4, 5, 7, 10, 20, 30, 50]);
    // two decades on a phone: 1, 2, 5
    expect(shown(100, 300)).toEqual([1, 2, 5, 10, 20, 50]);
    // three decades on a phone: 1 and 3
    expect(shown(1000, 260)).toEqual([1, 3, 10, 30]);
    // a decade on a phone: 1, 2, 3, 5, 7
    expect(shown(10, 300)).toEqual([1, 2, 3, 5, 7, 10, 20, 30, 50]);
    expect(logTickShown(0, 5, 300, 40)).toBe(false);
    expect(shortModelName('CenterNet MobileNetV3 · COCO objects')).toBe('CenterNet MobileNetV3');
    expect(shortModelName('VGG16-SSD300（速度計測のみ）')).toBe('VGG16-SSD300');
  });
});

describe('accuracy charts', () => {
  it('speed/accuracy: log fps axis, a series per device, published figures hollow and labelled', () => {
    const model = { id: 'centernet-mobilenet-v3-coco', name: 'CenterNet MobileNetV3 · COCO objects', labels: [] };
    const run = sampleRun(0, { model });
    const data = speedAccuracyData([run], [], [{ ...model, published: { ap: 25.1, ap50: 42.3, source: 'the authors' } }], run.set.sha256, 'AP');
    const config = speedAccuracyConfig(data, 'AP', 900);
    expect((config.options!.scales!.x as { type: string }).type).toBe('logarithmic');
    const [mine, published] = config.data.datasets as unknown as Array<{ label: string; backgroundColor: string; data: { x: number; y: number; label: string; tooltip: string[] }[] }>;
    expect(mine.label).toBe('this device');
    expect(mine.data[0]).toMatchObject({ x: run.speed.imagesPerSecond, y: run.figures.AP * 100, label: 'CenterNet MobileNetV3 · WASM' });
    expect(mine.data[0].tooltip[0]).toBe(model.name);
    expect(published.backgroundColor).toBe('rgba(0, 0, 0, 0)');
    expect(published.data).toEqual([expect.objectContaining({ x: run.speed.imagesPerSecond, y: 25.1, label: 'published' })]);
    expect(published.data[0].tooltip).toContain('the authors');
    // nothing published: no hollow series
    const bare = speedAccuracyConfig({ ...data, published: [] }, 'AP', 900);
    expect(bare.data.datasets).toHaveLength(1);
  });

  it('PR chart: recall on x, precision on y, both 0..100, gaps where COCO has none', () => {
    const config = prChartConfig({ recall: [0, 50, 100], iou50: [100, 80, null], iou75: [90, null, null] });
    expect(config.data.datasets.map((d) => d.data)).toEqual([
      [{ x: 0, y: 100 }, { x: 50, y: 80 }, { x: 100, y: null }],
      [{ x: 0, y: 90 }, { x: 50, y: null }, { x: 100, y: null }],
    ]);
    expect(config.options!.scales!.x).toMatchObject({ min: 0, max: 100 });
    expect(config.options!.scales!.y).toMatchObject({ min: 0, max: 100 });
  });
});

describe('counts chart', () => {
  it('a bar of in and of out per class and minute, zero where a minute had none, axes titled', () => {
    const minutes = perMinute([
      { time: '2026-12-03T10:00:05.000Z', classLabel: 'person', trackId: 1, direction: 'in' },
      { time: '2026-12-03T10:00:40.000Z', classLabel: 'person', trackId: 2, direction: 'in' },
      { time: '2026-12-03T10:02:00.000Z', classLabel: 'dog', trackId: 3, direction: 'out' },
    ]);
    const config = countsChartConfig(minutes, (l) => l.toUpperCase());
    expect(config.data.labels).toHaveLength(2);
    expect(config.data.datasets.map((d) => [d.label, d.data])).toEqual([
      ['DOG In', [0, 0]],
      ['DOG Out', [0, 1]],
      ['PERSON In', [2, 0]],
      ['PERSON Out', [0, 0]],
    ]);
    expect(config.options?.scales?.y).toMatchObject({ beginAtZero: true, title: { display: true, text: 'Crossings' } });
  });
});
