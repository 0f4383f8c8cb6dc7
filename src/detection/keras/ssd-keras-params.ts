import type { SsdAnchorConfig } from '../ssd/anchors';

// The parameters an ssd_keras SSD was trained with (github.com/pierluigiferrari/ssd_keras,
// Apache-2.0): they are not in its weights file, so the import form starts from the values its
// training notebooks publish and the user edits them. Free of TensorFlow.js.

export type KerasSsdVariant = 'ssd300' | 'ssd512';

export interface KerasSsdParams {
  variant: KerasSsdVariant;
  /** the square input the model was trained on (300 or 512) */
  imageSize: number;
  /** one per predictor layer plus one (the last is only used for the second ar-1 box) */
  scales: number[];
  aspectRatiosPerLayer: number[][];
  twoBoxesForAr1: boolean;
  /** anchor centre spacing per predictor layer, in input pixels */
  steps: number[];
  /** first centre, in steps, per predictor layer */
  offsets: number[];
  clipBoxes: boolean;
  /** the box encodings are divided by these (cx, cy, w, h) */
  variances: [number, number, number, number];
  /** subtracted from the RGB pixels (0-255) before the channel swap */
  subtractMean: [number, number, number];
  /** ssd_keras's swap_channels [2, 1, 0]: the network sees BGR, as the Caffe VGG weights did */
  swapToBgr: boolean;
}

const RATIOS_3 = [1, 2, 0.5];
const RATIOS_5 = [1, 2, 0.5, 3, 1 / 3];

/** Predictor feature map sizes of each variant (ssd_keras's keras_ssd300.py / keras_ssd512.py). */
export const KERAS_SSD_MAPS: Record<KerasSsdVariant, number[]> = {
  ssd300: [38, 19, 10, 5, 3, 1],
  ssd512: [64, 32, 16, 8, 4, 2, 1],
};

const common = { twoBoxesForAr1: true, clipBoxes: false, variances: [0.1, 0.1, 0.2, 0.2], subtractMean: [123, 117, 104], swapToBgr: true } as const;

/** SSD300's maps, ratios, steps and offsets with the given scales. */
const ssd300 = (scales: number[]) =>
  ({
    ...common,
    variant: 'ssd300',
    imageSize: 300,
    scales,
    aspectRatiosPerLayer: [RATIOS_3, RATIOS_5, RATIOS_5, RATIOS_5, RATIOS_3, RATIOS_3],
    steps: [8, 16, 32, 64, 100, 300],
    offsets: [0.5, 0.5, 0.5, 0.5, 0.5, 0.5],
  }) as const;

/** ssd_keras's published training settings, by variant and data set. */
export const KERAS_SSD_PRESETS = {
  'ssd300-voc': ssd300([0.1, 0.2, 0.37, 0.54, 0.71, 0.88, 1.05]),
  'ssd300-coco': ssd300([0.07, 0.15, 0.33, 0.51, 0.69, 0.87, 1.05]),
  'ssd512-voc': {
    ...common,
    variant: 'ssd512',
    imageSize: 512,
    scales: [0.07, 0.15, 0.3, 0.45, 0.6, 0.75, 0.9, 1.05],
    aspectRatiosPerLayer: [RATIOS_3, RATIOS_5, RATIOS_5, RATIOS_5, RATIOS_5, RATIOS_3, RATIOS_3],
    steps: [8, 16, 32, 64, 128, 256, 512],
    offsets: [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5],
  },
} as const;

export type KerasSsdPreset = keyof typeof KERAS_SSD_PRESETS;

/** A mutable copy of a preset (the form edits it). */
export function kerasPreset(name: KerasSsdPreset): KerasSsdParams {
  return JSON.parse(JSON.stringify(KERAS_SSD_PRESETS[name])) as KerasSsdParams;
}

/** Boxes per cell of each predictor layer: one per aspect ratio, plus one for ratio 1 when
 * two_boxes_for_ar1 (ssd_keras's own rule). */
export function kerasBoxesPerLayer(params: KerasSsdParams): number[] {
  return params.aspectRatiosPerLayer.map((ratios) => ratios.length + (params.twoBoxesForAr1 && ratios.includes(1) ? 1 : 0));
}

/**
 * ssd_keras's anchors as our anchor config: the same boxes in the same order (per cell: ratio 1
 * at this scale, then at sqrt(this * next), then the other ratios), centred on its grid.
 */
export function kerasAnchorConfig(params: KerasSsdParams): SsdAnchorConfig {
  const maps = KERAS_SSD_MAPS[params.variant];
  return {
    featureMapSizes: maps,
    minScale: params.scales[0],
    maxScale: params.scales[maps.length - 1],
    scales: params.scales,
    aspectRatios: params.aspectRatiosPerLayer[0],
    aspectRatiosPerLayer: params.aspectRatiosPerLayer,
    interpolatedScaleAspectRatio: params.twoBoxesForAr1 ? 1 : 0,
    reduceBoxesInLowestLayer: false,
    grid: { imageSize: params.imageSize, steps: params.steps, offsets: params.offsets, clip: params.clipBoxes },
  };
}

/** What is wrong with edited parameters, or null: the form and the importer both check. */
export function checkKerasParams(params: KerasSsdParams): string | null {
  const n = KERAS_SSD_MAPS[params.variant]?.length;
  if (!n) return `unknown variant '${params.variant}'`;
  if (params.scales.length !== n + 1) return `scales: ${n + 1} values are needed (one per predictor layer and one more), not ${params.scales.length}`;
  if (params.scales.some((s) => !(s > 0))) return 'scales: every value must be above 0';
  if (params.aspectRatiosPerLayer.length !== n) return `aspect ratios: ${n} lists are needed, not ${params.aspectRatiosPerLayer.length}`;
  if (params.aspectRatiosPerLayer.some((r) => r.length === 0 || r.some((v) => !(v > 0)))) return 'aspect ratios: each list needs values above 0';
  if (params.steps.length !== n || params.steps.some((s) => !(s > 0))) return `steps: ${n} values above 0 are needed`;
  if (params.offsets.length !== n || params.offsets.some((o) => !(o >= 0))) return `offsets: ${n} values of 0 or more are needed`;
  if (params.variances.length !== 4 || params.variances.some((v) => !(v > 0))) return 'variances: 4 values above 0 are needed';
  return null;
}
