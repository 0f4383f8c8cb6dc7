// A constant-velocity Kalman filter for one box, as SORT and ByteTrack use it: the state is
// each of cx, cy, w, h with its velocity (per second). With a transition that moves each
// coordinate by its own velocity, a measurement of the four positions, and noises that are
// diagonal per coordinate, the 8x8 covariance never couples two coordinates: it stays four
// independent 2x2 blocks. So the filter is four scalar-position filters side by side, each
// step a handful of multiplications, checked by hand in the tests, and nothing is allocated
// after construction.
//
// Noise scales with the box's height, as ByteTrack does (a big near object moves more pixels
// than a small far one): position std = POS_STD x h, velocity std = VEL_STD x h.

/** ByteTrack's weights (1/20, 1/160), per frame; our velocities are per second, a frame is 1/30 s. */
export const POS_STD = 1 / 20;
export const VEL_STD = 1 / 160;

export interface BoxState {
  cx: number;
  cy: number;
  w: number;
  h: number;
}

export class BoxKalman {
  /** [cx, cy, w, h] */
  readonly x = new Float64Array(4);
  /** velocities of cx, cy, w, h, per second */
  readonly v = new Float64Array(4);
  /** per coordinate: P = [[pp, pv], [pv, vv]] */
  readonly pp = new Float64Array(4);
  readonly pv = new Float64Array(4);
  readonly vv = new Float64Array(4);

  constructor(box?: BoxState) {
    if (box) this.init(box);
  }

  /** Starts from a measurement: position known to the measurement noise, velocity unknown. */
  init(box: BoxState): void {
    this.x[0] = box.cx;
    this.x[1] = box.cy;
    this.x[2] = box.w;
    this.x[3] = box.h;
    const h = Math.max(box.h, 1e-6);
    for (let i = 0; i < 4; i++) {
      this.v[i] = 0;
      this.pp[i] = (2 * POS_STD * h) ** 2;
      this.pv[i] = 0;
      this.vv[i] = (10 * VEL_STD * h * 30) ** 2;
    }
  }

  /**
   * Moves the state `dt` seconds ahead: x += v dt; P = F P F' + Q, with Q scaled by dt in
   * frames of 1/30 s (the noise weights are per frame).
   */
  predict(dt: number): void {
    if (!(dt > 0)) return;
    const frames = dt * 30;
    const h = Math.max(this.x[3], 1e-6);
    const qp = (POS_STD * h) ** 2 * frames;
    const qv = (VEL_STD * h * 30) ** 2 * frames;
    for (let i = 0; i < 4; i++) {
      this.x[i] += this.v[i] * dt;
      const pp = this.pp[i] + 2 * dt * this.pv[i] + dt * dt * this.vv[i];
      const pv = this.pv[i] + dt * this.vv[i];
      this.pp[i] = pp + qp;
      this.pv[i] = pv;
      this.vv[i] += qv;
    }
    // a box never shrinks below nothing while coasting
    if (this.x[2] < 0) this.x[2] = 0;
    if (this.x[3] < 0) this.x[3] = 0;
  }

  /** Corrects with a measured box: K = P H' / (H P H' + R) per coordinate. */
  update(box: BoxState): void {
    const h = Math.max(box.h, 1e-6);
    const r = (POS_STD * h) ** 2;
    const z0 = box.cx;
    const z1 = box.cy;
    const z2 = box.w;
    const z3 = box.h;
    for (let i = 0; i < 4; i++) {
      const z = i === 0 ? z0 : i === 1 ? z1 : i === 2 ? z2 : z3;
      const s = this.pp[i] + r;
      const kp = this.pp[i] / s;
      const kv = this.pv[i] / s;
      const y = z - this.x[i];
      this.x[i] += kp * y;
      this.v[i] += kv * y;
      const pp = this.pp[i];
      const pv = this.pv[i];
      this.pp[i] = (1 - kp) * pp;
      this.pv[i] = (1 - kp) * pv;
      this.vv[i] -= kv * pv;
    }
  }

  /** The box `dt` seconds after the filter's time, without moving the filter (drawing between
   * detector frames). */
  peek(dt: number, out: BoxState): BoxState {
    out.cx = this.x[0] + this.v[0] * dt;
    out.cy = this.x[1] + this.v[1] * dt;
    out.w = Math.max(0, this.x[2] + this.v[2] * dt);
    out.h = Math.max(0, this.x[3] + this.v[3] * dt);
    return out;
  }
}
