// The root element: owns the app state, reads the URL, wires camera and engine (through
// reactive controllers) and reports to the public automation surface (window events).
// Children get properties and answer with events; nothing below here touches the worker.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import type { EngineOptions } from '../engine/detector-client';
import { DEFAULT_MODEL_ID, MODELS } from '../shared/model-catalog';
import type { ModelSummary } from '../shared/protocol';
import type { BackendRequest, FaultKind, ReadyInfo, ResultResponse } from '../shared/protocol';
import { emitDetections, emitError, emitReady, type ErrorDetail } from '../automation/automation';
import { CameraController } from '../features/live/camera-controller';
import type { CameraView, VideoPlayingDetail } from '../features/live/camera-view';
import { EngineController, type EngineFailure } from '../features/live/engine-controller';
import { LocaleController } from '../i18n/locale-controller';
import { messages } from '../i18n/messages';
import { PageLifecycleController } from './page-lifecycle-controller';
import { UserModelsController } from '../features/models/user-models-controller';
import { BenchController } from '../features/bench/bench-controller';
import { EvalController } from '../features/accuracy/eval-controller';
import { AccuracyController } from '../features/accuracy/accuracy-controller';
import type { EvalPlan } from '../engine/accuracy/eval-runner';
import type { LocalFile } from '../engine/accuracy/eval-set-files';
import type { BenchPlan } from '../engine/bench/bench-runner';
import '../features/bench/bench-panel';
import '../features/ab/ab-view';
import type { UserModelConfig } from '../storage/user-models/store';
import { appLayout, controls } from '../ui/styles';
import { formatDateTime, formatNumber } from '../i18n/format';
import { SettingsController } from '../features/settings/settings-controller';
import { LIMITS, RESOLUTIONS, engineThresholds, isLabelShown } from '../features/settings/settings';
import type { SettingsPatch } from '../features/settings/settings-panel';
import { canvasToPng, composeSnapshot } from '../features/live/snapshot';
import { download, shareOrDownload } from '../ui/save-file';
import { parseUrlParams, withParams, type FacingMode } from '../automation/url-params';
import type { CameraError } from '../camera/open-camera';
import { ModelDownloadError } from '../pwa/model-store';
import { APP_VERSION } from '../pwa/version';
import { NetworkController } from '../features/offline/network-controller';
import { networkModels, type NetworkModel } from '../features/models/network-models';
import { PwaController } from '../features/offline/pwa-controller';
import { StorageController } from '../features/offline/storage-controller';
import type { StorageDownloadDetail, StorageRemoveDetail } from '../features/offline/storage-panel';
import '../features/live/backend-picker';
import '../features/live/camera-view';
import '../features/live/detection-overlay';
import '../features/live/detection-summary';
import '../features/settings/settings-panel';
import '../features/live/error-banner';
import '../features/live/fps-hud';
import '../features/models/model-import';
import '../features/models/model-picker';
import '../features/offline/offline-indicator';
import '../features/offline/storage-panel';
import '../features/offline/update-toast';

interface Notice {
  key: string;
  text: string;
  /** label of an action button, with what it does. */
  action?: { label: string; run: () => void };
  /** 'error' for something that failed while the app goes on (default: notice). */
  severity?: 'error' | 'notice';
}

@customElement('ssd-app')
export class SsdApp extends LitElement {
  /** re-render when the UI language changes */
  protected readonly i18n = new LocaleController(this);
  static override styles = [
    controls,
    appLayout,
    // The A/B layer (z-index 20) covers the controls, never the banners: a failure while it
    // shows must be read, and its Retry reached.
    css`
      .bottom > error-banner {
        position: relative;
        z-index: 30;
      }
      /* results, a table and two charts: wider than the other sheets where there is room */
      .bottom > accuracy-panel {
        max-width: 64rem;
      }
    `,
  ];

  @state() private model = DEFAULT_MODEL_ID;
  @state() private showImport = false;
  @state() private showBench = false;
  @state() private showAccuracy = false;
  @state() private showSettings = false;
  /** the snapshot being made (the button waits for it) */
  @state() private snapping = false;
  @state() private abMode = false;
  /** ?bench=...: the comparison to run once the app is connected */
  private benchPlan: BenchPlan | null = null;
  @state() private backend: BackendRequest = 'auto';
  @state() private facing: FacingMode = 'user';
  /** what the user asked for: the camera and the detector running. */
  @state() private wantRunning = false;
  @state() private failure: ErrorDetail | null = null;
  /** a failure whose message was written for people (from the catalogue), shown as it is */
  private failureShown: ErrorDetail | null = null;
  @state() private notices: Notice[] = [];
  @state() private storageOpen = false;
  @state() private toastDismissed = false;
  @state() private isolationNoticeDismissed = false;

