// What the accuracy views show, from stored runs: the 12 figures as percentages, the per-class
// sort (classes without boxes last either way, ties stable), the PR series, the points of the
// speed/accuracy chart (bench fps preferred, latest run per model x backend x device, other
// sets left out, imported devices as series of their own, published markers at the model's
// fps here, AP50 mode without the figures nobody published), labels wrapped whole for a
// phone, and a reader's refusal worded with its file and line in both languages.
import { afterEach, describe, expect, it } from 'vitest';
import {
  figureCells,
  percent,
  prSeries,
  refusalText,
  runFigures,
  setErrorText,
  sortClassRows,
  speedAccuracyData,
  textUnits,
  wrapLabel,
} from '../../../../src/features/accuracy/accuracy-format';
import { setLocale } from '../../../../src/i18n/messages';
import { LocalSetError } from '../../../../src/engine/accuracy/eval-set-files';
import { readYolo } from '../../../../src/evaluation/readers/yolo';
import { sampleResult } from '../../helpers/bench-results';
import { sampleRun } from '../../helpers/eval-runs';

afterEach(() => setLocale('en'));

const MODELS = [
  { id: 'ssd-mobilenet-v1-face', name: 'SSD MobileNetV1 · faces', published: null },
  { id: 'centernet-mobilenet-v3-coco', name: 'CenterNet MobileNetV3 · COCO objects', published: { ap: 25.1, ap50: 42.3, source: 'authors' } },
  { id: 'coco-ssd-mobilenet-v1', name: 'SSD MobileNetV1 · COCO objects (download)', published: { ap: 21, source: 'TF1 zoo' } },
];

describe('figures and classes', () => {
  it('shows the 12 COCO figures in their order as percentages, a dash where the set has no such object', () => {
    const run = sampleRun(0);
    const cells = figureCells(run);
    expect(cells.map((c) => c.name)).toEqual(['AP', 'AP50', 'AP75', 'APs', 'APm', 'APl', 'AR1', 'AR10', 'AR100', 'ARs', 'ARm', 'ARl']);
    expect(cells[0].value).toBe(percent(run.figures.AP));
    expect(percent(0.4567)).toBe('45.7');
    expect(percent(-1)).toBe('–');
    expect(percent(Number.NaN)).toBe('–');
    expect(cells.every((c) => c.help.length > 0)).toBe(true);
    expect(runFigures(run)).toBe(`AP ${percent(run.figures.AP)} · AP50 ${percent(run.figures.AP50)}`);
  });

  it('sorts classes by any column; classes without boxes stay last both ways, ties keep the set order', () => {
    const rows = sampleRun(0).perClass;
    expect(rows.map((r) => r.name)).toEqual(['face', 'person', 'unicorn']);
    expect(rows.find((r) => r.name === 'unicorn')!.ap).toBe(-1);
    const desc = sortClassRows(rows, 'ap', 'descending').map((r) => r.name);
    const asc = sortClassRows(rows, 'ap', 'ascending').map((r) => r.name);
    expect(desc.at(-1)).toBe('unicorn');
    expect(asc.at(-1)).toBe('unicorn');
    expect(desc.slice(0, 2)).toEqual([...asc.slice(0, 2)].reverse());
    expect(sortClassRows(rows, 'name', 'descending').map((r) => r.name)).toEqual(['unicorn', 'person', 'face']);
    // equal counts: the set's order, whichever direction
    const tie = rows.map((r) => ({ ...r, gtCount: 2 }));
    expect(sortClassRows(tie, 'gtCount', 'descending').map((r) => r.name)).toEqual(['face', 'person', 'unicorn']);
    expect(sortClassRows(tie, 'gtCount', 'ascending').map((r) => r.name)).toEqual(['face', 'person', 'unicorn']);
  });

  it('gives the PR curves in percent at 101 recall points, overall and per class, gaps where COCO has none', () => {
    const run = sampleRun(0);
    const all = prSeries(run)!;
    expect(all.recall).toHaveLength(101);
    expect(all.recall[0]).toBe(0);
    expect(all.recall[100]).toBe(100);
    expect(all.iou50).toHaveLength(101);
    expect(all.iou50[0]).toBeGreaterThan(0);
    expect(all.iou50.every((v) => v === null || (v >= 0 && v <= 100))).toBe(true);
    const face = prSeries(run, 3)!;
    expect(face.iou50[0]).toBeCloseTo(run.curves.perClass.find((c) => c.categoryId === 3)!.iou50[0] * 100, 9);
    // the unicorn has no boxes: no curve
    expect(prSeries(run, 9)).toBeNull();
    const withGap = { curves: { ...run.curves, overall: { iou50: [0.5, -1], iou75: [-1, -1] }, recall: [0, 0.01] } };
    expect(prSeries(withGap)).toEqual({ recall: [0, 1], iou50: [50, null], iou75: [null, null] });
  });
});

