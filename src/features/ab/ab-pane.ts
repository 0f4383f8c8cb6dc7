// One side of the A/B view: the shared camera stream in its own <video>, its own engine
// (worker), overlay, model choice and numbers, with the user's thresholds. Changes go up as
// events; ab-view decides. A model that does not start says why, with Retry.
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { BackendRequest, ModelSummary, ResultResponse } from '../../shared/protocol';
import type { VideoPlayingDetail } from '../live/camera-view';
import '../live/camera-view';
import '../live/detection-overlay';
import type { EngineOptions } from '../../engine/detector-client';
import { EngineController, type EngineFailure } from '../live/engine-controller';
import { formatNumber } from '../../i18n/format';
import { messages } from '../../i18n/messages';
import '../models/model-picker';
import { controls } from '../../ui/styles';
import { fire } from '../../ui/events';
import { LocalizedElement } from '../../ui/localized-element';
import { displayName, modelName } from '../../i18n/labels';

export type AbThresholds = Required<Pick<EngineOptions, 'scoreThreshold' | 'iouThreshold' | 'maxDetections'>>;

const sameThresholds = (a: AbThresholds | null, b: AbThresholds | null) =>
  a === b || (!!a && !!b && a.scoreThreshold === b.scoreThreshold && a.iouThreshold === b.iouThreshold && a.maxDetections === b.maxDetections);

/** What the pane says when its model did not start; `wanted` is set for a switch that failed
 * while another model kept running there. */
interface PaneFailure {
  failure: EngineFailure;
  wanted: string | null;
}

@customElement('ab-pane')
export class AbPane extends LocalizedElement {
  static override styles = [
    controls,
    css`
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
      background: var(--ssd-backdrop);
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
      color: var(--ssd-text-sheet);
      background: var(--ssd-glass-strong);
    }
    .side {
      font-weight: 700;
    }
    .failure {
      position: absolute;
      left: 8px;
      right: 8px;
      bottom: 8px;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      padding: 8px 10px;
      border-radius: 10px;
      background: var(--ssd-danger);
      color: var(--ssd-text-strong);
      font: 13px/1.4 system-ui, sans-serif;
    }
    .failure p {
      margin: 0;
      flex: 1 1 12rem;
      min-width: 0;
    }
  `,
  ];

  @property() side = 'A';
  @property({ attribute: false }) stream: MediaStream | null = null;
  @property({ attribute: false }) models: readonly ModelSummary[] = [];
  @property() model = '';
  @property() backend: BackendRequest = 'auto';
  @property({ type: Boolean }) mirrored = false;
  /** the user's score and IoU thresholds and box limit, as in the main view */
  @property({ attribute: false, hasChanged: (a: AbThresholds | null, b: AbThresholds | null) => !sameThresholds(a, b) })
  thresholds: AbThresholds | null = null;

  @state() private result: ResultResponse | null = null;
  @state() private failed: PaneFailure | null = null;
  /** the picker goes back to the running model after a failed switch: keep saying why */
  private reverting = false;
  private video: HTMLVideoElement | null = null;
  private readonly engine = new EngineController(this, {
    onReady: () => {
      this.failed = null;
      this.maybeRun();
    },
    onResult: (r) => (this.result = r),
    // a first start that failed, or an engine that stopped and could not be restarted
    onError: (failure) => {
      this.result = null;
      this.failed = { failure, wanted: null };
    },
    // a new model did not start; the one from before goes on here, and the picker shows it again
    onSwitchFailed: (failure, wanted) => {
      this.failed = { failure, wanted: wanted.modelId };
      const running = this.engine.options?.modelId;
      if (running && running !== this.model) {
        this.reverting = true;
        this.pick(running);
      }
    },
  });

  protected override updated(changed: Map<string, unknown>): void {
    if (changed.has('model') || changed.has('backend')) {
      this.start();
    } else if (changed.has('thresholds') && this.thresholds) {
      // applied from the next frame, no reload
      void this.engine.configure(this.thresholds);
    }
  }

  private start(): void {
    this.result = null;
    // a new choice (or Retry) is a new attempt; going back to what runs is not
    if (!this.reverting) this.failed = null;
    this.reverting = false;
    void this.engine.start({ modelId: this.model, backend: this.backend, ...(this.thresholds ?? {}) });
  }

  private retry(): void {
    const wanted = this.failed?.wanted;
    this.failed = null;
    if (wanted && wanted !== this.model) this.pick(wanted);
    else this.start();
  }

  /** Asks ab-view for another model on this side. */
  private pick(id: string): void {
    fire(this, 'ab-model-change', { side: this.side, id });
  }

  private failureText(f: PaneFailure): string {
    const name = (id: string) => displayName(this.models.find((m) => m.id === id), id);
    const explained = messages.engineErrors[f.failure.kind as keyof typeof messages.engineErrors];
    const why = explained ? messages.withDetail(explained, f.failure.message) : f.failure.message;
    const running = this.engine.ready ? modelName(this.engine.ready.model) : undefined;
    return f.wanted && running ? messages.ab.switchFailed(name(f.wanted), why, running) : messages.ab.failed(name(f.wanted ?? this.model), why);
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
        ${this.failed
          ? html`<div class="failure" role="alert" data-testid="ab-error">
              <p>${this.failureText(this.failed)}</p>
              <button data-testid="ab-retry" @click=${() => this.retry()}>${messages.retry}</button>
            </div>`
          : nothing}
      </div>
      <div class="bar">
        <span class="side">${this.side}</span>
        <model-picker
          no-info
          .models=${this.models}
          .value=${this.model}
          @model-change=${(e: CustomEvent<{ id: string }>) => {
            e.stopPropagation();
            this.pick(e.detail.id);
          }}
        ></model-picker>
        <span data-testid="ab-fps">${s ? s.detectionFps.toFixed(1) : '–'}</span> ${messages.units.fps} ·
        ${messages.hud.inference} ${s && Number.isFinite(s.inferenceMs.p50) ? formatNumber(s.inferenceMs.p50, 0) : '–'} ${messages.units.ms} ·
        ${r ? r.backend : this.failed ? '–' : this.engine.status || messages.ab.starting}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ab-pane': AbPane;
  }
}
