// Labels that would sit on top of each other (src/features/live/label-layout.ts): the
// strongest keeps the usual place and is drawn last; weaker ones move to a free place.
import { describe, expect, it } from 'vitest';
import { placeLabels, type LabelRequest } from '../../../../src/features/live/label-layout';

const label = (x: number, y: number, score: number, w = 80, h = 20): LabelRequest => ({ x, y, w, h, score });
const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('placeLabels', () => {
  it('two classes on one box: the stronger keeps its place above the box and is drawn last', () => {
    // "truck 31%" listed first, "car 55%" second, same box corner
    const placed = placeLabels([label(100, 200, 0.31), label(100, 200, 0.55)], 640, 480);
    expect(placed.map((p) => p.index)).toEqual([0, 1]); // weakest first
    const car = placed.find((p) => p.index === 1)!;
    const truck = placed.find((p) => p.index === 0)!;
    expect(car).toMatchObject({ x: 100, y: 180, width: 80, height: 20 });
    expect(overlap(car, truck)).toBe(false);
    expect(truck.x).toBe(100); // same column, one line away
    expect(Math.abs(truck.y - car.y)).toBe(20);
  });

  it('a box at the top of the screen: the label goes inside it, and the next one below that', () => {
    const placed = placeLabels([label(10, 0, 0.9), label(10, 0, 0.8), label(10, 0, 0.7)], 640, 480);
    const ys = new Map(placed.map((p) => [p.index, p.y]));
    expect(ys.get(0)).toBe(0);
    for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) expect(overlap(placed[i], placed[j])).toBe(false);
    expect(placed.at(-1)!.index).toBe(0);
  });

  it('labels that do not touch stay where they are; ties keep the detections\' order', () => {
    const placed = placeLabels([label(0, 100, 0.5), label(300, 100, 0.5)], 640, 480);
    expect(placed.map((p) => [p.index, p.x, p.y])).toEqual([
      [1, 300, 80],
      [0, 0, 80],
    ]);
  });

  it('stays on screen, and with no free place the stronger one is still drawn on top', () => {
    // a screen one label high: nowhere to move
    const placed = placeLabels([label(600, 0, 0.2), label(600, 0, 0.9)], 640, 20);
    for (const p of placed) {
      expect(p.x + p.width).toBeLessThanOrEqual(640);
      expect(p.y).toBe(0);
    }
    expect(placed.at(-1)!.index).toBe(1);
  });
});