describe('speed/accuracy points', () => {
  const faceRun = (i: number, extra: Parameters<typeof sampleRun>[1] = {}) => sampleRun(i, extra);

  it('one point per model x backend x device on the chosen set: the latest run, the bench fps where it measured that pair', () => {
    const old = faceRun(0, { id: 'old' });
    const latest = faceRun(2, { id: 'latest' });
    const cpu = faceRun(1, { id: 'cpu', backend: 'cpu', requestedBackend: 'cpu' });
    const otherSet = faceRun(3, { id: 'other', set: { ...old.set, sha256: 'b'.repeat(64) } });
    const imported = faceRun(1, { id: 'imported:x', imported: true, device: { ...old.device, label: 'Pixel 7, 8 cores' } });
    // the bench measured the face model on WASM on this device (twice: the newer counts)
    const bench = [sampleResult(0), sampleResult(5)];
    const data = speedAccuracyData([old, latest, cpu, otherSet, imported], bench, MODELS, old.set.sha256, 'AP');
    expect(data.series.map((s) => [s.device, s.imported])).toEqual([
      ['this device', false],
      ['Pixel 7, 8 cores', true],
    ]);
    const mine = data.series[0].points;
    expect(mine.map((p) => p.runId).sort()).toEqual(['cpu', 'latest']);
    const wasm = mine.find((p) => p.runId === 'latest')!;
    const benchFps = bench[1].rows.find((r) => r.model === 'ssd-mobilenet-v1-face')!.fps;
    expect(wasm).toMatchObject({ fpsSource: 'bench', fps: benchFps, backend: 'WASM', value: latest.figures.AP * 100 });
    // no bench row for CPU: the evaluation's own images/s
    expect(mine.find((p) => p.runId === 'cpu')).toMatchObject({ fpsSource: 'eval', fps: cpu.speed.imagesPerSecond, backend: 'CPU' });
    expect(data.series[1].points.map((p) => p.runId)).toEqual(['imported:x']);
    // the face model has no published figure
    expect(data.published).toEqual([]);
  });

  it('draws the published figure as its own point at the fastest fps the model ran here; AP50 only where published', () => {
    const model = { id: 'centernet-mobilenet-v3-coco', name: 'CenterNet MobileNetV3 · COCO objects', labels: [] };
    const slow = faceRun(0, { id: 'c-cpu', model, backend: 'cpu', requestedBackend: 'cpu' });
    const fast = faceRun(4, { id: 'c-wasm', model });
    const ssd = faceRun(1, { id: 'ssd', model: { id: 'coco-ssd-mobilenet-v1', name: 'SSD MobileNetV1 · COCO objects (download)', labels: [] } });
    const ap = speedAccuracyData([slow, fast, ssd], [], MODELS, slow.set.sha256, 'AP');
    expect(ap.published).toEqual([
      { modelId: 'centernet-mobilenet-v3-coco', modelName: model.name, value: 25.1, fps: fast.speed.imagesPerSecond, source: 'authors' },
      { modelId: 'coco-ssd-mobilenet-v1', modelName: 'SSD MobileNetV1 · COCO objects (download)', value: 21, fps: ssd.speed.imagesPerSecond, source: 'TF1 zoo' },
    ]);
    const ap50 = speedAccuracyData([slow, fast, ssd], [], MODELS, slow.set.sha256, 'AP50');
    expect(ap50.published.map((p) => [p.modelId, p.value])).toEqual([['centernet-mobilenet-v3-coco', 42.3]]);
    expect(ap50.series[0].points.find((p) => p.runId === 'ssd')!.value).toBeCloseTo(ssd.figures.AP50 * 100, 9);
  });

  it('leaves out runs without a figure or a speed, and unreadable records', () => {
    const noFigure = faceRun(0, { id: 'x', figures: { ...faceRun(0).figures, AP: -1 } });
    const noSpeed = faceRun(1, { id: 'y', backend: 'cpu', speed: { ...faceRun(0).speed, imagesPerSecond: 0 } });
    const data = speedAccuracyData([noFigure, noSpeed, { id: 'z', imported: false, unreadable: 'figures.AP' }], [], MODELS, noFigure.set.sha256, 'AP');
    expect(data.series).toEqual([]);
  });
});

