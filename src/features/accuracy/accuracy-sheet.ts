// The accuracy sheet as the app shows it: the accuracy panel bound to its controllers (the
// picked set, stored runs, the evaluation under way, exports). A render helper of the app's
// shadow root. The panel's own module is loaded when the sheet first opens (see the app's
// sheets), so this file only names its tag.
import { html } from 'lit';
import type { EvalPlan } from '../../engine/accuracy/eval-runner';
import type { LocalFile } from '../../engine/accuracy/eval-set-files';
import type { ListedResult } from '../../results/results-store';
import type { ModelSummary } from '../../shared/protocol';
import { download } from '../../ui/save-file';
import type { AccuracyController } from './accuracy-controller';
import type { EvalController } from './eval-controller';

export interface UseThresholdDetail {
  modelId: string;
  modelName: string;
  threshold: number;
}

export interface AccuracySheetInput {
  models: readonly ModelSummary[];
  /** stored bench results: their speeds go on the speed/accuracy chart */
  bench: readonly ListedResult[];
  close: () => void;
  useThreshold: (detail: UseThresholdDetail) => void;
}

export function renderAccuracySheet(a: AccuracyController, ev: EvalController, p: AccuracySheetInput) {
  return html`<accuracy-panel
    class="sheet"
    .models=${p.models}
    .runs=${a.runs}
    .bench=${p.bench}
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
    @accuracy-close=${p.close}
    @accuracy-export=${(e: CustomEvent<{ format: 'csv' | 'json' }>) =>
      download(e.detail.format === 'csv' ? a.csv() : a.json(), `ssd-cam-accuracy.${e.detail.format}`)}
    @accuracy-export-coco=${(e: CustomEvent<{ id: string }>) => {
      const file = a.coco(e.detail.id);
      if (file) download(file.blob, file.name);
    }}
    @accuracy-import=${(e: CustomEvent<{ file: File }>) => void a.importFile(e.detail.file)}
    @accuracy-remove=${(e: CustomEvent<{ id: IDBValidKey }>) => void a.remove(e.detail.id)}
    @accuracy-use-threshold=${(e: CustomEvent<UseThresholdDetail>) => p.useThreshold(e.detail)}
  ></accuracy-panel>`;
}
