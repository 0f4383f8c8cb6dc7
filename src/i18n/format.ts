// Number formatting for the UI: short, with units, never more precision than it has, and
// written the way the UI's language writes numbers (Intl, through i18n/locale.ts).
import { formatNumber } from './locale';

export { formatDateTime, formatNumber } from './locale';

const DASH = '–';

export function formatCount(n: number | null, unit = ''): string {
  if (n === null || !Number.isFinite(n)) return DASH;
  const [value, suffix] = n >= 1e9 ? [n / 1e9, 'G'] : n >= 1e6 ? [n / 1e6, 'M'] : n >= 1e3 ? [n / 1e3, 'k'] : [n, ''];
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${formatNumber(value, digits, digits)} ${suffix}${unit}`.trim();
}

/** Sizes of files and storage: GB and MB with one decimal, kB whole. */
export function formatBytes(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return DASH;
  if (n >= 1024 ** 3) return `${formatNumber(n / 1024 ** 3, 1, 1, false)} GB`;
  if (n >= 1024 ** 2) return `${formatNumber(n / 1024 ** 2, 1, 1, false)} MB`;
  return `${formatNumber(Math.max(0, Math.round(n / 1024)), 0, 0, false)} kB`;
}

/** A measurement for the HUD: one decimal below 100, none above; a dash when unknown. */
export function formatMeasure(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return value >= 100 ? formatNumber(value, 0, 0) : formatNumber(value, digits, digits);
}
