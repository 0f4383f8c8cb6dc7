// An ssd_keras-layout weights file written by the test with h5wasm: the layers, in the order
// and with the names of ssd_keras's keras_ssd300.py / keras_ssd512.py (read from its source),
// and each layer's weights as Keras 2 `save_weights` stores them: the root attribute
// `layer_names` (weightless layers included), per layer a group with the attribute
// `weight_names` ("conv1_1/kernel:0", "conv1_1/bias:0") and the datasets at
// `<layer>/<layer>/kernel:0`. Values are seeded (He-normal kernels, small biases), so a test can
// hand exactly the same numbers to the builder another way.
import h5wasm from 'h5wasm/node';
import { rng } from './rng';

export type Variant = 'ssd300' | 'ssd512';

export interface KerasLayerSpec {
  name: string;
  /** [kernel, in, out] of a Conv2D, [channels] of the L2Normalization gamma, none otherwise */
  conv?: [number, number, number];
  gamma?: number;
}

const conv = (name: string, k: number, cin: number, cout: number): KerasLayerSpec => ({ name, conv: [k, cin, cout] });
const bare = (name: string): KerasLayerSpec => ({ name });

/** ssd_keras's layers in model order, for `classes` classes with the background. */
export function ssdKerasLayers(variant: Variant, classes: number): KerasLayerSpec[] {
  const vgg: KerasLayerSpec[] = [
    bare('input_1'), bare('identity_layer'), bare('input_mean_normalization'), bare('input_channel_swap'),
    conv('conv1_1', 3, 3, 64), conv('conv1_2', 3, 64, 64), bare('pool1'),
    conv('conv2_1', 3, 64, 128), conv('conv2_2', 3, 128, 128), bare('pool2'),
    conv('conv3_1', 3, 128, 256), conv('conv3_2', 3, 256, 256), conv('conv3_3', 3, 256, 256), bare('pool3'),
    conv('conv4_1', 3, 256, 512), conv('conv4_2', 3, 512, 512), conv('conv4_3', 3, 512, 512), bare('pool4'),
    conv('conv5_1', 3, 512, 512), conv('conv5_2', 3, 512, 512), conv('conv5_3', 3, 512, 512), bare('pool5'),
    conv('fc6', 3, 512, 1024), conv('fc7', 1, 1024, 1024),
    conv('conv6_1', 1, 1024, 256), bare('conv6_padding'), conv('conv6_2', 3, 256, 512),
    conv('conv7_1', 1, 512, 128), bare('conv7_padding'), conv('conv7_2', 3, 128, 256),
  ];
  const extras =
    variant === 'ssd300'
      ? [conv('conv8_1', 1, 256, 128), conv('conv8_2', 3, 128, 256), conv('conv9_1', 1, 256, 128), conv('conv9_2', 3, 128, 256)]
      : [
          conv('conv8_1', 1, 256, 128), bare('conv8_padding'), conv('conv8_2', 3, 128, 256),
          conv('conv9_1', 1, 256, 128), bare('conv9_padding'), conv('conv9_2', 3, 128, 256),
          conv('conv10_1', 1, 256, 128), bare('conv10_padding'), conv('conv10_2', 4, 128, 256),
        ];
  const taps: Array<[string, number, number]> =
    variant === 'ssd300'
      ? [['conv4_3_norm', 512, 4], ['fc7', 1024, 6], ['conv6_2', 512, 6], ['conv7_2', 256, 6], ['conv8_2', 256, 4], ['conv9_2', 256, 4]]
      : [['conv4_3_norm', 512, 4], ['fc7', 1024, 6], ['conv6_2', 512, 6], ['conv7_2', 256, 6], ['conv8_2', 256, 6], ['conv9_2', 256, 4], ['conv10_2', 256, 4]];
  return [
    ...vgg,
    ...extras,
    { name: 'conv4_3_norm', gamma: 512 },
    ...taps.map(([t, c, n]) => conv(`${t}_mbox_conf`, 3, c, n * classes)),
    ...taps.map(([t, c, n]) => conv(`${t}_mbox_loc`, 3, c, n * 4)),
    ...taps.map(([t]) => bare(`${t}_mbox_priorbox`)),
    ...taps.map(([t]) => bare(`${t}_mbox_conf_reshape`)),
    ...taps.map(([t]) => bare(`${t}_mbox_loc_reshape`)),
    ...taps.map(([t]) => bare(`${t}_mbox_priorbox_reshape`)),
    bare('mbox_conf'), bare('mbox_loc'), bare('mbox_priorbox'), bare('mbox_conf_softmax'), bare('predictions'),
  ];
}

/** Seeded values of every weight, by Keras weight name ("conv1_1/kernel:0"). */
export function seededKerasWeights(layers: KerasLayerSpec[], seed: number): Map<string, { shape: number[]; values: Float32Array }> {
  const random = rng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const out = new Map<string, { shape: number[]; values: Float32Array }>();
  for (const l of layers) {
    if (l.conv) {
      const [k, cin, cout] = l.conv;
      const std = Math.sqrt(2 / (k * k * cin));
      const kernel = new Float32Array(k * k * cin * cout).map(() => normal() * std);
      out.set(`${l.name}/kernel:0`, { shape: [k, k, cin, cout], values: kernel });
      out.set(`${l.name}/bias:0`, { shape: [cout], values: new Float32Array(cout).map(() => normal() * 0.05) });
    } else if (l.gamma) {
      // around ssd_keras's initial 20, varied so a mix-up of channels shows
      out.set(`${l.name}/${l.name}_gamma:0`, { shape: [l.gamma], values: new Float32Array(l.gamma).map(() => 20 + normal()) });
    }
  }
  return out;
}

export interface WriteOptions {
  /** write as a full `model.save` does: the layers under `model_weights` */
  fullSave?: boolean;
  /** leave these weights out (bad-input tests) */
  drop?: string[];
  /** replace a weight's shape and values (bad-input tests) */
  override?: Record<string, { shape: number[]; values: Float32Array }>;
}

export async function writeKerasH5(path: string, layers: KerasLayerSpec[], weights: Map<string, { shape: number[]; values: Float32Array }>, options: WriteOptions = {}): Promise<void> {
  await h5wasm.ready;
  const file = new h5wasm.File(path, 'w');
  try {
    const root = options.fullSave ? file.create_group('model_weights') : file;
    if (options.fullSave) file.create_attribute('model_config', JSON.stringify({ class_name: 'Model', config: { name: 'ssd' } }));
    root.create_attribute('layer_names', layers.map((l) => l.name));
    root.create_attribute('backend', 'tensorflow');
    root.create_attribute('keras_version', '2.2.4');
    for (const l of layers) {
      const group = root.create_group(l.name);
      const names = [...weights.keys()].filter((n) => n.startsWith(`${l.name}/`) && !options.drop?.includes(n));
      group.create_attribute('weight_names', names.length ? names : new Float32Array(0));
      if (names.length) {
        const inner = group.create_group(l.name);
        for (const n of names) {
          const w = options.override?.[n] ?? weights.get(n)!;
          inner.create_dataset({ name: n.slice(l.name.length + 1), data: w.values, shape: w.shape, dtype: '<f' });
        }
      }
    }
  } finally {
    file.close();
  }
}
