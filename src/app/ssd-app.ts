// The root element, a shell that only assembles: it reads the URL once, creates the reactive
// controllers (each owns one concern: the live loop, notices, sheets, camera, engine, bench,
// accuracy, settings, offline storage) and wires them to each other, then lays out the
// features' render helpers. Children get properties and answer with events; nothing here
// touches the worker.
import { html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { DEFAULT_MODEL_ID, MODELS } from '../shared/model-catalog';
import type { FaultKind, ModelSummary } from '../shared/protocol';
import { parseUrlParams } from '../automation/url-params';
import { isUserModelId } from '../storage/user-models/store';
import { messages } from '../i18n/messages';
import { CameraController } from '../features/live/camera-controller';
import type { CameraView, VideoPlayingDetail } from '../features/live/camera-view';
import { EngineController } from '../features/live/engine-controller';
import { SnapshotController } from '../features/live/snapshot-controller';
import { renderStatus } from '../features/live/status-line';
import { UserModelsController } from '../features/models/user-models-controller';
import { importActions, renderImportSheet } from '../features/models/import-sheet';
import { renderModelInfoSheet } from '../features/models/info-sheet';
import { networkModels } from '../features/models/network-models';
import { BenchController } from '../features/bench/bench-controller';
import { renderBenchSheet } from '../features/bench/bench-sheet';
import { EvalController } from '../features/accuracy/eval-controller';
import { AccuracyController } from '../features/accuracy/accuracy-controller';
import { renderAccuracySheet } from '../features/accuracy/accuracy-sheet';
import { SettingsController } from '../features/settings/settings-controller';
import { RESOLUTIONS, isLabelShown } from '../features/settings/settings';
import { renderSettingsSheet } from '../features/settings/settings-sheet';
import { NetworkController } from '../features/offline/network-controller';
import { PwaController } from '../features/offline/pwa-controller';
import { StorageController } from '../features/offline/storage-controller';
import { ModelDownloads } from '../features/offline/model-downloads';
import { renderIsolationBanner, renderStorageSheet, renderTopRight, renderUpdateToast } from '../features/offline/offline-views';
import { renderAbLayer } from '../features/ab/ab-layer';
import { renderBanners } from './banners-view';
import { renderBar, renderTools, sheetButton } from './controls-view';
import { NoticesController } from './notices-controller';
import { PageLifecycleController } from './page-lifecycle-controller';
import { RunController, replaceUrl } from './run-controller';
import { SettingsActions } from './settings-actions';
import { SheetsController } from './sheets-controller';
import { shellStyles } from './shell-styles';
import '../features/live/camera-view';
import '../features/live/detection-overlay';
import '../features/live/detection-summary';
import { CountsController } from '../features/tracking/counts-controller';
import { renderCountPanel, renderLineDrawer } from '../features/tracking/tracking-views';
import '../features/live/fps-hud';
import { LocalizedElement } from '../ui/localized-element';
import { displayName } from '../i18n/labels';

@customElement('ssd-app')
export class SsdApp extends LocalizedElement {
  static override styles = shellStyles;

  @state() private toastDismissed = false;
  @state() private isolationNoticeDismissed = false;
  @query('camera-view') private cameraView!: CameraView;

  private readonly launch = parseUrlParams(location.search, { modelIds: MODELS.map((m) => m.id), defaultModelId: DEFAULT_MODEL_ID, isImportedId: isUserModelId });
  private readonly notices = new NoticesController(this);
  private readonly sheets = new SheetsController(this, {
    button: (which) => sheetButton(this.renderRoot, which),
    // the secondary screens load when first opened, not with the page (the live view first)
    load: {
      accuracy: () => import('../features/accuracy/accuracy-panel'), bench: () => import('../features/bench/bench-panel'), import: () => import('../features/models/model-import'),
      storage: () => Promise.all([import('../features/offline/storage-panel'), this.storage.refresh()]), // what is stored now
      info: () => import('../features/models/model-info'),
    },
  });
  // Controllers that call back into the live loop reach it lazily: it is created last, so its
  // hostConnected (bench and autostart from the URL) runs after theirs.
  private readonly camera = new CameraController(this, { onError: (e) => this.run.cameraFailed(e) });
  private readonly engine = new EngineController(this, {
    ...RunController.engineCallbacks(() => this.run),
    onResult: (result, fps) => {
      this.run.result(result, fps);
      this.counts.onResult(result);
    },
  });
  // a counting line from the URL, or drawn later, goes to the running tracker
  private readonly counts: CountsController = new CountsController(this, this.launch.params.line, () => {
    void this.engine.configure(this.actions.thresholdsFor(this.run.model));
  });
  private readonly lifecycle = new PageLifecycleController(this, {
    onHidden: () => this.engine.pause(),
    onVisible: () => this.run.maybeRun(),
    onLeave: (persisted) => this.run.leave(persisted),
    onReturn: () => this.run.returned(),
  });
  private readonly userModels = new UserModelsController(this);
  private readonly bench = new BenchController(this, () => this.run.video);
  /** ?eval=...: an accuracy evaluation; the live loop pauses while it runs */
  private readonly evaluation = new EvalController(
    this,
    { pause: () => this.engine.pause(), resume: () => this.run.maybeRun() },
    (result) => this.accuracy.store(result),
  );
  /** the accuracy panel: a set picked here, stored results (URL evaluations are stored too) */
  private readonly accuracy = new AccuracyController(this, this.evaluation);
  private readonly network = new NetworkController(this);
  private readonly pwa = new PwaController(this);
  /** catalogue models downloaded at run time (not bundled) */
  private readonly netModels = networkModels();
  private readonly storage = new StorageController(this, () => this.netModels);
  private readonly settings = new SettingsController(this);
  private readonly downloads = new ModelDownloads(this.netModels, this.storage, () => this.network.online, this.notices);
  private readonly actions = new SettingsActions({
    settings: this.settings, notices: this.notices, engine: this.engine, camera: this.camera,
    models: () => this.allModels,
    run: () => this.run,
    trackFromUrl: this.launch.params.track,
    countingLine: () => this.counts.line,
  });
  private readonly snapshot = new SnapshotController(this, this.notices);
  private readonly importActions = importActions(this.userModels, {
    hide: () => this.sheets.hide('import'), model: () => this.run.model, changeModel: (id) => this.run.changeModel(id), defaultModel: DEFAULT_MODEL_ID,
  });
  private readonly run: RunController = new RunController(
    this,
    {
      camera: this.camera, engine: this.engine, bench: this.bench, evaluation: this.evaluation, notices: this.notices,
      hidden: () => this.lifecycle.hidden,
      thresholdsFor: (id) => this.actions.thresholdsFor(id),
      modelName: (id) => displayName(this.allModels.find((m) => m.id === id), id),
      cannotStart: (id) => this.downloads.cannotStart(id),
      ensureStored: (id) => this.downloads.ensureStored(id),
      revertPicker: () => this.renderRoot.querySelector('model-picker')?.requestUpdate(),
      showBench: () => this.sheets.show('bench'),
      updateUrl: replaceUrl,
    },
    { ...this.launch.params, bench: this.launch.params.bench && { ...this.launch.params.bench, warmup: 3 } },
  );

  constructor() {
    super();
    const { params, problems } = this.launch;
    this.camera.size = RESOLUTIONS[this.settings.value.resolution];
    if (params.eval) this.evaluation.runWhenConnected(params.eval);
    if (params.debug) {
      // Part of the automation surface, off unless asked for in the URL: faults on purpose
      // so recovery can be tested and demonstrated. It can only break this page's own worker.
      (window as unknown as { ssdCam: object }).ssdCam = { injectFault: (fault: FaultKind) => this.engine.injectFault(fault) };
    }
    for (const p of problems) this.notices.add({ key: `param-${p.param}`, text: messages.paramProblem(p.param, p.value, p.used) });
  }

  override render() {
    const { run, engine, camera, sheets, settings, storage } = this;
    const running = engine.phase === 'running' && camera.phase === 'on';
    const result = running ? engine.lastResult : null;
    const shown = this.shownDetections();
    const mirrored = this.mirrored;
    const pwa = this.pwa.state;
    const download = storage.downloading;
    return html`
      <camera-view
        .stream=${camera.stream}
        ?mirrored=${mirrored}
        @video-playing=${(e: CustomEvent<VideoPlayingDetail>) => run.videoPlaying(e.detail.video)}
        @video-play-blocked=${() => run.playBlocked(() => this.cameraView.play())}
      ></camera-view>
      <detection-overlay .detections=${shown} .frameWidth=${result?.width ?? 0} .frameHeight=${result?.height ?? 0} ?mirrored=${mirrored}
        .line=${this.counts.active ? this.counts.line : null}></detection-overlay>
      <detection-summary .detections=${shown} ?active=${running}></detection-summary>
      ${renderLineDrawer(this.counts, result, mirrored)}
      ${!run.wantRunning && !this.notices.failure && camera.phase === 'off'
        ? html`<div class="intro"><h1>${messages.appTitle}</h1><p>${messages.intro}</p></div>`
        : nothing}
      ${renderTopRight(this.network.online, sheets.isOpen('storage'), () => sheets.toggle('storage'))}
      ${renderUpdateToast(pwa, this.toastDismissed, () => this.pwa.applyUpdate(), () => (this.toastDismissed = true))}
      ${sheets.isOpen('storage') ? renderStorageSheet(storage, { downloadable: this.netModels, online: this.network.online, close: () => sheets.close('storage'),
            download: (id) => void this.downloads.downloadForOffline(id), remove: (folder) => void storage.remove(folder) }) : nothing}
      ${run.abMode ? renderAbLayer({ stream: camera.stream, models: this.allModels, backend: run.backend, model: run.model, mirrored,
            thresholdsFor: (id) => this.actions.thresholdsFor(id), close: () => this.closeAb() }) : nothing}
      <div class="bottom">
        ${renderCountPanel(this.counts, running)}
        <fps-hud
          .stats=${engine.stats}
          .ready=${engine.ready}
          .status=${engine.statusDetail}
          .log=${engine.currentLog().slice(-240)}
          ?open=${settings.hudOpen}
          @hud-toggle=${() => this.actions.save({ hudOpen: !settings.hudOpen })}
        ></fps-hud>
        ${renderBanners(this.notices, () => void run.start())}
        ${renderIsolationBanner(pwa.reloadForIsolation && !this.isolationNoticeDismissed, () => this.pwa.reload(), () => (this.isolationNoticeDismissed = true))}
        ${renderStatus({
          download: download && { name: displayName(this.downloads.find(download.modelId), download.modelId), progress: download.progress },
          wantRunning: run.wantRunning, benchRunning: this.bench.running, evalRunning: this.evaluation.running,
          cameraPhase: camera.phase, engine,
        })}
        ${sheets.isOpen('import') ? renderImportSheet(this.userModels, { ...this.importActions, close: () => sheets.close('import') }) : nothing}
        ${sheets.isOpen('bench') ? renderBenchSheet(this.bench, this.allModels, (plan) => void run.runBench(plan), () => sheets.close('bench')) : nothing}
        ${sheets.isOpen('accuracy') ? renderAccuracySheet(this.accuracy, this.evaluation, { models: this.allModels, bench: this.bench.results,
              close: () => sheets.close('accuracy'), useThreshold: (detail) => void this.actions.useThreshold(detail) }) : nothing}
        ${sheets.isOpen('info') ? renderModelInfoSheet(this.allModels.find((m) => m.id === run.model), () => sheets.close('info')) : nothing}
        ${sheets.isOpen('settings') ? renderSettingsSheet(settings, engine.ready?.model ?? this.allModels.find((x) => x.id === run.model), run.model,
              (patch) => void this.actions.change(patch), () => sheets.close('settings'), this.launch.params.track) : nothing}
        ${renderTools(run, sheets, this.allModels, this.bench.running)}
        ${renderBar(run, {
          running, snapping: this.snapshot.busy, videoInputs: camera.videoInputs,
          snap: () => void this.snapshot.take({ video: run.video, ready: engine.ready, fps: engine.stats?.detectionFps ?? 0, detections: this.shownDetections(), mirrored }),
        })}
      </div>
    `;
  }

  /** A/B closed from its Close or Escape: the live view comes back, and the focus goes back
   * to the A/B button. */
  private closeAb(): void {
    void this.run.toggleAb();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[data-testid="ab-button"]')?.focus());
  }

  /** Our models and the user's own, as the pickers list them. */
  private get allModels(): ModelSummary[] {
    return [...MODELS, ...this.userModels.models];
  }

  /** Front camera shown like a mirror, unless the settings say otherwise. */
  private get mirrored(): boolean {
    return this.camera.mirrored && this.settings.value.mirrorFront;
  }

  /** What is drawn: the running result, less the classes the settings hide (display only). */
  private shownDetections() {
    const running = this.engine.phase === 'running' && this.camera.phase === 'on';
    const result = running ? this.engine.lastResult : null;
    const modelId = this.engine.ready?.model.id ?? this.run.model;
    return (result?.detections ?? []).filter((d) => isLabelShown(this.settings.value, modelId, d.label));
  }

}

declare global {
  interface HTMLElementTagNameMap {
    'ssd-app': SsdApp;
  }
}