  @query('camera-view') private cameraView!: CameraView;

  private video: HTMLVideoElement | null = null;
  private autostart = false;
  private runToken = 0;
  /** the page was left while running and may come back from the back/forward cache. */
  private resumeOnReturn = false;
  private modelChangeToken = 0;
  /** catalogue models downloaded at run time (not bundled). */
  private readonly netModels: NetworkModel[] = networkModels();

  private readonly camera = new CameraController(this, { onError: (e) => this.onCameraError(e) });
  private readonly engine = new EngineController(this, {
    onReady: (info) => this.onReady(info),
    onResult: (result, fps) => this.onResult(result, fps),
    onError: (f) => this.onEngineError(f),
    onRecovered: (info, reason) => this.onRecovered(info, reason),
    onSwitchFailed: (failure, wanted) => this.onSwitchFailed(failure, wanted),
  });
  private readonly lifecycle = new PageLifecycleController(this, {
    onHidden: () => this.engine.pause(),
    onVisible: () => this.maybeRun(),
    onLeave: (persisted) => this.onLeave(persisted),
    onReturn: () => this.onReturn(),
  });
  private readonly userModels = new UserModelsController(this);
  private readonly bench = new BenchController(this, () => this.video);
  /** ?eval=...: an accuracy evaluation; the live loop pauses while it runs */
  private readonly evaluation = new EvalController(
    this,
    { pause: () => this.engine.pause(), resume: () => this.maybeRun() },
    (result) => this.accuracy.store(result),
  );
  /** the accuracy panel: a set picked here, stored results (URL evaluations are stored too) */
  private readonly accuracy = new AccuracyController(this, this.evaluation);
  private readonly network = new NetworkController(this);
  private readonly pwa = new PwaController(this);
  private readonly storage = new StorageController(this, () => this.netModels);
  private readonly settings = new SettingsController(this);

