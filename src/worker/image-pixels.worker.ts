/// <reference lib="webworker" />
// Turns an image file into the RGB pixels a detector takes, for the accuracy evaluation, on a
// thread of its own: decoding (the browser's, off any thread of ours), drawing it to read the
// pixels back, and packing RGBA into int32 RGB cost about 15 ms for a 640x480 JPEG. In the
// detection worker they ran in the image's turn, between inferences; here they run while the
// previous image is inferred, and the detection worker only copies the pixels into a tensor.
// No TensorFlow.js and nothing from the page: one message in, one transfer out.
import type { ImagePixelsReply, ImagePixelsRequest } from '../shared/image-pixels';
import { MAX_PIXELS_IN_ADVANCE } from '../shared/image-pixels';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let canvas: OffscreenCanvas | null = null;
let context: OffscreenCanvasRenderingContext2D | null = null;

async function pixelsOf({ id, image }: ImagePixelsRequest): Promise<ImagePixelsReply> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(image);
  } catch (error) {
    return { id, ok: false, message: `could not be decoded (${image.type || 'unknown type'}, ${image.size} bytes): ${(error as Error).message ?? error}` };
  }
  try {
    const { width, height } = bitmap;
    // a very large photo would be 12 bytes a pixel here: the detection worker decodes it itself
    if (width * height > MAX_PIXELS_IN_ADVANCE) return { id, ok: true, pixels: null };
    if (!canvas || canvas.width !== width || canvas.height !== height) {
      canvas = new OffscreenCanvas(width, height);
      context = canvas.getContext('2d', { willReadFrequently: true });
    }
    if (!context) return { id, ok: true, pixels: null };
    context.drawImage(bitmap, 0, 0);
    const rgba = context.getImageData(0, 0, width, height).data;
    const n = width * height;
    const rgb = new Int32Array(n * 3);
    for (let i = 0, j = 0; i < n; i++, j += 4) {
      rgb[i * 3] = rgba[j];
      rgb[i * 3 + 1] = rgba[j + 1];
      rgb[i * 3 + 2] = rgba[j + 2];
    }
    return { id, ok: true, pixels: { width, height, data: rgb } };
  } finally {
    bitmap.close();
  }
}

scope.onmessage = async (event: MessageEvent<ImagePixelsRequest>) => {
  const reply = await pixelsOf(event.data);
  scope.postMessage(reply, reply.ok && reply.pixels ? [reply.pixels.data.buffer] : []);
};
