// The two catalogues: same keys, same kinds of values, nothing empty, Japanese that is really
// Japanese, class names for every class our models name; and no UI text written straight into
// an element's template instead of the catalogue.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COCO_80, COCO_90 } from '../../../src/detection/labels/coco';
import { en } from '../../../src/i18n/en';
import { ja } from '../../../src/i18n/ja';
import { localeFor } from '../../../src/i18n/locale';
import { catalogues, messages, setLocale } from '../../../src/i18n/messages';
import { summaryText, boxLabel } from '../../../src/i18n/labels';

type Tree = { [key: string]: unknown };

/** key path -> value, for every leaf (strings and functions). */
function leaves(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) for (const [p, x] of leaves(v as Tree, path)) out.set(p, x);
    else out.set(path, v);
  }
  return out;
}

/** What a message function says for some plausible arguments. */
function sample(fn: (...args: unknown[]) => unknown): unknown {
  const n = Math.max(fn.length, 1);
  const attempts: unknown[][] = [Array(n).fill(2), Array(n).fill('x'), [['a', 'b']], Array(n).fill(true)];
  for (const args of attempts) {
    try {
      const v = fn(...args);
      if (typeof v === 'string') return v;
    } catch {
      /* try other arguments */
    }
  }
  return undefined;
}

const EN = leaves(en as unknown as Tree);
const JA = leaves(ja as unknown as Tree);
// en.classNames and en.modelNames are empty on purpose (English shows the models' own names
// and the manifests' names); ja's entries are checked against the models below.
const isClassName = (k: string) => k.startsWith('classNames.') || k.startsWith('modelNames.');

describe('message catalogues', () => {
  it('have the same keys with the same kinds of values', () => {
    const enKeys = [...EN.keys()].filter((k) => !isClassName(k)).sort();
    const jaKeys = [...JA.keys()].filter((k) => !isClassName(k)).sort();
    expect(jaKeys.filter((k) => !EN.has(k)), 'keys only in ja').toEqual([]);
    expect(enKeys.filter((k) => !JA.has(k)), 'keys missing from ja').toEqual([]);
    for (const k of enKeys) expect(typeof JA.get(k), k).toBe(typeof EN.get(k));
  });

  it('have no empty values, and every message function says something', () => {
    for (const [name, tree] of [['en', EN], ['ja', JA]] as const) {
      for (const [k, v] of tree) {
        if (typeof v === 'function') {
          const said = sample(v as (...args: unknown[]) => unknown);
          expect(typeof said === 'string' && said.trim().length > 0, `${name}.${k}() -> ${JSON.stringify(said)}`).toBe(true);
        } else {
          expect(typeof v === 'string' && v.trim().length > 0, `${name}.${k} = ${JSON.stringify(v)}`).toBe(true);
        }
      }
    }
  });

  it('speak Japanese in ja: nearly every text has kana or kanji', () => {
    const texts = [...JA].filter(([k]) => !isClassName(k)).map(([k, v]) => [k, typeof v === 'function' ? sample(v as never) : v] as const);
    const japanese = texts.filter(([, v]) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(String(v)));
    // names, units and symbols stay as they are (SSD Cam, fps, WASM, A/B, 0 … 255 ...)
    const same = texts.filter(([, v]) => !/[\u3040-\u30ff\u4e00-\u9fff]/.test(String(v))).map(([k]) => k);
    expect(japanese.length / texts.length, `not Japanese: ${same.join(', ')}`).toBeGreaterThan(0.8);
    const allowed =
      /^(appTitle|abButton|lang|units\..*|backendNames\.(?!auto).*|hud\.wasm|importer\.ranges\..*|settings\.resolutions\.(hd|fhd)|snapshot\.(fileName|caption)|pwa\.(version|bytes)|chartAxes\.fps|bench\.columns\.(fps|achieved)|withDetail|settings\.languages\.en|summary\.(count|join)|benchFailure)$/;
    expect(same.filter((k) => !allowed.test(k)), 'texts left in English').toEqual([]);
  });

  it('name every class our models and COCO know, in Japanese', () => {
    const modelLabels = readdirSync('models')
      .filter((f) => f.endsWith('.json'))
      .flatMap((f) => {
        const labels = JSON.parse(readFileSync(join('models', f), 'utf8')).labels;
        return Array.isArray(labels) ? (labels as string[]) : [];
      });
    const all = new Set([...COCO_80, ...COCO_90, ...modelLabels].filter(Boolean));
    const missing = [...all].filter((l) => !ja.classNames[l]?.trim());
    expect(missing, 'classes without a Japanese name').toEqual([]);
  });

  it('the live binding follows the language', () => {
    setLocale('ja');
    expect(messages).toBe(catalogues.ja);
    expect(messages.start).toBe('開始');
    expect(summaryText([{ label: 'face' }, { label: 'person' }, { label: 'face' }])).toBe('顔 2、人 1');
    expect(boxLabel({ label: 'cat', score: 0.874 })).toBe('猫 87%');
    expect(boxLabel({ label: 'cat', score: 0.874, trackId: 7 })).toBe('猫 #7 87%');
    setLocale('en');
    expect(messages.start).toBe('Start');
    expect(summaryText([{ label: 'face' }, { label: 'face' }, { label: 'face' }, { label: 'person' }, { label: 'person' }])).toBe('3 faces, 2 persons');
    expect(summaryText([{ label: 'bus' }, { label: 'dining table' }])).toBe('1 bus, 1 dining table');
    expect(summaryText([])).toBe('Nothing detected.');
  });

  it('the language comes from the setting, else the browser', () => {
    expect(localeFor('auto', ['ja-JP', 'en-US'])).toBe('ja');
    expect(localeFor('auto', ['fr-FR', 'ja'])).toBe('ja');
    expect(localeFor('auto', ['de-DE'])).toBe('en');
    expect(localeFor('auto', [])).toBe('en');
    expect(localeFor('en', ['ja-JP'])).toBe('en');
    expect(localeFor('ja', ['en-US'])).toBe('ja');
  });
});

