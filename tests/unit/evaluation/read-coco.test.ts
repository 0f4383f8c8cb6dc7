// COCO instances and results files: what is read, and every refusal naming the file and field.

import { describe, expect, test } from 'vitest';
import { readCocoInstances, readCocoResults } from '../../../src/evaluation/readers/coco.ts';
import type { Dataset } from '../../../src/evaluation/types.ts';
import { refused } from './refused.ts';

const base = () => ({
  images: [
    { id: 1, file_name: 'a.jpg', width: 100, height: 80 },
    { id: 2, file_name: 'b.jpg', width: 50, height: 50 },
  ],
  categories: [
    { id: 1, name: 'person' },
    { id: 18, name: 'dog' },
  ],
  annotations: [
    { id: 7, image_id: 1, category_id: 18, bbox: [10, 10, 20, 30], area: 450.5, iscrowd: 0 },
    { id: 8, image_id: 2, category_id: 1, bbox: [0, 0, 50, 50], area: 2000, iscrowd: 1 },
  ],
});

const refusal = (text: string, images?: { name: string; width?: number; height?: number }[]) => refused(readCocoInstances(text, 'instances.json', { images }));

describe('COCO instances', () => {
  test('reads images, annotations (area and iscrowd kept) and categories', () => {
    const r = readCocoInstances(JSON.stringify(base()), 'instances.json');
    expect(r.ok).toBe(true);
    const d = (r as { value: Dataset }).value;
    expect(d.images).toEqual(base().images);
    expect(d.categories).toEqual(base().categories);
    expect(d.annotations).toEqual([
      { id: 7, image_id: 1, category_id: 18, bbox: [10, 10, 20, 30], area: 450.5, iscrowd: 0 },
      { id: 8, image_id: 2, category_id: 1, bbox: [0, 0, 50, 50], area: 2000, iscrowd: 1 },
    ]);
  });

  test('missing area is the box area, missing iscrowd is 0, missing id is the position', () => {
    const j = base();
    j.annotations = [{ image_id: 1, category_id: 1, bbox: [0, 0, 4, 5] }] as never;
    const r = readCocoInstances(JSON.stringify(j), 'instances.json');
    expect(r.ok && r.value.annotations[0]).toEqual({ id: 1, image_id: 1, category_id: 1, bbox: [0, 0, 4, 5], area: 20, iscrowd: 0 });
  });

  test('boxes up to 1 px outside the image are kept as they are', () => {
    const j = base();
    j.annotations[0].bbox = [-0.5, 0, 100.9, 80.4];
    const r = readCocoInstances(JSON.stringify(j), 'instances.json');
    expect(r.ok && r.value.annotations[0].bbox).toEqual([-0.5, 0, 100.9, 80.4]);
  });

  test('not JSON: the line and column of the error', () => {
    const e = refusal('{\n  "images": [\n    {"id": 1,,}\n  ]\n}');
    expect(e).toMatchObject({ code: 'malformed-file', file: 'instances.json', line: 3, params: { column: 14 } });
    expect(e.message).toBe('instances.json, line 3: not valid JSON: unexpected "," at column 14');
    expect(refusal('{"images": [\n{"id": 1}')).toMatchObject({ line: 2, message: 'instances.json, line 2: not valid JSON: the text ends too early at column 10' });
    expect(refusal("{'images': []}")).toMatchObject({ line: 1, params: { column: 2 } });
    expect(refusal('{"a": "x\\"y"} extra')).toMatchObject({ line: 1, params: { column: 15 } });
  });

  test('not an instances file', () => {
    expect(refusal('[1, 2]')).toMatchObject({ code: 'malformed-file' });
    const j = base() as Partial<ReturnType<typeof base>>;
    delete j.categories;
    expect(refusal(JSON.stringify(j))).toMatchObject({ code: 'malformed-field', field: 'categories' });
  });

  test('a field of the wrong kind names its path', () => {
    const j = base();
    (j.images[1] as Record<string, unknown>).width = '50';
    expect(refusal(JSON.stringify(j))).toMatchObject({ code: 'malformed-field', field: 'images[1].width', message: 'instances.json, images[1].width: width must be a number' });
  });

  test('annotation on an image that is not listed', () => {
    const j = base();
    j.annotations[1].image_id = 3;
    expect(refusal(JSON.stringify(j))).toMatchObject({ code: 'unknown-image', field: 'annotations[1].image_id', params: { id: 3 } });
  });

  test('unknown class', () => {
    const j = base();
    j.annotations[0].category_id = 5;
    const e = refusal(JSON.stringify(j));
    expect(e).toMatchObject({ code: 'unknown-class', field: 'annotations[0].category_id' });
    expect(e.message).toBe('instances.json, annotations[0].category_id: category_id 5 is not in categories');
  });

  test('a box that is not four numbers, or has a negative size', () => {
    const j = base();
    j.annotations[0].bbox = [1, 2, 3];
    expect(refusal(JSON.stringify(j))).toMatchObject({ code: 'bad-box', field: 'annotations[0].bbox' });
    j.annotations[0].bbox = [1, 2, -3, 4];
    expect(refusal(JSON.stringify(j))).toMatchObject({ code: 'bad-box', field: 'annotations[0].bbox' });
  });

  test('a box more than 1 px outside its image', () => {
    const j = base();
    j.annotations[0].bbox = [90, 10, 20, 30]; // right edge 110 on a 100 px wide image
    const e = refusal(JSON.stringify(j));
    expect(e).toMatchObject({ code: 'box-outside-image', field: 'annotations[0].bbox', params: { width: 100, height: 80 } });
    expect(e.message).toBe('instances.json, annotations[0].bbox: box [90, 10, 20, 30] goes 10 px outside the 100x80 image');
  });

  test('duplicate ids', () => {
    const j = base();
    j.images[1].id = 1;
    expect(refusal(JSON.stringify(j))).toMatchObject({ code: 'duplicate-id', field: 'images[1].id' });
    const k = base();
    k.categories[1].id = 1;
    expect(refusal(JSON.stringify(k))).toMatchObject({ code: 'duplicate-id', field: 'categories[1].id' });
  });

  test('with the images at hand: a listed image that is missing, or of another size', () => {
    expect(refusal(JSON.stringify(base()), [{ name: 'images/a.jpg' }])).toMatchObject({
      code: 'missing-image',
      field: 'images[1].file_name',
      message: 'instances.json, images[1].file_name: image b.jpg is not among the images',
    });
    expect(refusal(JSON.stringify(base()), [{ name: 'images/a.jpg', width: 80, height: 100 }, { name: 'b.jpg' }])).toMatchObject({
      code: 'size-mismatch',
      field: 'images[0].width',
    });
    expect(readCocoInstances(JSON.stringify(base()), 'i.json', { images: [{ name: 'x/a.jpg', width: 100, height: 80 }, { name: 'b.jpg' }] }).ok).toBe(true);
  });
});

