// One side of the A/B view: the shared camera stream in its own <video>, its own engine
// (worker), overlay, model choice and numbers. Changes go up as events; ab-view decides.
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { BackendRequest, ModelSummary, ResultResponse } from '../engine/protocol';
import type { VideoPlayingDetail } from './camera-view';
import './camera-view';
import './detection-overlay';
import { EngineController } from './engine-controller';
import { formatNumber } from './format';
import { LocaleController } from './locale-controller';
import { messages } from './messages';
import './model-picker';

@customElement('ab-pane')
export class AbPane extends LitElement {
  /** re-render when the UI language changes */
  protected readonly i18n = new LocaleController(this);
  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      min-width: 0;
      min-height: 0;
      flex: 1 1 0;
    }
    .stage {
      position: relative;
      flex: 1 1 auto;
      min-height: 0;
      background: #000;
    }
    camera-view,
    detection-overlay {
      position: absolute;
      inset: 0;
    }
    .bar {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      align-items: center;
      padding: 4px 6px;
      font: 12px/1.3 ui-monospace, monospace;
      color: #eef;
      background: rgba(0, 0, 0, 0.7);
    }
    .side {
      font-weight: 700;
    }
  `;

  @property() side = 'A';
  @property({ attribute: false }) stream: MediaStream | null = null;
  @property({ attribute: false }) models: readonly ModelSummary[] = [];
  @property() model = '';
  @property() backend: BackendRequest = 'auto';
  @property({ type: Boolean }) mirrored = false;

  @state() private result: ResultResponse | null = null;
  private video: HTMLVideoElement | null = null;
  private readonly engine = new EngineController(this, {
    onReady: () => this.maybeRun(),
    onResult: (r) => (this.result = r),
  });

  protected override updated(changed: Map<string, unknown>): void {
    if (changed.has('model') || changed.has('backend')) {
      this.result = null;
      void this.engine.start({ modelId: this.model, backend: this.backend });
    }
  }

  private maybeRun(): void {
    if (this.video && this.engine.phase === 'ready') this.engine.run(this.video);
  }

  override render() {
    const s = this.engine.stats;
    const r = this.engine.ready;
    return html`<div class="stage">
        <camera-view .stream=${this.stream} ?mirrored=${this.mirrored} @video-playing=${(e: CustomEvent<VideoPlayingDetail>) => {
          e.stopPropagation();
          this.video = e.detail.video;
          this.maybeRun();
        }}></camera-view>
        <detection-overlay
          .detections=${this.result?.detections ?? []}
          .frameWidth=${this.result?.width ?? 0}
          .frameHeight=${this.result?.height ?? 0}
          ?mirrored=${this.mirrored}
        ></detection-overlay>
      </div>
      <div class="bar">
        <span class="side">${this.side}</span>
        <model-picker
          .models=${this.models}
          .value=${this.model}
          @model-change=${(e: CustomEvent<{ id: string }>) => {
            e.stopPropagation();
            this.dispatchEvent(new CustomEvent('ab-model-change', { detail: { side: this.side, id: e.detail.id }, bubbles: true, composed: true }));
          }}
        ></model-picker>
        <span data-testid="ab-fps">${s ? s.detectionFps.toFixed(1) : '–'}</span> ${messages.units.fps} ·
        ${messages.hud.inference} ${s && Number.isFinite(s.inferenceMs.p50) ? formatNumber(s.inferenceMs.p50, 0) : '–'} ${messages.units.ms} ·
        ${r ? r.backend : this.engine.status || messages.ab.starting}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ab-pane': AbPane;
  }
}
