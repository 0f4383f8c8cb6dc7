// The markdown table of `npm run bench`. Its p50/p95 figures come from the app's own
// statistics (src/metrics/stats.ts, which scripts/bench.mjs imports through import-ts.mjs), so
// anchor rows and the app's rows mean the same thing.
import { importedLines } from './eval-report.mjs';

const num = (v, digits = 0) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits));
const pct = (v) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(v < 0.1 ? 1 : 0)}%`);
const ms = (v) => (Number.isFinite(v) && v < 10 ? v.toFixed(1) : num(v));
const gmacs = (v) => (v === null || v === undefined ? '—' : v >= 1e9 ? `${(v / 1e9).toFixed(2)} G` : `${(v / 1e6).toFixed(0)} M`);
const threadsOf = (row) => (row.backend === 'wasm' ? String(row.wasmThreads ?? '?') : '—');

function table(head, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

export const ROW_COLUMNS = [
  'model', 'backend', 'threads', 'cold start ms', 'fps', 'total p50 / p95 ms', 'inference p50 ms', 'readback p50 ms',
  'pipeline efficiency', 'mult-adds', 'achieved GMAC/s', 'share of peak',
];

export function rowsTable(rows) {
  return table(
    ROW_COLUMNS,
    rows.map((r) => [
      `\`${r.model}\``,
      r.backend,
      threadsOf(r),
      num(r.coldStart.totalMs),
      num(r.fps, 2),
      `${ms(r.stages.totalMs.p50)} / ${ms(r.stages.totalMs.p95)}`,
      ms(r.stages.inferenceMs.p50),
      num(r.stages.readbackMs.p50, 2),
      pct(r.pipelineEfficiency),
      gmacs(r.multAdds),
      num(r.achievedGmacs, 1),
      r.shareOfPeak > 1 ? `probe fault (${pct(r.shareOfPeak)})` : pct(r.shareOfPeak),
    ]),
  );
}

export const ANCHOR_COLUMNS = [
  'anchor', 'same weights as', 'backend', 'threads', 'cold start ms', 'fps', 'total p50 / p95 ms', 'fps from image',
  'found', 'our fps (before / after)', 'ours ÷ theirs',
];

export function anchorsTable(anchors) {
  return table(
    ANCHOR_COLUMNS,
    anchors.map((a) => [
      `${a.library} ${a.version ?? ''}`.trim() + (a.threadsChoice === 'matched' ? ' (threads as ours)' : ''),
      `\`${a.model}\``,
      a.backend,
      a.backend === 'wasm' ? String(a.threads ?? '?') : '—',
      num(a.coldStart.totalMs),
      num(a.fps, 2),
      `${ms(a.totalMs.p50)} / ${ms(a.totalMs.p95)}`,
      num(a.imageInput.fps, 2),
      `${a.check.ok ? '' : '**not equal work:** '}${a.check.summary}`,
      a.ours ? `${num(a.ours.fps, 2)}${a.ours.runs.length > 1 ? ` (${a.ours.runs.map((r) => num(r.fps, 2)).join(' / ')})` : ''}` : '—',
      a.ratio === null ? '—' : `**${a.ratio.toFixed(2)}x**`,
    ]),
  );
}

