import manifest from '../../../models/ssd-mobilenet-v1-face.json';
import { mobilenetV1 } from '../ssd/backbones/mobilenet-v1';
import { tfOdApiSsdAnchors } from '../ssd/anchors';
import type { SsdArchitecture } from '../ssd/architecture';
import { ssdExtras, ssdExtraTaps } from '../ssd/extras';

// The face SSD shipped with face-api.js: MobileNetV1 at 512x512, heads on Conv2d_11 (32x32,
// 3 boxes per cell) and Conv2d_13 (16x16) plus four extra maps (8, 4, 2, 1) with 6 boxes per
// cell: 5118 anchors. Three logits per anchor (background, face, unused), sigmoid scores.
export const FACE_ARCHITECTURE: SsdArchitecture = {
  inputSize: manifest.inputSize,
  layers: [...mobilenetV1(), ...ssdExtras('Prediction', [[256, 512], [128, 256], [128, 256], [64, 128]])],
  taps: ['MobilenetV1/Conv2d_11_pointwise', 'MobilenetV1/Conv2d_13_pointwise', ...ssdExtraTaps('Prediction', 4)],
  anchors: tfOdApiSsdAnchors([32, 16, 8, 4, 2, 1]),
  numClasses: 3,
};

