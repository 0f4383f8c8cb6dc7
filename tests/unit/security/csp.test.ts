// The Content-Security-Policy's allowances, each as narrow as the app needs: model downloads
// only from the catalogue's folder of the model bucket, no data: images, and inline styles by
// hash only (index.html's first-paint style, as written and as built).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTENT_SECURITY_POLICY, hashSource, inlineStyles, unlistedInlineStyles } from '../../../scripts/lib/csp';
import { networkModels } from '../../../src/features/models/network-models';

const ROOT = join(import.meta.dirname, '../../..');
const directives = Object.fromEntries(
  CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]),
);

/** CSP host-source matching with a path (CSP3 §6.7.2.9, enough for https sources): a source
 * ending in '/' matches every path below it, otherwise the exact path. */
function allows(sources: string[], url: string): boolean {
  const u = new URL(url);
  return sources.some((s) => {
    if (!/^https:\/\//.test(s)) return false;
    const src = new URL(s);
    if (src.origin !== u.origin) return false;
    return src.pathname.endsWith('/') ? u.pathname.startsWith(src.pathname) : u.pathname === src.pathname;
  });
}

describe('Content-Security-Policy', () => {
  it('lets the catalogue models download, and nothing else from the storage host', () => {
    const connect = directives['connect-src'];
    expect(connect).toEqual(["'self'", 'https://storage.googleapis.com/tfjs-models/']);
    const models = networkModels();
    expect(models.length).toBeGreaterThan(0);
    for (const m of models) expect(allows(connect, m.url), m.url).toBe(true);
    // weight shards sit beside model.json
    for (const m of models) expect(allows(connect, new URL('group1-shard1of4', m.url).href)).toBe(true);
    expect(allows(connect, 'https://storage.googleapis.com/some-other-bucket/x.bin')).toBe(false);
    expect(allows(connect, 'https://storage.googleapis.com/tfjs-models-evil/x.bin')).toBe(false);
  });

  it('allows no data: images and no inline style except the first-paint one, by hash', () => {
    expect(directives['img-src']).toEqual(["'self'"]);
    expect(directives['style-src']).not.toContain("'unsafe-inline'");
    expect(directives['style-src'][0]).toBe("'self'");
    expect(directives['style-src'].slice(1).every((s: string) => /^'sha256-[A-Za-z0-9+/]+=*'$/.test(s))).toBe(true);
    expect(directives['worker-src']).toEqual(["'self'", 'blob:']);
  });

  it("lists index.html's first-paint style as written (the dev server serves it so)", () => {
    const html = readFileSync(join(ROOT, 'index.html'), 'utf8');
    expect(inlineStyles(html)).toHaveLength(1);
    expect(unlistedInlineStyles(html)).toEqual([]);
  });

  it('names the hash of an inline style the policy lacks (what fails the build)', () => {
    const html = '<head><style>body{color:red}</style><style media="x">p{}</style></head>';
    expect(inlineStyles(html)).toEqual(['body{color:red}', 'p{}']);
    expect(unlistedInlineStyles(html)).toEqual([hashSource('body{color:red}'), hashSource('p{}')]);
    expect(unlistedInlineStyles(html, "style-src 'self' 'unsafe-inline'")).toEqual([]);
    // the well-known digest of the empty string, as CSP writes it
    expect(hashSource('')).toBe("'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
  });
});
