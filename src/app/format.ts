// Number formatting for model facts: short, with units, never more precision than it has.

export function formatCount(n: number | null, unit = ''): string {
  if (n === null || !Number.isFinite(n)) return '–';
  const [value, suffix] = n >= 1e9 ? [n / 1e9, 'G'] : n >= 1e6 ? [n / 1e6, 'M'] : n >= 1e3 ? [n / 1e3, 'k'] : [n, ''];
  return `${value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)} ${suffix}${unit}`.trim();
}

export function formatBytes(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return '–';
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} kB`;
  return `${n} B`;
}