  constructor() {
    super();
    const { params, problems } = parseUrlParams(location.search, {
      modelIds: MODELS.map((m) => m.id),
      defaultModelId: DEFAULT_MODEL_ID,
    });
    this.camera.size = RESOLUTIONS[this.settings.value.resolution];
    this.model = params.model;
    this.backend = params.backend;
    this.facing = params.camera;
    this.autostart = params.autostart;
    if (params.bench) {
      this.benchPlan = { ...params.bench, warmup: 3 };
      this.showBench = true;
    }
    if (params.eval) this.evaluation.runWhenConnected(params.eval);
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
    if (this.benchPlan) {
      const plan = this.benchPlan;
      this.benchPlan = null;
      // before the autostart below: the bench claims the engine first, so a live start asked
      // for in the same URL waits for it to end
      void this.runBench(plan);
    }
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
    const mirrored = this.mirrored;
    const shown = this.shownDetections();
    const m = messages;
    return html`
      <camera-view
        .stream=${this.camera.stream}
        ?mirrored=${mirrored}
        @video-playing=${this.onVideoPlaying}
        @video-play-blocked=${this.onPlayBlocked}
      ></camera-view>
      <detection-overlay
        .detections=${shown}
        .frameWidth=${result?.width ?? 0}
        .frameHeight=${result?.height ?? 0}
        ?mirrored=${mirrored}
      ></detection-overlay>
      <detection-summary .detections=${shown} ?active=${running}></detection-summary>
      ${!this.wantRunning && !this.failure && this.camera.phase === 'off'
        ? html`<div class="intro"><h1>${m.appTitle}</h1><p>${m.intro}</p></div>`
        : nothing}
      ${this.renderTopRight()} ${this.renderToast()} ${this.renderStorage()}
      ${this.abMode
        ? html`<ab-view
            .stream=${this.camera.stream}
            .models=${this.allModels}
            .backend=${this.backend}
            .thresholdsFor=${(id: string) => this.thresholdsFor(id)}
            ?mirrored=${mirrored}
            first=${this.model}
            second=${this.model === DEFAULT_MODEL_ID ? 'ssd-mobilenet-v1-face' : DEFAULT_MODEL_ID}
            @ab-close=${() => void this.toggleAb()}
          ></ab-view>`
        : nothing}
      <div class="bottom">
        <fps-hud
          .stats=${this.engine.stats}
          .ready=${this.engine.ready}
          .status=${this.engine.status}
          .log=${this.engine.currentLog().slice(-240)}
          ?open=${this.hudOpen}
          @hud-toggle=${() => this.saveSettings({ hudOpen: !this.hudOpen })}
        ></fps-hud>
        ${this.failure
          ? html`<error-banner
              .message=${this.failureText(this.failure)}
              .action=${m.retry}
              @banner-action=${() => void this.start()}
            ></error-banner>`
          : nothing}
        ${this.notices.map(
          (n) => html`<error-banner
            severity=${n.severity ?? 'notice'}
            dismissible
            .message=${n.text}
            .action=${n.action?.label ?? ''}
            @banner-action=${() => n.action?.run()}
            @banner-dismiss=${() => this.dismissNotice(n.key)}
          ></error-banner>`,
        )}
        ${this.pwa.state.reloadForIsolation && !this.isolationNoticeDismissed
          ? html`<error-banner
              severity="notice"
              dismissible
              data-testid="reload-for-threads"
              .message=${m.pwa.reloadForThreads}
              .action=${m.pwa.reload}
              @banner-action=${() => this.pwa.reload()}
              @banner-dismiss=${() => (this.isolationNoticeDismissed = true)}
            ></error-banner>`
          : nothing}
        ${this.renderStatus()}
        ${this.showImport ? this.renderImport() : nothing}
        ${this.showBench ? this.renderBench() : nothing}
        ${this.showAccuracy ? this.renderAccuracy() : nothing}
        ${this.showSettings ? this.renderSettings() : nothing}
        <div class="tools">
          <model-picker .models=${this.allModels} .value=${this.model} @model-change=${this.onModelChange}></model-picker>
          <backend-picker .value=${this.backend} @backend-change=${this.onBackendChange}></backend-picker>
          <div class="secondary" role="group" aria-label=${m.moreLabel}>
            <button
              class="import"
              data-testid="import-button"
              aria-expanded=${this.showImport ? 'true' : 'false'}
              @click=${() => this.togglePanel('import')}
            >
              ${m.importButton}
            </button>
            <button
              class="ab"
              data-testid="ab-button"
              aria-pressed=${this.abMode ? 'true' : 'false'}
              ?disabled=${this.bench.running && !this.abMode}
              @click=${() => void this.toggleAb()}
            >
              ${m.abButton}
            </button>
            <button class="bench" data-testid="bench-button" aria-expanded=${this.showBench ? 'true' : 'false'} @click=${() => this.togglePanel('bench')}>
              ${m.benchButton}
            </button>
            <button
              class="accuracy"
              data-testid="accuracy-button"
              aria-expanded=${this.showAccuracy ? 'true' : 'false'}
              @click=${() => this.togglePanel('accuracy')}
            >
              ${m.accuracyButton}
            </button>
            <button
              class="settings"
              data-testid="settings-button"
              aria-expanded=${this.showSettings ? 'true' : 'false'}
              @click=${() => this.togglePanel('settings')}
            >
              ${m.settingsButton}
            </button>
          </div>
        </div>
        <div class="bar" role="group" aria-label=${m.controlsLabel}>
          ${this.renderSnapshotButton(running)}
          <button class="primary" data-testid="start-stop" aria-pressed=${this.wantRunning ? 'true' : 'false'} @click=${this.onStartStop}>
            ${this.wantRunning ? m.stop : m.start}
          </button>
          ${this.renderSwitch()}
        </div>
      </div>
    `;
  }

  /** Front camera shown like a mirror, unless the settings say otherwise. */
  private get mirrored(): boolean {
    return this.camera.mirrored && this.settings.value.mirrorFront;
  }

  private get hudOpen(): boolean {
    return this.settings.hudOpen;
  }

  /** What is drawn: the running result, less the classes the settings hide (display only). */
  private shownDetections() {
    const running = this.engine.phase === 'running' && this.camera.phase === 'on';
    const result = running ? this.engine.lastResult : null;
    const modelId = this.engine.ready?.model.id ?? this.model;
    return (result?.detections ?? []).filter((d) => isLabelShown(this.settings.value, modelId, d.label));
  }

