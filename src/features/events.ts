// Every event the feature elements send up to ssd-app, with its detail: one map, added to the
// UI kit's SsdUiEvents (src/ui/events.ts), so `fire(this, name, detail)` checks both the name
// and the detail. The names, the details and their shapes are the contract with src/app:
// change one only together with its listener there. `Record<string, never>`: the event
// carries an empty object, as it always has; `undefined`: no detail (null).
import type { EvalPlan } from '../engine/accuracy/eval-runner';
import type { LocalFile } from '../engine/accuracy/eval-set-files';
import type { BenchPlan } from '../engine/bench/bench-runner';
import type { UserModelConfig } from '../storage/user-models/store';
import type { BackendChangeDetail } from './live/backend-picker';
import type { VideoPlayingDetail } from './live/camera-view';
import type { ModelChangeDetail } from './models/model-picker';
import type { StorageDownloadDetail, StorageRemoveDetail } from './offline/storage-panel';
import type { SettingsPatch } from './settings/settings-panel';
import type { CountingLine } from './tracking/counts-controller';

type Empty = Record<string, never>;
type ExportFormat = { format: 'csv' | 'json' };

declare module '../ui/events' {
  interface SsdUiEvents {
    // the live view
    'video-playing': VideoPlayingDetail;
    'video-play-blocked': { error: unknown };
    'backend-change': BackendChangeDetail;
    'hud-toggle': undefined;
    'banner-action': undefined;
    'banner-dismiss': undefined;
    // models
    'model-change': ModelChangeDetail;
    'model-info-toggle': undefined;
    'model-info-close': undefined;
    'import-files': { files: File[] };
    'import-save': { config: UserModelConfig };
    /** run the compatibility check with the form as it is */
    'import-check': { config: UserModelConfig };
    'import-cancel': Empty;
    'import-delete': { id: string };
    'import-close': Empty;
    // settings
    'settings-change': SettingsPatch;
    'settings-close': undefined;
    // tracking
    'counts-reset': undefined;
    'counts-export': ExportFormat;
    'counts-draw-line': undefined;
    'counts-middle-line': undefined;
    'counts-clear-line': undefined;
    'line-drawn': { line: CountingLine };
    'line-cancel': undefined;
    // bench and its stored results
    'bench-run': BenchPlan;
    'bench-cancel': Empty;
    'bench-close': Empty;
    'results-export': ExportFormat;
    'results-share': Empty;
    'results-import': { file: File };
    'results-remove': { id: IDBValidKey };
    // accuracy
    'accuracy-pick': { files: LocalFile[] };
    'accuracy-run': EvalPlan;
    'accuracy-cancel': Empty;
    'accuracy-close': Empty;
    'accuracy-export': ExportFormat;
    'accuracy-export-coco': { id: string };
    'accuracy-import': { file: File };
    'accuracy-remove': { id: IDBValidKey };
    'accuracy-use-threshold': { modelId: string; modelName: string; threshold: number };
    // A/B
    'ab-model-change': { side: string; id: string };
    'ab-close': undefined;
    // offline
    'storage-download': StorageDownloadDetail;
    'storage-remove': StorageRemoveDetail;
    'storage-sizes': undefined;
    'storage-close': undefined;
    'toast-action': undefined;
    'toast-dismiss': undefined;
  }
}
