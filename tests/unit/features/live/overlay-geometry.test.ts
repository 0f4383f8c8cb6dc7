import { describe, expect, it } from 'vitest';
import { displayedVideoRect, mapBox, unmapPoint } from '../../../../src/features/live/overlay-geometry';

// A 640x480 camera frame on a 360x640 portrait phone screen.
describe('displayedVideoRect', () => {
  it('covers: scales to the taller side and crops the width', () => {
    // scale = max(360/640, 640/480) = 4/3 -> 853.33 x 640, x = (360 - 853.33) / 2 = -246.67
    const r = displayedVideoRect(640, 480, 360, 640, 'cover');
    expect(r.width).toBeCloseTo(2560 / 3, 9);
    expect(r.height).toBeCloseTo(640, 9);
    expect(r.x).toBeCloseTo(-740 / 3, 9);
    expect(r.y).toBeCloseTo(0, 9);
  });

  it('contains: scales to the narrower side and letterboxes', () => {
    // scale = min(0.5625, 4/3) = 0.5625 -> 360 x 270, y = (640 - 270) / 2 = 185
    expect(displayedVideoRect(640, 480, 360, 640, 'contain')).toEqual({ x: 0, y: 185, width: 360, height: 270 });
  });

  it('is empty before the sizes are known', () => {
    expect(displayedVideoRect(0, 0, 360, 640, 'cover')).toEqual({ x: 0, y: 0, width: 0, height: 0 });
  });
});

describe('mapBox', () => {
  const box = { x: 0.5, y: 0.25, width: 0.25, height: 0.5 };

  it('maps through the cover crop', () => {
    // x = 0.5 * 853.33 - 246.67 = 180, y = 0.25 * 640 = 160, w = 0.25 * 853.33 = 213.33, h = 320
    const video = displayedVideoRect(640, 480, 360, 640, 'cover');
    const m = mapBox(box, video, 360, false);
    expect(m.x).toBeCloseTo(180, 9);
    expect(m.y).toBeCloseTo(160, 9);
    expect(m.width).toBeCloseTo(640 / 3, 9);
    expect(m.height).toBeCloseTo(320, 9);
  });

  it('reflects about the element center when mirrored', () => {
    // mirrored x = 360 - (180 + 213.33) = -33.33; y and size unchanged
    const video = displayedVideoRect(640, 480, 360, 640, 'cover');
    const m = mapBox(box, video, 360, true);
    expect(m.x).toBeCloseTo(-100 / 3, 9);
    expect(m.y).toBeCloseTo(160, 9);
    expect(m.width).toBeCloseTo(640 / 3, 9);
  });

  it('maps through the contain letterbox', () => {
    // x = 0.5 * 360 = 180, y = 185 + 0.25 * 270 = 252.5, w = 90, h = 135
    const video = displayedVideoRect(640, 480, 360, 640, 'contain');
    expect(mapBox(box, video, 360, false)).toEqual({ x: 180, y: 252.5, width: 90, height: 135 });
  });
});

describe('unmapPoint (a pointer on the overlay back to the frame)', () => {
  it('undoes mapBox, cropped and mirrored, and clamps to the frame', () => {
    const video = displayedVideoRect(640, 480, 390, 844, 'cover'); // a phone: the sides cropped
    for (const mirrored of [false, true]) {
      for (const [nx, ny] of [[0.5, 0.5], [0.4, 0.1], [0.55, 0.9]]) {
        const r = mapBox({ x: nx, y: ny, width: 0, height: 0 }, video, 390, mirrored);
        const p = unmapPoint(r.x, r.y, video, 390, mirrored);
        expect(p.x).toBeCloseTo(nx, 10);
        expect(p.y).toBeCloseTo(ny, 10);
      }
    }
    // the cropped-away left of the frame is off screen: the screen's edge is inside the frame
    expect(unmapPoint(0, 422, video, 390, false).x).toBeGreaterThan(0);
    expect(unmapPoint(-500, -10, video, 390, false)).toEqual({ x: 0, y: 0 });
    expect(unmapPoint(10, 10, { x: 0, y: 0, width: 0, height: 0 }, 390, false)).toEqual({ x: 0, y: 0 });
  });
});
