import type * as tf from '@tensorflow/tfjs-core';
import manifest from '../../../models/ssd-mobilenet-v1-face.json';
import { generateAnchors } from '../ssd/anchors';
import { mobilenetV1 } from '../ssd/backbones/mobilenet-v1';
import { TF_OD_API_SCALES } from '../ssd/box-coder';
import { buildSsd, type SsdArchitecture } from '../ssd/build';
import { ssdExtras, ssdExtraTaps } from '../ssd/extras';
import { SsdDetector } from '../ssd/ssd-detector';
import { TfNamedWeights } from '../ssd/tf-weights';

// The face SSD shipped with face-api.js: MobileNetV1 at 512x512, heads on Conv2d_11 (32x32,
// 3 boxes per cell) and Conv2d_13 (16x16) plus four extra maps (8, 4, 2, 1) with 6 boxes per
// cell: 5118 anchors. Three logits per anchor (background, face, unused), sigmoid scores.
export const FACE_ARCHITECTURE: SsdArchitecture = {
  inputSize: manifest.inputSize,
  layers: [...mobilenetV1(), ...ssdExtras('Prediction', [[256, 512], [128, 256], [128, 256], [64, 128]])],
  taps: ['MobilenetV1/Conv2d_11_pointwise', 'MobilenetV1/Conv2d_13_pointwise', ...ssdExtraTaps('Prediction', 4)],
  anchors: {
    featureMapSizes: [32, 16, 8, 4, 2, 1],
    minScale: 0.2,
    maxScale: 0.95,
    aspectRatios: [1.0, 2.0, 0.5, 3.0, 0.3333],
    interpolatedScaleAspectRatio: 1.0,
    reduceBoxesInLowestLayer: true,
  },
  numClasses: 3,
};

export function createFaceDetector(weights: tf.NamedTensorMap): SsdDetector {
  const source = new TfNamedWeights(weights, {
    // face-api.js's export names the first (full 3x3) conv "Conv2d_0_pointwise".
    aliases: { 'MobilenetV1/Conv2d_0': 'MobilenetV1/Conv2d_0_pointwise' },
    headScope: (k) => `Prediction/BoxPredictor_${k}`,
  });
  const network = buildSsd(FACE_ARCHITECTURE, source);
  return new SsdDetector(
    network,
    // x * 2/255 - 1, the export's own Preprocessor/mul and sub constants
    { inputSize: manifest.inputSize, resize: 'pad-square', scale: 2 / 255, offset: -1 },
    {
      anchors: generateAnchors(FACE_ARCHITECTURE.anchors),
      numClasses: FACE_ARCHITECTURE.numClasses,
      labels: manifest.labels,
      scoreFunction: 'sigmoid',
      boxCoderScales: TF_OD_API_SCALES,
    },
  );
}
