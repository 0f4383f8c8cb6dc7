import { describe, expect, it } from 'vitest';
import { BoxKalman } from '../../../src/tracking/kalman';

// One predict and one update, each checked against the steps computed by hand:
// a box at cx 100, cy 50, 20 x 40 px; noise weights 1/20 (position) and 1/160 (velocity) of
// the height, per frame of 1/30 s.
describe('constant-velocity Kalman filter of a box', () => {
  it('init, predict one frame, update: the covariance and state by hand', () => {
    const kf = new BoxKalman({ cx: 100, cy: 50, w: 20, h: 40 });
    // P0: position (2 x 0.05 x 40)^2 = 16; velocity (10 x 40/160 x 30)^2 = 75^2 = 5625
    expect([kf.pp[0], kf.pv[0], kf.vv[0]]).toEqual([16, 0, 5625]);

    kf.predict(1 / 30);
    // pp = 16 + 2 dt 0 + dt^2 5625 + (0.05 x 40)^2 = 16 + 6.25 + 4 = 26.25
    // pv = 0 + dt 5625 = 187.5;   vv = 5625 + (40/160 x 30)^2 = 5625 + 56.25 = 5681.25
    expect(kf.pp[0]).toBeCloseTo(26.25, 10);
    expect(kf.pv[0]).toBeCloseTo(187.5, 10);
    expect(kf.vv[0]).toBeCloseTo(5681.25, 10);
    expect(kf.x[0]).toBe(100); // no velocity yet

    kf.update({ cx: 103, cy: 50, w: 20, h: 40 });
    // S = 26.25 + 4 = 30.25; K = [26.25, 187.5] / 30.25; innovation 3
    const kp = 26.25 / 30.25;
    const kv = 187.5 / 30.25;
    expect(kf.x[0]).toBeCloseTo(100 + kp * 3, 10); // 102.6033
    expect(kf.v[0]).toBeCloseTo(kv * 3, 10); // 18.595 px/s
    expect(kf.pp[0]).toBeCloseTo((1 - kp) * 26.25, 10); // 3.4711
    expect(kf.pv[0]).toBeCloseTo((1 - kp) * 187.5, 10); // 24.793
    expect(kf.vv[0]).toBeCloseTo(5681.25 - kv * 187.5, 8); // 4519.06
    expect(kf.x[0]).toBeCloseTo(102.6033, 4);
    expect(kf.v[0]).toBeCloseTo(18.595, 3);
    // the other coordinates measured where predicted: unchanged
    expect([kf.x[1], kf.x[2], kf.x[3]]).toEqual([50, 20, 40]);
  });

  it('learns a steady motion and peeks ahead without moving', () => {
    const kf = new BoxKalman({ cx: 0, cy: 0, w: 10, h: 10 });
    for (let i = 1; i <= 30; i++) {
      kf.predict(0.1);
      kf.update({ cx: 5 * i, cy: -2 * i, w: 10, h: 10 }); // 50 px/s right, 20 px/s up
    }
    expect(kf.v[0]).toBeCloseTo(50, 0);
    expect(kf.v[1]).toBeCloseTo(-20, 0);
    const ahead = kf.peek(0.5, { cx: 0, cy: 0, w: 0, h: 0 });
    expect(ahead.cx).toBeCloseTo(150 + 25, 0);
    expect(ahead.cy).toBeCloseTo(-60 - 10, 0);
    expect(kf.x[0]).toBeCloseTo(150, 0); // peek moved nothing
  });
});
