// The settings model: what a stored (or damaged) value reads back as, the clamping of numbers to
// their range and step, and which classes a model shows.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  STORAGE_KEY,
  isLabelShown,
  loadSettings,
  normalizeSettings,
  saveSettings,
} from '../../../../src/features/settings/settings';

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
