// Small, pure statistics for the HUD and the bench. No DOM, no engine: runs in Node tests.

/**
 * The p-th percentile (0..100) with linear interpolation between closest ranks, the same
 * definition as NumPy's default and Excel's PERCENTILE.INC: rank = p/100 * (n - 1).
 * NaN for an empty list. The input is not modified.
 */
export function percentile(values: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile p must be in [0, 100], got ${p}`);
  const n = values.length;
  if (n === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = (p / 100) * (n - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export interface Summary {
  mean: number;
  p50: number;
  p95: number;
  count: number;
}

/** mean, median and p95 of a sample; NaN figures (count 0) for an empty one. */
export function summarize(values: ArrayLike<number>): Summary {
  const count = values.length;
  if (count === 0) return { mean: NaN, p50: NaN, p95: NaN, count: 0 };
  let sum = 0;
  for (let i = 0; i < count; i++) sum += values[i];
  return { mean: sum / count, p50: percentile(values, 50), p95: percentile(values, 95), count };
}

/**
 * The last `capacity` numbers pushed, oldest first. Fixed memory, so the HUD can keep "the
 * last 60 frames" for hours without growing or allocating per frame.
 */
export class RingBuffer {
  readonly capacity: number;
  private readonly data: Float64Array;
  private start = 0;
  private size = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`RingBuffer capacity must be a positive integer, got ${capacity}`);
    }
    this.capacity = capacity;
    this.data = new Float64Array(capacity);
  }

  get length(): number {
    return this.size;
  }

  push(value: number): void {
    if (this.size < this.capacity) {
      this.data[(this.start + this.size) % this.capacity] = value;
      this.size++;
    } else {
      // Full: overwrite the oldest and move the start past it.
      this.data[this.start] = value;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  /** i-th value, 0 = oldest; undefined outside [0, length). */
  at(i: number): number | undefined {
    if (i < 0) i += this.size;
    if (i < 0 || i >= this.size) return undefined;
    return this.data[(this.start + i) % this.capacity];
  }

  /** A copy, oldest first. */
  values(): number[] {
    const out = new Array<number>(this.size);
    for (let i = 0; i < this.size; i++) out[i] = this.data[(this.start + i) % this.capacity];
    return out;
  }

  clear(): void {
    this.start = 0;
    this.size = 0;
  }
}
