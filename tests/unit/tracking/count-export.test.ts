import { describe, expect, it } from 'vitest';
import { countsJson, crossingsCsv, perMinute, type CrossingRecord } from '../../../src/tracking/count-export';

const crossings: CrossingRecord[] = [
  { time: '2026-12-03T10:00:05.000Z', classLabel: 'person', trackId: 1, direction: 'in' },
  { time: '2026-12-03T10:00:40.000Z', classLabel: 'person', trackId: 2, direction: 'out' },
  { time: '2026-12-03T10:00:59.999Z', classLabel: 'dog', trackId: 3, direction: 'in' },
  { time: '2026-12-03T10:02:00.000Z', classLabel: 'person', trackId: 1, direction: 'out' },
  { time: '2026-12-03T10:02:30.000Z', classLabel: 'traffic "light", big', trackId: 9, direction: 'in' },
];

describe('count export', () => {
  it('per minute and class, in time order, empty minutes left out', () => {
    expect(perMinute(crossings)).toEqual([
      { minute: '2026-12-03T10:00:00.000Z', classLabel: 'dog', in: 1, out: 0 },
      { minute: '2026-12-03T10:00:00.000Z', classLabel: 'person', in: 1, out: 1 },
      { minute: '2026-12-03T10:02:00.000Z', classLabel: 'person', in: 0, out: 1 },
      { minute: '2026-12-03T10:02:00.000Z', classLabel: 'traffic "light", big', in: 1, out: 0 },
    ]);
  });

  it('CSV: one line per crossing, quoted where needed; JSON: the line, the crossings and the minutes', () => {
    const csv = crossingsCsv(crossings).split('\n');
    expect(csv[0]).toBe('time,class,track_id,direction');
    expect(csv[1]).toBe('2026-12-03T10:00:05.000Z,person,1,in');
    expect(csv[5]).toBe('2026-12-03T10:02:30.000Z,"traffic ""light"", big",9,in');
    expect(csv).toHaveLength(7); // header, 5 rows, final newline
    const json = JSON.parse(countsJson(crossings, { x1: 0.5, y1: 0, x2: 0.5, y2: 1 }));
    expect(json).toMatchObject({ format: 'ssd-cam-counts', version: 1, line: { x1: 0.5 } });
    expect(json.crossings).toEqual(crossings);
    expect(json.perMinute).toHaveLength(4);
  });
});
