import { describe, expect, it } from 'vitest';
import { decodeBox, encodeBox, TF_OD_API_SCALES } from '../../../src/detection/ssd/box-coder';

// anchor centred at (0.5, 0.5), 0.2 high and wide
const anchor = [0.4, 0.4, 0.6, 0.6] as const;

function decode(encoding: number[]): number[] {
  const out = [0, 0, 0, 0];
  decodeBox(encoding, 4, anchor, 0, TF_OD_API_SCALES, out);
  return out;
}

describe('box coder (scales 10, 10, 5, 5)', () => {
  it('a zero encoding is the anchor itself', () => {
    decode([0, 0, 0, 0]).forEach((v, i) => expect(v).toBeCloseTo(anchor[i], 6));
  });

  it('ty = 10 moves the centre down by one anchor height (0.2)', () => {
    decode([10, 0, 0, 0]).forEach((v, i) => expect(v).toBeCloseTo([0.6, 0.4, 0.8, 0.6][i], 6));
  });

  it('tx = -5 moves the centre left by half an anchor width (0.1)', () => {
    decode([0, -5, 0, 0]).forEach((v, i) => expect(v).toBeCloseTo([0.4, 0.3, 0.6, 0.5][i], 6));
  });

  it('th = 5 ln 2 doubles the height around the same centre', () => {
    decode([0, 0, 5 * Math.log(2), 0]).forEach((v, i) => expect(v).toBeCloseTo([0.3, 0.4, 0.7, 0.6][i], 6));
  });

  it('reads rows in place from a wider output (stride 7, second row)', () => {
    const rows = [9, 9, 9, 9, 1, 2, 3, 0, 0, 0, 5 * Math.log(0.5), 0, 0, 0];
    const out = [0, 0, 0, 0];
    decodeBox(rows, 7, [0, 0, 1, 1, ...anchor], 1, TF_OD_API_SCALES, out);
    // width halves: 0.1 wide around x = 0.5
    out.forEach((v, i) => expect(v).toBeCloseTo([0.4, 0.45, 0.6, 0.55][i], 6));
  });

  it('encode is the inverse of decode', () => {
    const box = [0.12, 0.3, 0.5, 0.44] as const;
    decode(encodeBox(box, anchor, TF_OD_API_SCALES)).forEach((v, i) => expect(v).toBeCloseTo(box[i], 6));
  });
});
