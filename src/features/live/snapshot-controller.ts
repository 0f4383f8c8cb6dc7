// The snapshot button's action: the picture with its boxes and a caption (model, backend, fps,
// date) as a PNG, shared where the browser can, else downloaded. `busy` while it is made, so
// the button waits (the host is asked to re-render); a failure is a notice, the view goes on.
import type { ReactiveControllerHost } from 'lit';
import type { Detection, ReadyInfo } from '../../shared/protocol';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { messages } from '../../i18n/messages';
import type { NoticeSink } from '../../ui/notice';
import { shareOrDownload } from '../../ui/save-file';
import { canvasToPng, composeSnapshot, type SnapshotInput } from './snapshot';
import { modelName } from '../../i18n/labels';

export interface SnapshotScene {
  /** the playing video; null before it plays */
  video: HTMLVideoElement | null;
  /** what runs; null before the engine is ready */
  ready: ReadyInfo | null;
  /** detections per second now */
  fps: number;
  /** what is drawn on screen (after the class filter) */
  detections: readonly Detection[];
  mirrored: boolean;
}

/** How the picture is made and handed over (the browser's by default). */
export interface SnapshotTools {
  compose(input: SnapshotInput): HTMLCanvasElement;
  toPng(canvas: HTMLCanvasElement): Promise<Blob>;
  save(blob: Blob, name: string, title: string): Promise<unknown>;
  now(): Date;
}

const browserTools: SnapshotTools = { compose: composeSnapshot, toPng: canvasToPng, save: shareOrDownload, now: () => new Date() };

/** `ssd-cam-20250101-120000.png`-like: sortable, and safe in any file system. */
export function snapshotName(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
  return `${messages.snapshot.fileName}-${stamp}.png`;
}

export class SnapshotController {
  busy = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly notices: NoticeSink,
    private readonly tools: SnapshotTools = browserTools,
  ) {}

  async take(scene: SnapshotScene): Promise<void> {
    const { video, ready } = scene;
    if (!video || !ready) {
      this.notices.add({ key: 'snapshot', text: messages.snapshot.notReady });
      return;
    }
    this.busy = true;
    this.host.requestUpdate();
    try {
      const now = this.tools.now();
      const fps = formatNumber(scene.fps, 1, 1);
      const caption = messages.snapshot.caption(modelName(ready.model), messages.backendNames[ready.backend], fps, formatDateTime(now));
      const canvas = this.tools.compose({ video, detections: scene.detections, mirrored: scene.mirrored, caption });
      const blob = await this.tools.toPng(canvas);
      await this.tools.save(blob, snapshotName(now), messages.snapshot.shareTitle);
      this.notices.dismiss('snapshot');
    } catch (error) {
      this.notices.add({ key: 'snapshot', text: messages.snapshot.failed((error as Error).message ?? String(error)) });
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }
}
