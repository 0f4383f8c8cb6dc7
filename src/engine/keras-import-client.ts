// The page's side of reading a Keras .h5 for import: one short-lived worker per file (see
// worker/keras-import.worker.ts), ended when it has answered or when the user cancels.
import type { KerasImportReply, KerasImportRequest } from '../worker/keras-import.worker';

export type KerasRead = Extract<KerasImportReply, { ok: true }>;
export type KerasRefusal = Extract<KerasImportReply, { ok: false }>;

export function readKerasFile(file: File, maxBytes: number, signal?: AbortSignal): Promise<KerasImportReply> {
  const worker = new Worker(new URL('../worker/keras-import.worker.ts', import.meta.url), { type: 'module', name: 'ssd-keras-import' });
  return new Promise<KerasImportReply>((resolve) => {
    const end = (reply: KerasImportReply) => {
      worker.terminate();
      signal?.removeEventListener('abort', abort);
      resolve(reply);
    };
    const abort = () => end({ ok: false, kind: 'failed', message: `Reading ${file.name} was cancelled.` });
    signal?.addEventListener('abort', abort, { once: true });
    worker.onmessage = (event: MessageEvent<KerasImportReply>) => end(event.data);
    // a crash of the HDF5 library (an abort on a damaged file) ends up here, not in the page
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      end({ ok: false, kind: 'failed', message: `${file.name} could not be read as HDF5: ${event.message || 'the reader stopped'}.` });
    };
    worker.postMessage({ file, maxBytes } satisfies KerasImportRequest);
  });
}

// What the import form needs of ssd_keras's parameters (pure code, no TensorFlow.js).
export type { KerasSsdLayout } from '../detection/keras/keras-layout';
export { checkKerasParams, kerasBoxesPerLayer, kerasPreset, KERAS_SSD_PRESETS, type KerasSsdParams, type KerasSsdPreset } from '../detection/keras/ssd-keras-params';
