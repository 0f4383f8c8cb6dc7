import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { anchorsPerLocation, generateAnchors } from '../../../src/detection/ssd/anchors';
import { FACE_ARCHITECTURE } from '../../../src/detection/models/ssd-mobilenet-v1-face';
import { faceWeights, useWasm } from '../helpers/node-tf';

beforeAll(useWasm);

describe('SSD anchor generator', () => {
  it('reproduces the face model\'s stored anchors (Output/extra_dim) within 1e-5', async () => {
    const weights = faceWeights();
    const stored = (await weights['Output/extra_dim'].data()) as Float32Array;
    expect(weights['Output/extra_dim'].shape).toEqual([1, 5118, 4]);
    const ours = generateAnchors(FACE_ARCHITECTURE.anchors);
    expect(ours.length).toBe(stored.length);
    let maxDiff = 0;
    for (let i = 0; i < ours.length; i++) maxDiff = Math.max(maxDiff, Math.abs(ours[i] - stored[i]));
    expect(maxDiff).toBeLessThanOrEqual(1e-5);
    tf.dispose(Object.values(weights));
  });

  it('uses 3 boxes on the lowest map and 6 elsewhere: 5118 at 512', () => {
    expect(anchorsPerLocation(FACE_ARCHITECTURE.anchors)).toEqual([3, 6, 6, 6, 6, 6]);
    expect(generateAnchors(FACE_ARCHITECTURE.anchors).length / 4).toBe(32 * 32 * 3 + (16 * 16 + 8 * 8 + 4 * 4 + 2 * 2 + 1) * 6);
  });

  it('places a 1x1 map\'s box at the centre with its scale', () => {
    // one map, one cell, scale 0.5, aspect 1: centre (0.5, 0.5), side 0.5
    const a = generateAnchors({ featureMapSizes: [1], minScale: 0.5, maxScale: 0.5, aspectRatios: [1], interpolatedScaleAspectRatio: 0, reduceBoxesInLowestLayer: false });
    expect(Array.from(a)).toEqual([0.25, 0.25, 0.75, 0.75]);
  });
});
