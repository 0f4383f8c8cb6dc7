#!/usr/bin/env node
// Makes a Y4M clip for Chromium's fake camera (--use-file-for-fake-video-capture) from the
// sample photos shipped in @vladmandic/face-api, in pure Node (no ffmpeg, no ImageMagick,
// so it runs on any CI machine that ran `npm ci`).
//
// Each photo is scaled to cover the frame (area filter) and center-cropped, converted to
// YUV 4:2:0 with BT.601 limited range (what Chromium assumes for I420 from a file), and
// repeated for --seconds-per-photo. A sidecar <out>.json records the crop and scale per photo
// so tests can map face boxes from photo pixels into video pixels:
//   videoX = (photoX - crop.x) * scale,  videoY = (photoY - crop.y) * scale
//
// Usage: node scripts/make-fake-camera.mjs [--out tests/.fixtures/cam.y4m] [--photos 1,2,3]
//        [--seconds-per-photo 1] [--width 640] [--height 480] [--fps 10] [--pan 0]
//
// --pan N slides each photo N video pixels to the right every frame (the uncovered part black),
// so things in it move steadily across the frame: the tracking tests count them crossing a line.
// The sidecar then records the shift of each frame: videoX = (photoX - crop.x) * scale + shift.

import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const jpeg = require('jpeg-js');

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const demoDir = resolve(root, 'node_modules/@vladmandic/face-api/demo');

function parseArgs(argv) {
  const opts = {
    out: resolve(root, 'tests/.fixtures/cam.y4m'),
    photos: [1, 2, 3, 4, 5, 6],
    secondsPerPhoto: 1,
    width: 640,
    height: 480,
    fps: 10,
    pan: 0,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => (eq > 0 ? arg.slice(eq + 1) : argv[++i]);
    switch (name) {
      case '--out': opts.out = resolve(value()); break;
      case '--photos':
        opts.photos = value().split(',').filter(Boolean).map((s) => {
          const n = Number(s.trim());
          if (!Number.isInteger(n) || n < 1 || n > 6) throw new Error(`--photos: bad photo number "${s}" (1..6)`);
          return n;
        });
        break;
      case '--seconds-per-photo': opts.secondsPerPhoto = Number(value()); break;
      case '--width': opts.width = Number(value()); break;
      case '--height': opts.height = Number(value()); break;
      case '--fps': opts.fps = Number(value()); break;
      case '--pan': opts.pan = Number(value()); break;
      case '-h': case '--help':
        console.log('node scripts/make-fake-camera.mjs [--out path.y4m] [--photos 1,2,...] [--seconds-per-photo N] [--width 640] [--height 480] [--fps 10]');
        process.exit(0);
        break;
      default: throw new Error(`unknown option ${arg}`);
    }
  }
  if (!(opts.secondsPerPhoto > 0)) throw new Error('--seconds-per-photo must be > 0');
  if (opts.width % 2 || opts.height % 2) throw new Error('width and height must be even (4:2:0)');
  if (!opts.photos.length) throw new Error('--photos is empty');
  return opts;
}

/**
 * Area (box) filter weights for one axis: output pixel i covers source interval
 * [(i + off) / scale, (i + 1 + off) / scale); every source pixel contributes by its overlap.
 */
function axisWeights(outLen, srcLen, scale, off) {
  const result = [];
  for (let i = 0; i < outLen; i++) {
    const a = (i + off) / scale;
    const b = (i + 1 + off) / scale;
    const first = Math.max(0, Math.floor(a));
    const last = Math.min(srcLen - 1, Math.ceil(b) - 1);
    const idx = [];
    const w = [];
    let sum = 0;
    for (let s = first; s <= last; s++) {
      const overlap = Math.min(b, s + 1) - Math.max(a, s);
      if (overlap > 0) { idx.push(s); w.push(overlap); sum += overlap; }
    }
    for (let k = 0; k < w.length; k++) w[k] /= sum;
    result.push({ idx, w });
  }
  return result;
}

/** Scale RGBA source to cover outW x outH, center-crop; returns Float32 RGB [0,255]. */
function coverCrop(src, srcW, srcH, outW, outH) {
  const scale = Math.max(outW / srcW, outH / srcH);
  // Offsets of the crop in scaled (video) pixels.
  const offX = (srcW * scale - outW) / 2;
  const offY = (srcH * scale - outH) / 2;
  const wx = axisWeights(outW, srcW, scale, offX);
  const wy = axisWeights(outH, srcH, scale, offY);

  // Horizontal pass on the rows that the vertical pass needs.
  const rowsNeeded = new Set();
  for (const { idx } of wy) for (const r of idx) rowsNeeded.add(r);
  const tmp = new Map();
  for (const r of rowsNeeded) {
    const row = new Float32Array(outW * 3);
    const base = r * srcW * 4;
    for (let x = 0; x < outW; x++) {
      const { idx, w } = wx[x];
      let R = 0, G = 0, B = 0;
      for (let k = 0; k < idx.length; k++) {
        const p = base + idx[k] * 4;
        R += src[p] * w[k]; G += src[p + 1] * w[k]; B += src[p + 2] * w[k];
      }
      row[x * 3] = R; row[x * 3 + 1] = G; row[x * 3 + 2] = B;
    }
    tmp.set(r, row);
  }
  const out = new Float32Array(outW * outH * 3);
  for (let y = 0; y < outH; y++) {
    const { idx, w } = wy[y];
    const o = y * outW * 3;
    for (let k = 0; k < idx.length; k++) {
      const row = tmp.get(idx[k]);
      const wk = w[k];
      for (let i = 0; i < outW * 3; i++) out[o + i] += row[i] * wk;
    }
  }
  return {
    rgb: out,
    scale,
    crop: { x: offX / scale, y: offY / scale, width: outW / scale, height: outH / scale },
  };
}