describe('labels on a phone', () => {
  it('counts Japanese characters double and wraps whole names, cutting only a word too long for a line', () => {
    expect(textUnits('SSD')).toBe(3);
    expect(textUnits('顔検出')).toBe(6);
    expect(wrapLabel('MobileNetV1 1.0-SSD300 (speed only)', 16)).toEqual(['MobileNetV1', '1.0-SSD300', '(speed only)']);
    expect(wrapLabel('short', 16)).toEqual(['short']);
    expect(wrapLabel('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 10)).toEqual(['ABCDEFGHIJ', 'KLMNOPQRST', 'UVWXYZ']);
    const ja = wrapLabel('SSD MobileNetV1・顔検出モデル（速度計測のみ）', 14, 4);
    expect(ja.every((l) => textUnits(l) <= 14)).toBe(true);
    expect(ja.join('')).toBe('SSD MobileNetV1・顔検出モデル（速度計測のみ）'.replace(/\s/g, ''));
    // more lines than allowed: the last one says it was cut
    const cut = wrapLabel('one two three four five six', 5, 2);
    expect(cut).toHaveLength(2);
    expect(cut[1].endsWith('…')).toBe(true);
  });
});

describe('a set that cannot be read', () => {
  const refused = () => {
    const r = readYolo({
      names: { name: 'classes.txt', text: 'face\n' },
      labels: [{ name: 'labels/a.txt', text: '0 0.5 0.5 0.2 0.2\n0 0.95 0.5 0.3 0.2\n' }],
      images: [{ name: 'images/a.jpg', width: 100, height: 100 }],
    });
    if (r.ok) throw new Error('expected a refusal');
    return r.error;
  };

  it('names the file and the line, says what is wrong in the UI language, and keeps the reader’s detail', () => {
    const refusal = refused();
    expect(refusal).toMatchObject({ code: 'box-outside-image', file: 'labels/a.txt', line: 2 });
    const en = refusalText(refusal);
    expect(en).toMatch(/^A box lies outside its image \(labels\/a\.txt, line 2\)\./);
    // the detail without repeating where it is
    expect(en).not.toMatch(/line 2\).*line 2/);
    setLocale('ja');
    const ja = refusalText(refusal);
    expect(ja).toContain('画像の外にはみ出したボックスがあります');
    expect(ja).toContain('labels/a.txt、2 行目');
    expect(setErrorText(new LocalSetError(refusal.message, refusal, null, refusal.file))).toBe(ja);
    expect(setErrorText(new LocalSetError('x', null, 'no-labels'))).toContain('ラベルが見つかりません');
  });
});
