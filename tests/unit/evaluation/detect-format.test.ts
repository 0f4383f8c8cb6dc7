// Telling a folder's labelled-set format from its file names.

import { expect, test } from 'vitest';
import { detectSetFormat } from '../../../src/evaluation/readers/detect.ts';

test('COCO: instances*.json first, else a lone JSON', () => {
  expect(detectSetFormat(['set/instances.json', 'set/images/1.jpg', 'set/README.md'])).toEqual({ format: 'coco', labels: ['set/instances.json'], images: ['set/images/1.jpg'] });
  expect(detectSetFormat(['a/meta.json', 'a/instances_val2017.json', 'a/x.JPG'])?.labels).toEqual(['a/instances_val2017.json']);
  expect(detectSetFormat(['a/labels.json', 'a/x.png'])?.format).toBe('coco');
  expect(detectSetFormat(['a/one.json', 'a/two.json'])).toBeNull();
});

test('VOC: XML files', () => {
  expect(detectSetFormat(['Annotations/1.xml', 'Annotations/2.xml', 'JPEGImages/1.jpg'])).toEqual({
    format: 'voc',
    labels: ['Annotations/1.xml', 'Annotations/2.xml'],
    images: ['JPEGImages/1.jpg'],
  });
});

test('YOLO: .txt labels with a names file (classes.txt, obj.names, data.yaml)', () => {
  expect(detectSetFormat(['labels/1.txt', 'labels/classes.txt', 'images/1.jpg'])).toEqual({
    format: 'yolo',
    labels: ['labels/1.txt'],
    names: 'labels/classes.txt',
    images: ['images/1.jpg'],
  });
  expect(detectSetFormat(['data.yaml', 'train/labels/a.txt', 'train/images/a.png'])?.names).toBe('data.yaml');
  expect(detectSetFormat(['obj.names', 'obj/a.txt'])?.format).toBe('yolo');
  // .txt without names is not a set
  expect(detectSetFormat(['notes.txt', 'a.jpg'])).toBeNull();
});
