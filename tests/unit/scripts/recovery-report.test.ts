// The recovery report of `npm run soak`: figures per fault from page timestamps, median and max
// per kind, and the verdict on the 2-second target (crash from the fault, hang from the
// watchdog), including faults that never recovered.
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper of scripts/
import { FAULT_HEADER, faultFigures, faultLine, median, summarize, verdictLines } from '../../../scripts/lib/recovery-report.mjs';

describe('recovery report', () => {
  it('measures each fault from the injection, and a hang also from the watchdog', () => {
    const crash = faultFigures({ kind: 'crash', t0: 1000, noticed: 1004, ready: 2859, detections: 3783, loadMs: 636 });
    expect(crash).toMatchObject({ recovered: true, noticedMs: 4, backMs: 1859, detectionsMs: 2783, afterNoticeMs: 2779, judgedMs: 2783, loadMs: 636, firstFrameMs: 924 });
    const hang = faultFigures({ kind: 'hang', t0: 0, noticed: 1100, ready: 2000, detections: 2500 });
    expect(hang).toMatchObject({ recovered: true, detectionsMs: 2500, afterNoticeMs: 1400, judgedMs: 1400 });
    expect(Number.isNaN(hang.loadMs)).toBe(true);
    const lost = faultFigures({ kind: 'hang', t0: 0, noticed: 1100 });
    expect(lost.recovered).toBe(false);
    expect(Number.isNaN(lost.backMs)).toBe(true);
  });

  it('takes median and max over the faults of each kind, ignoring missing figures', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([NaN, 5])).toBe(5);
    expect(Number.isNaN(median([]))).toBe(true);
    const rows = [1500, 1900, 1700, 2100, 1600].map((d) => faultFigures({ kind: 'crash', t0: 0, noticed: 2, ready: d - 500, detections: d }));
    rows.push(...[1000, 1200, 1100].map((d) => faultFigures({ kind: 'hang', t0: 0, noticed: 1000, ready: 1000 + d - 300, detections: 1000 + d })));
    const [crash, hang] = summarize(rows);
    expect(crash).toMatchObject({ kind: 'crash', faults: 5, failed: 0, judgedFrom: 'fault', met: false });
    expect(crash.detections).toEqual({ median: 1700, max: 2100 });
    expect(crash.back).toEqual({ median: 1200, max: 1600 });
    expect(hang).toMatchObject({ kind: 'hang', faults: 3, judgedFrom: 'noticed', met: true });
    expect(hang.judged).toEqual({ median: 1100, max: 1200 });
    expect(hang.detections).toEqual({ median: 2100, max: 2200 });
  });

  it('says met or MISSED against 2 s in a line per kind; a fault that never recovered misses', () => {
    const ok = summarize([faultFigures({ kind: 'crash', t0: 0, noticed: 3, ready: 900, detections: 1400 })]);
    const lines = verdictLines(ok);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('[soak] recovery target 2 s (crash, detections again after the fault): met — median 1,400 ms, max 1,400 ms');
    const slow = verdictLines(summarize([faultFigures({ kind: 'crash', t0: 0, noticed: 3, ready: 1859, detections: 2783 })]));
    expect(slow[0]).toContain('detections again median 2,783 ms (max 2,783 ms) after the fault');
    expect(slow[1]).toContain('MISSED — median 2,783 ms, max 2,783 ms');
    const down = summarize([
      faultFigures({ kind: 'hang', t0: 0, noticed: 1000, ready: 1500, detections: 1800 }),
      faultFigures({ kind: 'hang', t0: 0, noticed: 1000 }),
    ]);
    expect(down[0]).toMatchObject({ faults: 2, failed: 1, met: false });
    const downLines = verdictLines(down);
    expect(downLines[0]).toContain('after the watchdog (which fired 1,000 ms in); 1 did not recover');
    expect(downLines[1]).toBe('[soak] recovery target 2 s (hang, detections again after the watchdog ended the worker): MISSED — median 800 ms, 1 of 2 did not recover');
  });

  it('prints one aligned table line per fault', () => {
    const row = faultFigures({ kind: 'crash', t0: 0, noticed: 4, ready: 1859, detections: 2783, loadMs: 636 });
    const line = faultLine(1, row);
    expect(line).toBe('  1  crash             4 ms   1,859 ms   2,783 ms   2,779 ms     636 ms       924 ms');
    expect(line.length).toBe(FAULT_HEADER.length);
    expect(faultLine(2, faultFigures({ kind: 'hang', t0: 0, noticed: 1200 }))).toBe('  2  hang         did not recover (noticed after 1,200 ms)');
  });
});