  private renderSnapshotButton(running: boolean) {
    const label = messages.snapshot.label;
    return html`<button
      class="round"
      data-testid="snapshot"
      aria-label=${label}
      title=${label}
      ?disabled=${!running || this.snapping}
      @click=${() => void this.onSnapshot()}
    >
      <svg width="26" height="26" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true">
        <rect x="3" y="6" width="18" height="14" rx="2" />
        <path d="M8 6l1.5-2h5L16 6" />
        <circle cx="12" cy="13" r="3.5" />
      </svg>
    </button>`;
  }

  private renderSettings() {
    const ready = this.engine.ready;
    const model = ready?.model ?? this.allModels.find((x) => x.id === this.model);
    return html`<settings-panel
      class="sheet"
      .settings=${this.settings.value}
      .modelId=${model?.id ?? this.model}
      .labels=${model?.labels ?? []}
      .measured=${model?.defaultScoreThreshold ?? null}
      ?hudOpen=${this.hudOpen}
      @settings-change=${(e: CustomEvent<SettingsPatch>) => void this.onSettingsChange(e.detail)}
      @settings-close=${() => this.closePanel('settings')}
    ></settings-panel>`;
  }

  /** One sheet at a time above the controls: on a phone there is room for no more. */
  private togglePanel(which: 'import' | 'bench' | 'settings' | 'accuracy'): void {
    const open = { import: this.showImport, bench: this.showBench, settings: this.showSettings, accuracy: this.showAccuracy }[which];
    this.showImport = which === 'import' && !open;
    this.showBench = which === 'bench' && !open;
    this.showSettings = which === 'settings' && !open;
    this.showAccuracy = which === 'accuracy' && !open;
    // the accuracy panel and its charts load when first opened, not with the page
    if (this.showAccuracy) void import('../features/accuracy/accuracy-panel');
    if (open) this.focusButton(which);
  }

  private closePanel(which: 'import' | 'bench' | 'settings' | 'accuracy'): void {
    if (which === 'import') this.showImport = false;
    if (which === 'bench') this.showBench = false;
    if (which === 'settings') this.showSettings = false;
    if (which === 'accuracy') this.showAccuracy = false;
    this.focusButton(which);
  }

