// Faster R-CNN style box coder used by SSD (TF OD API FasterRcnnBoxCoder): an encoding
// [ty, tx, th, tw] is an offset of an anchor's centre in units of its size, and a log-ratio
// of its height and width, each multiplied by a scale (10, 10, 5, 5 for the TF models).

export type BoxCoderScales = readonly [number, number, number, number];

export const TF_OD_API_SCALES: BoxCoderScales = [10, 10, 5, 5];

/**
 * Decodes the box of anchor `i`. `encodings` holds rows of `stride` numbers whose first four
 * are [ty, tx, th, tw] (so the model's raw output can be read in place); `anchors` holds
 * [ymin, xmin, ymax, xmax] rows. Writes [ymin, xmin, ymax, xmax] into `out`.
 */
export function decodeBox(
  encodings: ArrayLike<number>,
  stride: number,
  anchors: ArrayLike<number>,
  i: number,
  scales: BoxCoderScales,
  out: Float32Array | number[],
): void {
  const a = i * 4;
  const ha = anchors[a + 2] - anchors[a];
  const wa = anchors[a + 3] - anchors[a + 1];
  const cya = anchors[a] + ha / 2;
  const cxa = anchors[a + 1] + wa / 2;
  const e = i * stride;
  const cy = (encodings[e] / scales[0]) * ha + cya;
  const cx = (encodings[e + 1] / scales[1]) * wa + cxa;
  const h = Math.exp(encodings[e + 2] / scales[2]) * ha;
  const w = Math.exp(encodings[e + 3] / scales[3]) * wa;
  out[0] = cy - h / 2;
  out[1] = cx - w / 2;
  out[2] = cy + h / 2;
  out[3] = cx + w / 2;
}

/** The inverse of decodeBox, for tests and for building known model outputs. */
export function encodeBox(
  box: readonly [number, number, number, number],
  anchor: readonly [number, number, number, number],
  scales: BoxCoderScales,
): [number, number, number, number] {
  const ha = anchor[2] - anchor[0];
  const wa = anchor[3] - anchor[1];
  const h = box[2] - box[0];
  const w = box[3] - box[1];
  return [
    ((box[0] + h / 2 - (anchor[0] + ha / 2)) / ha) * scales[0],
    ((box[1] + w / 2 - (anchor[1] + wa / 2)) / wa) * scales[1],
    Math.log(h / ha) * scales[2],
    Math.log(w / wa) * scales[3],
  ];
}
