// The measuring half of the app: detection and camera fps, inference latency p50/p95 over the
// last 60 frames, per-stage times, and what runs where. Folded it is one translucent line
// (fps, latency, backend) that hides as little of the picture as possible; tap or press it
// for everything. Open or folded is the app's to decide (a setting): `hud-toggle` asks.
// Every number carries its unit.
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ReadyInfo } from '../../shared/protocol';
import type { EngineStats, LogPoint } from './engine-controller';
import { formatMeasure, formatNumber } from '../../i18n/format';
import './live-chart';
import { messages } from '../../i18n/messages';
import { modelName, modelShortName as shortName } from '../../i18n/labels';
import { panel, visuallyHidden } from '../../ui/styles';
import { fire } from '../../ui/events';
import { LocalizedElement } from '../../ui/localized-element';

const DASH = '–';
/** a backend as the catalogue names it ('WASM'), else its id */
const backendName = (b: string): string => messages.backendNames[b as keyof typeof messages.backendNames] ?? b;
const num = formatMeasure;

@customElement('fps-hud')
export class FpsHud extends LocalizedElement {
  static override styles = [
    panel,
    visuallyHidden,
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
        background: var(--ssd-glass);
        border-radius: 10px;
        -webkit-backdrop-filter: blur(6px);
        backdrop-filter: blur(6px);
      }
      button.panel:focus-visible {
        outline: 2px solid var(--ssd-accent);
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
        color: var(--ssd-text-muted);
      }
      /* the running model, named in full words: the picker cuts long names on a phone */
      .name {
        max-width: min(18rem, calc(100vw - 48px));
        font-weight: 600;
      }
      .big {
        font-size: 13px;
        font-weight: 600;
      }
      .warn {
        color: var(--ssd-warn);
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

  /** everything, or one line */
  @property({ type: Boolean, reflect: true }) open = false;

  override render() {
    const m = messages.hud;
    // The button's name says what it does and what it shows (its text is numbers and units).
    return html`<button
      class="panel"
      data-testid="hud"
      aria-expanded=${this.open ? 'true' : 'false'}
      title=${this.open ? m.collapse : m.expand}
      @click=${() => fire(this, 'hud-toggle')}
    >
      <span class="visually-hidden">${m.title}: </span>
      ${this.open ? this.renderOpen() : this.renderFolded()}
    </button>`;
  }

  private renderFolded() {
    const u = messages.units;
    const s = this.stats;
    return html`${this.ready ? html`<span class="row name" data-testid="model-short">${shortName(this.ready.model)}</span>` : nothing}
      <span class="row big">
        <span data-testid="detection-fps">${num(s?.detectionFps)}</span> ${u.fps} ·
        <span data-testid="inference-ms">${num(s?.inferenceMs.p50)}</span> ${u.ms}${this.ready
          ? html` · <span data-testid="backend">${backendName(this.ready.backend)}</span>`
          : nothing}
      </span>
      ${this.status ? html`<span class="row">${this.status}</span>` : nothing}`;
  }

  private renderOpen() {
    const m = messages.hud;
    const u = messages.units;
    const s = this.stats;
    return html`
      <span class="row big">
        <span class="k">${m.detFps}</span> <span data-testid="detection-fps">${num(s?.detectionFps)}</span> ${u.fps}
        <span class="k">${m.camFps}</span> <span data-testid="camera-fps">${num(s?.cameraFps)}</span> ${u.fps}
      </span>
      <span class="row">
        <span class="k">${m.inference}</span>
        <span data-testid="inference-ms">p50 ${num(s?.inferenceMs.p50)} ${u.ms} · p95 ${num(s?.inferenceMs.p95)} ${u.ms}</span>
      </span>
      ${this.ready
        ? html`<span class="row">
            <span data-testid="backend">${backendName(this.ready.backend)}</span> ·
            <span data-testid="model">${modelName(this.ready.model)}</span>
          </span>`
        : nothing}
      ${this.status ? html`<span class="row">${this.status}</span>` : nothing}
      ${this.renderDetails()}
    `;
  }

  private renderDetails() {
    const m = messages.hud;
    const u = messages.units;
    const s = this.stats;
    const r = this.ready;
    return html`
      <span class="row">
        <span class="k">${m.preprocess}</span> ${num(s?.preprocessMs.p50)} ${u.ms} ·
        <span class="k">${m.postprocess}</span> ${num(s?.postprocessMs.p50)} ${u.ms} ·
        <span class="k">${m.total}</span> ${num(s?.totalMs.p50)} ${u.ms}
      </span>
      <span class="row"><span class="k">${m.roundTrip}</span> ${num(s?.roundTripMs.p50)} ${u.ms} (p50)</span>
      ${r
        ? html`
            <span class="row"><span class="k">${m.backend}</span> ${backendName(r.backend)} · ${r.adapter}</span>
            ${r.fallbackReason
              ? html`<span class="warn">${m.fallbackFrom(r.requestedBackend, r.fallbackReason)}</span>`
              : nothing}
            ${r.backend === 'wasm' && r.wasm
              ? html`<span class="row">
                  <span class="k">${m.wasm}</span> ${m.threads(r.wasm.threads)} · ${m.simd(r.wasm.simd)}${r.wasm.chosenBy
                    ? ` · ${m.chosenBy[r.wasm.chosenBy] ?? r.wasm.chosenBy}`
                    : ''}
                </span>`
              : nothing}
            ${r.backend === 'wasm' && r.wasm?.note ? html`<span class="warn">${r.wasm.note}</span>` : nothing}
            <span class="row"><span class="k">${m.model}</span> ${modelName(r.model)}</span>
            <span class="row">
              <span class="k">${m.coldStart}</span> ${m.coldStartValue(num(r.loadMs, 0), num(r.warmupMs, 0))}
            </span>
          `
        : nothing}
      <live-chart .points=${this.log}></live-chart>
      <span class="row">
        <span class="k">${m.tensors}</span> <span data-testid="tensors">${s?.numTensors == null ? DASH : formatNumber(s.numTensors, 0)}</span>
        ${s && s.frameWidth ? html` · <span class="k">${m.frame}</span> ${s.frameWidth}×${s.frameHeight} ${u.px}` : nothing}
      </span>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fps-hud': FpsHud;
  }
}
