// Each model's score threshold: the user's own (per model) wins, then a global value an older
// version stored when the user changed it, then the model's measured operating point, then
// the global default. Stored values are clamped and bad ones dropped.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, engineThresholds, normalizeSettings, scoreThresholdFor } from '../../../../src/features/settings/settings';

const base = () => normalizeSettings({});

describe('scoreThresholdFor', () => {
  it("uses the model's measured threshold when the user chose none", () => {
    expect(scoreThresholdFor(base(), 'centernet', 0.25)).toEqual({ value: 0.25, source: 'measured' });
  });

  it('falls back to the global default for a model measured on nothing', () => {
    expect(scoreThresholdFor(base(), 'vgg16-ssd300', null)).toEqual({ value: DEFAULT_SETTINGS.scoreThreshold, source: 'default' });
  });

  it("the user's own threshold for this model wins, and only for this model", () => {
    const s = normalizeSettings({ modelScoreThresholds: { centernet: 0.4 } });
    expect(scoreThresholdFor(s, 'centernet', 0.25)).toEqual({ value: 0.4, source: 'yours' });
    expect(scoreThresholdFor(s, 'face', 0.6)).toEqual({ value: 0.6, source: 'measured' });
  });

  it('a global threshold an older version stored, when changed from the default, is still the user\'s', () => {
    const s = normalizeSettings({ scoreThreshold: 0.3 });
    expect(scoreThresholdFor(s, 'centernet', 0.25)).toEqual({ value: 0.3, source: 'yours' });
  });

  it('clamps a measured value into the slider range', () => {
    expect(scoreThresholdFor(base(), 'm', 0.001).value).toBe(0.05);
  });

  it('engineThresholds carries the per-model value with the shared IoU and box limit', () => {
    const s = normalizeSettings({ modelScoreThresholds: { a: 0.7 }, iouThreshold: 0.4, maxDetections: 20 });
    const track = { minHits: 3, maxMisses: 15, lowScore: 0.1 };
    expect(engineThresholds(s, 'a', 0.2)).toEqual({ scoreThreshold: 0.7, iouThreshold: 0.4, maxDetections: 20, tracking: false, trackOptions: track });
    expect(engineThresholds(s, 'b', 0.2)).toEqual({ scoreThreshold: 0.2, iouThreshold: 0.4, maxDetections: 20, tracking: false, trackOptions: track });
    // the tracker's settings, clamped to their ranges
    expect(engineThresholds(normalizeSettings({ trackMinHits: 0, trackMaxMisses: 40, trackLowScore: 0.9 })).trackOptions).toEqual({ minHits: 1, maxMisses: 40, lowScore: 0.5 });
    // tracking is stored as the user set it, anything else reads as off
    expect(engineThresholds(normalizeSettings({ tracking: true }), 'a').tracking).toBe(true);
    expect(normalizeSettings({ tracking: 'yes' }).tracking).toBe(false);
  });
});

describe('normalizeSettings: per-model thresholds', () => {
  it('clamps stored values to the step and drops unreadable ones', () => {
    const s = normalizeSettings({ modelScoreThresholds: { a: 0.333, b: 'x', c: 2, d: null, e: '0.4' } });
    expect(s.modelScoreThresholds).toEqual({ a: 0.33, c: 0.99, e: 0.4 });
  });

  it('ignores a map that is not an object', () => {
    expect(normalizeSettings({ modelScoreThresholds: [0.5] }).modelScoreThresholds).toEqual({});
  });

  it('an inherited key is not a model', () => {
    expect(scoreThresholdFor(base(), 'constructor', 0.3)).toEqual({ value: 0.3, source: 'measured' });
  });
});

describe('measured thresholds in the catalogue', () => {
  it('every measured threshold is in the slider range, says where it was measured, and is on a trained model only', async () => {
    const { MODELS } = await import('../../../../src/shared/model-catalog');
    const { LIMITS } = await import('../../../../src/features/settings/settings');
    const measured = MODELS.filter((m) => m.defaultScoreThreshold);
    // the default COCO model and the face model were measured with npm run eval (README)
    expect(measured.map((m) => m.id).sort()).toEqual(['centernet-mobilenet-v3-coco', 'ssd-mobilenet-v1-face']);
    for (const m of measured) {
      const t = m.defaultScoreThreshold!;
      expect(m.trained, m.id).toBe(true);
      expect(t.value).toBeGreaterThanOrEqual(LIMITS.scoreThreshold.min);
      expect(t.value).toBeLessThanOrEqual(LIMITS.scoreThreshold.max);
      expect(t.dataset, m.id).toMatch(/\S/);
      expect(t.images, m.id).toBeGreaterThan(0);
      expect(t.measured, m.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      for (const v of [t.recall, t.precision]) expect(v).toBeGreaterThan(0), expect(v).toBeLessThanOrEqual(100);
      // the app now runs it there, not at the 0.5 every model shared before
      expect(scoreThresholdFor(base(), m.id, t.value)).toEqual({ value: t.value, source: 'measured' });
    }
    // CenterNet at 0.5 kept a third of what it finds at its operating point
    const c = measured.find((m) => m.id === 'centernet-mobilenet-v3-coco')!.defaultScoreThreshold!;
    expect(c.at05!.recall).toBeLessThan(c.recall / 2);
  });
});
