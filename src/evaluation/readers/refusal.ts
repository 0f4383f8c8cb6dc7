// What a reader returns: the set, or a refusal that names the file and the line or field. The
// code and params are for the UI to say it in the user's language; message is the same in
// English for the CLI, logs and tests (no UI text lives below src/app).

export type RefusalCode =
  | 'malformed-file' // not JSON / XML / text the format allows
  | 'malformed-field' // a field missing or of the wrong kind
  | 'malformed-line' // a YOLO line that is not "class cx cy w h"
  | 'duplicate-id'
  | 'missing-image' // labels for an image that is not there
  | 'unknown-image' // an annotation or detection naming an image the set does not list
  | 'unknown-class'
  | 'bad-box' // negative or non-finite size, xmax < xmin ...
  | 'box-outside-image'
  | 'size-mismatch' // the labels' image size differs from the image's
  | 'no-classes'; // no names file, or an empty one

export interface Refusal {
  code: RefusalCode;
  file: string;
  /** 1-based line, where the format has lines */
  line?: number;
  /** JSON path or XML element, e.g. annotations[12].bbox or object[2]/bndbox/xmax */
  field?: string;
  params?: Record<string, string | number>;
  message: string;
}

export type ReadResult<T> = { ok: true; value: T } | { ok: false; error: Refusal };

/** Thrown inside a reader, caught at its boundary and returned as a refusal. */
export class RefusalError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

export function refuse(r: Omit<Refusal, 'message'>, detail: string): never {
  const where = [r.file, r.line !== undefined ? `line ${r.line}` : undefined, r.field].filter(Boolean).join(', ');
  throw new RefusalError({ ...r, message: `${where}: ${detail}` });
}

export function attempt<T>(read: () => T): ReadResult<T> {
  try {
    return { ok: true, value: read() };
  } catch (e) {
    if (e instanceof RefusalError) return { ok: false, error: e.refusal };
    throw e;
  }
}

/** How far a box may stick out of its image before it is refused (labelling tools round). */
export const BOX_TOLERANCE_PX = 1;

/** Refuses a box that sticks out of the image by more than the tolerance. Boxes within it are
 * kept as they are, not clipped: clipping would change IoU against what COCOeval computes. */
export function checkInside(
  box: readonly [number, number, number, number],
  width: number,
  height: number,
  where: Omit<Refusal, 'message' | 'code'>,
): void {
  const [x, y, w, h] = box;
  const over = Math.max(-x, -y, x + w - width, y + h - height);
  if (over > BOX_TOLERANCE_PX) {
    refuse(
      { ...where, code: 'box-outside-image', params: { x, y, w, h, width, height } },
      `box [${x}, ${y}, ${w}, ${h}] goes ${round2(over)} px outside the ${width}x${height} image`,
    );
  }
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/** Matches a labels file's image to the images given: exact path first, then base name. */
export function imageLookup<T extends { name: string }>(images: readonly T[]): (name: string) => T | undefined {
  const exact = new Map(images.map((i) => [i.name, i]));
  const base = new Map<string, T>();
  for (const i of images) base.set(baseName(i.name), i);
  return (name) => exact.get(name) ?? base.get(baseName(name));
}

export const baseName = (path: string): string => path.slice(path.replace(/\\/g, '/').lastIndexOf('/') + 1);
export const stem = (path: string): string => baseName(path).replace(/\.[^.]*$/, '');
