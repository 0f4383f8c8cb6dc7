import { describe, expect, it } from 'vitest';
import { RingBuffer, percentile, summarize } from '../../../src/metrics/stats';

describe('percentile (linear interpolation, rank = p/100 * (n-1))', () => {
  // Sorted sample: [15, 20, 35, 40, 50], n = 5, so rank = p/100 * 4.
  const sample = [40, 15, 50, 35, 20];

  it('hits exact ranks', () => {
    expect(percentile(sample, 0)).toBe(15); // rank 0
    expect(percentile(sample, 50)).toBe(35); // rank 2
    expect(percentile(sample, 100)).toBe(50); // rank 4
  });

  it('interpolates between neighbours', () => {
    // p40: rank 1.6 -> 20 + 0.6 * (35 - 20) = 29
    expect(percentile(sample, 40)).toBeCloseTo(29, 12);
    // p95: rank 3.8 -> 40 + 0.8 * (50 - 40) = 48
    expect(percentile(sample, 95)).toBeCloseTo(48, 12);
    // [1, 2, 3, 4]: p50 rank 1.5 -> 2.5; p95 rank 2.85 -> 3 + 0.85 = 3.85
    expect(percentile([4, 1, 3, 2], 50)).toBeCloseTo(2.5, 12);
    expect(percentile([4, 1, 3, 2], 95)).toBeCloseTo(3.85, 12);
  });

  it('does not reorder its input', () => {
    const copy = [...sample];
    percentile(copy, 50);
    expect(copy).toEqual(sample);
  });

  it('handles one value, no value, and a bad p', () => {
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], -1)).toThrow(RangeError);
    expect(() => percentile([1], NaN)).toThrow(RangeError);
  });
});

describe('summarize', () => {
  it('gives mean, p50, p95, count', () => {
    // [10, 20, 30, 40]: mean 100 / 4 = 25; p50 rank 1.5 -> 25; p95 rank 2.85 -> 30 + 0.85 * 10 = 38.5
    const s = summarize([10, 20, 30, 40]);
    expect(s.count).toBe(4);
    expect(s.mean).toBe(25);
    expect(s.p50).toBeCloseTo(25, 12);
    expect(s.p95).toBeCloseTo(38.5, 12);
  });

  it('reports NaN figures for an empty sample', () => {
    const s = summarize([]);
    expect(s.count).toBe(0);
    expect(s.mean).toBeNaN();
    expect(s.p50).toBeNaN();
    expect(s.p95).toBeNaN();
  });
});

describe('RingBuffer', () => {
  it('keeps the newest values, oldest first', () => {
    const r = new RingBuffer(3);
    r.push(1);
    r.push(2);
    expect(r.values()).toEqual([1, 2]);
    expect(r.length).toBe(2);
    r.push(3);
    r.push(4); // overwrites 1
    expect(r.values()).toEqual([2, 3, 4]);
    r.push(5); // overwrites 2
    expect(r.values()).toEqual([3, 4, 5]);
    expect(r.length).toBe(3);
    expect(r.at(0)).toBe(3);
    expect(r.at(-1)).toBe(5);
    expect(r.at(3)).toBeUndefined();
    r.clear();
    expect(r.values()).toEqual([]);
    expect(r.at(0)).toBeUndefined();
  });

  it('summarizes "the last 60 frames"', () => {
    // Push 1..100 into 60 slots: 41..100 remain.
    // mean = (41 + 100) / 2 = 70.5
    // p50: rank 0.5 * 59 = 29.5 -> between index 29 (70) and 30 (71) = 70.5
    // p95: rank 0.95 * 59 = 56.05 -> index 56 (97) + 0.05 * (98 - 97) = 97.05
    const r = new RingBuffer(60);
    for (let i = 1; i <= 100; i++) r.push(i);
    const s = summarize(r.values());
    expect(s.count).toBe(60);
    expect(r.at(0)).toBe(41);
    expect(s.mean).toBeCloseTo(70.5, 12);
    expect(s.p50).toBeCloseTo(70.5, 12);
    expect(s.p95).toBeCloseTo(97.05, 12);
  });

  it('rejects a capacity that is not a positive integer', () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError);
    expect(() => new RingBuffer(2.5)).toThrow(RangeError);
  });
});
