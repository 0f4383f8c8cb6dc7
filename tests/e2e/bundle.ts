// Reads the production build (dist/) to tell main-thread code from worker code, so a test can
// check that TensorFlow.js lands only in the worker's chunk (docs/ARCHITECTURE.md, Walls).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { DIST } from './browser';

/**
 * Strings that survive minification in tfjs builds. The first two are tfjs-core code (its env
 * flag name and a kernel error message) and are in every build that contains tfjs-core; a
 * bundle of @tensorflow/tfjs-core plus backends has only those. Package names appear in the
 * @tensorflow/tfjs union's version table and some messages. '@tensorflow/tfjs' rather than
 * '@tensorflow' so a UI string naming e.g. @tensorflow-models/coco-ssd as a model's origin does
 * not count.
 */
export const TFJS_MARKERS = ['tfjsflags', 'may not be supported by the tfjs backend', '@tensorflow/tfjs', 'tfjs-core'];

export function tfjsMarkersIn(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return TFJS_MARKERS.filter((m) => text.includes(m));
}

/** Maps a URL or path from the built HTML/JS to a file under dist/, or null if outside. */
export function distFile(ref: string, fromFile = join(DIST, 'index.html')): string | null {
  if (/^(data|blob):/.test(ref)) return null;
  let path = ref;
  if (/^[a-z]+:\/\//i.test(ref)) path = new URL(ref).pathname;
  path = path.split(/[?#]/)[0];
  const candidates = path.startsWith('/')
    ? stripBase(path)
    : [resolve(dirname(fromFile), path)];
  for (const c of candidates) {
    if (c.startsWith(DIST + sep) && existsSync(c) && statSync(c).isFile()) return c;
  }
  return null;
}

// An absolute path may carry the app's base (e.g. /ssd-cam/assets/x.js): try each suffix.
function stripBase(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.map((_, i) => join(DIST, ...parts.slice(i)));
}

const IMPORT_PATTERNS = [
  /\bimport\s*\(\s*["'`]([^"'`]+)["'`]\s*\)/g, // dynamic import("./x.js")
  /\b(?:import|export)\s*(?:[\w*${},\s]+?\s*from\s*)?["']([^"']+\.m?js)["']/g, // static import/export ... from "./x.js"
];

/** Every JS file reachable from `entries` through static and dynamic imports. */
export function importClosure(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const re of IMPORT_PATTERNS) {
      for (const m of text.matchAll(re)) {
        const target = distFile(m[1], file);
        if (target && /\.m?js$/.test(target) && !seen.has(target)) queue.push(target);
      }
    }
  }
  return seen;
}

/** Scripts and module preloads named by dist/index.html, plus everything they import. */
export function mainThreadFiles(): Set<string> {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const entries: string[] = [];
  for (const m of html.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']([^"']+)["'][^>]*>/gi)) {
    const f = distFile(m[1]);
    if (f) entries.push(f);
  }
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const tag = m[0];
    if (!/\brel\s*=\s*["']?modulepreload/i.test(tag)) continue;
    const href = tag.match(/\bhref\s*=\s*["']([^"']+)["']/i);
    const f = href && distFile(href[1]);
    if (f) entries.push(f);
  }
  if (!entries.length) throw new Error('dist/index.html names no script under dist/');
  return importClosure(entries);
}

export function allJsFiles(dir = DIST): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...allJsFiles(p));
    else if (/\.m?js$/.test(name)) out.push(p);
  }
  return out;
}

export const rel = (f: string) => relative(DIST, f);
