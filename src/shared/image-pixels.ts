// What the page's pixel worker (worker/image-pixels.worker.ts) answers for an image of a
// labelled set, and what the detection worker then takes in place of the file.

/** RGB, one int32 per channel, row by row: what tf.browser.fromPixels would make of it. */
export interface ImagePixels {
  width: number;
  height: number;
  data: Int32Array<ArrayBuffer>;
}

export interface ImagePixelsRequest {
  id: number;
  image: Blob;
}

/** `pixels: null`: too large to hand over as pixels; send the file and let the detection
 * worker decode it (the path every image took before). */
export type ImagePixelsReply = { id: number; ok: true; pixels: ImagePixels | null } | { id: number; ok: false; message: string };

/** 4 megapixels: 48 MB of int32 RGB, transferred, never copied. A camera photo of 12 MP would be
 * 144 MB, so larger images go to the detection worker as files. */
export const MAX_PIXELS_IN_ADVANCE = 4_000_000;
