/// <reference lib="webworker" />
// Reads a Keras .h5 picked for import, off the page's thread: the file is mounted read-only
// through Emscripten's WORKERFS (h5wasm reads the parts it needs from the File, never the
// whole file at once), its weights land in one float32 buffer, the ssd_keras layout is told
// from the layers, and the buffer is transferred (not copied) back. One file per worker: the
// page ends it after the reply, so a file that breaks the HDF5 library breaks nothing else.
import { detectKerasSsd, KerasLayoutError, type KerasSsdLayout } from '../detection/keras/keras-layout';
import type { KerasLayer } from '../detection/keras/keras-weights';
import { ImportError, type ImportErrorKind } from '../storage/user-models/import-error';
import { isHdf5, readKerasH5 } from '../storage/user-models/keras-h5';

export interface KerasImportRequest {
  file: File;
  maxBytes: number;
}

/** Sent while reading: the page's deadline is for silence, not for the whole read. */
export interface KerasImportProgress {
  progress: { done: number; total: number };
}

export type KerasImportReply =
  | { ok: true; layout: KerasSsdLayout; layers: KerasLayer[]; data: ArrayBuffer; readMs: number }
  | { ok: false; kind: ImportErrorKind | 'failed'; message: string; field?: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;
const mb = (bytes: number) => (bytes / 1048576).toFixed(0);

async function read({ file, maxBytes }: KerasImportRequest): Promise<KerasImportReply> {
  const t0 = performance.now();
  // checked before a byte of the file is read: an HDF5 file is at least as large as its weights
  if (file.size > maxBytes * 1.05 + 1048576) {
    throw new ImportError('too-large', `${file.name} is ${mb(file.size)} MB; the limit is ${mb(maxBytes)} MB of weights.`, file.name);
  }
  if (!isHdf5(new Uint8Array(await file.slice(0, 8).arrayBuffer()))) {
    throw new ImportError(
      'not-hdf5',
      `${file.name} is not an HDF5 file (it does not start with the HDF5 signature). Keras writes one with model.save_weights('weights.h5') or model.save('model.h5').`,
      file.name,
    );
  }
  const h5 = await import('h5wasm');
  const { FS } = await h5.ready;
  FS.mkdir('/in');
  FS.mount(FS.filesystems.WORKERFS, { files: [file] }, '/in');
  const h5file = new h5.File(`/in/${file.name}`, 'r');
  try {
    const weights = readKerasH5(h5file, file.name, maxBytes, (done, total) => scope.postMessage({ progress: { done, total } } satisfies KerasImportProgress));
    const layout = detectKerasSsd(file.name, weights.layers);
    return { ok: true, layout, layers: weights.layers, data: weights.data.buffer as ArrayBuffer, readMs: performance.now() - t0 };
  } finally {
    h5file.close();
  }
}

scope.onmessage = (event: MessageEvent<KerasImportRequest>) => {
  read(event.data).then(
    (reply) => scope.postMessage(reply, reply.ok ? [reply.data] : []),
    (error: unknown) => {
      const reply: KerasImportReply =
        error instanceof ImportError
          ? { ok: false, kind: error.kind, message: error.message, field: error.field }
          : error instanceof KerasLayoutError
            ? { ok: false, kind: 'keras-layout', message: error.message }
            : { ok: false, kind: 'failed', message: `${event.data.file.name} could not be read as HDF5: ${(error as Error)?.message ?? String(error)}` };
      scope.postMessage(reply);
    },
  );
};
