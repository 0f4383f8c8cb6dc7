import { describe, expect, it } from 'vitest';
import { CountsController } from '../../../../src/features/tracking/counts-controller';
import type { ResultResponse, TrackingCounts } from '../../../../src/shared/protocol';

// The page's side of counting: what the panel shows from the worker's counts, `ssd:count` per
// crossing with the totals after it, and Reset.

function result(labels: string[], tracking: TrackingCounts): ResultResponse {
  return {
    type: 'result', id: 1, frameId: 1, width: 640, height: 480,
    detections: labels.map((label, i) => ({ label, classId: 0, score: 0.9, box: { x: 0, y: 0, width: 0.1, height: 0.1 }, trackId: i + 1 })),
    timings: { preprocessMs: 0, inferenceMs: 0, readbackMs: 0, postprocessMs: 0, totalMs: 0 },
    numTensors: 0, numBytes: 0, scoreThreshold: 0.5, tracking,
  };
}

function setup() {
  const events: Array<{ type: string; detail: unknown }> = [];
  const target = { dispatchEvent: (e: Event) => (events.push({ type: e.type, detail: (e as CustomEvent).detail }), true) };
  let updates = 0;
  const host = { addController: () => {}, requestUpdate: () => void updates++ } as never;
  const counts = new CountsController(host, { x1: 0.5, y1: 0, x2: 0.5, y2: 1 }, () => {}, target);
  return { counts, events, updates: () => updates };
}

describe('counts', () => {
  it('in view, seen, crossings; ssd:count per crossing with the totals after it', () => {
    const { counts, events } = setup();
    counts.onResult(result(['person', 'person', 'dog'], { unique: { person: 2, dog: 1 }, crossings: [], totals: {} }));
    expect(counts.active).toBe(true);
    expect(counts.rows()).toEqual([
      { label: 'dog', now: 1, seen: 1, in: 0, out: 0 },
      { label: 'person', now: 2, seen: 2, in: 0, out: 0 },
    ]);
    // two crossings in one frame: each event has the totals right after it
    counts.onResult(
      result(['person'], {
        unique: { person: 3, dog: 1 },
        crossings: [
          { trackId: 1, label: 'person', classId: 0, direction: 'in' },
          { trackId: 3, label: 'person', classId: 0, direction: 'out' },
        ],
        totals: { person: { in: 1, out: 1 } },
      }),
    );
    expect(events).toEqual([
      { type: 'ssd:count', detail: { classLabel: 'person', trackId: 1, direction: 'in', totals: { person: { in: 1, out: 0 } } } },
      { type: 'ssd:count', detail: { classLabel: 'person', trackId: 3, direction: 'out', totals: { person: { in: 1, out: 1 } } } },
    ]);
    expect(counts.rows().find((r) => r.label === 'person')).toEqual({ label: 'person', now: 1, seen: 3, in: 1, out: 1 });
  });

  it('Reset counts from then on; a result without tracking hides the panel', () => {
    const { counts, events } = setup();
    counts.onResult(result(['person'], { unique: { person: 4 }, crossings: [], totals: { person: { in: 2, out: 1 } } }));
    counts.reset();
    expect(counts.rows()).toEqual([{ label: 'person', now: 1, seen: 0, in: 0, out: 0 }]);
    counts.onResult(
      result(['person'], { unique: { person: 5 }, crossings: [{ trackId: 5, label: 'person', classId: 0, direction: 'in' }], totals: { person: { in: 3, out: 1 } } }),
    );
    expect(counts.rows()).toEqual([{ label: 'person', now: 1, seen: 1, in: 1, out: 0 }]);
    expect(events.at(-1)!.detail).toMatchObject({ totals: { person: { in: 1, out: 0 } } });
    counts.onResult({ ...result([], { unique: {}, crossings: [], totals: {} }), tracking: undefined });
    expect(counts.active).toBe(false);
  });
});
