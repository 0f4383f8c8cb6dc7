// The bench sheet as the app shows it: the bench panel bound to the bench controller (results,
// progress, export, import, share). A render helper of the app's shadow root; starting a bench
// goes back to the app, which pauses the live loop for it.
import { html } from 'lit';
import type { BenchPlan } from '../../engine/bench/bench-runner';
import type { ModelSummary } from '../../shared/protocol';
import { messages } from '../../i18n/messages';
import { download, shareOrDownload } from '../../ui/save-file';
import type { BenchController } from './bench-controller';
// <bench-panel> itself loads when the sheet first opens (src/app/ssd-app.ts, sheets' load)

export function renderBenchSheet(b: BenchController, models: readonly ModelSummary[], run: (plan: BenchPlan) => void, close: () => void) {
  return html`<bench-panel
    .models=${models}
    .results=${b.results}
    .progress=${b.progress}
    ?running=${b.running}
    .error=${b.error}
    @bench-run=${(e: CustomEvent<BenchPlan>) => run(e.detail)}
    @bench-cancel=${() => b.cancel()}
    class="sheet"
    @bench-close=${close}
    @results-export=${(e: CustomEvent<{ format: 'csv' | 'json' }>) =>
      download(e.detail.format === 'csv' ? b.csv() : b.json(), `ssd-cam-bench.${e.detail.format}`)}
    @results-import=${(e: CustomEvent<{ file: File }>) => void b.importFile(e.detail.file)}
    @results-remove=${(e: CustomEvent<{ id: string }>) => void b.remove(e.detail.id)}
    @results-share=${() => void shareOrDownload(b.json(), 'ssd-cam-bench.json', messages.shareBenchTitle)}
  ></bench-panel>`;
}
