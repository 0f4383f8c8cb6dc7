// An ssd_keras SSD300 as a TensorFlow.js layers model, built and saved by TF.js itself at test
// time (tf.layers + model.save), with ssd_keras's three custom layers written here as the test's
// own minimal TF.js classes (L2Normalization with its gamma weight, AnchorBoxes and
// DecodeDetections carrying ssd_keras's config fields): what a user gets from
// `tensorflowjs_converter --input_format keras` for a model built without input Lambdas.
// The weights are the same seeded numbers the .h5 helper writes.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { KerasSsdParams } from '../../../src/detection/keras/ssd-keras-params';
import type { KerasLayerSpec } from './ssd-keras-h5';

type Kwargs = Record<string, unknown>;

class L2Normalization extends tfl.layers.Layer {
  static className = 'L2Normalization';
  private gamma!: tfl.LayerVariable;
  constructor(private readonly args: Kwargs & { name: string; gamma_init?: number }) {
    super(args);
  }
  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const channels = (inputShape as number[])[3];
    this.gamma = this.addWeight('gamma', [channels], 'float32', tfl.initializers.constant({ value: this.args.gamma_init ?? 20 }));
    this.built = true;
  }
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.mul(tf.div(x, tf.sqrt(tf.maximum(tf.sum(tf.square(x), 3, true), 1e-12))), this.gamma.read());
  }
  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), gamma_init: this.args.gamma_init ?? 20 };
  }
}

class AnchorBoxes extends tfl.layers.Layer {
  static className = 'AnchorBoxes';
  constructor(private readonly args: Kwargs & { name: string; n_boxes: number }) {
    super(args);
  }
  override computeOutputShape(s: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const shape = s as number[];
    return [shape[0], shape[1], shape[2], this.args.n_boxes, 8];
  }
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.zeros([x.shape[0], x.shape[1]!, x.shape[2]!, this.args.n_boxes, 8]);
  }
  override getConfig(): tf.serialization.ConfigDict {
    const { name: _n, n_boxes: _b, ...rest } = this.args;
    return { ...super.getConfig(), ...(rest as tf.serialization.ConfigDict) };
  }
}

class DecodeDetections extends tfl.layers.Layer {
  static className = 'DecodeDetections';
  constructor(private readonly args: Kwargs & { name: string; top_k: number }) {
    super(args);
  }
  override computeOutputShape(s: tfl.Shape | tfl.Shape[]): tfl.Shape {
    return [(s as number[])[0], this.args.top_k, 6];
  }
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.zeros([x.shape[0], this.args.top_k, 6]);
  }
  override getConfig(): tf.serialization.ConfigDict {
    const { name: _n, ...rest } = this.args;
    return { ...super.getConfig(), ...(rest as tf.serialization.ConfigDict) };
  }
}

for (const c of [L2Normalization, AnchorBoxes, DecodeDetections]) tf.serialization.registerClass(c);

export interface SavedLayersModel {
  modelJson: Record<string, unknown>;
  bin: Uint8Array;
}

