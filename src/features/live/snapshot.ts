// The snapshot: the current video frame at its own resolution, mirrored as on screen, with the
// boxes and labels drawn the way the overlay draws them, and a caption strip below (model,
// backend, fps, date) so a shared picture says how it was made.
import type { Detection } from '../../shared/protocol';
import { drawDetections, LABEL_FONT } from './draw-detections';
import { boxLabel } from '../../i18n/labels';
import { COLORS } from '../../ui/tokens';

export interface SnapshotInput {
  video: HTMLVideoElement;
  /** what is drawn on screen (after the class filter), normalized to the frame */
  detections: readonly Detection[];
  mirrored: boolean;
  caption: string;
}

/** Height of the caption strip for a frame `height` px tall. */
export function captionHeight(height: number): number {
  return Math.max(28, Math.round(height * 0.06));
}

export function composeSnapshot({ video, detections, mirrored, caption }: SnapshotInput): HTMLCanvasElement {
  const w = video.videoWidth;
  const h = video.videoHeight;
  if (!w || !h) throw new Error('the video has no frame yet');
  const strip = captionHeight(h);
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h + strip;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas in this browser');
  if (mirrored) {
    ctx.setTransform(-1, 0, 0, 1, w, 0);
    ctx.drawImage(video, 0, 0, w, h);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
  } else {
    ctx.drawImage(video, 0, 0, w, h);
  }
  // the same look as on screen, scaled so a 1080p snapshot is as legible as the live view
  const scale = Math.max(1, h / 480);
  drawDetections(ctx, detections, { viewW: w, viewH: h, video: { x: 0, y: 0, width: w, height: h }, mirrored, labelText: boxLabel, scale });
  ctx.fillStyle = COLORS.sheet;
  ctx.fillRect(0, h, w, strip);
  ctx.fillStyle = COLORS.textStrong;
  ctx.font = `${Math.round(strip * 0.5)}px ${LABEL_FONT}`;
  ctx.textBaseline = 'middle';
  ctx.fillText(caption, Math.round(strip * 0.3), h + strip / 2, w - strip * 0.6);
  return canvas;
}

export function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the browser could not encode a PNG'))), 'image/png'),
  );
}
