// Where a normalized box lands on screen. Pure, so the mapping (object-fit cropping,
// mirroring) is tested in Node rather than eyeballed on a phone.
import type { NormalizedBox } from '../../shared/protocol';

export type VideoFit = 'cover' | 'contain';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The rectangle a frameW x frameH video occupies inside a viewW x viewH element with the
 * given object-fit and the default object-position (centered). For 'cover' it is larger than
 * the element and the overflow is cropped, so x or y is negative.
 */
export function displayedVideoRect(frameW: number, frameH: number, viewW: number, viewH: number, fit: VideoFit): Rect {
  if (!(frameW > 0 && frameH > 0 && viewW > 0 && viewH > 0)) return { x: 0, y: 0, width: 0, height: 0 };
  const sx = viewW / frameW;
  const sy = viewH / frameH;
  const scale = fit === 'cover' ? Math.max(sx, sy) : Math.min(sx, sy);
  const width = frameW * scale;
  const height = frameH * scale;
  return { x: (viewW - width) / 2, y: (viewH - height) / 2, width, height };
}

/**
 * A box in normalized frame coordinates, in element (CSS pixel) coordinates. `mirrored`
 * matches a video drawn with `transform: scaleX(-1)` about the element's center: the box is
 * reflected, but the caller draws its text unreflected.
 */
export function mapBox(box: NormalizedBox, video: Rect, viewW: number, mirrored: boolean): Rect {
  const width = box.width * video.width;
  const height = box.height * video.height;
  const x = video.x + box.x * video.width;
  const y = video.y + box.y * video.height;
  return { x: mirrored ? viewW - (x + width) : x, y, width, height };
}

/**
 * The inverse of mapBox for a point: where a point of the element (CSS pixels, as a pointer
 * reports it) is in the frame, normalized and clamped to 0..1 (a point on the cropped-away
 * part of a 'cover' video lands on the frame's edge).
 */
export function unmapPoint(x: number, y: number, video: Rect, viewW: number, mirrored: boolean): { x: number; y: number } {
  if (!(video.width > 0 && video.height > 0)) return { x: 0, y: 0 };
  const px = mirrored ? viewW - x : x;
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  return { x: clamp((px - video.x) / video.width), y: clamp((y - video.y) / video.height) };
}
