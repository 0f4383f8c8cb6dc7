import type { SsdArchitecture } from '../ssd/architecture';
import { vggSsdBase } from '../ssd/backbones/vgg';
import type { LayerSpec } from '../ssd/layers';
import { kerasAnchorConfig, type KerasSsdParams, type KerasSsdVariant } from './ssd-keras-params';

// ssd_keras's VGG16 SSD300 and SSD512 as our layer lists. The base is our VGG16 (its names are
// the ones ssd_keras uses: conv1_1 .. conv5_3, pool5 3x3 stride 1, fc6 dilated, fc7,
// conv4_3_norm); the extra layers differ from the Caffe-style ones of vggSsd300: ssd_keras pads
// one pixel on every side (ZeroPadding2D) before each stride-2 3x3 conv, where TF's 'same'
// would pad only at the bottom and right of an even map. Free of TensorFlow.js.

/** A 1x1 bottleneck then a 3x3 (or `kernel`) conv, with ssd_keras's explicit padding. */
function pair(n: number, out: number, stride: number, padding: number | 'valid', kernel = 3): LayerSpec[] {
  return [
    { kind: 'conv', name: `conv${n}_1`, filters: n === 6 ? 256 : 128, kernel: 1, stride: 1, activation: 'relu' },
    { kind: 'conv', name: `conv${n}_2`, filters: out, kernel, stride, padding, activation: 'relu' },
  ];
}

const EXTRAS: Record<KerasSsdVariant, LayerSpec[]> = {
  // 19 -> 10 -> 5 -> 3 -> 1
  ssd300: [...pair(6, 512, 2, 1), ...pair(7, 256, 2, 1), ...pair(8, 256, 1, 'valid'), ...pair(9, 256, 1, 'valid')],
  // 32 -> 16 -> 8 -> 4 -> 2 -> 1 (the last a 4x4 conv over the padded 2x2 map)
  ssd512: [...pair(6, 512, 2, 1), ...pair(7, 256, 2, 1), ...pair(8, 256, 2, 1), ...pair(9, 256, 2, 1), ...pair(10, 256, 1, 1, 4)],
};

/** The layers that feed predictors, in ssd_keras's order; head k is `${tap}_mbox_conf/_loc`. */
export const KERAS_SSD_TAPS: Record<KerasSsdVariant, string[]> = {
  ssd300: ['conv4_3_norm', 'fc7', 'conv6_2', 'conv7_2', 'conv8_2', 'conv9_2'],
  ssd512: ['conv4_3_norm', 'fc7', 'conv6_2', 'conv7_2', 'conv8_2', 'conv9_2', 'conv10_2'],
};

/** `numClasses` counts the background (ssd_keras's n_classes + 1). */
export function kerasVggSsd(params: KerasSsdParams, numClasses: number): SsdArchitecture {
  return {
    inputSize: params.imageSize,
    layers: [...vggSsdBase('vgg16'), ...EXTRAS[params.variant]],
    taps: KERAS_SSD_TAPS[params.variant],
    anchors: kerasAnchorConfig(params),
    numClasses,
    headKernel: 3,
  };
}
