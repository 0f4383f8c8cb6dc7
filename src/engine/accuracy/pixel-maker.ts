// The page's side of the pixel worker (worker/image-pixels.worker.ts): the next images of an
// evaluation are decoded and turned into pixels there while the detection worker runs the
// current one. Anything that goes wrong here (the worker cannot start, a file it cannot decode)
// answers null, and the file goes to the detection worker as before, which names the failure.
import type { ImagePixels, ImagePixelsReply } from '../../shared/image-pixels';

export interface PixelMaker {
  /** the image's pixels, or null to send the file itself */
  make(image: Blob): Promise<ImagePixels | null>;
  dispose(): void;
}

export function createPixelMaker(): PixelMaker {
  let worker: Worker | null = null;
  let nextId = 1;
  const waiting = new Map<number, (pixels: ImagePixels | null) => void>();
  const endAll = () => {
    for (const resolve of waiting.values()) resolve(null);
    waiting.clear();
  };
  const start = (): Worker | null => {
    if (worker) return worker;
    try {
      worker = new Worker(new URL('../../worker/image-pixels.worker.ts', import.meta.url), { type: 'module', name: 'ssd-image-pixels' });
    } catch {
      return null;
    }
    worker.onmessage = (event: MessageEvent<ImagePixelsReply>) => {
      const reply = event.data;
      const resolve = waiting.get(reply.id);
      waiting.delete(reply.id);
      resolve?.(reply.ok ? reply.pixels : null);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker?.terminate();
      worker = null;
      endAll();
    };
    return worker;
  };
  return {
    make(image) {
      const w = start();
      if (!w) return Promise.resolve(null);
      const id = nextId++;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        w.postMessage({ id, image });
      });
    },
    dispose() {
      worker?.terminate();
      worker = null;
      endAll();
    },
  };
}
