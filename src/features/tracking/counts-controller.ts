// Counts of tracked objects for the count panel and the automation surface: how many of each
// class are in view now, how many distinct ones were seen, and how many crossed the counting
// line each way, since the start or the last Reset. The worker's tracker counts from its own
// start; Reset keeps the figures it had then and shows what came after. Each crossing fires
// `ssd:count` with the totals after it.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { emitCount } from '../../automation/automation';
import { download } from '../../ui/save-file';
import type { ResultResponse } from '../../shared/protocol';
import { countsJson, crossingsCsv, perMinute, type CrossingRecord, type MinuteCounts } from '../../tracking/count-export';

export interface CountingLine {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface ClassCounts {
  label: string;
  now: number;
  seen: number;
  in: number;
  out: number;
}

export class CountsController implements ReactiveController {
  /** the counting line, normalized to the frame; null: none */
  line: CountingLine | null;
  /** whether the last result came from a tracking worker */
  active = false;
  /** the person is drawing the counting line over the video */
  drawing = false;
  private now: Record<string, number> = {};
  private unique: Record<string, number> = {};
  private totals: Record<string, { in: number; out: number }> = {};
  /** every crossing since the last Reset, for the export */
  readonly crossings: CrossingRecord[] = [];
  /** the crossings per minute, for the chart: a new array only when a crossing came */
  minutes: MinuteCounts[] = [];
  /** the worker's figures at the last Reset */
  private base = { unique: {} as Record<string, number>, totals: {} as Record<string, { in: number; out: number }> };

  constructor(
    private readonly host: ReactiveControllerHost,
    line: CountingLine | null,
    /** a new line goes to the running engine */
    private readonly lineChanged: () => void,
    /** where `ssd:count` goes (the window; tests pass their own) */
    private readonly events: Pick<EventTarget, 'dispatchEvent'> = window,
  ) {
    this.line = line;
    host.addController(this);
  }

  hostConnected(): void {}

  onResult(result: ResultResponse): void {
    const t = result.tracking;
    if (!t) {
      if (this.active) {
        this.active = false;
        this.host.requestUpdate();
      }
      return;
    }
    if (!this.active) void import('./count-panel');
    this.active = true;
    const now: Record<string, number> = {};
    for (const d of result.detections) now[d.label] = (now[d.label] ?? 0) + 1;
    this.now = now;
    // a new worker (model switch, restart) counts from zero again: so does the base
    for (const [k, v] of Object.entries(this.base.unique)) if ((t.unique[k] ?? 0) < v) this.base.unique = {};
    this.unique = t.unique;
    this.totals = t.totals;
    // the totals after each crossing, in the order they happened within the frame
    const running = this.crossingTotals();
    for (const c of [...t.crossings].reverse()) running[c.label][c.direction]--;
    const time = new Date().toISOString();
    for (const c of t.crossings) {
      running[c.label][c.direction]++;
      this.crossings.push({ time, classLabel: c.label, trackId: c.trackId, direction: c.direction });
      emitCount({ classLabel: c.label, trackId: c.trackId, direction: c.direction, totals: structuredClone(running) }, this.events);
    }
    if (t.crossings.length) this.minutes = perMinute(this.crossings);
    this.host.requestUpdate();
  }

  /** Crossings since the last Reset, per class. */
  crossingTotals(): Record<string, { in: number; out: number }> {
    const out: Record<string, { in: number; out: number }> = {};
    for (const [label, v] of Object.entries(this.totals)) {
      const b = this.base.totals[label] ?? { in: 0, out: 0 };
      out[label] = { in: v.in - b.in, out: v.out - b.out };
    }
    return out;
  }

  /** Per class, sorted by name: in view now, seen, crossings each way (since the last Reset). */
  rows(): ClassCounts[] {
    const totals = this.crossingTotals();
    const labels = new Set([...Object.keys(this.now), ...Object.keys(this.unique), ...Object.keys(totals)]);
    return [...labels].sort().map((label) => ({
      label,
      now: this.now[label] ?? 0,
      seen: (this.unique[label] ?? 0) - (this.base.unique[label] ?? 0),
      in: totals[label]?.in ?? 0,
      out: totals[label]?.out ?? 0,
    }));
  }

  /** The crossings since the last Reset as a file: CSV (one row each) or JSON (with minutes). */
  export(format: 'csv' | 'json'): Blob {
    return format === 'csv'
      ? new Blob([crossingsCsv(this.crossings)], { type: 'text/csv' })
      : new Blob([countsJson(this.crossings, this.line)], { type: 'application/json' });
  }

  /** Downloads the export, named like `ssd-cam-counts-20261203-101500.csv`. */
  save(format: 'csv' | 'json', now = new Date()): void {
    const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
    download(this.export(format), `ssd-cam-counts-${stamp}.${format}`);
  }

  reset(): void {
    this.crossings.length = 0;
    this.minutes = [];
    this.base = { unique: { ...this.unique }, totals: Object.fromEntries(Object.entries(this.totals).map(([k, v]) => [k, { ...v }])) };
    this.host.requestUpdate();
  }

  setDrawing(drawing: boolean): void {
    if (drawing) void import('./line-drawer');
    this.drawing = drawing;
    this.host.requestUpdate();
  }

  setLine(line: CountingLine | null): void {
    this.line = line;
    this.lineChanged();
    this.host.requestUpdate();
  }
}
