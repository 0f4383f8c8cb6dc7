// The root element: owns the app state, reads the URL, wires camera and engine (through
// reactive controllers) and reports to the public automation surface (window events).
// Children get properties and answer with events; nothing below here touches the worker.
import { LitElement, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import type { EngineOptions } from '../engine/detector-client';
import { DEFAULT_MODEL_ID, MODELS } from '../engine/model-catalog';
import type { BackendRequest, FaultKind, ReadyInfo, ResultResponse } from '../engine/protocol';
import { emitDetections, emitError, emitReady, type ErrorDetail } from './automation';
import { CameraController } from './camera-controller';
import type { CameraView, VideoPlayingDetail } from './camera-view';
import { EngineController, type EngineFailure } from './engine-controller';
import { messages } from './messages';
import { appLayout, controls } from './styles';
import { parseUrlParams, withParams, type FacingMode } from './url-params';
import type { CameraError } from '../camera/open-camera';
import './backend-picker';
import './camera-view';
import './detection-overlay';
import './error-banner';
import './fps-hud';
import './model-picker';

interface Notice {
  key: string;
  text: string;
  /** label of an action button, with what it does. */
  action?: { label: string; run: () => void };
}

@customElement('ssd-app')
export class SsdApp extends LitElement {
  static override styles = [controls, appLayout];

  @state() private model = DEFAULT_MODEL_ID;
  @state() private backend: BackendRequest = 'auto';
  @state() private facing: FacingMode = 'user';
  /** what the user asked for: the camera and the detector running. */
  @state() private wantRunning = false;
  @state() private failure: ErrorDetail | null = null;
  @state() private notices: Notice[] = [];

  @query('camera-view') private cameraView!: CameraView;

  private video: HTMLVideoElement | null = null;
  private autostart = false;
  private runToken = 0;

  private readonly camera = new CameraController(this, { onError: (e) => this.onCameraError(e) });
  private readonly engine = new EngineController(this, {
    onReady: (info) => this.onReady(info),
    onResult: (result, fps) => this.onResult(result, fps),
    onError: (f) => this.onEngineError(f),
    onRecovered: (info, reason) => this.onRecovered(info, reason),
  });

  constructor() {
    super();
    const { params, problems } = parseUrlParams(location.search, {
      modelIds: MODELS.map((m) => m.id),
      defaultModelId: DEFAULT_MODEL_ID,
    });
    this.model = params.model;
    this.backend = params.backend;
    this.facing = params.camera;
    this.autostart = params.autostart;
    if (params.debug) {
      // Part of the automation surface, off unless asked for in the URL: faults on purpose
      // so recovery can be tested and demonstrated. It can only break this page's own worker.
      (window as unknown as { ssdCam: object }).ssdCam = {
        injectFault: (fault: FaultKind) => this.engine.injectFault(fault),
      };
    }
    for (const p of problems) {
      this.addNotice({ key: `param-${p.param}`, text: messages.paramProblem(p.param, p.value, p.used) });
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Here rather than in firstUpdated: starting sets state, which must not happen mid-update.
    if (this.autostart) {
      this.autostart = false;
      void this.start();
    }
  }

  override disconnectedCallback(): void {
    // The controllers release the camera and terminate the worker; forget the intent too, so
    // a re-attached element starts idle rather than half-running.
    super.disconnectedCallback();
    this.runToken++;
    this.wantRunning = false;
    this.video = null;
  }

  override render() {
    const running = this.engine.phase === 'running' && this.camera.phase === 'on';
    const result = running ? this.engine.lastResult : null;
    const mirrored = this.camera.mirrored;
    return html`
      <camera-view
        .stream=${this.camera.stream}
        ?mirrored=${mirrored}
        @video-playing=${this.onVideoPlaying}
        @video-play-blocked=${this.onPlayBlocked}
      ></camera-view>
      <detection-overlay
        .detections=${result?.detections ?? []}
        .frameWidth=${result?.width ?? 0}
        .frameHeight=${result?.height ?? 0}
        ?mirrored=${mirrored}
      ></detection-overlay>
      ${!this.wantRunning && !this.failure && this.camera.phase === 'off'
        ? html`<div class="intro"><h1>${messages.appTitle}</h1><p>${messages.intro}</p></div>`
        : nothing}
      <div class="top">
        <fps-hud .stats=${this.engine.stats} .ready=${this.engine.ready} .status=${this.engine.status}></fps-hud>
      </div>
      <div class="bottom">
        ${this.failure
          ? html`<error-banner
              .message=${this.failureText(this.failure)}
              .action=${messages.retry}
              @banner-action=${() => void this.start()}
            ></error-banner>`
          : nothing}
        ${this.notices.map(
          (n) => html`<error-banner
            severity="notice"
            dismissible
            .message=${n.text}
            .action=${n.action?.label ?? ''}
            @banner-action=${() => n.action?.run()}
            @banner-dismiss=${() => this.dismissNotice(n.key)}
          ></error-banner>`,
        )}
        ${this.renderStatus()}
        <div class="pickers">
          <model-picker .models=${MODELS} .value=${this.model} @model-change=${this.onModelChange}></model-picker>
          <backend-picker .value=${this.backend} @backend-change=${this.onBackendChange}></backend-picker>
        </div>
        <div class="bar">
          <span class="spacer"></span>
          <button class="primary" aria-pressed=${this.wantRunning ? 'true' : 'false'} @click=${this.onStartStop}>
            ${this.wantRunning ? messages.stop : messages.start}
          </button>
          ${this.renderSwitch()}
        </div>
      </div>
    `;
  }

  private renderStatus() {
    if (!this.wantRunning) return nothing;
    const text =
      this.camera.phase === 'opening'
        ? messages.openingCamera
        : this.engine.phase === 'starting'
          ? this.engine.status || messages.startingEngine
          : '';
    return text ? html`<div class="status" role="status">${text}</div>` : nothing;
  }

  private renderSwitch() {
    // One camera (most laptops): switching would reopen the same one, so offer nothing.
    if (this.camera.videoInputs === 1) return html`<span class="spacer"></span>`;
    const label = this.facing === 'user' ? messages.switchCameraToBack : messages.switchCameraToFront;
    return html`<button class="round" aria-label=${label} title=${label} @click=${this.onSwitchCamera}>
      <svg width="26" height="26" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true">
        <path d="M4 7h3l2-3h6l2 3h3v12H4z" />
        <path d="M9 13a3 3 0 0 1 5.2-2M15 13a3 3 0 0 1-5.2 2" />
        <path d="M14.5 8.8v2.4h-2.4M9.5 17.2v-2.4h2.4" />
      </svg>
    </button>`;
  }

  // ---- actions -------------------------------------------------------------------------

  private engineOptions(): EngineOptions {
    return { modelId: this.model, backend: this.backend };
  }

  /** Opens the camera and starts the engine in parallel, then runs the loop. Retry too. */
  private async start(): Promise<void> {
    const token = ++this.runToken;
    this.wantRunning = true;
    this.failure = null;
    const opts = this.engineOptions();
    await Promise.all([
      this.camera.phase === 'on' && this.camera.facingMode === this.facing ? null : this.camera.open(this.facing),
      this.engine.readyFor(opts) ? null : this.engine.start(opts),
    ]);
    if (token === this.runToken) this.maybeRun();
  }

  /** Releases the camera and stops the loop; the worker stays warm for the next start. */
  private stop(): void {
    this.runToken++;
    this.wantRunning = false;
    this.engine.pause();
    this.camera.close();
    this.video = null;
  }

  /** Runs the pump once everything it needs is there; called whenever one part arrives. */
  private maybeRun(): void {
    if (!this.wantRunning || this.engine.phase !== 'ready') return;
    const video = this.video;
    const stream = this.camera.stream;
    if (!video || !stream || video.srcObject !== stream) return;
    this.engine.run(video);
  }

  private async restartEngine(): Promise<void> {
    if (!this.wantRunning) return; // the next start() picks the new choice up
    await this.engine.start(this.engineOptions());
    this.maybeRun();
  }

  private updateUrl(changes: Parameters<typeof withParams>[1]): void {
    try {
      history.replaceState(history.state, '', withParams(location.href, changes));
    } catch {
      /* sandboxed frames may refuse; the choice still applies */
    }
  }

  // ---- events from children --------------------------------------------------------------

  private onStartStop(): void {
    if (this.wantRunning) this.stop();
    else void this.start();
  }

  private onModelChange(e: CustomEvent<{ id: string }>): void {
    if (e.detail.id === this.model) return;
    this.model = e.detail.id;
    this.updateUrl({ model: this.model });
    void this.restartEngine();
  }

  private onBackendChange(e: CustomEvent<{ backend: BackendRequest }>): void {
    if (e.detail.backend === this.backend) return;
    this.backend = e.detail.backend;
    this.dismissNotice('fallback');
    this.updateUrl({ backend: this.backend });
    void this.restartEngine();
  }

  private onSwitchCamera(): void {
    this.facing = this.facing === 'user' ? 'environment' : 'user';
    this.updateUrl({ camera: this.facing });
    if (!this.wantRunning) return;
    this.engine.pause(); // no frames from a stream that is going away
    void this.camera.open(this.facing).then(() => this.maybeRun());
  }

  private onVideoPlaying(e: CustomEvent<VideoPlayingDetail>): void {
    this.video = e.detail.video;
    this.dismissNotice('play-blocked');
    this.maybeRun();
  }

  private onPlayBlocked(): void {
    this.addNotice({
      key: 'play-blocked',
      text: messages.playBlocked,
      action: { label: messages.startVideo, run: () => this.cameraView.play() },
    });
  }

  // ---- events from controllers -------------------------------------------------------------

  private onReady(info: ReadyInfo): void {
    emitReady(info);
    if (info.fallbackReason) {
      const actual = messages.backendNames[info.backend];
      const text =
        info.requestedBackend === 'auto'
          ? messages.fallbackNoRequest(info.fallbackReason, actual)
          : messages.fallback(messages.backendNames[info.requestedBackend], info.fallbackReason, actual);
      this.addNotice({ key: 'fallback', text });
    } else {
      this.dismissNotice('fallback');
    }
    this.maybeRun();
  }

  /** The engine restarted itself; detection goes on. Say what happened, never silently. */
  private onRecovered(info: ReadyInfo, reason: string): void {
    this.addNotice({ key: 'recovered', text: messages.engineRecovered(reason, messages.backendNames[info.backend]) });
    this.onReady(info);
  }

  private onResult(result: ResultResponse, fps: number): void {
    const ready = this.engine.ready;
    if (ready) emitDetections(result, ready.model.id, ready.backend, fps);
  }

  private onCameraError(error: CameraError): void {
    this.report({ kind: error.kind, message: error.message });
  }

  private onEngineError(failure: EngineFailure): void {
    this.report(failure);
  }

  /** Any failure stops everything (camera light off) and offers Retry. */
  private report(detail: ErrorDetail): void {
    this.failure = detail;
    emitError(detail);
    if (this.wantRunning) this.stop();
  }

  private failureText(f: ErrorDetail): string {
    if (f.kind.startsWith('camera-')) return f.message;
    if (f.kind === 'worker-crashed') return `${messages.workerCrashed} (${f.message})`;
    return messages.engineFailed(f.message);
  }

  private addNotice(n: Notice): void {
    this.notices = [...this.notices.filter((x) => x.key !== n.key), n];
  }

  private dismissNotice(key: string): void {
    if (this.notices.some((n) => n.key === key)) this.notices = this.notices.filter((n) => n.key !== key);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ssd-app': SsdApp;
  }
}
