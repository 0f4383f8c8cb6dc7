import fs from 'node:fs';
import path from 'node:path';

/**
 * A model or WASM binary left out of the precache is a broken offline app that still looks
 * fine online, so the build checks the service worker's precache manifest against what it
 * emitted and fails when anything is missing. Used as a workbox `manifestTransforms` entry
 * (see vite.config.ts), which sees the final list of entries before it is injected into sw.js.
 */

interface Entry {
  url: string;
  size: number;
  revision: string | null;
}

export interface PrecacheCheckOptions {
  /** the build's output folder (absolute), read when the check runs (after the app is written). */
  outDir: () => string;
  /** URLs (site-root absolute, e.g. /models/x/y.bin) that must be emitted and precached. */
  required: () => string[];
  /** output files that are not part of the offline app (sourcemaps, the service worker itself). */
  ignore: (file: string) => boolean;
}

/** Pure core: which required and emitted files the manifest lacks. */
export function missingFromPrecache(manifestUrls: string[], required: string[], emitted: string[]) {
  const have = new Set(manifestUrls.map((u) => u.replace(/^\//, '').split('?')[0]));
  const requiredRel = required.map((u) => u.replace(/^\//, ''));
  const emittedSet = new Set(emitted);
  return {
    notEmitted: requiredRel.filter((u) => !emittedSet.has(u)),
    notPrecached: [...new Set([...requiredRel, ...emitted])].filter((u) => !have.has(u)).sort(),
  };
}

export function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(path.join(dir, entry.name), rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MiB`;

export function precacheCheck(opts: PrecacheCheckOptions) {
  return async <E extends Entry>(entries: E[]) => {
    const emitted = listFiles(opts.outDir()).filter((f) => !opts.ignore(f));
    const { notEmitted, notPrecached } = missingFromPrecache(
      entries.map((e) => e.url),
      opts.required(),
      emitted,
    );
    const problems = [
      ...notEmitted.map((f) => `not emitted by the build: ${f}`),
      ...notPrecached.map((f) => `not in the service worker's precache: ${f}`),
    ];
    if (problems.length) {
      throw new Error(
        `Offline app incomplete (raise injectManifest.maximumFileSizeToCacheInBytes or fix globPatterns, never drop files):\n  ${problems.join('\n  ')}`,
      );
    }
    const total = entries.reduce((sum, e) => sum + e.size, 0);
    console.log(`[precache] ${entries.length} files, ${mb(total)}; every emitted model, WASM and app file is precached`);
    return { manifest: entries, warnings: [] as string[] };
  };
}
