import { resolveLabels, type LabelSet } from '../labels/coco';
import type { BoxCoderScales } from '../ssd/box-coder';
import { generateAnchors } from '../ssd/anchors';
import { buildSsd } from '../ssd/build';
import { SsdDetector } from '../ssd/ssd-detector';
import { kerasVggSsd } from './ssd-keras-architecture';
import { KerasWeightSource } from './keras-weight-source';
import type { KerasWeights } from './keras-weights';
import type { KerasSsdParams } from './ssd-keras-params';

/** What an imported ssd_keras model needs beyond its weights: the training parameters, the
 * class count read off its heads (with the background) and the names of classes 1..n. */
export interface KerasSsdCard {
  params: KerasSsdParams;
  numClasses: number;
  labels: LabelSet;
}

/** Variances (cx, cy, w, h) as our box coder's scales, in its (y, x, h, w) order. */
export function kerasBoxCoderScales(v: readonly number[]): BoxCoderScales {
  return [1 / v[1], 1 / v[0], 1 / v[3], 1 / v[2]];
}

/** Class names by class id, the background (id 0) unnamed so it is never reported. */
export function kerasClassNames(card: KerasSsdCard): string[] {
  const names = resolveLabels(card.labels);
  if (names.length !== card.numClasses - 1) {
    throw new Error(`the model has ${card.numClasses - 1} classes but ${names.length} class names were given`);
  }
  return ['', ...names];
}

/**
 * An ssd_keras SSD on our builder: fused conv kernels, the heads merged into one conv per map
 * and one output readback per frame. Preprocessing is ssd_keras's: the image stretched to the
 * square input, the mean subtracted, channels swapped to BGR; scores by softmax with the
 * background at 0, as its DecodeDetections reads them.
 */
export function createKerasSsdDetector(card: KerasSsdCard, weights: KerasWeights): SsdDetector {
  const arch = kerasVggSsd(card.params, card.numClasses);
  const labels = kerasClassNames(card);
  const network = buildSsd(arch, new KerasWeightSource(weights, arch.taps));
  return new SsdDetector(
    network,
    { inputSize: arch.inputSize, resize: 'stretch', scale: 1, offset: 0, mean: card.params.subtractMean, bgr: card.params.swapToBgr },
    { anchors: generateAnchors(arch.anchors), numClasses: arch.numClasses, labels, scoreFunction: 'softmax', boxCoderScales: kerasBoxCoderScales(card.params.variances) },
  );
}
