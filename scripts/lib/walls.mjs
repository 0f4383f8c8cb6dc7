// The walls between the layers of src/, checked from the import statements themselves, so a
// forbidden import fails `npm test` (tests/unit/walls.test.ts runs this over the real tree)
// instead of waiting for a post-build bundle check. Our own ~150 lines rather than a lint
// plugin: the rules are about *reachability* (the page must not reach TensorFlow.js through
// any chain of runtime imports, while type-only imports are free) and about folders, which
// dependency-cruiser could express but at ~40 transitive packages for five rules.
//
//   node scripts/lib/walls.mjs        prints the violations, exits 1 when there are any
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The UI: elements, their controllers and their words (docs/ARCHITECTURE.md). */
const UI = ['src/app', 'src/features', 'src/ui', 'src/i18n'];
/** Page-side folders: everything the main thread bundles. */
const PAGE = [...UI, 'src/automation', 'src/camera', 'src/pwa', 'src/main.ts', 'src/sw.ts'];
/** Worker-side and pure folders: they run without a page (worker, Node tests, the CLI). */
const WORKER_SIDE = ['src/worker', 'src/detection', 'src/evaluation', 'src/shared', 'src/storage', 'src/tracking'];
/** Layers below the UI: they never hold words for people (errors carry a kind and detail). */
const BELOW_UI = [
  'src/automation', 'src/camera', 'src/engine', 'src/detection', 'src/worker', 'src/metrics', 'src/results',
  'src/evaluation', 'src/pwa', 'src/security', 'src/shared', 'src/storage', 'src/tracking',
];

/**
 * Import cycles between top-level folders that exist today and are debts to pay in the
 * restructuring; any other cycle fails. Remove an entry once its cycle is gone (the check
 * says so when an entry no longer matches).
 */
export const KNOWN_FOLDER_CYCLES = [];

const IMPORT_RE =
  /(?:^|[;\n])\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]|(?:^|[;\n])\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every import in a file: specifier and whether it can pull code in at run time. */
export function parseImports(text) {
  // comments out first: they may mention imports
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const out = [];
  for (const m of code.matchAll(IMPORT_RE)) {
    if (m[4] !== undefined) {
      const clause = m[3] ?? '';
      const braces = clause.match(/^\{([\s\S]*)\}$/);
      const allTyped =
        braces !== null &&
        braces[1].split(',').map((s) => s.trim()).filter(Boolean).every((s) => s.startsWith('type '));
      out.push({ spec: m[4], typeOnly: Boolean(m[2]) || allTyped });
    } else {
      out.push({ spec: m[5] ?? m[6], typeOnly: false });
    }
  }
  return out;
}

function walk(dir) {
  const files = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...walk(path));
    else if (/\.(ts|mts|js|mjs)$/.test(name) && !/\.d\.ts$/.test(name)) files.push(path);
  }
  return files;
}

function resolveLocal(fromFile, spec, root) {
  const base = resolve(dirname(fromFile), spec.split('?')[0]);
  for (const candidate of [base, `${base}.ts`, `${base}.js`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return relative(root, candidate).split(sep).join('/');
  }
  return null;
}

const under = (file, places) => places.some((p) => file === p || file.startsWith(`${p}/`));
const topFolder = (file) => file.split('/').slice(0, 2).join('/');

/** The import graph of src/: file -> [{target (repo path or package), typeOnly}]. */
export function importGraph(root) {
  const graph = new Map();
  for (const abs of walk(join(root, 'src'))) {
    const file = relative(root, abs).split(sep).join('/');
    const edges = parseImports(readFileSync(abs, 'utf8')).map(({ spec, typeOnly }) => ({
      target: spec.startsWith('.') ? resolveLocal(abs, spec, root) ?? spec : spec,
      typeOnly,
    }));
    graph.set(file, edges);
  }
  return graph;
}

/** The rules; each violation names the rule, the file and what it imports (or the chain). */
export function checkWalls(root, { knownCycles = KNOWN_FOLDER_CYCLES } = {}) {
  const graph = importGraph(root);
  const violations = [];
  const add = (rule, file, detail) => violations.push({ rule, file, detail });

  for (const [file, edges] of graph) {
    for (const { target, typeOnly } of edges) {
      if (under(file, WORKER_SIDE) && under(target, PAGE)) {
        add('the worker side imports nothing from the page side', file, target);
      }
      if (under(file, BELOW_UI) && under(target, UI)) {
        add('layers below the UI hold no UI text and import nothing from the UI', file, target);
      }
      if (under(file, UI) && under(target, ['src/detection', 'src/worker'])) {
        add('the UI speaks to detection only through the engine', file, target);
      }
      if (!typeOnly && under(file, ['src/detection', 'src/evaluation']) && /^(lit|workbox)/.test(target)) {
        add('detection and evaluation stay free of the page libraries', file, target);
      }
    }
    if (under(file, ['src/detection', 'src/evaluation'])) {
      const code = readFileSync(join(root, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      const dom = code.match(/\b(document|window)\s*\./);
      if (dom) add('detection and evaluation never touch the DOM', file, `${dom[1]}.`);
    }
  }

  // The page bundle: nothing reachable from the page's entries by runtime imports may be
  // TensorFlow.js (type-only imports vanish at build time; the worker is its own entry).
  const entries = [...graph.keys()].filter((f) => under(f, PAGE));
  const seen = new Map(entries.map((f) => [f, [f]]));
  const queue = [...entries];
  while (queue.length) {
    const file = queue.shift();
    for (const { target, typeOnly } of graph.get(file) ?? []) {
      if (typeOnly) continue;
      const chain = [...seen.get(file), target];
      if (/^@tensorflow\//.test(target)) {
        add('the page never loads TensorFlow.js', chain[0], chain.join(' -> '));
      } else if (graph.has(target) && !seen.has(target)) {
        seen.set(target, chain);
        queue.push(target);
      }
    }
  }

  // Cycles between top-level folders of src/ (type imports count: they tie the folders).
  const folders = new Map();
  for (const [file, edges] of graph) {
    for (const { target } of edges) {
      if (!target.startsWith('src/') || topFolder(target) === topFolder(file)) continue;
      if (!folders.has(topFolder(file))) folders.set(topFolder(file), new Set());
      folders.get(topFolder(file)).add(topFolder(target));
    }
  }
  const cycles = folderCycles(folders);
  const known = new Set(knownCycles);
  for (const cycle of cycles) {
    if (!known.has(cycle)) add('no import cycle between the top-level folders of src/', cycle, 'a cycle');
  }
  for (const k of known) if (!cycles.includes(k)) add('a known folder cycle is gone: remove it from KNOWN_FOLDER_CYCLES', k, 'stale entry');
  return violations;
}

/** Pairs and longer loops, each written once from its smallest folder name. */
function folderCycles(edges) {
  const found = new Set();
  const visit = (start, node, path) => {
    for (const next of edges.get(node) ?? []) {
      if (next === start) {
        const names = path.map((p) => p.replace('src/', ''));
        const i = names.indexOf([...names].sort()[0]);
        found.add([...names.slice(i), ...names.slice(0, i)].join(' -> '));
      } else if (!path.includes(next) && path.length < 6) {
        visit(start, next, [...path, next]);
      }
    }
  };
  for (const start of edges.keys()) visit(start, start, [start]);
  return [...found].sort();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const violations = checkWalls(root);
  for (const v of violations) console.log(`${v.rule}: ${v.file} (${v.detail})`);
  console.log(violations.length ? `${violations.length} wall violation(s)` : 'walls: no violations');
  process.exit(violations.length ? 1 : 0);
}
