// An image's pixel size read from its file header (JPEG, PNG, GIF, WebP, BMP), without
// decoding it: a labelled set of thousands of photos is sized in a blink, where decoding each
// would take minutes on a phone. YOLO boxes are fractions of the image, so they need it; COCO
// and VOC sizes are checked against it. Sizes are the stored ones (EXIF orientation is not
// applied), as the COCO tools read them. Pure: no DOM, runs in Node tests.

export interface PixelSize {
  width: number;
  height: number;
}

const u16be = (b: Uint8Array, o: number) => (b[o] << 8) | b[o + 1];
const u16le = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u24le = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8) | (b[o + 2] << 16);
const u32be = (b: Uint8Array, o: number) => ((b[o] << 24) >>> 0) + ((b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]);
const i32le = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24);
const ascii = (b: Uint8Array, o: number, n: number) => String.fromCharCode(...b.subarray(o, o + n));

/** JPEG: the first start-of-frame marker (SOF0..SOF15 but DHT, JPG and DAC) after SOI. */
function jpeg(b: Uint8Array): PixelSize | null {
  let o = 2;
  while (o + 9 < b.length) {
    if (b[o] !== 0xff) return null;
    const marker = b[o + 1];
    if (marker === 0xff) {
      o++; // fill byte
      continue;
    }
    // markers without a length
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      o += 2;
      continue;
    }
    const length = u16be(b, o + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = u16be(b, o + 5);
      const width = u16be(b, o + 7);
      return width > 0 && height > 0 ? { width, height } : null;
    }
    o += 2 + length;
  }
  return null;
}

function png(b: Uint8Array): PixelSize | null {
  if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return null;
  return { width: u32be(b, 16), height: u32be(b, 20) };
}

function gif(b: Uint8Array): PixelSize | null {
  return b.length < 10 ? null : { width: u16le(b, 6), height: u16le(b, 8) };
}

function webp(b: Uint8Array): PixelSize | null {
  if (b.length < 30) return null;
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8X') return { width: 1 + u24le(b, 24), height: 1 + u24le(b, 27) };
  if (chunk === 'VP8 ') return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  return null;
}

function bmp(b: Uint8Array): PixelSize | null {
  if (b.length < 26) return null;
  const header = i32le(b, 14);
  if (header === 12) return { width: u16le(b, 18), height: u16le(b, 20) };
  // height is negative for top-down bitmaps
  return { width: Math.abs(i32le(b, 18)), height: Math.abs(i32le(b, 22)) };
}

/**
 * The size in the header at the start of `bytes`, or null when the format is not one of these
 * or the header is not within `bytes` (a JPEG may carry a large EXIF block before its frame).
 */
export function imageSizeFromHeader(bytes: Uint8Array): PixelSize | null {
  const b = bytes;
  if (b.length < 4) return null;
  let size: PixelSize | null = null;
  if (b[0] === 0xff && b[1] === 0xd8) size = jpeg(b);
  else if (b[0] === 0x89 && ascii(b, 1, 3) === 'PNG') size = png(b);
  else if (ascii(b, 0, 4) === 'GIF8') size = gif(b);
  else if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') size = webp(b);
  else if (b[0] === 0x42 && b[1] === 0x4d) size = bmp(b);
  return size && size.width > 0 && size.height > 0 ? size : null;
}
