// The measuring half of the app, kept small in a top corner: detection and camera fps,
// inference latency p50/p95 over the last 60 frames, per-stage times, and what runs where.
// Tap to fold it to one line. Every number carries its unit.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ReadyInfo } from '../engine/protocol';
import type { EngineStats, LogPoint } from './engine-controller';
import './live-chart';
import { messages } from './messages';
import { panel } from './styles';

const DASH = '–';

function num(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return value >= 100 ? value.toFixed(0) : value.toFixed(digits);
}

@customElement('fps-hud')
export class FpsHud extends LitElement {
  static override styles = [
    panel,
    css`
      :host {
        display: block;
        font: 11px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
        font-variant-numeric: tabular-nums;
        max-width: min(22rem, calc(100vw - 24px));
        pointer-events: auto;
      }
      button.panel {
        all: unset;
        display: block;
        box-sizing: border-box;
        padding: 6px 9px;
        cursor: pointer;
        background: rgba(0, 0, 0, 0.55);
        border-radius: 10px;
        -webkit-backdrop-filter: blur(6px);
        backdrop-filter: blur(6px);
      }
      button.panel:focus-visible {
        outline: 2px solid #7cc4ff;
      }
      .row,
      .warn {
        display: block;
      }
      .row {
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .k {
        color: #9ab;
      }
      .big {
        font-size: 13px;
        font-weight: 600;
      }
      .warn {
        color: #ffcc66;
        white-space: normal;
      }
    `,
  ];

  @property({ attribute: false }) stats: EngineStats | null = null;
  @property({ attribute: false }) ready: ReadyInfo | null = null;
  /** progress text while the engine starts. */
  @property() status = '';
  /** the live log of the model and backend that run now */
  @property({ attribute: false }) log: readonly LogPoint[] = [];

  /** Folded on phones, where the top of the picture is where faces are; open on wider screens. */
  @state() private expanded = typeof matchMedia === 'function' && matchMedia('(min-width: 600px)').matches;

  override render() {
    const m = messages.hud;
    const s = this.stats;
    return html`<button
      class="panel"
      aria-expanded=${this.expanded ? 'true' : 'false'}
      aria-label=${this.expanded ? m.collapse : m.expand}
      @click=${() => (this.expanded = !this.expanded)}
    >
      <span class="row big">
        <span class="k">${m.detFps}</span> <span data-testid="detection-fps">${num(s?.detectionFps)}</span> fps
        <span class="k">${m.camFps}</span> <span data-testid="camera-fps">${num(s?.cameraFps)}</span> fps
      </span>
      <span class="row">
        <span class="k">${m.inference}</span>
        <span data-testid="inference-ms">p50 ${num(s?.inferenceMs.p50)} ms · p95 ${num(s?.inferenceMs.p95)} ms</span>
      </span>
      ${this.ready
        ? html`<span class="row">
            <span data-testid="backend">${this.ready.backend}</span> ·
            <span data-testid="model">${this.ready.model.name}</span>
          </span>`
        : nothing}
      ${this.status ? html`<span class="row">${this.status}</span>` : nothing}
      ${this.expanded ? this.renderDetails() : nothing}
    </button>`;
  }

  private renderDetails() {
    const m = messages.hud;
    const s = this.stats;
    const r = this.ready;
    return html`
      <span class="row">
        <span class="k">${m.preprocess}</span> ${num(s?.preprocessMs.p50)} ms ·
        <span class="k">${m.postprocess}</span> ${num(s?.postprocessMs.p50)} ms ·
        <span class="k">${m.total}</span> ${num(s?.totalMs.p50)} ms
      </span>
      <span class="row"><span class="k">${m.roundTrip}</span> ${num(s?.roundTripMs.p50)} ms (p50)</span>
      ${r
        ? html`
            <span class="row"><span class="k">${m.backend}</span> ${r.backend} · ${r.adapter}</span>
            ${r.fallbackReason
              ? html`<span class="warn">${m.fallbackFrom(r.requestedBackend, r.fallbackReason)}</span>`
              : nothing}
            ${r.backend === 'wasm' && r.wasm
              ? html`<span class="row">
                  <span class="k">${m.wasm}</span> ${m.threads(r.wasm.threads)} · ${m.simd(r.wasm.simd)}${r.wasm.chosenBy
                    ? ` · ${r.wasm.chosenBy}`
                    : ''}
                </span>`
              : nothing}
            ${r.backend === 'wasm' && r.wasm?.note ? html`<span class="warn">${r.wasm.note}</span>` : nothing}
            <span class="row"><span class="k">${m.model}</span> ${r.model.name}</span>
            <span class="row">
              <span class="k">${m.coldStart}</span> ${m.coldStartValue(num(r.loadMs, 0), num(r.warmupMs, 0))}
            </span>
          `
        : nothing}
      <live-chart .points=${this.log}></live-chart>
      <span class="row">
        <span class="k">${m.tensors}</span> <span data-testid="tensors">${s?.numTensors ?? DASH}</span>
        ${s && s.frameWidth ? html` · <span class="k">${m.frame}</span> ${s.frameWidth}×${s.frameHeight} px` : nothing}
      </span>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fps-hud': FpsHud;
  }
}