  /** Back to the button that opened a sheet, so keyboard users keep their place. */
  private focusButton(which: 'import' | 'bench' | 'settings' | 'accuracy'): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[data-testid="${which}-button"]`)?.focus());
  }

  /** Applies a change and says so when the browser would not store it (private mode, full
   * storage): the change still holds until the page closes. */
  private saveSettings(patch: SettingsPatch): Set<string> {
    const changed = this.settings.update(patch);
    if (this.settings.saveFailed) this.addNotice({ key: 'settings-save', text: messages.settings.notSaved });
    else this.dismissNotice('settings-save');
    return changed;
  }

  private async onSettingsChange(patch: SettingsPatch): Promise<void> {
    const changed = this.saveSettings(patch);
    const s = this.settings.value;
    if (['scoreThreshold', 'modelScoreThresholds', 'iouThreshold', 'maxDetections'].some((k) => changed.has(k))) {
      // the model wanted now: during a switch, the one being started
      await this.engine.configure(this.thresholdsFor(this.model));
    }
    if (changed.has('resolution')) {
      this.camera.size = RESOLUTIONS[s.resolution];
      if (this.wantRunning && this.camera.phase === 'on') {
        this.engine.pause(); // no frames from a stream that is going away
        void this.camera.open(this.facing).then(() => this.maybeRun());
      }
    }
  }

  /** The picture with its boxes and a caption, as a PNG: shared where the browser can, else downloaded. */
  private async onSnapshot(): Promise<void> {
    const video = this.video;
    const ready = this.engine.ready;
    if (!video || !ready) {
      this.addNotice({ key: 'snapshot', text: messages.snapshot.notReady });
      return;
    }
    this.snapping = true;
    try {
      const now = new Date();
      const fps = formatNumber(this.engine.stats?.detectionFps ?? 0, 1, 1);
      const caption = messages.snapshot.caption(ready.model.name, messages.backendNames[ready.backend], fps, formatDateTime(now));
      const canvas = composeSnapshot({ video, detections: this.shownDetections(), mirrored: this.mirrored, caption });
      const blob = await canvasToPng(canvas);
      const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
      await shareOrDownload(blob, `${messages.snapshot.fileName}-${stamp}.png`, messages.snapshot.shareTitle);
      this.dismissNotice('snapshot');
    } catch (error) {
      this.addNotice({ key: 'snapshot', text: messages.snapshot.failed((error as Error).message ?? String(error)) });
    } finally {
      this.snapping = false;
    }
  }

  private renderAccuracy() {
    const a = this.accuracy;
    const ev = this.evaluation;
    return html`<accuracy-panel
      class="sheet"
      .models=${this.allModels}
      .runs=${a.runs}
      .bench=${this.bench.results}
      .set=${a.set?.set ?? null}
      ?reading=${a.reading}
      .setError=${a.setError}
      .progress=${ev.progress}
      ?running=${ev.running}
      .error=${a.error}
      .notice=${a.notice}
      @accuracy-pick=${(e: CustomEvent<{ files: LocalFile[] }>) => void a.pick(e.detail.files)}
      @accuracy-run=${(e: CustomEvent<EvalPlan>) => void a.run(e.detail)}
      @accuracy-cancel=${() => a.cancel()}
      @accuracy-close=${() => this.closePanel('accuracy')}
      @accuracy-export=${(e: CustomEvent<{ format: 'csv' | 'json' }>) =>
        download(e.detail.format === 'csv' ? a.csv() : a.json(), `ssd-cam-accuracy.${e.detail.format}`)}
      @accuracy-export-coco=${(e: CustomEvent<{ id: string }>) => {
        const file = a.coco(e.detail.id);
        if (file) download(file.blob, file.name);
      }}
      @accuracy-import=${(e: CustomEvent<{ file: File }>) => void a.importFile(e.detail.file)}
      @accuracy-remove=${(e: CustomEvent<{ id: IDBValidKey }>) => void a.remove(e.detail.id)}
      @accuracy-use-threshold=${(e: CustomEvent<{ modelId: string; modelName: string; threshold: number }>) => void this.onUseThreshold(e.detail)}
    ></accuracy-panel>`;
  }

  /** A measured operating point becomes the live threshold, for the model it was measured on. */
  private async onUseThreshold(detail: { modelId: string; modelName: string; threshold: number }): Promise<void> {
    const limits = LIMITS.scoreThreshold;
    const used = Math.min(limits.max, Math.max(limits.min, Math.round(detail.threshold * 100) / 100));
    if (detail.modelId !== this.model && this.allModels.some((m) => m.id === detail.modelId)) {
      await this.onModelChange(new CustomEvent('model-change', { detail: { id: detail.modelId } }));
    }
    // the user's own threshold for this model (kept per model), and at once for the running one
    await this.onSettingsChange({ modelScoreThresholds: { ...this.settings.value.modelScoreThresholds, [detail.modelId]: used } });
    const a = messages.accuracy;
    const shown = formatNumber(used, 2, 2);
    const text = a.thresholdApplied(detail.modelName, shown);
    const clamped = used !== Math.round(detail.threshold * 100) / 100;
    this.addNotice({ key: 'threshold', text: clamped ? `${text} ${a.thresholdClamped(formatNumber(detail.threshold, 3, 2), shown)}` : text });
  }

  private renderBench() {
    const b = this.bench;
    return html`<bench-panel
      .models=${this.allModels}
      .results=${b.results}
      .progress=${b.progress}
      ?running=${b.running}
      .error=${b.error}
      @bench-run=${(e: CustomEvent<BenchPlan>) => void this.runBench(e.detail)}
      @bench-cancel=${() => b.cancel()}
      class="sheet"
      @bench-close=${() => this.closePanel('bench')}
      @results-export=${(e: CustomEvent<{ format: 'csv' | 'json' }>) =>
        download(e.detail.format === 'csv' ? b.csv() : b.json(), `ssd-cam-bench.${e.detail.format}`)}
      @results-import=${(e: CustomEvent<{ file: File }>) => void b.importFile(e.detail.file)}
      @results-remove=${(e: CustomEvent<{ id: string }>) => void b.remove(e.detail.id)}
      @results-share=${() => void shareOrDownload(b.json(), 'ssd-cam-bench.json', messages.shareBenchTitle)}
    ></bench-panel>`;
  }

  /** A/B takes over the screen and the camera; the main loop pauses meanwhile. Not while a
   * bench runs: its two workers would compete with the one being measured. */
  private async toggleAb(): Promise<void> {
    if (this.abMode) {
      this.abMode = false;
      this.maybeRun();
      return;
    }
    if (this.bench.running) return;
    this.engine.pause();
    if (!this.camera.stream) await this.camera.open(this.facing);
    if (this.camera.stream) this.abMode = true;
  }

  /** The live loop pauses while the bench runs (both would compete for the same cores), and
   * nothing restarts it before the bench ends or is cancelled: see maybeRun. */
  private async runBench(plan: BenchPlan): Promise<void> {
    if (this.bench.running) return;
    this.showBench = true;
    this.engine.pause();
    await this.bench.run(plan);
    this.maybeRun();
  }

  private renderImport() {
    const u = this.userModels;
    return html`<model-import
      class="sheet"
      .models=${u.models}
      .pending=${u.pending}
      .error=${u.error}
      ?busy=${u.busy}
      @import-files=${(e: CustomEvent<{ files: File[] }>) => void u.inspect(e.detail.files)}
      @import-save=${this.onImportSave}
      @import-cancel=${() => u.cancel()}
      @import-delete=${this.onImportDelete}
      @import-close=${() => {
        u.cancel();
        this.closePanel('import');
      }}
    ></model-import>`;
  }

  /** A saved import becomes the running model, like any other choice in the picker. */
  private async onImportSave(e: CustomEvent<{ config: UserModelConfig }>): Promise<void> {
    const summary = await this.userModels.save(e.detail.config);
    if (!summary) return;
    this.showImport = false;
    await this.onModelChange(new CustomEvent('model-change', { detail: { id: summary.id } }));
  }

  private async onImportDelete(e: CustomEvent<{ id: string }>): Promise<void> {
    const { id } = e.detail;
    if (id === this.model) await this.onModelChange(new CustomEvent('model-change', { detail: { id: DEFAULT_MODEL_ID } }));
    await this.userModels.remove(id);
  }

  private renderStatus() {
    const download = this.storage.downloading;
    if (download) {
      const name = this.netModels.find((m) => m.id === download.modelId)?.name ?? download.modelId;
      const p = download.progress;
      const done = p ? messages.pwa.progress(p.filesDone, p.filesTotal, messages.pwa.bytes(p.bytes)) : messages.pwa.starting;
      return html`<div class="status" role="status"><span class="spinner" aria-hidden="true"></span>${messages.pwa.downloadingModel(name, done)}</div>`;
    }
    if (!this.wantRunning) return nothing;
    if (this.bench.running && this.camera.phase !== 'opening') {
      return html`<div class="status" role="status" data-testid="bench-live-paused">${messages.bench.livePaused}</div>`;
    }
    if (this.evaluation.running && this.camera.phase !== 'opening') {
      return html`<div class="status" role="status" data-testid="eval-live-paused">${messages.accuracy.livePaused}</div>`;
    }
    const text =
      this.camera.phase === 'opening'
        ? messages.openingCamera
        : this.engine.phase === 'starting'
          ? this.engine.status || messages.startingEngine
          : this.engine.switching
            ? this.engine.status || messages.switchingEngine
            : '';
    if (!text) return nothing;
    const p = this.engine.progress;
    const bar = p?.stage === 'download' && p.total ? html`<progress max=${p.total} .value=${p.loaded ?? 0} aria-hidden="true"></progress>` : nothing;
    return html`<div class="status" role="status" data-testid="loading-status" data-stage=${p?.stage ?? 'camera'}>
      <span class="spinner" aria-hidden="true"></span>${text}${bar}
    </div>`;
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

  private renderTopRight() {
    const label = messages.pwa.storageButton;
    return html`<div class="top-right">
      <offline-indicator ?offline=${!this.network.online}></offline-indicator>
      <button
        class="round"
        data-testid="storage-open"
        aria-label=${label}
        title=${label}
        aria-expanded=${this.storageOpen ? 'true' : 'false'}
        @click=${this.onToggleStorage}
      >
        <svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true">
          <path d="M12 3v11M7.5 9.5 12 14l4.5-4.5" />
          <path d="M4 15v3a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-3" />
        </svg>
      </button>
    </div>`;
  }

  private renderToast() {
    const s = this.pwa.state;
    if (this.toastDismissed || !(s.updateWaiting || s.updatedElsewhere)) return nothing;
    const elsewhere = s.updatedElsewhere;
    return html`<update-toast
      .message=${elsewhere ? messages.pwa.updatedElsewhere : messages.pwa.updateReady}
      .action=${elsewhere ? messages.pwa.reload : messages.pwa.update}
      @toast-action=${() => this.pwa.applyUpdate()}
      @toast-dismiss=${() => (this.toastDismissed = true)}
    ></update-toast>`;
  }

  private renderStorage() {
    if (!this.storageOpen) return nothing;
    const st = this.storage;
    return html`<storage-panel
      .appBytes=${st.appBytes}
      .rows=${st.rows}
      .downloadable=${this.netModels}
      .storedIds=${st.storedIds}
      .downloading=${st.downloading}
      .figures=${st.figures}
      .persisted=${st.persisted}
      .online=${this.network.online}
      .version=${APP_VERSION}
      @storage-close=${() => (this.storageOpen = false)}
      @storage-download=${this.onStorageDownload}
      @storage-remove=${this.onStorageRemove}
    ></storage-panel>`;
  }

  // ---- actions -------------------------------------------------------------------------

  /** Our models and the user's own, as the pickers list them. */
  private get allModels(): ModelSummary[] {
    return [...MODELS, ...this.userModels.models];
  }

  /** The thresholds a model runs at: the user's own for it, else its measured operating point. */
  private thresholdsFor(modelId: string) {
    const measured = this.allModels.find((m) => m.id === modelId)?.defaultScoreThreshold?.value;
    return engineThresholds(this.settings.value, modelId, measured);
  }

  private engineOptions(): EngineOptions {
    return { modelId: this.model, backend: this.backend, ...this.thresholdsFor(this.model) };
  }

  /** Opens the camera and starts the engine in parallel, then runs the loop. Retry too. */
  private async start(): Promise<void> {
    const token = ++this.runToken;
    this.wantRunning = true;
    this.failure = null;
    // A model downloaded at run time that is not on this device cannot start offline: say so
    // rather than letting the worker's fetch fail.
    const net = this.netModels.find((m) => m.id === this.model);
    if (net && !this.network.online && !(await this.storage.isStored(net))) {
      if (token === this.runToken) {
        this.report({ kind: 'model-missing', message: messages.pwa.modelNeedsNetworkToStart(net.name) });
        this.failureShown = this.failure;
      }
      return;
    }
    await Promise.all([
      this.camera.phase === 'on' && this.camera.facingMode === this.facing ? null : this.camera.open(this.facing),
      this.startEngineAfterBench(() => token === this.runToken),
    ]);
    if (token === this.runToken) this.maybeRun();
  }

  /**
   * A bench owns the engine until it ends or is cancelled: a live engine that would load and
   * warm up beside it would skew its numbers, so it starts afterwards, with the choices of
   * then. `wanted` says whether it is still asked for.
   */
  private async startEngineAfterBench(wanted: () => boolean): Promise<void> {
    if (this.bench.running) await this.bench.idle();
    if (!wanted()) return;
    const opts = this.engineOptions();
    if (!this.engine.readyFor(opts)) await this.engine.start(opts);
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
    // hidden (another tab, phone locked): nobody sees the frames, so none are analysed; a bench
    // measures on the same cores: the loop comes back when it ends (runBench)
    if (!this.wantRunning || this.engine.phase !== 'ready' || this.lifecycle.hidden || this.abMode || this.bench.running || this.evaluation.running) return;
    const video = this.video;
    const stream = this.camera.stream;
    if (!video || !stream || video.srcObject !== stream) return;
    this.engine.run(video);
  }

  private async restartEngine(): Promise<void> {
    if (!this.wantRunning) return; // the next start() picks the new choice up
    this.dismissNotice('switch-failed');
    await this.startEngineAfterBench(() => this.wantRunning);
    this.maybeRun();
  }

  /** Leaving (closed, navigated away, or frozen into the back/forward cache): the camera light
   * goes off and the workers end now, not whenever the browser gets round to it. */
  private onLeave(persisted: boolean): void {
    this.resumeOnReturn = persisted && this.wantRunning;
    this.runToken++;
    this.wantRunning = false;
    this.abMode = false; // its panes' workers end with it
    this.bench.cancel(); // and a bench's
    this.evaluation.cancel(); // and an evaluation's
    this.engine.stop();
    this.camera.close();
    this.video = null;
  }

  private onReturn(): void {
    if (!this.resumeOnReturn) return;
    this.resumeOnReturn = false;
    void this.start();
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

  private async onModelChange(e: CustomEvent<{ id: string }>): Promise<void> {
    const id = e.detail.id;
    if (id === this.model) return;
    const token = ++this.modelChangeToken;
    const net = this.netModels.find((m) => m.id === id);
    if (net && !(await this.ensureStored(net))) {
      // The model that runs keeps running; the picker goes back to showing it.
      this.renderRoot.querySelector('model-picker')?.requestUpdate();
      return;
    }
    if (token !== this.modelChangeToken) return;
    this.model = id;
    this.updateUrl({ model: this.model });
    void this.restartEngine();
  }

  /**
   * A model downloaded at run time must be on the device before the engine switches to it, so
   * a failed download (offline, server error, no space) leaves the current model running.
   */
  private async ensureStored(model: NetworkModel): Promise<boolean> {
    if (await this.storage.isStored(model)) return true;
    if (!this.network.online) {
      this.addNotice({ key: 'model-network', text: messages.pwa.modelNeedsNetwork(model.name) });
      return false;
    }
    try {
      await this.storage.download(model);
      this.dismissNotice('model-network');
      return true;
    } catch (err) {
      const reason = err instanceof ModelDownloadError ? err.message : String(err);
      this.addNotice({ key: 'model-network', text: messages.pwa.modelDownloadFailed(model.name, reason) });
      return false;
    }
  }

  private onToggleStorage(): void {
    this.storageOpen = !this.storageOpen;
    if (this.storageOpen) void this.storage.refresh();
  }

  private async onStorageDownload(e: CustomEvent<StorageDownloadDetail>): Promise<void> {
    const model = this.netModels.find((m) => m.id === e.detail.id);
    if (!model) return;
    if (!this.network.online) {
      this.addNotice({ key: 'model-network', text: messages.pwa.downloadNeedsNetwork });
      return;
    }
    try {
      await this.storage.download(model);
      this.addNotice({ key: 'model-network', text: messages.pwa.modelStored(model.name) });
    } catch (err) {
      const reason = err instanceof ModelDownloadError ? err.message : String(err);
      this.addNotice({ key: 'model-network', text: messages.pwa.downloadFailed(model.name, reason) });
    }
  }

  private onStorageRemove(e: CustomEvent<StorageRemoveDetail>): void {
    void this.storage.remove(e.detail.folder);
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
    this.onReady(info);
    // One notice says it all, also after a step-down to another backend: what broke, what runs.
    this.dismissNotice('fallback');
    this.addNotice({ key: 'recovered', text: messages.engineRecovered(reason, messages.backendNames[info.backend]) });
  }

  private onResult(result: ResultResponse, fps: number): void {
    const ready = this.engine.ready;
    if (ready) emitDetections(result, ready.model.id, ready.backend, fps);
  }

  private onCameraError(error: CameraError): void {
    this.report({ kind: error.kind, message: messages.camera[error.kind] });
  }

  private onEngineError(failure: EngineFailure): void {
    this.report(failure);
  }

  /** A new model or backend did not come up; the one from before still runs. The pickers go
   * back to what runs, and the banner says why and offers to try again. */
  private onSwitchFailed(failure: EngineFailure, wanted: EngineOptions): void {
    const running = this.engine.ready;
    const current = this.engine.options;
    if (!running || !current) return;
    this.model = current.modelId;
    this.backend = current.backend;
    this.updateUrl({ model: this.model, backend: this.backend });
    emitError({ kind: failure.kind, message: failure.message });
    const wantedName = this.allModels.find((m) => m.id === wanted.modelId)?.name ?? wanted.modelId;
    const explained = messages.engineErrors[failure.kind as keyof typeof messages.engineErrors];
    const reason = explained ? messages.withDetail(explained, failure.message) : failure.message;
    const names = messages.backendNames;
    this.addNotice({
      key: 'switch-failed',
      severity: 'error',
      text: messages.switchFailed(wantedName, names[wanted.backend], reason, running.model.name, names[running.backend]),
      action: {
        label: messages.retry,
        run: () => {
          this.model = wanted.modelId;
          this.backend = wanted.backend;
          this.updateUrl({ model: this.model, backend: this.backend });
          void this.restartEngine();
        },
      },
    });
  }

  /** Any failure stops everything (camera light off) and offers Retry. */
  private report(detail: ErrorDetail): void {
    this.failure = detail;
    this.failureShown = null;
    emitError(detail);
    if (this.wantRunning) this.stop();
  }

  private failureText(f: ErrorDetail): string {
    // by kind, so the words follow a language change while the banner is up
    if (f.kind.startsWith('camera-')) return messages.camera[f.kind as keyof typeof messages.camera] ?? f.message;
    if (f.kind === 'worker-crashed') return messages.withDetail(messages.workerCrashed, f.message);
    if (this.failureShown === f) return f.message; // already written for people, in the catalogue
    const explained = messages.engineErrors[f.kind as keyof typeof messages.engineErrors];
    return messages.engineFailed(explained ? messages.withDetail(explained, f.message) : f.message);
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
