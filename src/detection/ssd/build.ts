import * as tf from '@tensorflow/tfjs-core';
import { anchorsPerLocation } from './anchors';
import { checkArchitecture, type SsdArchitecture } from './architecture';
import { SsdNetwork, type BuiltHead, type BuiltLayer } from './network';

export type { SsdArchitecture } from './architecture';
import type { HeadWeights, WeightSource } from './weight-source';

/** Interleaves box and class channels per anchor: [A*4] + [A*C] -> [A*(4+C)]. */
function mergeHead(head: HeadWeights, anchors: number, numClasses: number): BuiltHead {
  return tf.tidy(() => {
    const [kh, kw, inChannels] = head.box.filter.shape;
    const filter = tf.reshape(
      tf.concat(
        [
          tf.reshape(head.box.filter, [kh, kw, inChannels, anchors, 4]),
          tf.reshape(head.cls.filter, [kh, kw, inChannels, anchors, numClasses]),
        ],
        4,
      ),
      [kh, kw, inChannels, anchors * (4 + numClasses)],
    ) as tf.Tensor4D;
    // Built from rank-1 slices rather than by reshaping a [A, 4+C] concat: the WASM backend's
    // fused conv reads the bias's rank from its data id, which a reshape shares.
    const pieces: tf.Tensor1D[] = [];
    for (let a = 0; a < anchors; a++) {
      pieces.push(tf.slice(head.box.bias, a * 4, 4), tf.slice(head.cls.bias, a * numClasses, numClasses));
    }
    const bias = tf.concat(pieces) as tf.Tensor1D;
    for (const t of [head.box.filter, head.box.bias, head.cls.filter, head.cls.bias]) t.dispose();
    return { weights: { filter, bias } };
  });
}

export function buildSsd(arch: SsdArchitecture, source: WeightSource): SsdNetwork {
  checkArchitecture(arch);
  const perLocation = anchorsPerLocation(arch.anchors);
  const layers: BuiltLayer[] = [];
  const heads: BuiltHead[] = [];
  try {
    let channels = 3;
    for (const spec of arch.layers) {
      const head = arch.taps.indexOf(spec.name);
      const built: BuiltLayer = { spec, head };
      if (spec.kind === 'conv') {
        built.weights = source.conv(spec, channels);
        channels = spec.filters;
      } else if (spec.kind === 'depthwise') {
        built.weights = source.depthwise(spec, channels);
      } else if (spec.kind === 'l2norm') {
        built.scale = source.l2norm(spec, channels);
      }
      layers.push(built);
      if (head >= 0) {
        const weights = source.head(head, channels, perLocation[head], arch.numClasses, arch.headKernel ?? 1);
        heads[head] = mergeHead(weights, perLocation[head], arch.numClasses);
      }
    }
  } catch (error) {
    new SsdNetwork(layers, heads.filter(Boolean), 4 + arch.numClasses).dispose();
    throw error;
  }
  return new SsdNetwork(layers, heads, 4 + arch.numClasses);
}
