// SSD default boxes ("anchors"), generated the way the TF Object Detection API's
// multiple_grid_anchor_generator + ssd_anchor_generator do, so weights trained there decode
// correctly. Output rows are [ymin, xmin, ymax, xmax] in normalized [0,1] input coordinates,
// ordered feature map by feature map, then row (y), column (x), then box spec.

export interface AnchorBoxSpec {
  scale: number;
  aspectRatio: number;
}

export interface SsdAnchorConfig {
  /** square feature-map sizes, one per predictor, e.g. [32, 16, 8, 4, 2, 1]. */
  featureMapSizes: number[];
  minScale: number;
  maxScale: number;
  aspectRatios: number[];
  /** add one more box per cell at sqrt(scale_i * scale_i+1) with this aspect ratio (0 = off). */
  interpolatedScaleAspectRatio: number;
  /** TF OD API: the first map uses 3 boxes (0.1 @ 1, s @ 2, s @ 1/2) instead of the full set. */
  reduceBoxesInLowestLayer: boolean;
  /** explicit per-layer scales (overrides minScale/maxScale interpolation; needs n+1 values). */
  scales?: number[];
  /** per-layer aspect ratios (the original SSD uses 1, 2, 1/2 on some maps and adds 3, 1/3
   * on others); overrides aspectRatios. */
  aspectRatiosPerLayer?: number[][];
  /** ssd_keras / Caffe SSD centres: cell i of map l at (offsets[l] + i) * steps[l] pixels of an
   * imageSize-pixel input (instead of TF's (i + 0.5) / size); `clip` keeps box corners inside
   * [0, imageSize - 1] pixels the way ssd_keras's clip_boxes does. */
  grid?: AnchorGrid;
}

export interface AnchorGrid {
  imageSize: number;
  steps: number[];
  offsets: number[];
  clip: boolean;
}

export function layerScales(config: SsdAnchorConfig): number[] {
  const n = config.featureMapSizes.length;
  if (config.scales) {
    if (config.scales.length !== n + 1) throw new Error(`anchors: need ${n + 1} scales, got ${config.scales.length}`);
    return config.scales;
  }
  const scales: number[] = [];
  for (let i = 0; i < n; i++) {
    scales.push(n === 1 ? config.minScale : config.minScale + ((config.maxScale - config.minScale) * i) / (n - 1));
  }
  scales.push(1.0);
  return scales;
}

/** The (scale, aspect ratio) pairs of every feature map, in TF's order. */
export function boxSpecsPerLayer(config: SsdAnchorConfig): AnchorBoxSpec[][] {
  const scales = layerScales(config);
  return config.featureMapSizes.map((_, layer) => {
    const scale = scales[layer];
    if (layer === 0 && config.reduceBoxesInLowestLayer) {
      return [
        { scale: 0.1, aspectRatio: 1.0 },
        { scale, aspectRatio: 2.0 },
        { scale, aspectRatio: 0.5 },
      ];
    }
    // The interpolated box goes right after the box whose aspect ratio it shares. That is the
    // order of the TF OD API release these weights were trained with (read off the face
    // model's stored anchors); later releases append it at the end instead.
    const specs: AnchorBoxSpec[] = [];
    for (const aspectRatio of config.aspectRatiosPerLayer?.[layer] ?? config.aspectRatios) {
      specs.push({ scale, aspectRatio });
      if (config.interpolatedScaleAspectRatio > 0 && aspectRatio === config.interpolatedScaleAspectRatio) {
        specs.push({ scale: Math.sqrt(scale * scales[layer + 1]), aspectRatio });
      }
    }
    return specs;
  });
}

export function anchorsPerLocation(config: SsdAnchorConfig): number[] {
  return boxSpecsPerLayer(config).map((specs) => specs.length);
}

/** All anchors as a flat Float32Array of [ymin, xmin, ymax, xmax] rows. */
export function generateAnchors(config: SsdAnchorConfig): Float32Array {
  const specs = boxSpecsPerLayer(config);
  const total = config.featureMapSizes.reduce((sum, size, i) => sum + size * size * specs[i].length, 0);
  const out = new Float32Array(total * 4);
  let k = 0;
  const grid = config.grid;
  // ssd_keras clips in pixels (a coordinate at or past the edge becomes size - 1), then normalizes
  const clip = grid?.clip ? (v: number) => (v < 0 ? 0 : v >= 1 ? (grid.imageSize - 1) / grid.imageSize : v) : (v: number) => v;
  config.featureMapSizes.forEach((size, layer) => {
    // Stride and offset follow TF's defaults (cells of 1/size, centres in the middle of a cell)
    // unless the config gives ssd_keras's steps and offsets.
    const stride = grid ? grid.steps[layer] / grid.imageSize : 1 / size;
    const offset = grid ? grid.offsets[layer] * stride : stride / 2;
    const sizes = specs[layer].map(({ scale, aspectRatio }) => {
      const r = Math.sqrt(aspectRatio);
      return { h: scale / r, w: scale * r };
    });
    for (let y = 0; y < size; y++) {
      const cy = y * stride + offset;
      for (let x = 0; x < size; x++) {
        const cx = x * stride + offset;
        for (const { h, w } of sizes) {
          out[k++] = clip(cy - h / 2);
          out[k++] = clip(cx - w / 2);
          out[k++] = clip(cy + h / 2);
          out[k++] = clip(cx + w / 2);
        }
      }
    }
  });
  return out;
}

/** The TF Object Detection API's ssd_mobilenet anchor settings (min/max scale 0.2/0.95, ratios
 * 1, 2, 1/2, 3, 1/3 plus an interpolated box, 3 boxes on the lowest map) on given map sizes. */
export function tfOdApiSsdAnchors(featureMapSizes: number[]): SsdAnchorConfig {
  return {
    featureMapSizes,
    minScale: 0.2,
    maxScale: 0.95,
    aspectRatios: [1.0, 2.0, 0.5, 3.0, 0.3333],
    interpolatedScaleAspectRatio: 1.0,
    reduceBoxesInLowestLayer: true,
  };
}
