// Model files on the command line: `npm run eval` and `npm run bench` take a model.json (or an
// .h5) where they take a model id, import it through the app's own panel with the card beside
// it, and run it like a bundled model. The model is a YOLOv8-layout graph written here whose
// output puts one known box (class "face", score 0.9) in the middle of its letterboxed input.
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './browser';
import { writeFaceSet } from './labelled-set';
import { yoloGraphFiles } from '../unit/helpers/yolo-graph';

const FACE = 7;

function writeModel(dir: string, card: object): string {
  mkdirSync(dir, { recursive: true });
  const { modelJson, bin } = yoloGraphFiles({ layout: 'yolov8', inputSize: 320, classes: 1, candidates: 50, objects: [{ classId: 0, score: 0.9, cx: 0.5, cy: 0.5, w: 0.3, h: 0.3 }] });
  writeFileSync(join(dir, 'model.json'), JSON.stringify(modelJson));
  writeFileSync(join(dir, 'group1-shard1of1.bin'), bin);
  writeFileSync(join(dir, 'model.card.json'), JSON.stringify(card));
  return join(dir, 'model.json');
}

const CARD = { name: 'Planted YOLOv8', layout: 'yolov8', inputSize: 320, pixelRange: '0-1', resize: 'pad-square', labels: ['face'] };

const node = (args: string[], timeout: number) => spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout });

test('npm run eval and npm run bench take a model file with its card, imported through the panel', async () => {
  test.setTimeout(420_000);
  const dir = mkdtempSync(join(tmpdir(), 'ssd-cam-model-file-'));
  const set = writeFaceSet('faces', { photos: 2 });
  try {
    const model = writeModel(join(dir, 'yolo'), CARD);
    const out = join(dir, 'eval-out');
    const evalRun = node(['scripts/eval.mjs', '--dataset', set.dir, '--models', model, '--backends', 'wasm', '--out', out], 200_000);
    console.log(`[model-file eval]\n${evalRun.stdout.split('\n').filter((l) => /^eval|imported|^\|/.test(l)).join('\n')}\n${evalRun.stderr}`);
    expect(evalRun.status, evalRun.stderr).toBe(0);
    expect(evalRun.stdout).toMatch(/imported .*model\.json with .*model\.card\.json as user-\S+ "Planted YOLOv8"/);
    const summaryFile = readdirSync(out).find((f) => /^faces\.user-.*\.wasm\.json$/.test(f));
    expect(summaryFile).toBeTruthy();
    const summary = JSON.parse(readFileSync(join(out, summaryFile!), 'utf8'));
    expect(summary.model).toMatchObject({ name: 'Planted YOLOv8', importedFrom: model });
    expect(summary.model.labels).toContain('face');
    expect(summary.set).toMatchObject({ name: 'faces', images: 2 });
    // the card's labels map the model's one class onto the set's "face"
    expect(summary.labels.pairs).toEqual([expect.objectContaining({ modelLabel: 'face', categoryId: FACE })]);
    const detections = JSON.parse(readFileSync(join(out, summaryFile!.replace('.json', '.detections.json')), 'utf8'));
    // one planted box per image, in the middle of the letterboxed square, 0.3 of its side
    expect(detections).toHaveLength(2);
    const images = JSON.parse(set.instances).images as Array<{ id: number; width: number; height: number }>;
    for (const d of detections) {
      const image = images.find((i) => i.id === d.image_id)!;
      const side = Math.max(image.width, image.height);
      expect(d.category_id).toBe(FACE);
      expect(d.score).toBeCloseTo(0.9, 5);
      expect(d.bbox[0]).toBeCloseTo(0.35 * side, 0);
      expect(d.bbox[2]).toBeCloseTo(Math.min(0.3 * side, image.width - 0.35 * side), 0);
    }
    const md = readFileSync(join(out, 'faces.md'), 'utf8');
    expect(md).toContain("Model files, imported through the app's import panel for this run:");
    expect(md).toContain(`\`${model}\` as \`${summary.model.id}\` "Planted YOLOv8", card \``);

    const benchOut = join(dir, 'bench-out');
    const benchRun = node(['scripts/bench.mjs', '--models', `${model},ssd-mobilenet-v1-face`, '--frames', '2', '--no-anchors', '--no-eval', '--out', benchOut], 200_000);
    console.log(`[model-file bench]\n${benchRun.stdout.split('\n').filter((l) => /imported|fps|^\|/.test(l)).join('\n')}\n${benchRun.stderr}`);
    expect(benchRun.status, benchRun.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(benchOut, readdirSync(benchOut).find((f) => f.endsWith('.json'))!), 'utf8'));
    // both rows, in the order asked for; the file's row says the id it was imported under
    expect(report.rows.map((r: { model: string }) => r.model)).toEqual([model, 'ssd-mobilenet-v1-face']);
    expect(report.rows[0].importedId).toMatch(/^user-/);
    expect(report.rows[0].modelName).toBe('Planted YOLOv8');
    expect(report.rows[0].fps).toBeGreaterThan(0);
    expect(report.imported).toEqual([expect.objectContaining({ file: model, backend: 'wasm', id: report.rows[0].importedId, name: 'Planted YOLOv8' })]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(set.dir, '..'), { recursive: true, force: true });
  }
});

test('a card with a field it does not know, or a model.json missing its weights, is refused by name before Chromium starts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ssd-cam-model-file-'));
  try {
    const model = writeModel(join(dir, 'yolo'), { ...CARD, colour: 'red' });
    const bad = node(['scripts/bench.mjs', '--models', model, '--frames', '2', '--no-anchors', '--no-eval', '--out', join(dir, 'out')], 30_000);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('model.card.json: unknown field colour for a graph model; known: name, layout, outputs');
    rmSync(join(dir, 'yolo', 'group1-shard1of1.bin'));
    const missing = node(['scripts/eval.mjs', '--dataset', dir, '--models', model], 30_000);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('model.json: its weight file group1-shard1of1.bin is not beside it');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
