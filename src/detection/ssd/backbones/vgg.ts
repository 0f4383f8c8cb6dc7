import type { LayerSpec } from '../layers';

// VGG (Simonyan & Zisserman 2014) as the SSD base net (Liu et al. 2016): the conv stages of
// VGG11/13/16/19, pool5 changed to 3x3 stride 1, fc6/fc7 turned into a dilated 3x3 conv and a
// 1x1 conv, conv4_3's output L2-normalized for the first predictor. Names follow the SSD
// Caffe model (conv4_3, fc7 ...).

/** convs per stage, by depth (configurations A, B, D, E of the VGG paper). */
export const VGG_CONFIGS = {
  vgg11: [1, 1, 2, 2, 2],
  vgg13: [2, 2, 2, 2, 2],
  vgg16: [2, 2, 3, 3, 3],
  vgg19: [2, 2, 4, 4, 4],
} as const;

export type VggDepth = keyof typeof VGG_CONFIGS;

const STAGE_FILTERS = [64, 128, 256, 512, 512];

export function vggSsdBase(depth: VggDepth): LayerSpec[] {
  const layers: LayerSpec[] = [];
  VGG_CONFIGS[depth].forEach((convs, stage) => {
    for (let i = 1; i <= convs; i++) {
      layers.push({ kind: 'conv', name: `conv${stage + 1}_${i}`, filters: STAGE_FILTERS[stage], kernel: 3, stride: 1, activation: 'relu' });
    }
    if (stage === 3) layers.push({ kind: 'l2norm', name: `conv4_${convs}_norm`, branch: true });
    // pool1..pool4 halve the map (rounding up, as Caffe's ceil mode does: 75 -> 38);
    // pool5 keeps 19x19 so fc6/fc7 see the same map
    layers.push(
      stage < 4
        ? { kind: 'maxpool', name: `pool${stage + 1}`, size: 2, stride: 2, padding: 'same' }
        : { kind: 'maxpool', name: 'pool5', size: 3, stride: 1, padding: 'same' },
    );
  });
  layers.push(
    { kind: 'conv', name: 'fc6', filters: 1024, kernel: 3, stride: 1, dilation: 6, activation: 'relu' },
    { kind: 'conv', name: 'fc7', filters: 1024, kernel: 1, stride: 1, activation: 'relu' },
  );
  return layers;
}

/** Name of the L2-normalized conv4 output that feeds the first predictor. */
export function vggConv4Tap(depth: VggDepth): string {
  return `conv4_${VGG_CONFIGS[depth][3]}_norm`;
}

/** SSD300's extra layers after fc7: 10x10, 5x5 (stride 2), then 3x3 and 1x1 (valid 3x3). */
export function vggSsdExtras(): LayerSpec[] {
  const pair = (n: number, bottleneck: number, out: number, stride: number, padding: 'same' | 'valid'): LayerSpec[] => [
    { kind: 'conv', name: `conv${n}_1`, filters: bottleneck, kernel: 1, stride: 1, activation: 'relu' },
    { kind: 'conv', name: `conv${n}_2`, filters: out, kernel: 3, stride, padding, activation: 'relu' },
  ];
  return [...pair(8, 256, 512, 2, 'same'), ...pair(9, 128, 256, 2, 'same'), ...pair(10, 128, 256, 1, 'valid'), ...pair(11, 128, 256, 1, 'valid')];
}
