// YOLO sets: names files (classes.txt, obj.names, data.yaml), label lines to pixel boxes, and
// every refusal naming the file and line.

import { describe, expect, test } from 'vitest';
import { readNames } from '../../../src/evaluation/readers/names.ts';
import { RefusalError, type Refusal } from '../../../src/evaluation/readers/refusal.ts';
import { readYolo, type YoloInput } from '../../../src/evaluation/readers/yolo.ts';
import type { Dataset } from '../../../src/evaluation/types.ts';
import { refused } from './refused.ts';

function namesRefusal(text: string, file: string): Refusal {
  try {
    readNames(text, file);
  } catch (e) {
    if (e instanceof RefusalError) return e.refusal;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('names', () => {
  test('one per line (classes.txt, obj.names), trailing blank lines and CRLF allowed', () => {
    expect(readNames('person\r\nbicycle\r\ncar\r\n\r\n', 'classes.txt')).toEqual(['person', 'bicycle', 'car']);
    expect(readNames('face\n', 'obj.names')).toEqual(['face']);
  });

  test('data.yaml: flow list, block list, index mapping', () => {
    expect(readNames("path: ../x\nnames: ['person', \"traffic light\", car]  # 3\nnc: 3\n", 'data.yaml')).toEqual(['person', 'traffic light', 'car']);
    expect(readNames('names: [person,\n  bicycle]\n', 'data.yaml')).toEqual(['person', 'bicycle']);
    expect(readNames('nc: 2\nnames:\n  - person\n  - "hair drier"\ntrain: images\n', 'data.yml')).toEqual(['person', 'hair drier']);
    expect(readNames('names:\n  0: person\n  1: bicycle\n  # comment\n  2: traffic light\nval: x\n', 'data.yaml')).toEqual(['person', 'bicycle', 'traffic light']);
    expect(readNames('names: {0: a, 1: b}\n', 'data.yaml')).toEqual(['a', 'b']);
  });

  test('refusals', () => {
    expect(namesRefusal('', 'classes.txt')).toMatchObject({ code: 'no-classes', file: 'classes.txt' });
    expect(namesRefusal('person\n\ncar\n', 'classes.txt')).toMatchObject({ code: 'malformed-line', line: 2 });
    expect(namesRefusal('nc: 2\n', 'data.yaml')).toMatchObject({ code: 'no-classes' });
    expect(namesRefusal('x: 1\nnames:\n  0: a\n  2: c\n', 'data.yaml')).toMatchObject({ code: 'malformed-line', line: 2, params: { index: 1 } });
    expect(namesRefusal('names: [a, b\n', 'data.yaml')).toMatchObject({ code: 'malformed-line', line: 1 });
  });
});

const input = (labels: Record<string, string>, overrides: Partial<YoloInput> = {}): YoloInput => ({
  labels: Object.entries(labels).map(([name, text]) => ({ name, text })),
  names: { name: 'classes.txt', text: 'person\ndog\n' },
  images: [
    { name: 'images/b.jpg', width: 200, height: 100 },
    { name: 'images/a.png', width: 640, height: 480 },
    { name: 'images/c.jpg', width: 10, height: 10 },
  ],
  ...overrides,
});

const refusal = (i: YoloInput) => refused(readYolo(i));

describe('YOLO labels', () => {
  test('normalized centre boxes to pixel [x, y, w, h]; images without labels have no objects', () => {
    // b.jpg 200x100, "1 0.5 0.5 0.2 0.4": w = 0.2*200 = 40, h = 0.4*100 = 40,
    // x = (0.5 - 0.1)*200 = 80, y = (0.5 - 0.2)*100 = 30; area 40*40 = 1600
    const r = readYolo(input({ 'labels/b.txt': '1 0.5 0.5 0.2 0.4\n\n0 0.25 0.5 0.5 1\n', 'labels/a.txt': '' }));
    expect(r.ok).toBe(true);
    const d = (r as { value: Dataset }).value;
    expect(d.categories).toEqual([{ id: 0, name: 'person' }, { id: 1, name: 'dog' }]);
    // images numbered in name order
    expect(d.images.map((i) => [i.id, i.file_name])).toEqual([[1, 'images/a.png'], [2, 'images/b.jpg'], [3, 'images/c.jpg']]);
    expect(d.annotations).toHaveLength(2);
    const [dog, person] = d.annotations;
    expect(dog).toMatchObject({ id: 1, image_id: 2, category_id: 1, iscrowd: 0 });
    dog.bbox.forEach((v, i) => expect(v).toBeCloseTo([80, 30, 40, 40][i], 10));
    expect(dog.area).toBeCloseTo(1600, 10);
    // "0 0.25 0.5 0.5 1": [0, 0, 100, 100]
    person.bbox.forEach((v, i) => expect(v).toBeCloseTo([0, 0, 100, 100][i], 10));
  });

  test('a names file among the labels is not read as labels; data.yaml works as names', () => {
    const r = readYolo(input({ 'labels/classes.txt': 'person\ndog\n', 'labels/c.txt': '0 0.5 0.5 1 1' }, { names: { name: 'data.yaml', text: 'names: [person, dog]' } }));
    expect(r.ok && r.value.annotations).toHaveLength(1);
  });

  test('labels without an image', () => {
    const e = refusal(input({ 'labels/zzz.txt': '0 0.5 0.5 0.1 0.1' }));
    expect(e).toMatchObject({ code: 'missing-image', file: 'labels/zzz.txt', message: 'labels/zzz.txt: no image named zzz.* for these labels' });
  });

  test('unknown class, with the line', () => {
    const e = refusal(input({ 'labels/b.txt': '0 0.5 0.5 0.1 0.1\n2 0.5 0.5 0.1 0.1\n' }));
    expect(e).toMatchObject({ code: 'unknown-class', file: 'labels/b.txt', line: 2, params: { index: 2, classes: 2 } });
    expect(e.message).toBe('labels/b.txt, line 2: class 2 is not in the names file (2 classes)');
  });

  test('malformed lines: too few or too many values, words, a fractional class', () => {
    expect(refusal(input({ 'labels/b.txt': '0 0.5 0.5 0.1\n' }))).toMatchObject({ code: 'malformed-line', line: 1, params: { tokens: 4 } });
    const seg = refusal(input({ 'labels/b.txt': '\n0 0.1 0.1 0.2 0.1 0.2 0.2\n' }));
    expect(seg).toMatchObject({ code: 'malformed-line', line: 2 });
    expect(seg.message).toMatch(/segments and scores are not labels/);
    expect(refusal(input({ 'labels/b.txt': '0 0.5 x 0.1 0.1\n' }))).toMatchObject({ code: 'malformed-line', line: 1 });
    expect(refusal(input({ 'labels/b.txt': '1.0 0.5 0.5 0.1 0.1\n' }))).toMatchObject({ code: 'malformed-line', line: 1 });
    expect(refusal(input({ 'labels/b.txt': '0 0.5 0.5 -0.1 0.1\n' }))).toMatchObject({ code: 'bad-box', line: 1 });
  });

  test('a box outside the image beyond 1 px is refused; within it, kept', () => {
    // b.jpg 200 px wide: cx 0.95, w 0.2 -> right edge 1.05*200 = 210, 10 px outside
    expect(refusal(input({ 'labels/b.txt': '0 0.95 0.5 0.2 0.2' }))).toMatchObject({ code: 'box-outside-image', file: 'labels/b.txt', line: 1 });
    // right edge 1.004*200 = 200.8: inside the tolerance
    expect(readYolo(input({ 'labels/b.txt': '0 0.904 0.5 0.2 0.2' })).ok).toBe(true);
  });

  test('a bad names file is refused with its own name', () => {
    expect(refusal(input({}, { names: { name: 'obj.names', text: '\n' } }))).toMatchObject({ code: 'no-classes', file: 'obj.names' });
  });
});
