// The controls at the bottom of the screen, as render helpers of the app's shadow root (its
// layout styles them, and focus given back by a closing sheet lands on these buttons there):
// the tools row (model and backend pickers, the sheets' buttons, A/B) and the bar (snapshot,
// start/stop, switch camera). State comes from the controllers passed in; clicks go to them.
import { html } from 'lit';
import type { BackendRequest, ModelSummary } from '../shared/protocol';
import { messages } from '../i18n/messages';
import { cameraIcon, switchCameraIcon } from '../ui/icons';
import type { RunController } from './run-controller';
import type { SheetName, SheetsController } from './sheets-controller';
import '../features/live/backend-picker';
import '../features/models/model-picker';

const expanded = (open: boolean) => (open ? 'true' : 'false');

/** The button that opens `which` in the app's shadow root (focus goes back to it on close). */
export function sheetButton(root: ParentNode, which: SheetName): HTMLElement | null {
  if (which === 'storage') return root.querySelector<HTMLElement>('[data-testid="storage-open"]');
  if (which === 'info') return root.querySelector('.tools model-picker')?.shadowRoot?.querySelector<HTMLElement>('[data-testid="model-info-button"]') ?? null;
  return root.querySelector<HTMLElement>(`[data-testid="${which}-button"]`);
}

export function renderTools(run: RunController, sheets: SheetsController, models: readonly ModelSummary[], benchRunning: boolean) {
  const m = messages;
  const sheetButton = (which: SheetName, label: string) =>
    html`<button class=${which} data-testid="${which}-button" aria-expanded=${expanded(sheets.isOpen(which))} @click=${() => sheets.toggle(which)}>
      ${label}
    </button>`;
  return html`<div class="tools">
    <model-picker
      .models=${models}
      .value=${run.model}
      ?info-open=${sheets.isOpen('info')}
      @model-change=${(e: CustomEvent<{ id: string }>) => void run.changeModel(e.detail.id)}
      @model-info-toggle=${() => sheets.toggle('info')}
    ></model-picker>
    <backend-picker .value=${run.backend} @backend-change=${(e: CustomEvent<{ backend: BackendRequest }>) => run.changeBackend(e.detail.backend)}></backend-picker>
    <div class="secondary" role="group" aria-label=${m.moreLabel}>
      ${sheetButton('import', m.importButton)}
      <button
        class="ab"
        data-testid="ab-button"
        aria-pressed=${run.abMode ? 'true' : 'false'}
        ?disabled=${benchRunning && !run.abMode}
        @click=${() => {
          sheets.hideAll(); // A/B takes the screen: no sheet stays open under it
          void run.toggleAb();
        }}
      >
        ${m.abButton}
      </button>
      ${sheetButton('bench', m.benchButton)} ${sheetButton('accuracy', m.accuracyButton)} ${sheetButton('settings', m.settingsButton)}
    </div>
  </div>`;
}

export interface BarInput {
  /** detections are running: there is something to snap */
  running: boolean;
  snapping: boolean;
  snap: () => void;
  /** video inputs on this device (-1 until known) */
  videoInputs: number;
}

export function renderBar(run: RunController, { running, snapping, snap, videoInputs }: BarInput) {
  const m = messages;
  const snapLabel = m.snapshot.label;
  // One camera (most laptops): switching would reopen the same one, so offer nothing.
  const switchLabel = run.facing === 'user' ? m.switchCameraToBack : m.switchCameraToFront;
  const switchButton =
    videoInputs === 1
      ? html`<span class="spacer"></span>`
      : html`<button class="round" aria-label=${switchLabel} title=${switchLabel} @click=${() => run.switchCamera()}>${switchCameraIcon()}</button>`;
  return html`<div class="bar" role="group" aria-label=${m.controlsLabel}>
    <button class="round" data-testid="snapshot" aria-label=${snapLabel} title=${snapLabel} ?disabled=${!running || snapping} @click=${snap}>
      ${cameraIcon()}
    </button>
    <button class="primary" data-testid="start-stop" aria-pressed=${run.wantRunning ? 'true' : 'false'} @click=${() => run.toggle()}>
      ${run.wantRunning ? m.stop : m.start}
    </button>
    ${switchButton}
  </div>`;
}
