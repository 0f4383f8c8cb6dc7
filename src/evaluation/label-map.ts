// Maps a model's class names to a labelled set's categories by name: case, spaces, "_" and "-"
// do not matter ("dining table" = "diningtable" = "Dining_Table"), a few known synonyms between
// COCO and Pascal VOC names are the same class, and the caller may add its own pairs. Says which
// model classes and which set categories found no partner.

import type { DatasetCategory, Detection } from './types.ts';

/** name differences between COCO and Pascal VOC (and common spellings), both ways */
export const SYNONYMS: readonly (readonly [string, string])[] = [
  ['motorbike', 'motorcycle'],
  ['aeroplane', 'airplane'],
  ['tvmonitor', 'tv'],
  ['sofa', 'couch'],
  ['diningtable', 'dining table'],
  ['pottedplant', 'potted plant'],
  ['hair dryer', 'hair drier'],
  ['cellphone', 'cell phone'],
];

/** lower case, letters and digits only */
export const labelKey = (name: string): string => name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

export interface LabelPair {
  modelIndex: number;
  modelLabel: string;
  categoryId: number;
  categoryName: string;
  via: 'name' | 'synonym' | 'custom';
}

export interface LabelMapping {
  /** model class index -> category id; undefined where unmapped (or the label is empty) */
  toCategory: (number | undefined)[];
  /** model label -> category id, for detections that carry names */
  byLabel: Map<string, number>;
  pairs: LabelPair[];
  /** model classes with no category in the set: their detections are not scored */
  unmappedModel: { index: number; label: string }[];
  /** set categories no model class maps to: the model cannot find them (AP 0 where they have boxes) */
  unmappedCategories: DatasetCategory[];
}

/**
 * @param modelLabels the model's classes by index ('' for unused indices, as in COCO's 90-id list)
 * @param custom extra pairs, model label -> set category name (compared the same tolerant way)
 */
export function mapLabels(
  modelLabels: readonly string[],
  categories: readonly DatasetCategory[],
  custom: Readonly<Record<string, string>> = {},
): LabelMapping {
  const byKey = new Map<string, DatasetCategory>();
  for (const c of categories) if (!byKey.has(labelKey(c.name))) byKey.set(labelKey(c.name), c);
  const synonym = new Map<string, string[]>();
  for (const [a, b] of SYNONYMS) {
    const [ka, kb] = [labelKey(a), labelKey(b)];
    synonym.set(ka, [...(synonym.get(ka) ?? []), kb]);
    synonym.set(kb, [...(synonym.get(kb) ?? []), ka]);
  }
  const customByKey = new Map(Object.entries(custom).map(([m, c]) => [labelKey(m), labelKey(c)]));

  const toCategory: (number | undefined)[] = [];
  const byLabel = new Map<string, number>();
  const pairs: LabelPair[] = [];
  const unmappedModel: { index: number; label: string }[] = [];
  modelLabels.forEach((label, index) => {
    toCategory.push(undefined);
    if (!label.trim()) return;
    const key = labelKey(label);
    let found: DatasetCategory | undefined;
    let via: LabelPair['via'] = 'name';
    const c = customByKey.get(key);
    if (c !== undefined && byKey.has(c)) {
      found = byKey.get(c);
      via = 'custom';
    } else if (byKey.has(key)) {
      found = byKey.get(key);
    } else {
      const alt = (synonym.get(key) ?? []).find((k) => byKey.has(k));
      if (alt) {
        found = byKey.get(alt);
        via = 'synonym';
      }
    }
    if (!found) {
      unmappedModel.push({ index, label });
      return;
    }
    toCategory[index] = found.id;
    byLabel.set(label, found.id);
    pairs.push({ modelIndex: index, modelLabel: label, categoryId: found.id, categoryName: found.name, via });
  });
  const mapped = new Set(pairs.map((p) => p.categoryId));
  return { toCategory, byLabel, pairs, unmappedModel, unmappedCategories: categories.filter((c) => !mapped.has(c.id)) };
}

/** What a detector returns for one image (the worker's DetectedObject has this shape). */
export interface ModelDetection {
  label: string;
  score: number;
  /** normalized to the image, 0..1 */
  box: { x: number; y: number; width: number; height: number };
}

/**
 * One image's model detections as COCO detections in image pixels, classes mapped to the set's;
 * detections of unmapped classes are left out and counted.
 */
export function toCocoDetections(
  imageId: number,
  objects: readonly ModelDetection[],
  width: number,
  height: number,
  mapping: Pick<LabelMapping, 'byLabel'>,
): { detections: Detection[]; unmapped: number } {
  const detections: Detection[] = [];
  let unmapped = 0;
  for (const o of objects) {
    const categoryId = mapping.byLabel.get(o.label);
    if (categoryId === undefined) {
      unmapped++;
      continue;
    }
    detections.push({
      image_id: imageId,
      category_id: categoryId,
      bbox: [o.box.x * width, o.box.y * height, o.box.width * width, o.box.height * height],
      score: o.score,
    });
  }
  return { detections, unmapped };
}
