// The engine-recovery part of `npm run soak`: figures per injected fault, summarised per kind
// (median and max over the faults), and judged against the 2-second recovery target. Plain
// functions over plain data, so a unit test checks the summary and the wording
// (tests/unit/recovery-report.test.ts). The target is judged here, in a report line, not as
// a pass/fail bound in the e2e tests (they only prove that recovery happens).

/** Detections are back within this long after a fault is noticed (README, Reliability). */
export const RECOVERY_TARGET_MS = 2000;

/**
 * What each kind of fault is judged on, from the moment the app can know about it:
 * - crash: the worker's error arrives at once, so from the injection;
 * - hang: nothing tells a hang from a slow frame before the watchdog's limit, so from the
 *   moment the watchdog ended the worker;
 * - lose-device: the device's `lost` promise settles at once, so from the injection.
 */
export const JUDGED_FROM = { crash: 'fault', hang: 'noticed', 'lose-device': 'fault' };

/**
 * One fault's figures from page timestamps (ms, performance.now()): `t0` injection,
 * `noticed` the app ended the worker (watchdog, error), `ready` the new worker's ssd:ready,
 * `detections` the first result after it; `loadMs` the new worker's model load (from its
 * ssd:ready). Missing times (NaN/undefined) mean it never came. (ssd:ready's warmupMs is no
 * help here: a restart skips the warm-up run and reports the cold start's; the first frame
 * after `ready` is where this restart warms up.)
 */
export function faultFigures({ kind, t0, noticed, ready, detections, loadMs }) {
  const since = (t, from) => (Number.isFinite(t) && Number.isFinite(from) ? t - from : NaN);
  const recovered = Number.isFinite(ready) && Number.isFinite(detections);
  const row = {
    kind,
    recovered,
    noticedMs: since(noticed, t0),
    backMs: since(ready, t0),
    detectionsMs: since(detections, t0),
    afterNoticeMs: since(detections, noticed),
    loadMs: Number.isFinite(loadMs) ? loadMs : NaN,
    firstFrameMs: since(detections, ready),
  };
  row.judgedMs = JUDGED_FROM[kind] === 'noticed' ? row.afterNoticeMs : row.detectionsMs;
  return row;
}

export function median(values) {
  const xs = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (xs.length === 0) return NaN;
  const mid = xs.length >> 1;
  return xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}

export function max(values) {
  const xs = values.filter(Number.isFinite);
  return xs.length ? Math.max(...xs) : NaN;
}

const stat = (rows, key) => ({ median: median(rows.map((r) => r[key])), max: max(rows.map((r) => r[key])) });

/** Per kind, in the order first seen: counts, median and max of each figure, the verdict. */
export function summarize(rows, targetMs = RECOVERY_TARGET_MS) {
  const kinds = [...new Set(rows.map((r) => r.kind))];
  return kinds.map((kind) => {
    const all = rows.filter((r) => r.kind === kind);
    const ok = all.filter((r) => r.recovered);
    const judged = stat(ok, 'judgedMs');
    return {
      kind,
      faults: all.length,
      failed: all.length - ok.length,
      noticed: stat(ok, 'noticedMs'),
      back: stat(ok, 'backMs'),
      detections: stat(ok, 'detectionsMs'),
      afterNotice: stat(ok, 'afterNoticeMs'),
      judgedFrom: JUDGED_FROM[kind] ?? 'fault',
      judged,
      // every fault recovered, and even the slowest within the target
      met: ok.length > 0 && all.length === ok.length && judged.max <= targetMs,
    };
  });
}

const ms = (n) => (Number.isFinite(n) ? `${Math.round(n).toLocaleString('en-US')} ms` : '–');
const pad = (s, n) => String(s).padStart(n);

/** One table line per fault. */
export function faultLine(index, row) {
  if (!row.recovered) return `${pad(index, 3)}  ${row.kind.padEnd(11)}  did not recover (noticed after ${ms(row.noticedMs)})`;
  return (
    `${pad(index, 3)}  ${row.kind.padEnd(11)}  ${pad(ms(row.noticedMs), 9)}  ${pad(ms(row.backMs), 9)}  ${pad(ms(row.detectionsMs), 9)}  ` +
    `${pad(ms(row.afterNoticeMs), 9)}  ${pad(ms(row.loadMs), 9)}  ${pad(ms(row.firstFrameMs), 11)}`
  );
}

/** The header of the faultLine table: noticed, back (new worker ready) and detecting from the
 * injection; "+noticed" detecting from the moment the app ended the broken worker; load the new
 * worker's model load; first frame from ready to the first result (its warm-up). */
export const FAULT_HEADER =
  `  #  ${'fault'.padEnd(11)}  ${pad('noticed', 9)}  ${pad('back', 9)}  ${pad('detecting', 9)}  ` +
  `${pad('+noticed', 9)}  ${pad('load', 9)}  ${pad('first frame', 11)}`;

/** The report's closing lines: per kind, the figures and whether the 2 s target is met. */
export function verdictLines(summary, targetMs = RECOVERY_TARGET_MS) {
  const lines = [];
  for (const s of summary) {
    const from = s.judgedFrom === 'noticed' ? 'after the watchdog ended the worker' : 'after the fault';
    lines.push(
      `[soak] ${s.kind} x${s.faults}: worker back median ${ms(s.back.median)} (max ${ms(s.back.max)}), ` +
        `detections again median ${ms(s.detections.median)} (max ${ms(s.detections.max)}) after the fault` +
        (s.judgedFrom === 'noticed' ? `, ${ms(s.afterNotice.median)} (max ${ms(s.afterNotice.max)}) after the watchdog (which fired ${ms(s.noticed.median)} in)` : '') +
        (s.failed ? `; ${s.failed} did not recover` : ''),
    );
    const verdict = s.met ? 'met' : 'MISSED';
    const why = s.failed ? `${s.failed} of ${s.faults} did not recover` : `max ${ms(s.judged.max)}`;
    lines.push(`[soak] recovery target ${targetMs / 1000} s (${s.kind}, detections again ${from}): ${verdict} — median ${ms(s.judged.median)}, ${why}`);
  }
  return lines;
}