/** The RGB image moved `dx` pixels to the right, black where nothing is. */
function shifted(rgb, w, h, dx) {
  const out = new Float32Array(rgb.length);
  for (let y = 0; y < h; y++) {
    const row = y * w * 3;
    for (let x = Math.max(0, dx); x < w; x++) {
      const from = row + (x - dx) * 3;
      const to = row + x * 3;
      out[to] = rgb[from];
      out[to + 1] = rgb[from + 1];
      out[to + 2] = rgb[from + 2];
    }
  }
  return out;
}

const clamp8 = (v) => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

/** RGB float -> I420 planes, BT.601 limited range ("studio swing", Y 16..235, C 16..240). */
function rgbToI420(rgb, w, h) {
  const Y = Buffer.alloc(w * h);
  const U = Buffer.alloc((w / 2) * (h / 2));
  const V = Buffer.alloc((w / 2) * (h / 2));
  for (let i = 0, p = 0; i < w * h; i++, p += 3) {
    Y[i] = clamp8(16 + (65.481 * rgb[p] + 128.553 * rgb[p + 1] + 24.966 * rgb[p + 2]) / 255);
  }
  // Chroma from the 2x2 average (centered siting, which is what C420jpeg declares).
  for (let cy = 0; cy < h / 2; cy++) {
    for (let cx = 0; cx < w / 2; cx++) {
      let r = 0, g = 0, b = 0;
      for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]]) {
        const p = ((cy * 2 + dy) * w + cx * 2 + dx) * 3;
        r += rgb[p]; g += rgb[p + 1]; b += rgb[p + 2];
      }
      r /= 4 * 255; g /= 4 * 255; b /= 4 * 255;
      const c = cy * (w / 2) + cx;
      U[c] = clamp8(128 - 37.797 * r - 74.203 * g + 112.0 * b);
      V[c] = clamp8(128 + 112.0 * r - 93.786 * g - 18.214 * b);
    }
  }
  return Buffer.concat([Y, U, V]);
}

export function makeFakeCamera(options = {}) {
  const opts = { ...parseArgs([]), ...options };
  const framesPerPhoto = Math.max(1, Math.round(opts.secondsPerPhoto * opts.fps));
  mkdirSync(dirname(opts.out), { recursive: true });
  const fd = openSync(opts.out, 'w');
  const photos = [];
  try {
    writeSync(fd, `YUV4MPEG2 W${opts.width} H${opts.height} F${opts.fps}:1 Ip A1:1 C420jpeg XYSCSS=420JPEG\n`);
    let frame = 0;
    for (const n of opts.photos) {
      const file = `sample${n}.jpg`;
      const img = jpeg.decode(readFileSync(resolve(demoDir, file)), { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
      const { rgb, scale, crop } = coverCrop(img.data, img.width, img.height, opts.width, opts.height);
      const still = opts.pan ? null : rgbToI420(rgb, opts.width, opts.height);
      for (let f = 0; f < framesPerPhoto; f++) {
        writeSync(fd, 'FRAME\n');
        writeSync(fd, still ?? rgbToI420(shifted(rgb, opts.width, opts.height, Math.round(f * opts.pan)), opts.width, opts.height));
      }
      photos.push({
        file,
        width: img.width,
        height: img.height,
        /** video pixels per photo pixel */
        scale,
        /** the part of the photo that is visible, in photo pixels */
        crop,
        firstFrame: frame,
        frames: framesPerPhoto,
        /** video pixels the photo moves right per frame */
        pan: opts.pan,
      });
      frame += framesPerPhoto;
    }
  } finally {
    closeSync(fd);
  }
  const meta = {
    video: opts.out,
    width: opts.width,
    height: opts.height,
    fps: opts.fps,
    format: 'yuv420p BT.601 limited range',
    mapping: 'videoX = (photoX - crop.x) * scale; videoY = (photoY - crop.y) * scale',
    frames: photos.reduce((s, p) => s + p.frames, 0),
    photos,
  };
  writeFileSync(`${opts.out}.json`, JSON.stringify(meta, null, 2) + '\n');
  return meta;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const t0 = performance.now();
    const meta = makeFakeCamera(parseArgs(process.argv.slice(2)));
    console.log(`wrote ${meta.video} (${meta.width}x${meta.height} @ ${meta.fps} fps, ${meta.frames} frames, ` +
      `photos ${meta.photos.map((p) => p.file).join(',')}) in ${Math.round(performance.now() - t0)} ms`);
  } catch (err) {
    console.error(`make-fake-camera: ${err.message}`);
    process.exit(1);
  }
}
