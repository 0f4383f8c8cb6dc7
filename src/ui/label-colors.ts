// One colour per class, the same in every frame, every model and the snapshot: picked from a
// fixed palette by a hash of the label (so "person" keeps its colour across COCO models whose
// class ids differ). Every palette colour is light enough for black label text to meet WCAG AA
// (4.5:1), and stands out from a camera picture.

export const PALETTE = [
  '#ff8a80', // red
  '#ffd54f', // amber
  '#69f0ae', // green
  '#40c4ff', // light blue
  '#ea80fc', // purple
  '#ffab40', // orange
  '#b2ff59', // lime
  '#18ffff', // cyan
  '#ff80ab', // pink
  '#9fa8ff', // indigo
  '#a7ffeb', // teal
  '#f4ff81', // yellow
] as const;

/** FNV-1a, 32 bit: a stable, well spread hash of a short string. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The colour of a class, by its label (falls back to the class id when a model has no names). */
export function colorForLabel(label: string, classId = 0): string {
  return PALETTE[hash(label || `#${classId}`) % PALETTE.length];
}

function channel(c: number): number {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** WCAG contrast ratio of two #rrggbb colours (1 … 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white, whichever reads better on `background`. */
export function textColorOn(background: string): '#000000' | '#ffffff' {
  return contrastRatio(background, '#000000') >= contrastRatio(background, '#ffffff') ? '#000000' : '#ffffff';
}
