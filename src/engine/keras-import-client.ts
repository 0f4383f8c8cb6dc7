// The page's side of reading a Keras .h5 for import: one short-lived worker per file (see
// worker/keras-import.worker.ts), ended when it has answered, when the user cancels, or when
// it has gone silent: a damaged file can send the HDF5 library into an endless loop (seen when
// fuzzing it), and only ending the worker stops that.
import { detectKerasSsd, KerasLayoutError } from '../detection/keras/keras-layout';
import type { KerasSsdParams } from '../detection/keras/ssd-keras-params';
import { ImportError } from '../storage/user-models/import-error';
import { readLayersModel } from '../storage/user-models/keras-layers-model';
import type { ImportFile } from '../storage/user-models/validate';
import type { KerasImportProgress, KerasImportReply, KerasImportRequest } from '../worker/keras-import.worker';

export type KerasRead = Extract<KerasImportReply, { ok: true }>;
export type KerasRefusal = Extract<KerasImportReply, { ok: false }>;

/** How long the reader may go without a word (it reports after every weight; the largest
 * weight of a VGG16-SSD, fc6, is 19 MB and takes well under a second here). */
export const KERAS_READ_SILENCE_MS = 20_000;

export interface KerasReadOptions {
  signal?: AbortSignal;
  /** weights read so far, of all */
  onProgress?: (done: number, total: number) => void;
  silenceMs?: number;
}

export function readKerasFile(file: File, maxBytes: number, { signal, onProgress, silenceMs = KERAS_READ_SILENCE_MS }: KerasReadOptions = {}): Promise<KerasImportReply> {
  const worker = new Worker(new URL('../worker/keras-import.worker.ts', import.meta.url), { type: 'module', name: 'ssd-keras-import' });
  return new Promise<KerasImportReply>((resolve) => {
    let timer = 0;
    const end = (reply: KerasImportReply) => {
      worker.terminate();
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
      resolve(reply);
    };
    const watch = () => {
      clearTimeout(timer);
      timer = self.setTimeout(
        () =>
          end({
            ok: false,
            kind: 'failed',
            message: `${file.name} could not be read: the HDF5 reader made no progress for ${Math.round(silenceMs / 1000)} s, so it was stopped (the file may be damaged).`,
          }),
        silenceMs,
      );
    };
    const abort = () => end({ ok: false, kind: 'failed', message: `Reading ${file.name} was cancelled.` });
    signal?.addEventListener('abort', abort, { once: true });
    worker.onmessage = (event: MessageEvent<KerasImportReply | KerasImportProgress>) => {
      if ('progress' in event.data) {
        watch();
        onProgress?.(event.data.progress.done, event.data.progress.total);
      } else {
        end(event.data);
      }
    };
    // a crash of the HDF5 library (an abort on a damaged file) ends up here, not in the page
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      end({ ok: false, kind: 'failed', message: `${file.name} could not be read as HDF5: ${event.message || 'the reader stopped'}.` });
    };
    watch();
    worker.postMessage({ file, maxBytes } satisfies KerasImportRequest);
  });
}

/**
 * A TF.js layers model of an ssd_keras SSD (JSON and shards), read as data on this thread (no
 * HDF5 library; the shards are copied into one buffer one at a time) into the same answer as
 * an .h5, plus the anchor settings its AnchorBoxes layers hold.
 */
export async function readKerasLayersFiles(files: ImportFile[], maxBytes: number): Promise<KerasImportReply & { params?: KerasSsdParams | null }> {
  const t0 = performance.now();
  try {
    const read = await readLayersModel(files, maxBytes);
    const layout = detectKerasSsd(read.file, read.weights.layers);
    return { ok: true, layout, layers: read.weights.layers, data: read.weights.data.buffer as ArrayBuffer, readMs: performance.now() - t0, params: read.params };
  } catch (error) {
    if (error instanceof ImportError) return { ok: false, kind: error.kind, message: error.message, field: error.field };
    if (error instanceof KerasLayoutError) return { ok: false, kind: 'keras-layout', message: error.message };
    throw error;
  }
}

export { isLayersModelJson } from '../storage/user-models/keras-layers-model';

// What the import form needs of ssd_keras's parameters (pure code, no TensorFlow.js).
export type { KerasSsdLayout } from '../detection/keras/keras-layout';
export { checkKerasParams, kerasBoxesPerLayer, kerasPreset, KERAS_SSD_PRESETS, type KerasSsdParams, type KerasSsdPreset } from '../detection/keras/ssd-keras-params';
