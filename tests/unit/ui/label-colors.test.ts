// Per-class colours: stable per label name, spread over the palette, and label text on them at
// WCAG AA contrast.
import { describe, expect, it } from 'vitest';
import { colorForLabel, contrastRatio, PALETTE, textColorOn } from '../../../src/ui/label-colors';

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
