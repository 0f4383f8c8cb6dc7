// Reads a YOLO set: one .txt per image with "class cx cy w h" lines (normalized to the image),
// and a names file. The boxes only become pixels with the image sizes, so the caller passes the
// images it found (decoded sizes). Images without a labels file are images with no objects.
// Category ids are the YOLO class indices; area is the box's w*h in pixels.

import type { Dataset, DatasetAnnotation } from '../types.ts';
import { readNames } from './names.ts';
import { attempt, baseName, checkInside, refuse, stem, type ReadResult } from './refusal.ts';

export interface TextFile {
  name: string;
  text: string;
}

export interface YoloInput {
  /** the labels files, one .txt per image (other files and a classes.txt among them are skipped) */
  labels: readonly TextFile[];
  /** classes.txt / obj.names (one name per line) or data.yaml */
  names: TextFile;
  /** every image of the set, with its decoded size */
  images: readonly { name: string; width: number; height: number }[];
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function readYolo(input: YoloInput): ReadResult<Dataset> {
  return attempt(() => {
    const names = readNames(input.names.text, input.names.name);
    const categories = names.map((name, id) => ({ id, name }));
    const images = [...input.images]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((img, i) => ({ id: i + 1, file_name: img.name, width: img.width, height: img.height }));
    const byStem = new Map<string, (typeof images)[number]>();
    for (const img of images) if (!byStem.has(stem(img.file_name))) byStem.set(stem(img.file_name), img);

    const annotations: DatasetAnnotation[] = [];
    const namesBase = baseName(input.names.name);
    // labels are .txt files; a names file kept among them (classes.txt is the usual) is not one
    const labels = input.labels
      .filter((f) => /\.txt$/i.test(f.name) && baseName(f.name) !== namesBase && baseName(f.name).toLowerCase() !== 'classes.txt')
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const f of labels) {
      const img = byStem.get(stem(f.name));
      if (!img) refuse({ code: 'missing-image', file: f.name, params: { name: stem(f.name) } }, `no image named ${stem(f.name)}.* for these labels`);
      f.text.split(/\r?\n/).forEach((raw, i) => {
        const line = i + 1;
        const tokens = raw.trim().split(/\s+/).filter(Boolean);
        if (tokens.length === 0) return;
        if (tokens.length !== 5) {
          refuse(
            { code: 'malformed-line', file: f.name, line, params: { tokens: tokens.length } },
            tokens.length > 5
              ? `${tokens.length} values; expected "class cx cy w h" (segments and scores are not labels)`
              : `${tokens.length} values; expected "class cx cy w h"`,
          );
        }
        if (!/^\d+$/.test(tokens[0])) refuse({ code: 'malformed-line', file: f.name, line }, `class "${tokens[0]}" is not a class index`);
        const cls = Number(tokens[0]);
        if (cls >= names.length) {
          refuse({ code: 'unknown-class', file: f.name, line, params: { index: cls, classes: names.length } }, `class ${cls} is not in the names file (${names.length} classes)`);
        }
        if (!tokens.slice(1).every((t) => NUMBER.test(t))) refuse({ code: 'malformed-line', file: f.name, line }, 'cx cy w h must be numbers');
        const [cx, cy, w, h] = tokens.slice(1).map(Number);
        if (w < 0 || h < 0) refuse({ code: 'bad-box', file: f.name, line, params: { w, h } }, `negative box size (${w} x ${h})`);
        const bbox: [number, number, number, number] = [(cx - w / 2) * img.width, (cy - h / 2) * img.height, w * img.width, h * img.height];
        checkInside(bbox, img.width, img.height, { file: f.name, line });
        annotations.push({ id: annotations.length + 1, image_id: img.id, category_id: cls, bbox, area: bbox[2] * bbox[3], iscrowd: 0 });
      });
    }
    return { images, annotations, categories };
  });
}