/** Builds ssd_keras's SSD300 (no input Lambdas) with `values`, and saves it with TF.js. */
export async function ssd300LayersModel(
  layers: KerasLayerSpec[],
  values: Map<string, { shape: number[]; values: Float32Array }>,
  params: KerasSsdParams,
  classes: number,
): Promise<SavedLayersModel> {
  const spec = new Map(layers.map((l) => [l.name, l]));
  const input = tfl.input({ shape: [300, 300, 3], name: 'input_1' });
  let x: tfl.SymbolicTensor = input;
  const out: Record<string, tfl.SymbolicTensor> = {};
  const conv = (name: string, opts: { strides?: number; padding?: 'same' | 'valid'; dilation?: number; linear?: boolean } = {}) => {
    const [k, , filters] = spec.get(name)!.conv!;
    return tfl.layers
      .conv2d({ name, filters, kernelSize: k, strides: opts.strides ?? 1, padding: opts.padding ?? 'same', dilationRate: opts.dilation ?? 1, activation: opts.linear ? 'linear' : 'relu' })
      .apply(x) as tfl.SymbolicTensor;
  };
  const pool = (name: string, size: number, strides: number) => tfl.layers.maxPooling2d({ name, poolSize: size, strides, padding: 'same' }).apply(x) as tfl.SymbolicTensor;
  const pad = (name: string) => tfl.layers.zeroPadding2d({ name, padding: [[1, 1], [1, 1]] }).apply(x) as tfl.SymbolicTensor;
  for (const [stage, convs] of [[1, 2], [2, 2], [3, 3], [4, 3], [5, 3]]) {
    for (let i = 1; i <= convs; i++) x = conv(`conv${stage}_${i}`);
    if (stage === 4) out.conv4_3 = x;
    x = stage < 5 ? pool(`pool${stage}`, 2, 2) : pool('pool5', 3, 1);
  }
  x = conv('fc6', { dilation: 6 });
  x = out.fc7 = conv('fc7');
  x = conv('conv6_1');
  x = pad('conv6_padding');
  x = out.conv6_2 = conv('conv6_2', { strides: 2, padding: 'valid' });
  x = conv('conv7_1');
  x = pad('conv7_padding');
  x = out.conv7_2 = conv('conv7_2', { strides: 2, padding: 'valid' });
  x = conv('conv8_1');
  x = out.conv8_2 = conv('conv8_2', { padding: 'valid' });
  x = conv('conv9_1');
  x = out.conv9_2 = conv('conv9_2', { padding: 'valid' });
  out.conv4_3_norm = new L2Normalization({ name: 'conv4_3_norm', gamma_init: 20 }).apply(out.conv4_3) as tfl.SymbolicTensor;

  const taps = ['conv4_3_norm', 'fc7', 'conv6_2', 'conv7_2', 'conv8_2', 'conv9_2'];
  const confs: tfl.SymbolicTensor[] = [];
  const locs: tfl.SymbolicTensor[] = [];
  const priors: tfl.SymbolicTensor[] = [];
  taps.forEach((tap, i) => {
    x = out[tap];
    const c = conv(`${tap}_mbox_conf`, { linear: true });
    const l = conv(`${tap}_mbox_loc`, { linear: true });
    const nBoxes = spec.get(`${tap}_mbox_loc`)!.conv![2] / 4;
    const p = new AnchorBoxes({
      name: `${tap}_mbox_priorbox`, n_boxes: nBoxes, img_height: 300, img_width: 300,
      this_scale: params.scales[i], next_scale: params.scales[i + 1], aspect_ratios: params.aspectRatiosPerLayer[i],
      two_boxes_for_ar1: params.twoBoxesForAr1, this_steps: params.steps[i], this_offsets: params.offsets[i],
      clip_boxes: params.clipBoxes, variances: params.variances, coords: 'centroids', normalize_coords: true,
    }).apply(l) as tfl.SymbolicTensor;
    confs.push(tfl.layers.reshape({ name: `${tap}_mbox_conf_reshape`, targetShape: [-1, classes] }).apply(c) as tfl.SymbolicTensor);
    locs.push(tfl.layers.reshape({ name: `${tap}_mbox_loc_reshape`, targetShape: [-1, 4] }).apply(l) as tfl.SymbolicTensor);
    priors.push(tfl.layers.reshape({ name: `${tap}_mbox_priorbox_reshape`, targetShape: [-1, 8] }).apply(p) as tfl.SymbolicTensor);
  });
  const mboxConf = tfl.layers.concatenate({ name: 'mbox_conf', axis: 1 }).apply(confs) as tfl.SymbolicTensor;
  const mboxLoc = tfl.layers.concatenate({ name: 'mbox_loc', axis: 1 }).apply(locs) as tfl.SymbolicTensor;
  const mboxPrior = tfl.layers.concatenate({ name: 'mbox_priorbox', axis: 1 }).apply(priors) as tfl.SymbolicTensor;
  const softmax = tfl.layers.activation({ name: 'mbox_conf_softmax', activation: 'softmax' }).apply(mboxConf) as tfl.SymbolicTensor;
  const predictions = tfl.layers.concatenate({ name: 'predictions', axis: 2 }).apply([softmax, mboxLoc, mboxPrior]) as tfl.SymbolicTensor;
  const decoded = new DecodeDetections({
    name: 'decoded_predictions', top_k: 200, confidence_thresh: 0.01, iou_threshold: 0.45, nms_max_output_size: 400,
    coords: 'centroids', normalize_coords: true, img_height: 300, img_width: 300,
  }).apply(predictions) as tfl.SymbolicTensor;
  const model = tfl.model({ inputs: input, outputs: decoded, name: 'ssd300' });

  for (const layer of model.layers) {
    const own = [...values.keys()].filter((n) => n.startsWith(`${layer.name}/`));
    if (own.length === 0) continue;
    const ordered = layer.name === 'conv4_3_norm' ? own : [`${layer.name}/kernel:0`, `${layer.name}/bias:0`];
    layer.setWeights(ordered.map((n) => tf.tensor(values.get(n)!.values, values.get(n)!.shape)));
  }
  let saved: SavedLayersModel | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = {
        modelJson: {
          format: 'layers-model',
          generatedBy: `TensorFlow.js tfjs-layers v${tfl.version_layers}`,
          convertedBy: null,
          modelTopology: artifacts.modelTopology,
          weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: artifacts.weightSpecs }],
        },
        bin: new Uint8Array(artifacts.weightData as ArrayBuffer),
      };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  model.dispose();
  return saved!;
}
