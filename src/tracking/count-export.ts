// The counting line's record as files: every crossing (time, class, track id, direction) and
// the crossings per minute and class, as CSV (one table of crossings) or JSON (both). Pure;
// column names are data, not UI words.

export interface CrossingRecord {
  /** ISO 8601, when the page got the frame that crossed */
  time: string;
  classLabel: string;
  trackId: number;
  direction: 'in' | 'out';
}

export interface MinuteCounts {
  /** ISO 8601 of the minute's start (UTC) */
  minute: string;
  classLabel: string;
  in: number;
  out: number;
}

function cell(v: string | number): string {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Crossings per minute and class, in time order (minutes without a crossing are left out). */
export function perMinute(crossings: readonly CrossingRecord[]): MinuteCounts[] {
  const rows = new Map<string, MinuteCounts>();
  for (const c of crossings) {
    const t = new Date(c.time);
    t.setUTCSeconds(0, 0);
    const minute = t.toISOString();
    const key = `${minute}\u0000${c.classLabel}`;
    const row = rows.get(key) ?? { minute, classLabel: c.classLabel, in: 0, out: 0 };
    row[c.direction]++;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => a.minute.localeCompare(b.minute) || a.classLabel.localeCompare(b.classLabel));
}

export function crossingsCsv(crossings: readonly CrossingRecord[]): string {
  const lines = ['time,class,track_id,direction', ...crossings.map((c) => [c.time, c.classLabel, c.trackId, c.direction].map(cell).join(','))];
  return `${lines.join('\n')}\n`;
}

export function countsJson(crossings: readonly CrossingRecord[], line: { x1: number; y1: number; x2: number; y2: number } | null): string {
  return `${JSON.stringify({ format: 'ssd-cam-counts', version: 1, line, crossings, perMinute: perMinute(crossings) }, null, 2)}\n`;
}
