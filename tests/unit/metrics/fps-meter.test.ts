import { describe, expect, it } from 'vitest';
import { FpsMeter, fpsFromTimestamps } from '../../../src/metrics/fps-meter';

// Ten events 100 ms apart: 0, 100, ..., 900 (a steady 10 fps).
const steady = Array.from({ length: 10 }, (_, i) => i * 100);

describe('fpsFromTimestamps', () => {
  it('reads a steady stream exactly', () => {
    // n = 10, span 900 ms: 9 intervals / 0.9 s = 10 fps
    expect(fpsFromTimestamps(steady, 900, 2000)).toBeCloseTo(10, 12);
    // 50 ms after the last event is still inside the mean interval (100 ms): still 10 fps
    expect(fpsFromTimestamps(steady, 950, 2000)).toBeCloseTo(10, 12);
  });

  it('falls when the stream stalls', () => {
    // now 1100: gap 200 ms, 100 ms beyond the mean interval, so the span is 900 + 100 = 1000 ms
    // and the rate 9 / 1.0 s = 9 fps
    expect(fpsFromTimestamps(steady, 1100, 2000)).toBeCloseTo(9, 12);
    // now 1900: gap 1000, extra 900, span 1800 -> 9 / 1.8 = 5 fps
    expect(fpsFromTimestamps(steady, 1900, 2000)).toBeCloseTo(5, 12);
  });

  it('only counts events inside the window', () => {
    // window 500 at now 900 covers (400, 900]: 500..900, n = 5, span 400 -> 4 / 0.4 = 10 fps
    expect(fpsFromTimestamps(steady, 900, 500)).toBeCloseTo(10, 12);
    // Irregular: [0, 50, 200] at 200, window 1000: 2 intervals / 0.2 s = 10 fps
    expect(fpsFromTimestamps([0, 50, 200], 200, 1000)).toBeCloseTo(10, 12);
    // Everything older than the window: nothing to measure
    expect(fpsFromTimestamps(steady, 3000, 2000)).toBe(0);
    // Events "in the future" of now are ignored (clock handed in late): only 0..400 count,
    // 4 intervals / 0.4 s = 10 fps
    expect(fpsFromTimestamps(steady, 400, 2000)).toBeCloseTo(10, 12);
  });

  it('needs two distinct timestamps', () => {
    expect(fpsFromTimestamps([], 0, 1000)).toBe(0);
    expect(fpsFromTimestamps([500], 500, 1000)).toBe(0);
    expect(fpsFromTimestamps([100, 100], 100, 1000)).toBe(0);
  });
});

describe('FpsMeter', () => {
  it('remembers only the last maxEvents timestamps', () => {
    // 0, 1000, 1100, 1200, 1300: with 3 slots only 1100..1300 remain, 2 / 0.2 s = 10 fps;
    // with 5 slots all count: 4 intervals / 1.3 s = 3.0769... fps
    const short = new FpsMeter(3, 5000);
    const long = new FpsMeter(5, 5000);
    for (const t of [0, 1000, 1100, 1200, 1300]) {
      short.tick(t);
      long.tick(t);
    }
    expect(short.count).toBe(3);
    expect(short.fps(1300)).toBeCloseTo(10, 12);
    expect(long.fps(1300)).toBeCloseTo(4 / 1.3, 12);
  });

  it('resets', () => {
    const m = new FpsMeter();
    for (const t of steady) m.tick(t);
    expect(m.fps(900)).toBeCloseTo(10, 12);
    m.reset();
    expect(m.fps(900)).toBe(0);
  });
});
