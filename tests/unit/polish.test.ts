// Settings parsing, per-class colours and their contrast, download progress counting, and the
// loading texts: the pure parts of the phone-first polish.
import { describe, expect, it, vi } from 'vitest';
import { countingFetch } from '../../src/detection/download-progress';
import { progressText } from '../../src/features/live/engine-controller';
import { colorForLabel, contrastRatio, PALETTE, textColorOn } from '../../src/ui/label-colors';
import { setLocale } from '../../src/i18n/messages';
import {
  DEFAULT_SETTINGS,
  STORAGE_KEY,
  isLabelShown,
  loadSettings,
  normalizeSettings,
  saveSettings,
} from '../../src/features/settings/settings';
import { formatBytes, formatCount } from '../../src/i18n/format';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

describe('settings', () => {
  it('defaults when nothing (or garbage) is stored', () => {
    expect(loadSettings(memoryStorage())).toEqual(DEFAULT_SETTINGS);
    expect(loadSettings(memoryStorage({ [STORAGE_KEY]: '{not json' }))).toEqual(DEFAULT_SETTINGS);
    expect(loadSettings(null)).toEqual(DEFAULT_SETTINGS);
  });

  it('round-trips through storage', () => {
    const storage = memoryStorage();
    const s = normalizeSettings({ scoreThreshold: 0.95, maxDetections: 5, shownLabels: { coco: ['person'] }, resolution: 'hd', mirrorFront: false, language: 'ja', hudOpen: true });
    expect(saveSettings(s, storage)).toBe(true);
    expect(loadSettings(storage)).toEqual(s);
  });

  it('clamps numbers to their range and step, and drops what it does not know', () => {
    const s = normalizeSettings({ scoreThreshold: 2, iouThreshold: '0.33', maxDetections: 0, resolution: '8k', language: 'fr', hudOpen: 'yes', extra: 1 });
    expect(s.scoreThreshold).toBe(0.99);
    expect(s.iouThreshold).toBe(0.35);
    expect(s.maxDetections).toBe(1);
    expect(s.resolution).toBe('sd');
    expect(s.language).toBe('auto');
    expect(s.hudOpen).toBeNull();
    expect('extra' in s).toBe(false);
    expect(normalizeSettings({ scoreThreshold: 0.1 + 0.2 }).scoreThreshold).toBe(0.3);
    expect(normalizeSettings({ scoreThreshold: Number.NaN }).scoreThreshold).toBe(0.5);
  });

  it('filters classes per model; a model not in the map shows everything', () => {
    const s = normalizeSettings({ shownLabels: { face: [], coco: ['person', 'person', 3] } });
    expect(s.shownLabels).toEqual({ face: [], coco: ['person'] });
    expect(isLabelShown(s, 'face', 'face')).toBe(false);
    expect(isLabelShown(s, 'coco', 'person')).toBe(true);
    expect(isLabelShown(s, 'coco', 'dog')).toBe(false);
    expect(isLabelShown(s, 'hands', 'hand')).toBe(true);
  });
});

describe('label colours', () => {
  it('are stable per label and spread over the palette', () => {
    expect(colorForLabel('person')).toBe(colorForLabel('person'));
    expect(colorForLabel('person', 1)).toBe(colorForLabel('person', 77)); // by name, not by id
    const coco = ['person', 'car', 'dog', 'cat', 'bicycle', 'bus', 'chair', 'cup', 'bottle', 'face', 'hand'];
    expect(new Set(coco.map((l) => colorForLabel(l))).size).toBeGreaterThanOrEqual(7);
    expect(colorForLabel('', 5)).toBe(colorForLabel('', 5));
  });

  it('carry label text at WCAG AA contrast (4.5:1)', () => {
    for (const c of PALETTE) {
      const text = textColorOn(c);
      expect(contrastRatio(c, text), `${text} on ${c}`).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
  });
});

describe('download progress', () => {
  const body = (n: number, chunk: number) =>
    new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < n; i += chunk) c.enqueue(new Uint8Array(Math.min(chunk, n - i)));
        c.close();
      },
    });

  it('counts bytes across responses as they are read', async () => {
    const reports: [number, number | null][] = [];
    const sizes: Record<string, number> = { '/a.json': 100, '/b.bin': 1000 };
    const base = (async (input: RequestInfo | URL) =>
      new Response(body(sizes[String(input)], 300), { headers: { 'content-length': String(sizes[String(input)]) } })) as typeof fetch;
    const f = countingFetch((loaded, total) => reports.push([loaded, total]), null, base);
    expect((await (await f('/a.json')).arrayBuffer()).byteLength).toBe(100);
    expect((await (await f('/b.bin')).arrayBuffer()).byteLength).toBe(1000);
    expect(reports.at(-1)).toEqual([1100, 1100]);
    expect(reports.map((r) => r[0])).toEqual([100, 400, 700, 1000, 1100]);
  });

  it('uses the known total, and says unknown when a size is missing', async () => {
    const reports: [number, number | null][] = [];
    const base = (async () => new Response(body(50, 50))) as typeof fetch;
    await (await countingFetch((l, t) => reports.push([l, t]), null, base)('/x')).arrayBuffer();
    expect(reports).toEqual([[50, null]]);
    reports.length = 0;
    await (await countingFetch((l, t) => reports.push([l, t]), 500, base)('/x')).arrayBuffer();
    expect(reports).toEqual([[50, 500]]);
  });

  it('passes errors through untouched', async () => {
    const base = (async () => new Response('nope', { status: 404 })) as typeof fetch;
    const r = await countingFetch(() => {}, null, base)('/missing');
    expect(r.status).toBe(404);
  });
});

describe('loading texts', () => {
  it('say the stage and the bytes, in both languages', () => {
    setLocale('en');
    expect(progressText({ stage: 'download', loaded: 1.5 * 1024 * 1024, total: 5.4 * 1024 * 1024 })).toBe('Downloading model: 1.5 MB of 5.4 MB');
    expect(progressText({ stage: 'warmup' })).toBe('First run: compiling for this device…');
    expect(progressText({ stage: 'calibrate', step: 2, of: 3 })).toBe('Measuring WASM threads (2 of 3)…');
    expect(progressText(null)).toBe('');
    setLocale('ja');
    expect(progressText({ stage: 'download', loaded: 300 * 1024, total: null })).toBe('モデルをダウンロード中：300 kB');
    expect(progressText({ stage: 'build' })).toBe('ネットワークを準備しています…');
    setLocale('en');
  });

  it('format numbers for the locale', () => {
    setLocale('en');
    expect(formatCount(26_285_486)).toBe('26.3 M');
    expect(formatBytes(5_645_190)).toBe('5.4 MB');
    expect(formatBytes(2048)).toBe('2 kB');
  });
});

describe('live region pacing', () => {
  it('lets a change through at most once per interval, and catches up after it', async () => {
    const { ThrottleController } = await import('../../src/features/live/throttle-controller');
    vi.useFakeTimers();
    try {
      let updates = 0;
      const host = { addController: () => {}, requestUpdate: () => void updates++ } as unknown as import('lit').ReactiveControllerHost;
      const t = new ThrottleController(host, 1000);
      expect(t.allow(0)).toBe(true);
      expect(t.allow(100)).toBe(false);
      expect(t.allow(500)).toBe(false); // one timer, not two
      vi.advanceTimersByTime(899);
      expect(updates).toBe(0);
      vi.advanceTimersByTime(1);
      expect(updates).toBe(1); // the host re-renders once the second is over
      expect(t.allow(1000)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