describe('COCO results', () => {
  const gt = (readCocoInstances(JSON.stringify(base()), 'instances.json') as { value: Dataset }).value;

  test('reads the detections', () => {
    const r = readCocoResults(JSON.stringify([{ image_id: 1, category_id: 18, bbox: [1, 2, 3, 4], score: 0.9 }]), 'results.json', gt);
    expect(r).toEqual({ ok: true, value: [{ image_id: 1, category_id: 18, bbox: [1, 2, 3, 4], score: 0.9 }] });
  });

  test('refuses a non-list, a missing score and an image the set does not have', () => {
    const bad = (v: unknown) => {
      const r = readCocoResults(JSON.stringify(v), 'results.json', gt);
      return r.ok ? undefined : r.error;
    };
    expect(bad({ annotations: [] })).toMatchObject({ code: 'malformed-file', file: 'results.json' });
    expect(bad([{ image_id: 1, category_id: 1, bbox: [1, 2, 3, 4] }])).toMatchObject({ code: 'malformed-field', field: '[0].score' });
    expect(bad([{ image_id: 1, category_id: 1, bbox: [1, 2, 3, 4], score: 1 }, { image_id: 9, category_id: 1, bbox: [1, 2, 3, 4], score: 1 }])).toMatchObject({
      code: 'unknown-image',
      field: '[1].image_id',
    });
  });
});
