// Model labels to a set's categories by name: COCO 80 <-> 90 ids, VOC <-> COCO synonyms, face,
// custom pairs, and the unmapped on both sides.

import { describe, expect, test } from 'vitest';
import { COCO_80, COCO_90 } from '../../../src/detection/labels/coco.ts';
import { mapLabels, toCocoDetections } from '../../../src/evaluation/label-map.ts';
import type { DatasetCategory } from '../../../src/evaluation/types.ts';

const COCO_CATEGORIES: DatasetCategory[] = COCO_90.flatMap((name, id) => (name ? [{ id, name }] : []));
const VOC = ['aeroplane', 'bicycle', 'bird', 'boat', 'bottle', 'bus', 'car', 'cat', 'chair', 'cow', 'diningtable', 'dog', 'horse', 'motorbike', 'person', 'pottedplant', 'sheep', 'sofa', 'train', 'tvmonitor'];
const VOC_CATEGORIES: DatasetCategory[] = VOC.map((name, i) => ({ id: i + 1, name }));

describe('mapLabels', () => {
  test('a COCO-80 model on a COCO set (ids 1-90): every class by name', () => {
    const m = mapLabels(COCO_80, COCO_CATEGORIES);
    expect(COCO_CATEGORIES).toHaveLength(80);
    expect(m.pairs).toHaveLength(80);
    expect(m.toCategory[0]).toBe(1); // person
    expect(m.toCategory[11]).toBe(13); // stop sign: index 11, COCO id 13 (12 is unused)
    expect(m.toCategory[79]).toBe(90); // toothbrush
    expect(m.pairs.every((p) => p.via === 'name')).toBe(true);
    expect(m.unmappedModel).toEqual([]);
    expect(m.unmappedCategories).toEqual([]);
  });

  test("COCO-90 labels: the unused ids are neither mapped nor reported", () => {
    const m = mapLabels(COCO_90, COCO_CATEGORIES);
    expect(m.toCategory[12]).toBeUndefined();
    expect(m.toCategory[13]).toBe(13);
    expect(m.unmappedModel).toEqual([]);
  });

  test('a COCO model on a VOC set: synonyms, and the classes VOC lacks', () => {
    const m = mapLabels(COCO_80, VOC_CATEGORIES);
    const to = (label: string) => m.byLabel.get(label);
    expect(to('airplane')).toBe(1);
    expect(to('motorcycle')).toBe(14);
    expect(to('tv')).toBe(20);
    expect(to('couch')).toBe(18);
    expect(to('dining table')).toBe(11);
    expect(to('potted plant')).toBe(16);
    expect(m.pairs.find((p) => p.modelLabel === 'airplane')?.via).toBe('synonym');
    // "dining table" and "diningtable" differ only by a space: a name match
    expect(m.pairs.find((p) => p.modelLabel === 'dining table')?.via).toBe('name');
    expect(m.pairs).toHaveLength(20);
    expect(m.unmappedCategories).toEqual([]);
    expect(m.unmappedModel).toHaveLength(60);
    // person, bicycle, car, motorcycle, airplane, bus, train map; truck (index 7) is the first not
    expect(m.unmappedModel[0]).toEqual({ index: 7, label: 'truck' });
  });

  test('a VOC model on a COCO set maps the other way', () => {
    const m = mapLabels(VOC, COCO_CATEGORIES);
    expect(VOC.map((l) => m.byLabel.get(l))).toEqual([5, 2, 16, 9, 44, 6, 3, 17, 62, 21, 67, 18, 19, 4, 1, 64, 20, 63, 7, 72]);
    expect(m.unmappedModel).toEqual([]);
    expect(m.unmappedCategories).toHaveLength(60);
  });

  test('face to face; a face model on a COCO set maps nothing and says so', () => {
    expect(mapLabels(['face'], [{ id: 1, name: 'face' }]).toCategory).toEqual([1]);
    const m = mapLabels(['face'], COCO_CATEGORIES);
    expect(m.unmappedModel).toEqual([{ index: 0, label: 'face' }]);
    expect(m.unmappedCategories).toHaveLength(80);
  });

  test('case, spaces, "_" and "-" do not matter; custom pairs come first', () => {
    const cats = [
      { id: 3, name: 'Traffic_Light' },
      { id: 4, name: 'face' },
    ];
    const m = mapLabels(['traffic light', 'human face', 'Traffic-Light'], cats, { 'Human Face': 'FACE' });
    expect(m.toCategory).toEqual([3, 4, 3]);
    expect(m.pairs.map((p) => p.via)).toEqual(['name', 'custom', 'name']);
  });
});

describe('toCocoDetections', () => {
  test('normalized boxes to image pixels, classes to set ids, unmapped left out and counted', () => {
    const mapping = mapLabels(COCO_80, COCO_CATEGORIES);
    const { detections, unmapped } = toCocoDetections(
      42,
      [
        { label: 'dog', score: 0.8, box: { x: 0.25, y: 0.5, width: 0.5, height: 0.25 } },
        { label: 'face', score: 0.9, box: { x: 0, y: 0, width: 1, height: 1 } },
      ],
      640,
      480,
      mapping,
    );
    expect(detections).toEqual([{ image_id: 42, category_id: 18, bbox: [160, 240, 320, 120], score: 0.8 }]);
    expect(unmapped).toBe(1);
  });
});
