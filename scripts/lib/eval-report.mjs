// What `npm run eval --dataset` writes: per model x backend a JSON summary (the 12 COCO
// figures, per-class AP, the F1-best threshold, speed) and the COCO results file, plus one
// markdown table for the whole run. Pure functions of the app's `ssd:eval` results.

export const FIGURES = ['AP', 'AP50', 'AP75', 'APs', 'APm', 'APl', 'AR1', 'AR10', 'AR100', 'ARs', 'ARm', 'ARl'];

/** AP gap (points) above which two backends of the same model are said to disagree. */
export const BACKEND_AGREEMENT_POINTS = 0.5;

const safe = (s) => String(s).replace(/[^A-Za-z0-9._-]+/g, '-');

/** File stem of one run: <set>.<model>.<backend> (stable, so two runs can be compared). */
export function runStem(run) {
  return `${safe(run.set.name)}.${safe(run.model.id)}.${safe(run.backend)}`;
}

/** The summary of one run: everything but the detections (they go in their own file). */
export function runSummary(run, extra = {}) {
  const { detections, ...rest } = run;
  return { format: 'ssd-cam-eval-run/1', ...extra, ...rest, detectionCount: detections.length };
}

const pts = (v) => (typeof v === 'number' && v >= 0 ? (v * 100).toFixed(1) : '—');
const num = (v, digits) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits) : '—');

function table(head, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Per model, the AP gap between its backends, with a warning above the agreement bound. */
export function backendAgreement(runs) {
  const byModel = new Map();
  // a model file is imported once per backend (a browser context each), under another id each time
  const key = (r) => r.model.importedFrom ?? r.model.id;
  for (const r of runs) byModel.set(key(r), [...(byModel.get(key(r)) ?? []), r]);
  const out = [];
  for (const [model, rs] of byModel) {
    if (rs.length < 2) continue;
    const aps = rs.map((r) => r.figures.AP * 100);
    const gap = Math.max(...aps) - Math.min(...aps);
    out.push({ model, backends: rs.map((r) => r.backend), ap: aps, gapPoints: gap, agree: gap <= BACKEND_AGREEMENT_POINTS });
  }
  return out;
}

/** Model files the run imported through the app's panel, one line each. */
export function importedLines(imported = []) {
  if (!imported.length) return [];
  return ['', 'Model files, imported through the app\'s import panel for this run:', '', ...imported.map((m) => `- ${m.backend}: \`${m.file}\` as \`${m.id}\` "${m.name}"${m.card ? `, card \`${m.card}\`` : ", no card (the panel's proposal)"}`)];
}

export function markdown(report) {
  const head = ['model', 'backend', ...FIGURES, 'VOC AP50', 'F1-best score (R / P)', 'R / P at 0.5', 'images/s', 'inference p50 ms'];
  const rows = report.runs.map((r) => [
    `\`${r.model.id}\``,
    r.backend,
    ...FIGURES.map((f) => pts(r.figures[f])),
    pts(r.vocAP50),
    r.f1Best ? `${num(r.f1Best.threshold, 3)} (${pts(r.f1Best.recall)} / ${pts(r.f1Best.precision)})` : '—',
    r.atScore05 ? `${pts(r.atScore05.recall)} / ${pts(r.atScore05.precision)}` : '—',
    num(r.speed.imagesPerSecond, 2),
    num(r.speed.inferenceMs.p50, 1),
  ]);
  const set = report.runs[0]?.set ?? report.set;
  const lines = [
    `# SSD Cam accuracy, ${report.createdAt.slice(0, 10)}, ${report.device.host.hostname}`,
    '',
    `Set \`${set?.name ?? '?'}\`: ${set?.images ?? '?'} images, ${set?.annotations ?? '?'} boxes, annotations SHA-256 ${String(set?.sha256 ?? '?').slice(0, 16)}…. ` +
      `${report.device.summary}. Chromium ${report.device.browser.version} (headless). \`${report.command}\`.`,
    '',
    'COCO protocol through the app\'s own pipeline: scores down to 0.001, up to 100 detections per image; figures in points (AP x 100); "—" where the set has no such object. ' +
      'F1-best: the score threshold that maximizes F1 at IoU 0.5, with its recall and precision.',
    '',
    report.runs.length ? table(head, rows) : '_No runs: every pair failed._',
    ...importedLines(report.imported),
  ];
  const agreement = backendAgreement(report.runs);
  if (agreement.length) {
    lines.push('', 'Backends agree (AP within 0.5 points):', '');
    for (const a of agreement) {
      lines.push(`- \`${a.model}\`: ${a.backends.map((b, i) => `${b} ${a.ap[i].toFixed(2)}`).join(', ')}; gap ${a.gapPoints.toFixed(2)} points${a.agree ? '' : ` — **WARNING: the backends disagree** (${a.backends.join(' vs ')})`}`);
    }
  }
  if (report.failures.length) lines.push('', 'Could not run:', '', ...report.failures.map((f) => `- \`${f.model}\` on ${f.backend}: ${f.message}`));
  const warnings = report.runs.flatMap((r) => r.warnings.map((w) => `- \`${r.model.id}\` on ${r.backend}: ${w}`));
  if (warnings.length) lines.push('', 'Warnings:', '', ...warnings);
  return lines.join('\n') + '\n';
}
