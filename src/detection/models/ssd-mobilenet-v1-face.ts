import type * as tf from '@tensorflow/tfjs-core';
import manifest from '../../../models/ssd-mobilenet-v1-face.json';
import { generateAnchors } from '../ssd/anchors';
import { TF_OD_API_SCALES } from '../ssd/box-coder';
import { buildSsd } from '../ssd/build';
import { SsdDetector } from '../ssd/ssd-detector';
import { TfNamedWeights } from '../ssd/tf-weights';
import { FACE_ARCHITECTURE } from './face-architecture';

export { FACE_ARCHITECTURE };

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
