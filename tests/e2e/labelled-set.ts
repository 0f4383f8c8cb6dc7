// A labelled set made at test time, needing nothing outside the repository: the sample photos
// shipped in @vladmandic/face-api with the faces face-api itself finds in them as ground truth
// (tests/.fixtures/face-api-reference.json: the same weights as our face model, so it must
// find them), as COCO instances. `copies` repeats the photos under other names for a set long
// enough to cancel in the middle of. Written to a folder, as a user would have it on disk.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FACE_REFERENCE, ROOT } from './browser';

interface FaceReference {
  photos: { file: string; width: number; height: number; faces: { score: number; box: { x: number; y: number; width: number; height: number } }[] }[];
}

export const PHOTOS = join(ROOT, 'node_modules/@vladmandic/face-api/demo');

export interface FaceSet {
  /** the folder (its name is the set's name) */
  dir: string;
  instances: string;
  images: number;
  annotations: number;
}

/** `photos` of the six sample photos, each `copies` times, as `<name>/instances.json` + `images/`. */
export function writeFaceSet(name: string, { photos = 4, copies = 1, categoryId = 7 } = {}): FaceSet {
  const ref: FaceReference = JSON.parse(readFileSync(FACE_REFERENCE, 'utf8'));
  const dir = join(mkdtempSync(join(tmpdir(), 'ssd-cam-set-')), name);
  mkdirSync(join(dir, 'images'), { recursive: true });
  const images: Array<{ id: number; file_name: string; width: number; height: number }> = [];
  const annotations: unknown[] = [];
  for (let c = 0; c < copies; c++) {
    for (const p of ref.photos.slice(0, photos)) {
      const id = 101 + images.length;
      const file = copies === 1 ? p.file : p.file.replace('.jpg', `-${c + 1}.jpg`);
      writeFileSync(join(dir, 'images', file), readFileSync(join(PHOTOS, p.file)));
      images.push({ id, file_name: file, width: p.width, height: p.height });
      for (const f of p.faces) {
        annotations.push({ id: annotations.length + 1, image_id: id, category_id: categoryId, bbox: [f.box.x, f.box.y, f.box.width, f.box.height], area: f.box.width * f.box.height, iscrowd: 0 });
      }
    }
  }
  const instances = JSON.stringify({ images, annotations, categories: [{ id: categoryId, name: 'face', supercategory: 'person' }] });
  writeFileSync(join(dir, 'instances.json'), instances);
  return { dir, instances, images: images.length, annotations: annotations.length };
}
