// Reads a COCO "instances" file (images, annotations with bbox [x,y,w,h], area and iscrowd,
// categories) into the internal form, keeping every value COCOeval reads as it is, so the
// figures match the official evaluator's. Also reads a COCO results file (detections).

import type { BBox, Dataset, DatasetAnnotation, DatasetCategory, DatasetImage, Detection } from '../types.ts';
import { arr, bbox, isObj, num, obj, parseJson, str } from './json.ts';
import { attempt, checkInside, imageLookup, refuse, type ReadResult } from './refusal.ts';

export interface ImageFile {
  /** path as found, e.g. images/0001.jpg; matched to file_name by path, then by base name */
  name: string;
  /** when known (decoded), checked against the set's */
  width?: number;
  height?: number;
}

export interface CocoReadOptions {
  /** the images that came with the set: each listed image must be among them */
  images?: readonly ImageFile[];
}

export function readCocoInstances(text: string, file: string, options: CocoReadOptions = {}): ReadResult<Dataset> {
  return attempt(() => {
    const root = parseJson(text, file);
    if (!isObj(root)) refuse({ code: 'malformed-file', file }, 'a COCO instances file is a JSON object with images, annotations and categories');
    const find = options.images ? imageLookup(options.images) : undefined;

    const images: DatasetImage[] = [];
    const imageById = new Map<number, DatasetImage>();
    arr(root, 'images', file).forEach((v, i) => {
      const path = `images[${i}]`;
      const o = obj(v, file, path);
      const img = { id: num(o, 'id', file, path), file_name: str(o, 'file_name', file, path), width: num(o, 'width', file, path), height: num(o, 'height', file, path) };
      if (img.width <= 0 || img.height <= 0) refuse({ code: 'malformed-field', file, field: `${path}.width` }, `image size ${img.width}x${img.height} is not positive`);
      if (imageById.has(img.id)) refuse({ code: 'duplicate-id', file, field: `${path}.id`, params: { id: img.id } }, `image id ${img.id} appears twice`);
      if (find) {
        const f = find(img.file_name);
        if (!f) refuse({ code: 'missing-image', file, field: `${path}.file_name`, params: { name: img.file_name } }, `image ${img.file_name} is not among the images`);
        if (f.width !== undefined && f.height !== undefined && (f.width !== img.width || f.height !== img.height)) {
          refuse(
            { code: 'size-mismatch', file, field: `${path}.width`, params: { name: img.file_name, width: f.width, height: f.height } },
            `${img.file_name} is ${f.width}x${f.height}, the labels say ${img.width}x${img.height}`,
          );
        }
      }
      images.push(img);
      imageById.set(img.id, img);
    });

    const categories: DatasetCategory[] = [];
    const categoryIds = new Set<number>();
    arr(root, 'categories', file).forEach((v, i) => {
      const path = `categories[${i}]`;
      const o = obj(v, file, path);
      const c = { id: num(o, 'id', file, path), name: str(o, 'name', file, path) };
      if (categoryIds.has(c.id)) refuse({ code: 'duplicate-id', file, field: `${path}.id`, params: { id: c.id } }, `category id ${c.id} appears twice`);
      categoryIds.add(c.id);
      categories.push(c);
    });

    const annotations: DatasetAnnotation[] = [];
    arr(root, 'annotations', file).forEach((v, i) => {
      const path = `annotations[${i}]`;
      const o = obj(v, file, path);
      const imageId = num(o, 'image_id', file, path);
      const img = imageById.get(imageId);
      if (!img) refuse({ code: 'unknown-image', file, field: `${path}.image_id`, params: { id: imageId } }, `image_id ${imageId} is not in images`);
      const categoryId = num(o, 'category_id', file, path);
      if (!categoryIds.has(categoryId)) refuse({ code: 'unknown-class', file, field: `${path}.category_id`, params: { id: categoryId } }, `category_id ${categoryId} is not in categories`);
      const box = bbox(o.bbox, file, `${path}.bbox`);
      checkInside(box, img.width, img.height, { file, field: `${path}.bbox` });
      // COCOeval reads area (the mask's) for the size ranges; files without it get the box's
      const area = o.area === undefined ? box[2] * box[3] : num(o, 'area', file, path);
      const crowd = o.iscrowd;
      if (crowd !== undefined && crowd !== 0 && crowd !== 1 && typeof crowd !== 'boolean') {
        refuse({ code: 'malformed-field', file, field: `${path}.iscrowd` }, 'iscrowd must be 0 or 1');
      }
      annotations.push({
        id: typeof o.id === 'number' ? o.id : i + 1,
        image_id: imageId,
        category_id: categoryId,
        bbox: box,
        area,
        iscrowd: crowd === 1 || crowd === true ? 1 : 0,
      });
    });
    return { images, annotations, categories };
  });
}

/** A COCO results file: [{image_id, category_id, bbox, score}]. Detections on an image the set does
 * not have are refused (COCO's loadRes refuses them too); an unknown category is kept, and the
 * evaluator leaves it out and counts it. */
export function readCocoResults(text: string, file: string, gt: Dataset): ReadResult<Detection[]> {
  return attempt(() => {
    const root = parseJson(text, file);
    if (!Array.isArray(root)) refuse({ code: 'malformed-file', file }, 'a COCO results file is a JSON list of {image_id, category_id, bbox, score}');
    const imageIds = new Set(gt.images.map((i) => i.id));
    return root.map((v, i): Detection => {
      const path = `[${i}]`;
      const o = obj(v, file, path);
      const imageId = num(o, 'image_id', file, path);
      if (!imageIds.has(imageId)) refuse({ code: 'unknown-image', file, field: `${path}.image_id`, params: { id: imageId } }, `image_id ${imageId} is not in the ground truth`);
      const box: BBox = bbox(o.bbox, file, `${path}.bbox`);
      return { image_id: imageId, category_id: num(o, 'category_id', file, path), bbox: box, score: num(o, 'score', file, path) };
    });
  });
}
