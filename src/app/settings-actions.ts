// What a settings change does beyond storing it: new thresholds go to the running engine at
// once (no reload), a new resolution reopens the running camera, and a refused save is said
// (the change still holds until the page closes). Also the accuracy panel's "use this
// threshold": a measured operating point becomes the user's own threshold for that model.
import type { ModelSummary } from '../shared/protocol';
import type { Thresholds } from '../shared/defaults';
import type { CameraController } from '../features/live/camera-controller';
import type { EngineController } from '../features/live/engine-controller';
import type { SettingsController } from '../features/settings/settings-controller';
import { LIMITS, RESOLUTIONS, engineThresholds, type Settings } from '../features/settings/settings';
import { formatNumber } from '../i18n/format';
import { messages } from '../i18n/messages';
import type { NoticeSink } from '../ui/notice';
import type { RunController } from './run-controller';

/** The settings whose change reaches the running engine without a reload. */
const ENGINE_KEYS: readonly (keyof Settings)[] = [
  'scoreThreshold', 'modelScoreThresholds', 'iouThreshold', 'maxDetections', 'tracking', 'trackMinHits', 'trackMaxMisses', 'trackLowScore',
];

export interface SettingsDeps {
  settings: Pick<SettingsController, 'value' | 'saveFailed' | 'update'>;
  notices: NoticeSink;
  /** our models and the user's own, as the pickers list them */
  models(): readonly ModelSummary[];
  /** `?track=1`: tracking on for this visit, whatever the settings say */
  trackFromUrl: boolean;
  /** the counting line, when one is set (normalized to the frame) */
  countingLine?: () => { x1: number; y1: number; x2: number; y2: number } | null;
  run(): Pick<RunController, 'model' | 'changeModel' | 'reopenCamera'>;
  engine: Pick<EngineController, 'configure'>;
  camera: Pick<CameraController, 'size'>;
}

/** A measured threshold as the settings can hold it: two decimals, within the slider's range. */
export function clampThreshold(threshold: number): { used: number; clamped: boolean } {
  const { min, max } = LIMITS.scoreThreshold;
  const rounded = Math.round(threshold * 100) / 100;
  const used = Math.min(max, Math.max(min, rounded));
  return { used, clamped: used !== rounded };
}

export class SettingsActions {
  constructor(private readonly deps: SettingsDeps) {}

  /** The thresholds a model runs at: the user's own for it, else its measured operating point. */
  thresholdsFor(modelId: string): ReturnType<typeof engineThresholds> & Pick<Thresholds, 'countingLine'> {
    const measured = this.deps.models().find((m) => m.id === modelId)?.defaultScoreThreshold?.value;
    const t = engineThresholds(this.deps.settings.value, modelId, measured);
    return { ...t, tracking: t.tracking || this.deps.trackFromUrl, countingLine: this.deps.countingLine?.() ?? null };
  }

  /** Applies a change and says so when the browser would not store it (private mode, full
   * storage): the change still holds until the page closes. */
  save(patch: Partial<Settings>): Set<keyof Settings> {
    const { settings, notices } = this.deps;
    const changed = settings.update(patch);
    if (settings.saveFailed) notices.add({ key: 'settings-save', text: messages.settings.notSaved });
    else notices.dismiss('settings-save');
    return changed;
  }

  async change(patch: Partial<Settings>): Promise<void> {
    const changed = this.save(patch);
    if (ENGINE_KEYS.some((k) => changed.has(k))) {
      // the model wanted now: during a switch, the one being started
      await this.deps.engine.configure(this.thresholdsFor(this.deps.run().model));
    }
    if (changed.has('resolution')) {
      this.deps.camera.size = RESOLUTIONS[this.deps.settings.value.resolution];
      this.deps.run().reopenCamera();
    }
  }

  /** A measured operating point becomes the live threshold, for the model it was measured on. */
  async useThreshold(detail: { modelId: string; modelName: string; threshold: number }): Promise<void> {
    const { used, clamped } = clampThreshold(detail.threshold);
    const run = this.deps.run();
    if (detail.modelId !== run.model && this.deps.models().some((m) => m.id === detail.modelId)) await run.changeModel(detail.modelId);
    // the user's own threshold for this model (kept per model), and at once for the running one
    await this.change({ modelScoreThresholds: { ...this.deps.settings.value.modelScoreThresholds, [detail.modelId]: used } });
    const a = messages.accuracy;
    const shown = formatNumber(used, 2, 2);
    const text = a.thresholdApplied(detail.modelName, shown);
    this.deps.notices.add({ key: 'threshold', text: clamped ? `${text} ${a.thresholdClamped(formatNumber(detail.threshold, 3, 2), shown)}` : text });
  }
}
