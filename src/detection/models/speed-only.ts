import { tfOdApiSsdAnchors, type SsdAnchorConfig } from '../ssd/anchors';
import { mobilenetV1 } from '../ssd/backbones/mobilenet-v1';
import { vggConv4Tap, vggSsdBase, vggSsdExtras, type VggDepth } from '../ssd/backbones/vgg';
import type { SsdArchitecture } from '../ssd/architecture';
import { ssdExtras, ssdExtraTaps } from '../ssd/extras';

// Architectures we can build but hold no trained weights for: they run with synthetic
// weights so their speed can be compared with the trained models, and never draw boxes.

/** The original SSD300 (Liu et al. 2016, VOC): 4/6/6/6/4/4 boxes on 38/19/10/5/3/1 maps. */
const SSD300_ANCHORS: SsdAnchorConfig = {
  featureMapSizes: [38, 19, 10, 5, 3, 1],
  minScale: 0.1,
  maxScale: 0.9,
  // min sizes 30, 60, 111, 162, 213, 264 and the last max size 315, over 300 pixels
  scales: [30, 60, 111, 162, 213, 264, 315].map((s) => s / 300),
  aspectRatios: [1, 2, 0.5, 3, 1 / 3],
  aspectRatiosPerLayer: [[1, 2, 0.5], [1, 2, 0.5, 3, 1 / 3], [1, 2, 0.5, 3, 1 / 3], [1, 2, 0.5, 3, 1 / 3], [1, 2, 0.5], [1, 2, 0.5]],
  interpolatedScaleAspectRatio: 1,
  reduceBoxesInLowestLayer: false,
};

export function vggSsd300(depth: VggDepth): SsdArchitecture {
  return {
    inputSize: 300,
    layers: [...vggSsdBase(depth), ...vggSsdExtras()],
    taps: [vggConv4Tap(depth), 'fc7', 'conv8_2', 'conv9_2', 'conv10_2', 'conv11_2'],
    anchors: SSD300_ANCHORS,
    numClasses: 21, // VOC: 20 classes + background
    headKernel: 3,
  };
}

/** TF OD API ssd_mobilenet_v1_coco: maps from Conv2d_11 (19x19) and Conv2d_13 (10x10) plus
 * four extra layers (5, 3, 2, 1); 1917 anchors; 1x1 predictors; extras scale with the width
 * multiplier (min depth 16). */
export function mobilenetV1Ssd300(width: number): SsdArchitecture {
  const depth = (d: number) => Math.max(Math.floor(d * width), 16);
  return {
    inputSize: 300,
    layers: [
      ...mobilenetV1({ width }),
      ...ssdExtras('Extras', [[depth(256), depth(512)], [depth(128), depth(256)], [depth(128), depth(256)], [depth(64), depth(128)]]),
    ],
    taps: ['MobilenetV1/Conv2d_11_pointwise', 'MobilenetV1/Conv2d_13_pointwise', ...ssdExtraTaps('Extras', 4)],
    anchors: tfOdApiSsdAnchors([19, 10, 5, 3, 2, 1]),
    numClasses: 91, // COCO: 90 ids + background
  };
}
