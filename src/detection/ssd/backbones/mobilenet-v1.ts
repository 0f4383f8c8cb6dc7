import type { LayerSpec } from '../layers';

// MobileNetV1 (Howard et al. 2017) as TF-slim builds it: a 3x3 stride-2 conv, then 13
// depthwise-separable pairs. Names follow TF-slim ("MobilenetV1/Conv2d_N_depthwise") so that
// trained TF weights map onto layers by name.
const PAIRS: ReadonlyArray<{ filters: number; stride: number }> = [
  { filters: 64, stride: 1 },
  { filters: 128, stride: 2 },
  { filters: 128, stride: 1 },
  { filters: 256, stride: 2 },
  { filters: 256, stride: 1 },
  { filters: 512, stride: 2 },
  { filters: 512, stride: 1 },
  { filters: 512, stride: 1 },
  { filters: 512, stride: 1 },
  { filters: 512, stride: 1 },
  { filters: 512, stride: 1 },
  { filters: 1024, stride: 2 },
  { filters: 1024, stride: 1 },
];

export interface MobileNetV1Options {
  /** width multiplier alpha (1.0, 0.75, 0.5, 0.25). */
  width?: number;
  prefix?: string;
}

export function mobilenetV1(options: MobileNetV1Options = {}): LayerSpec[] {
  const width = options.width ?? 1;
  const prefix = options.prefix ?? 'MobilenetV1';
  // TF-slim: depth(d) = max(int(d * alpha), min_depth = 8)
  const depth = (d: number) => Math.max(Math.floor(d * width), 8);
  const layers: LayerSpec[] = [
    { kind: 'conv', name: `${prefix}/Conv2d_0`, filters: depth(32), kernel: 3, stride: 2, activation: 'relu6' },
  ];
  PAIRS.forEach(({ filters, stride }, i) => {
    const n = i + 1;
    layers.push({ kind: 'depthwise', name: `${prefix}/Conv2d_${n}_depthwise`, kernel: 3, stride, activation: 'relu6' });
    layers.push({ kind: 'conv', name: `${prefix}/Conv2d_${n}_pointwise`, filters: depth(filters), kernel: 1, stride: 1, activation: 'relu6' });
  });
  return layers;
}
