// The layer walls (scripts/lib/walls.mjs) hold on the real tree, and the checker really
// catches each kind of forbidden import: a fixture tree per rule, made in a temp folder.
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script shared with the CLI
import { checkWalls, parseImports } from '../../../scripts/lib/walls.mjs';

type Violation = { rule: string; file: string; detail: string };
const ROOT = resolve(__dirname, '../../..');
const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'walls-'));
  temps.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const clean = {
  'src/main.ts': "import './app/shell';\n",
  'src/app/shell.ts': "import type { Tensor } from '@tensorflow/tfjs-core';\nimport { start } from '../engine/client';\nexport const x = start;\n",
  'src/engine/client.ts': "import type { Req } from './protocol';\nexport const start = (r?: Req) => new Worker(new URL('../worker/w.ts', import.meta.url));\n",
  'src/engine/protocol.ts': 'export type Req = { id: number };\n',
  'src/worker/w.ts': "import * as tf from '@tensorflow/tfjs-core';\nimport type { Req } from '../engine/protocol';\nexport const t = tf;\n",
  'src/detection/nms.ts': 'export const nms = (a: number[]) => a;\n',
};

describe('walls on the real tree', () => {
  it('has no forbidden import', () => {
    const violations: Violation[] = checkWalls(ROOT);
    expect(violations.map((v) => `${v.rule}: ${v.file} (${v.detail})`)).toEqual([]);
  });
});

describe('the checker catches each forbidden import', () => {
  it('passes a clean tree (type imports and the worker entry are allowed)', () => {
    expect(checkWalls(tree(clean), { knownCycles: [] })).toEqual([]);
  });

  it('the page reaching TensorFlow.js through a chain of runtime imports', () => {
    const root = tree({ ...clean, 'src/engine/client.ts': "import { nms } from '../detection/nms';\nimport '@tensorflow/tfjs-core';\nexport const start = nms;\n" });
    const v: Violation[] = checkWalls(root, { knownCycles: [] });
    expect(v.some((x) => x.rule === 'the page never loads TensorFlow.js' && x.detail.includes('src/engine/client.ts -> @tensorflow/tfjs-core'))).toBe(true);
  });

  it('a dynamic import of TensorFlow.js from the UI', () => {
    const root = tree({ ...clean, 'src/app/lazy.ts': "export const load = () => import('@tensorflow/tfjs');\n", 'src/app/shell.ts': "import { load } from './lazy';\nexport const x = load;\n" });
    expect(checkWalls(root, { knownCycles: [] }).map((x: Violation) => x.rule)).toContain('the page never loads TensorFlow.js');
  });

  it('the worker importing the page side', () => {
    const root = tree({ ...clean, 'src/worker/w.ts': "import { x } from '../app/shell';\nexport const y = x;\n" });
    expect(checkWalls(root, { knownCycles: [] })).toContainEqual({ rule: 'the worker side imports nothing from the page side', file: 'src/worker/w.ts', detail: 'src/app/shell.ts' });
  });

  it('a lower layer importing UI text', () => {
    const root = tree({ ...clean, 'src/app/messages.ts': 'export const m = {};\n', 'src/camera/open.ts': "import { m } from '../app/messages';\nexport const y = m;\n" });
    expect(checkWalls(root, { knownCycles: [] })).toContainEqual({ rule: 'layers below the UI hold no UI text and import nothing from the UI', file: 'src/camera/open.ts', detail: 'src/app/messages.ts' });
  });

  it('the worker side reaching a feature, and the engine reaching the catalogues', () => {
    const root = tree({
      ...clean,
      'src/features/bench/panel.ts': 'export const p = 1;\n',
      'src/i18n/en.ts': "export const en = { hi: 'Hello' };\n",
      'src/shared/catalog.ts': "import { p } from '../features/bench/panel';\nexport const c = p;\n",
      'src/engine/words.ts': "import { en } from '../i18n/en';\nexport const w = en;\n",
    });
    const found = checkWalls(root, { knownCycles: [] });
    expect(found).toContainEqual({ rule: 'the worker side imports nothing from the page side', file: 'src/shared/catalog.ts', detail: 'src/features/bench/panel.ts' });
    expect(found).toContainEqual({ rule: 'layers below the UI hold no UI text and import nothing from the UI', file: 'src/engine/words.ts', detail: 'src/i18n/en.ts' });
  });

  it('a feature importing detection directly', () => {
    const root = tree({ ...clean, 'src/features/live/overlay.ts': "import { nms } from '../../detection/nms';\nexport const x = nms;\n" });
    expect(checkWalls(root, { knownCycles: [] }).map((x: Violation) => x.rule)).toContain('the UI speaks to detection only through the engine');
  });

  it('detection touching the DOM', () => {
    const root = tree({ ...clean, 'src/detection/nms.ts': 'export const nms = () => document.title;\n' });
    expect(checkWalls(root, { knownCycles: [] }).map((x: Violation) => x.rule)).toContain('detection and evaluation never touch the DOM');
  });

  it('the UI importing detection directly', () => {
    const root = tree({ ...clean, 'src/app/shell.ts': "import { nms } from '../detection/nms';\nexport const x = nms;\n" });
    expect(checkWalls(root, { knownCycles: [] }).map((x: Violation) => x.rule)).toContain('the UI speaks to detection only through the engine');
  });

  it('a new cycle between top-level folders', () => {
    const root = tree({ ...clean, 'src/engine/protocol.ts': "import type { x } from '../app/shell';\nexport type Req = { id: number; x: typeof x };\n" });
    expect(checkWalls(root, { knownCycles: [] }).some((x: Violation) => x.rule === 'no import cycle between the top-level folders of src/' && x.file === 'app -> engine')).toBe(true);
  });
});

describe('parseImports', () => {
  it('tells type-only imports from runtime ones', () => {
    const text = [
      "import type { A } from './a';",
      "import { type B, type C } from './b';",
      "import { type D, E } from './d';",
      "export { F } from './f';",
      "export type { G } from './g';",
      "import './side-effect';",
      "const lazy = () => import('./lazy');",
      "// import { H } from './comment';",
      "import raw from './worker.js?raw';",
    ].join('\n');
    expect(parseImports(text)).toEqual([
      { spec: './a', typeOnly: true },
      { spec: './b', typeOnly: true },
      { spec: './d', typeOnly: false },
      { spec: './f', typeOnly: false },
      { spec: './g', typeOnly: true },
      { spec: './side-effect', typeOnly: false },
      { spec: './lazy', typeOnly: false },
      { spec: './worker.js?raw', typeOnly: false },
    ]);
  });
});