export function markdown(report) {
  const { device, options } = report;
  const lines = [
    `# SSD Cam bench, ${report.createdAt.slice(0, 10)}, ${device.host.hostname}`,
    '',
    `${device.summary}. Chromium ${device.browser.version}${device.browser.headless ? ' (headless)' : ''}. ` +
      `Frame: ${report.frame.source} (${report.frame.size}). ${options.frames} timed frame${options.frames > 1 ? 's' : ''} after ${report.warmup ?? '?'} warm-up frames per row. ` +
      `\`${report.command}\`${report.git ? `, commit ${report.git.commit.slice(0, 10)}${report.git.dirty ? ' (uncommitted changes)' : ''}` : ''}.`,
    '',
    report.rows.length ? rowsTable(report.rows) : '_No rows: every pair failed._',
    ...importedLines(report.imported),
  ];
  if (report.failures.length) {
    lines.push('', 'Could not run:', '', ...report.failures.map((f) => `- \`${f.model}\` on ${f.backend}: ${f.message}`));
  }
  if (report.anchors.length) {
    lines.push('', 'Anchors: the same weights run by the library they come from, same browser, backend, frame and frame count.', '', anchorsTable(report.anchors));
  }
  if (report.anchorFailures.length) {
    lines.push('', 'Anchors that could not run:', '', ...report.anchorFailures.map((f) => `- ${f.anchor} on ${f.backend}: ${f.message}`));
  }
  const ev = report.evaluation;
  const evalVerdict = (r) => {
    if (r.withinTarget === true) return 'within target';
    if (r.withinTarget === false) return '**below target**';
    if (r.benchThreads?.some((t) => t !== r.wasmThreads)) return `not comparable: ${r.wasmThreads} WASM threads evaluating, ${r.benchThreads.join(' / ')} benching`;
    if (Number.isFinite(r.benchSpread)) return `unsteady machine (bench runs ${pct(r.benchSpread)} apart)`;
    return '—';
  };
  if (ev?.rows.length) {
    lines.push(
      '',
      `Evaluating accuracy: \`?eval=\` on ${ev.set.images} images of \`${ev.set.name}\` (${ev.set.format}) in the same browser, against the mean of the model's bench fps just before and just after it (target: at least ${pct(ev.target)} of it; judged only where those two runs are within ${pct(ev.steadyWithin)} of each other).`,
      '',
      table(
        ['model', 'backend', 'images/s evaluating', 'pipeline fps (eval)', 'bench fps (before / after)', 'share', 'verdict', 'inference p50 ms (eval / bench)', 'preprocess p50 ms (eval)', 'decode wait p50 ms', 'scoring ms', 'AP'],
        ev.rows.map((r) => [
          `\`${r.model}\``,
          r.backend,
          num(r.imagesPerSecond, 2),
          num(r.pipelineFps, 2),
          `${num(r.benchFps, 2)}${r.benchRuns?.length ? ` (${r.benchRuns.map((f) => num(f, 2)).join(' / ')})` : ''}`,
          pct(r.ratio),
          evalVerdict(r),
          `${ms(r.inferenceP50Ms)} / ${ms(r.benchInferenceP50Ms)}`,
          ms(r.preprocessP50Ms),
          ms(r.decodeWaitP50Ms),
          num(r.scoreMs),
          num(r.AP >= 0 ? r.AP * 100 : null, 1),
        ]),
      ),
    );
  } else if (ev?.skipped) {
    lines.push('', `Evaluation speed: skipped (${ev.skipped}).`);
  }
  if (ev?.failures.length) lines.push('', ...ev.failures.map((f) => `- evaluation of \`${f.model}\` on ${f.backend}: ${f.message}`));
  if (report.tracking) {
    const t = report.tracking;
    const us = (ms) => `${Math.round(ms * 1000)} µs`;
    lines.push(
      '',
      `Tracking (the app's tracker, ${t.where}): ${t.objects} objects over ${t.frames} detector frames, update ${us(t.updateMeanMs)} a frame (p95 ${us(t.updateP95Ms)}), boxes between frames ${us(t.predictMeanMs)}; budget ${t.budgetMs} ms.${t.heapBytesPerFrame === null ? '' : ` Heap left per steady frame: ${Math.round(t.heapBytesPerFrame)} B.`}`,
    );
  }
  if (report.scoring) {
    lines.push('', `Scoring (the app's evaluator, ${report.scoring.where}): ${report.scoring.images.toLocaleString('en')} images x ${report.scoring.detections / report.scoring.images} detections (${report.scoring.boxes.toLocaleString('en')} labelled boxes) in ${report.scoring.seconds.toFixed(2)} s.`);
  }
  for (const r of report.rows.filter((x) => x.profile)) lines.push('', ...profileLines(r));
  for (const r of report.rows.filter((x) => x.sustained)) lines.push('', ...sustainedLines(r));
  if (report.notes.length) lines.push('', ...report.notes.map((n) => `- ${n}`));
  return lines.join('\n') + '\n';
}

/** Profile mode: one frame of a row kernel by kernel, most time first (the top 15 and the rest). */
export function profileLines(row) {
  const p = row.profile;
  const top = p.kernels.slice(0, 15);
  const rest = p.kernels.slice(15);
  const rows = top.map((k) => [`\`${k.name}\``, String(k.count), num(k.ms, 1), pct(p.kernelMs > 0 ? k.ms / p.kernelMs : null)]);
  if (rest.length) rows.push([`${rest.length} more kernels`, String(rest.reduce((s, k) => s + k.count, 0)), num(rest.reduce((s, k) => s + k.ms, 0), 1), '']);
  return [
    `Profile of one frame, \`${row.model}\` on ${p.backend}: ${p.kernelCount} kernel runs, ${num(p.kernelMs, 1)} ms in kernels${p.kernelTimes === 'measured' ? '' : ' (this backend reported no kernel times here: counts only)'}, ` +
      `${num(p.wallMs, 1)} ms for the profiled frame; upload ${num(p.uploadMs, 1)} ms, readback ${num(p.readbackMs, 1)} ms.`,
    '',
    table(['kernel', 'runs', 'ms', 'share'], rows),
  ];
}

/** Sustained mode: fps per window, burst against sustained, and what the device said. */
export function sustainedLines(row) {
  const s = row.sustained;
  const pressure = Array.isArray(s.pressure) ? s.pressure : null;
  const battery = s.battery && s.battery !== 'not available' ? `battery ${Math.round(s.battery.start.level * 100)}% -> ${Math.round(s.battery.end.level * 100)}%${s.battery.end.charging ? ' (charging)' : ''}` : 'battery: not available';
  return [
    `Sustained run, \`${row.model}\` on ${row.backend}: ${num(s.seconds, 0)} s back to back; burst ${num(s.burstFps, 2)} fps (first ${s.spanWindows * s.windowS} s), ` +
      `sustained ${num(s.sustainedFps, 2)} fps (last ${s.spanWindows * s.windowS} s): **${pct(s.ratio)}** of the burst. ` +
      `Tensors ${s.tensorsStart} -> ${s.tensorsEnd}, bytes ${s.bytesStart} -> ${s.bytesEnd}. CPU pressure: ${pressure ? 'per window below' : 'not available in this browser'}; ${battery}.`,
    '',
    table(
      ['from s', 'frames', 'fps', 'total p50 ms', 'inference p50 / p95 ms', ...(pressure ? ['CPU pressure'] : [])],
      s.windows.map((w, i) => [String(w.startS), String(w.frames), num(w.fps, 2), num(w.totalP50Ms, 0), `${num(w.inferenceP50Ms, 0)} / ${num(w.inferenceP95Ms, 0)}`, ...(pressure ? [pressure[i] ?? '—'] : [])]),
    ),
  ];
}