describe('no UI text outside the catalogues', () => {
  // Text nodes and accessible-name attributes written literally in an element's template. The
  // catalogue is the only place for words; symbols (✕, i, ×, ·) are allowed.
  // every folder that renders: the shell, the features and the UI kit
  const files = ['src/app', 'src/features', 'src/ui'].flatMap((dir) =>
    (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f)),
  );

  /** the static parts of every html`...` / svg`...` template in a source file */
  function templateStatics(source: string): string[] {
    const parts: string[] = [];
    const re = /(?:html|svg)`/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(source))) {
      let i = m.index + m[0].length;
      let text = '';
      while (i < source.length && source[i] !== '`') {
        if (source[i] === '$' && source[i + 1] === '{') {
          // skip the expression, nested braces and templates included
          let depth = 0;
          let inTemplate = 0;
          for (; i < source.length; i++) {
            const c = source[i];
            if (c === '`') inTemplate ^= 1;
            else if (!inTemplate && c === '{') depth++;
            else if (!inTemplate && c === '}' && --depth === 0) break;
          }
          text += ' ';
          i++;
          continue;
        }
        text += source[i++];
      }
      parts.push(text);
      re.lastIndex = i + 1;
    }
    return parts;
  }

  it('finds none in src/app, src/features and src/ui', () => {
    const found: string[] = [];
    for (const f of files) {
      const source = readFileSync(f, 'utf8');
      for (const t of templateStatics(source)) {
        const noTags = t.replace(/<style[\s\S]*?<\/style>/g, '');
        for (const m of noTags.matchAll(/>([^<>]*)</g)) {
          // tensor dtypes are identifiers, the same in every language
          const text = m[1].replace(/\b(float32|int32)\b/g, '');
          if (/[A-Za-z\u3040-\u30ff\u4e00-\u9fff]{2,}/.test(text)) found.push(`${f}: text "${m[1].trim()}"`);
        }
        for (const m of noTags.matchAll(/\b(aria-label|title|placeholder|alt)="([^"$]*[A-Za-z]{2,}[^"]*)"/g)) found.push(`${f}: ${m[1]}="${m[2]}"`);
      }
      // a model's name goes through modelName()/displayName() (i18n/labels.ts), never raw
      for (const m of source.matchAll(/\$\{[^}]*\b(?:m|model|r\.model|ready\.model|run\.model)\.name\b[^}]*\}/g)) found.push(`${f}: raw model name ${m[0]}`);
    }
    expect(files.length).toBeGreaterThan(40);
    expect(found).toEqual([]);
  });
});

describe('model names', () => {
  it('Japanese names every model we ship in Japanese (no English task words or suffixes)', async () => {
    const { MODELS } = await import('../../../src/shared/model-catalog');
    for (const m of MODELS) {
      const name = ja.modelNames[m.id];
      expect(name, `ja name for ${m.id}`).toBeTruthy();
      expect(name, m.id).not.toMatch(/faces|hands|objects|speed only|download/i);
    }
    expect(Object.keys(ja.modelNames).sort()).toEqual(MODELS.map((m) => m.id).sort());
  });
});

describe('model short names', () => {
  it('every model we ship has one in each language, distinct, short enough for a phone HUD', async () => {
    const { MODELS } = await import('../../../src/shared/model-catalog');
    const { modelShortName } = await import('../../../src/i18n/labels');
    for (const lang of ['en', 'ja'] as const) {
      setLocale(lang);
      const names = MODELS.map((m) => modelShortName(m));
      for (const [i, m] of MODELS.entries()) {
        expect(Object.prototype.hasOwnProperty.call(messages.modelShortNames, m.id), `${lang}: short name for ${m.id}`).toBe(true);
        expect(names[i].length, `${lang}: ${names[i]}`).toBeLessThanOrEqual(32);
      }
      expect(new Set(names).size, `${lang}: distinct short names`).toBe(names.length);
    }
    setLocale('en');
    // a model of the user's own keeps its name
    expect(modelShortName({ id: 'user:abc', name: 'My detector' })).toBe('My detector');
  });
});
