import type { LayerSpec } from './layers';

/**
 * SSD's extra feature layers after the backbone: for each [bottleneck, out] pair a 1x1 conv
 * to `bottleneck` channels, then a 3x3 stride-2 conv to `out` channels. The 3x3 layers are
 * the ones whose outputs feed box predictors.
 */
export function ssdExtras(prefix: string, pairs: ReadonlyArray<readonly [number, number]>): LayerSpec[] {
  return pairs.flatMap(([bottleneck, out], i): LayerSpec[] => [
    { kind: 'conv', name: `${prefix}/Conv2d_${2 * i}_pointwise`, filters: bottleneck, kernel: 1, stride: 1, activation: 'relu6' },
    { kind: 'conv', name: `${prefix}/Conv2d_${2 * i + 1}_pointwise`, filters: out, kernel: 3, stride: 2, activation: 'relu6' },
  ]);
}

/** Names of the stride-2 layers of ssdExtras, in order: the feature maps the heads read. */
export function ssdExtraTaps(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}/Conv2d_${2 * i + 1}_pointwise`);
}
