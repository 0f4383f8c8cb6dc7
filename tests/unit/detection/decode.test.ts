import { describe, expect, it } from 'vitest';
import { decodeDetections, type DecodeConfig } from '../../../src/detection/ssd/decode';
import { encodeBox, TF_OD_API_SCALES } from '../../../src/detection/ssd/box-coder';

// Two anchors, 3 logits each (background, face, unused), hand-built rows.
const anchors = new Float32Array([0, 0, 0.5, 0.5, 0.5, 0.5, 1, 1]);
const config: DecodeConfig = { anchors, numClasses: 3, labels: ['', 'face', ''], scoreFunction: 'sigmoid', boxCoderScales: TF_OD_API_SCALES };
const options = { scoreThreshold: 0.5, iouThreshold: 0.5, maxDetections: 10 };
const logit = (p: number) => Math.log(p / (1 - p));

function rows(entries: Array<{ box: [number, number, number, number]; anchor: number; logits: number[] }>): Float32Array {
  const out = new Float32Array(2 * 7);
  for (const e of entries) {
    const a = Array.from(anchors.slice(e.anchor * 4, e.anchor * 4 + 4)) as [number, number, number, number];
    out.set([...encodeBox(e.box, a, TF_OD_API_SCALES), ...e.logits], e.anchor * 7);
  }
  return out;
}

describe('SSD output decoding', () => {
  it('reports a box above the threshold with its sigmoid score, as x/y/width/height', () => {
    const r = rows([
      { anchor: 0, box: [0.1, 0.2, 0.3, 0.5], logits: [0, logit(0.9), 0] },
      { anchor: 1, box: [0.6, 0.6, 0.9, 0.9], logits: [0, logit(0.4), 0] },
    ]);
    const d = decodeDetections(r, config, options, 1, 1);
    expect(d).toHaveLength(1);
    expect(d[0].label).toBe('face');
    expect(d[0].classId).toBe(1);
    expect(d[0].score).toBeCloseTo(0.9, 5);
    expect(d[0].box.x).toBeCloseTo(0.2, 5);
    expect(d[0].box.y).toBeCloseTo(0.1, 5);
    expect(d[0].box.width).toBeCloseTo(0.3, 5);
    expect(d[0].box.height).toBeCloseTo(0.2, 5);
  });

  it('never reports a class without a label (the unused third logit)', () => {
    const r = rows([{ anchor: 0, box: [0.1, 0.1, 0.3, 0.3], logits: [0, -5, 8] }]);
    expect(decodeDetections(r, config, options, 1, 1)).toEqual([]);
  });

  it('maps a padded-square box back to a landscape image and clips it', () => {
    // a 200x100 image padded to 200x200: model y 0.25..0.75 is image y 0.5..1 (clipped)
    const r = rows([{ anchor: 0, box: [0.25, 0.1, 0.75, 0.4], logits: [0, 3, 0] }]);
    const [d] = decodeDetections(r, config, options, 2, 1);
    expect(d.box.y).toBeCloseTo(0.5, 5);
    expect(d.box.height).toBeCloseTo(0.5, 5);
    expect(d.box.x).toBeCloseTo(0.1, 5);
  });

  it('softmax scores: exp(l_c) / sum(exp(l))', () => {
    // logits [0, ln 3, 0]: softmax of class 1 = 3 / (1 + 3 + 1) = 0.6
    const r = rows([{ anchor: 1, box: [0.6, 0.6, 0.9, 0.9], logits: [0, Math.log(3), 0] }]);
    const [d] = decodeDetections(r, { ...config, scoreFunction: 'softmax' }, options, 1, 1);
    expect(d.score).toBeCloseTo(0.6, 6);
  });
});
