import type { SsdAnchorConfig } from './anchors';
import { outputSize, type LayerSpec } from './layers';

// What defines an SSD apart from its weights. Free of TensorFlow.js, so the main thread can
// count a model's cost (engine/model-catalog.ts) without loading it.

/** Everything that defines an SSD apart from its weights. */
export interface SsdArchitecture {
  inputSize: number;
  /** backbone then extra layers, run in order. */
  layers: LayerSpec[];
  /** names of the layers whose outputs feed box predictors 0..n-1. */
  taps: string[];
  anchors: SsdAnchorConfig;
  /** logits per anchor, background included. */
  numClasses: number;
  /** box predictor kernel: 1 in the TF OD API MobileNet SSDs, 3 in the original SSD. */
  headKernel?: number;
}

export interface LayerShape {
  name: string;
  size: number;
  channels: number;
}

/** Spatial size and channels after every layer, for checks and for cost counting. */
export function traceShapes(arch: SsdArchitecture): LayerShape[] {
  let size = arch.inputSize;
  let channels = 3;
  return arch.layers.map((layer) => {
    size = outputSize(layer, size);
    if (layer.kind === 'conv') channels = layer.filters;
    return { name: layer.name, size, channels };
  });
}

/** Checks the taps exist and their map sizes match the anchor config. */
export function checkArchitecture(arch: SsdArchitecture): void {
  const shapes = traceShapes(arch);
  const sizes = arch.taps.map((tap) => {
    const s = shapes.find((x) => x.name === tap);
    if (!s) throw new Error(`SSD: tap '${tap}' is not a layer`);
    return s.size;
  });
  const expected = arch.anchors.featureMapSizes;
  if (sizes.length !== expected.length || sizes.some((s, i) => s !== expected[i])) {
    throw new Error(`SSD: feature maps are [${sizes}] but the anchor config says [${expected}]`);
  }
}

