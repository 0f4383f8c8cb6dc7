// The one status line above the controls: what the app is busy with, so a wait never looks
// like a freeze. A model download for offline use comes first; then, while running is wanted,
// a bench or an evaluation that holds the loop, the camera opening, or the engine starting or
// switching (with a progress bar while weights download). A render helper of the app's shadow
// root (the line is styled there), not an element.
import { html, nothing } from 'lit';
import type { EngineProgress } from '../../engine/detector-client';
import type { DownloadProgress } from '../../pwa/model-store';
import { messages } from '../../i18n/messages';
import type { CameraPhase } from './camera-controller';
import type { EnginePhase } from './engine-controller';

export interface StatusInput {
  /** a model being stored for offline use: its name and how far */
  download: { name: string; progress: DownloadProgress | null } | null;
  wantRunning: boolean;
  benchRunning: boolean;
  evalRunning: boolean;
  cameraPhase: CameraPhase;
  engine: { phase: EnginePhase; status: string; switching: unknown; progress: EngineProgress | null };
}

export function renderStatus({ download, wantRunning, benchRunning, evalRunning, cameraPhase, engine }: StatusInput) {
  if (download) {
    const p = download.progress;
    const done = p ? messages.pwa.progress(p.filesDone, p.filesTotal, messages.pwa.bytes(p.bytes)) : messages.pwa.starting;
    return html`<div class="status" role="status"><span class="spinner" aria-hidden="true"></span>${messages.pwa.downloadingModel(download.name, done)}</div>`;
  }
  if (!wantRunning) return nothing;
  if (benchRunning && cameraPhase !== 'opening') {
    return html`<div class="status" role="status" data-testid="bench-live-paused">${messages.bench.livePaused}</div>`;
  }
  if (evalRunning && cameraPhase !== 'opening') {
    return html`<div class="status" role="status" data-testid="eval-live-paused">${messages.accuracy.livePaused}</div>`;
  }
  const text =
    cameraPhase === 'opening'
      ? messages.openingCamera
      : engine.phase === 'starting'
        ? engine.status || messages.startingEngine
        : engine.switching
          ? engine.status || messages.switchingEngine
          : '';
  if (!text) return nothing;
  const p = engine.progress;
  const bar = p?.stage === 'download' && p.total ? html`<progress max=${p.total} .value=${p.loaded ?? 0} aria-hidden="true"></progress>` : nothing;
  return html`<div class="status" role="status" data-testid="loading-status" data-stage=${p?.stage ?? 'camera'}>
    <span class="spinner" aria-hidden="true"></span>${text}${bar}
  </div>`;
}
