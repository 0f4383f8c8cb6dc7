// The comparison: runs runBench (each model x backend in a fresh worker), keeps results in
// IndexedDB with the device's description, exports and imports them, and says when it is
// done through `ssd:bench`. The live loop is paused by the host while it runs, so the two
// never compete for the same cores; `idle()` tells the host when it may start again. Cancel
// ends the pair under way at once (its worker is terminated, see runBench).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { runBench, type BenchPlan, type BenchProgress, type BenchResult } from '../../engine/bench/bench-runner';
import { parseExport, toCsv, toJson } from '../../results/export';
import { deleteResult, importResults, isReadable, listResults, saveResult, type ListedResult } from '../../results/results-store';
import { emitBench } from '../../automation/automation';
import { messages } from '../../i18n/messages';
import { importErrorText } from './results-format';

/** A bench frame: a snapshot of the camera when it runs, else the bundled sample photo. */
async function benchFrame(video: HTMLVideoElement | null): Promise<{ bitmap: ImageBitmap; source: string }> {
  if (video && video.readyState >= 2 && video.videoWidth > 0) {
    return { bitmap: await createImageBitmap(video), source: messages.bench.cameraSnapshot };
  }
  const response = await fetch(new URL('samples/sample1.jpg', new URL(import.meta.env.BASE_URL, location.href)));
  if (!response.ok) throw new Error(`sample photo missing (HTTP ${response.status})`);
  // camera-sized, so bench frames cost what live frames cost
  const bitmap = await createImageBitmap(await response.blob(), { resizeWidth: 640, resizeHeight: 427, resizeQuality: 'high' });
  return { bitmap, source: messages.bench.samplePhoto };
}

export class BenchController implements ReactiveController {
  running = false;
  progress: BenchProgress | null = null;
  /** stored results, unreadable ones included (the view shows them so they can be deleted) */
  results: ListedResult[] = [];
  error: string | null = null;
  private abort: AbortController | null = null;
  private finished: Promise<void> | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly video: () => HTMLVideoElement | null,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    void this.refresh();
  }

  hostDisconnected(): void {
    this.abort?.abort();
  }

  async refresh(): Promise<void> {
    try {
      this.results = await listResults();
    } catch (error) {
      this.error = messages.bench.storageFailed((error as Error).message);
    }
    this.host.requestUpdate();
  }

  async run(plan: BenchPlan): Promise<BenchResult | null> {
    if (this.running) return null;
    this.running = true;
    this.error = null;
    this.abort = new AbortController();
    let finish = () => {};
    this.finished = new Promise<void>((resolve) => (finish = resolve));
    this.host.requestUpdate();
    try {
      const result = await runBench(plan, () => benchFrame(this.video()), (p) => {
        this.progress = p;
        this.host.requestUpdate();
      }, this.abort.signal);
      try {
        await saveResult(result);
      } catch (error) {
        this.error = messages.bench.storageFailed((error as Error).message);
      }
      await this.refresh();
      emitBench(result);
      return result;
    } catch (error) {
      this.error = (error as Error).name === 'AbortError' ? messages.bench.cancelled : messages.bench.failed((error as Error).message);
      return null;
    } finally {
      this.running = false;
      this.progress = null;
      this.abort = null;
      this.finished = null;
      finish();
      this.host.requestUpdate();
    }
  }

  /** Settles once no bench runs (at once when none does): ended, failed or cancelled. */
  idle(): Promise<void> {
    return this.finished ?? Promise.resolve();
  }

  cancel(): void {
    this.abort?.abort();
  }

  async importFile(file: File): Promise<void> {
    this.error = null;
    try {
      // checked by the results schema, then merged: an import never replaces a local record
      await importResults(parseExport(await file.text()));
    } catch (error) {
      this.error = importErrorText(error);
    } finally {
      await this.refresh(); // whatever happened, show what is stored now
    }
  }

  async remove(id: IDBValidKey): Promise<void> {
    await deleteResult(id);
    await this.refresh();
  }

  csv(): Blob {
    return new Blob([toCsv(this.results.filter(isReadable))], { type: 'text/csv' });
  }

  json(): Blob {
    return new Blob([toJson(this.results.filter(isReadable).filter((r) => !r.imported))], { type: 'application/json' });
  }
}
