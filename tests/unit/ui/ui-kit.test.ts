// The UI kit's plumbing, in Node: fire() sends events as the elements always have (bubbling,
// composed, the same detail), the --ssd-* custom properties come from tokens.ts, and the
// features keep to the kit: no colour literal in their styles, no hand-made CustomEvent.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fire, fireCancelable } from '../../../src/ui/events';
import { tokens } from '../../../src/ui/styles';
import { COLORS, RADIUS, SPACE } from '../../../src/ui/tokens';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('fire', () => {
  it('sends a bubbling, composed CustomEvent with the detail', () => {
    const target = new EventTarget();
    const seen: CustomEvent[] = [];
    target.addEventListener('settings-change', (e) => seen.push(e as CustomEvent));
    expect(fire(target, 'settings-change', { maxDetections: 5 })).toBe(true);
    expect(seen).toHaveLength(1);
    expect(seen[0].detail).toEqual({ maxDetections: 5 });
    expect(seen[0].bubbles).toBe(true);
    expect(seen[0].composed).toBe(true);
    expect(seen[0].cancelable).toBe(false);
  });

  it('an event without detail carries null, as new CustomEvent(name) does', () => {
    const target = new EventTarget();
    let detail: unknown = 'unset';
    target.addEventListener('settings-close', (e) => (detail = (e as CustomEvent).detail));
    fire(target, 'settings-close');
    expect(detail).toBeNull();
    expect(new CustomEvent('x').detail).toBeNull();
  });

  it('fireCancelable says when a listener cancelled', () => {
    const target = new EventTarget();
    expect(fireCancelable(target, 'file-open')).toBe(true);
    target.addEventListener('file-open', (e) => e.preventDefault());
    expect(fireCancelable(target, 'file-open')).toBe(false);
  });
});

describe('tokens', () => {
  it('every colour, space and radius is a --ssd-* custom property', () => {
    const text = tokens.cssText;
    const kebab = (k: string) => k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    for (const [k, v] of Object.entries(COLORS)) expect(text).toContain(`--ssd-${kebab(k)}: ${v};`);
    for (const [k, v] of Object.entries(SPACE)) expect(text).toContain(`--ssd-space-${k}: ${v}px;`);
    for (const [k, v] of Object.entries(RADIUS)) expect(text).toContain(`--ssd-radius-${k}: ${v}px;`);
  });

  it('every var(--ssd-*) used in src/ exists', () => {
    const declared = new Set([...tokens.cssText.matchAll(/(--ssd-[a-z0-9-]+):/g)].map((m) => m[1]));
    const missing: string[] = [];
    for (const file of sourceFiles('src')) {
      for (const m of readFileSync(file, 'utf8').matchAll(/var\((--ssd-[a-z0-9-]+)/g)) if (!declared.has(m[1])) missing.push(`${file}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });
});

describe('the features keep to the kit', () => {
  // the kit's own palettes: tokens.ts, and the per-class box colours (data, not theme)
  const OWN = new Set(['src/ui/tokens.ts', 'src/ui/label-colors.ts']);
  const files = [...sourceFiles('src/features'), ...sourceFiles('src/ui')].filter((f) => !OWN.has(f.split('\\').join('/')));

  it('no colour literal outside tokens.ts', () => {
    const found: string[] = [];
    for (const file of files) {
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      // 'rgba(0, 0, 0, 0)' is "no fill" (a scatter point drawn as a ring), not a colour of the theme
      for (const m of code.matchAll(/#[0-9a-fA-F]{3,8}\b|rgba?\((?!0, 0, 0, 0\))[^)]*\)/g)) found.push(`${file}: ${m[0]}`);
    }
    expect(found).toEqual([]);
  });

  it('no hand-made CustomEvent: fire() from src/ui/events.ts', () => {
    const found = files.filter((f) => !f.endsWith(join('ui', 'events.ts')) && /new CustomEvent\b/.test(readFileSync(f, 'utf8')));
    expect(found).toEqual([]);
  });
});
