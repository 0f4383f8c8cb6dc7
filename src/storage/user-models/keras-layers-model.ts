import type { KerasLayer, KerasWeights } from '../../detection/keras/keras-weights';
import type { KerasSsdParams } from '../../detection/keras/ssd-keras-params';
import { shardName } from './graph-json';
import { ImportError } from './import-error';
import type { ImportFile } from './validate';

// A TensorFlow.js layers model (what `tensorflowjs_converter --input_format keras` writes for an
// ssd_keras model, or `model.save()` in TF.js) read as data for our SSD builder: nothing in it is
// executed. Every layer's class must be one we know how to build from (Keras's own conv, pool,
// padding, reshape, concatenate, activation, and ssd_keras's L2Normalization, AnchorBoxes,
// DecodeDetections, whose documented behaviour our builder and decoder implement); any other
// class is refused with its name. The anchors come from the AnchorBoxes layers' configs, so the
// form starts from what the file says instead of a preset.

/** Layer classes a layers model may hold. */
export const BUILDABLE_LAYER_CLASSES = [
  'InputLayer', 'Conv2D', 'MaxPooling2D', 'ZeroPadding2D', 'Reshape', 'Concatenate', 'Activation',
  'L2Normalization', 'AnchorBoxes', 'DecodeDetections', 'DecodeDetectionsFast',
] as const;

/** ssd_keras's input Lambdas: their Python code is never run; their presence says the
 * preprocessing (mean subtraction, channel swap), whose values the form then asks for. */
const INPUT_LAMBDAS = ['identity_layer', 'input_mean_normalization', 'input_stddev_normalization', 'input_channel_swap'];

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const mb = (bytes: number) => (bytes / 1048576).toFixed(0);

export interface LayersModelRead {
  weights: KerasWeights;
  /** anchor settings from the AnchorBoxes layers, with the preprocessing the Lambdas say;
   * null when the model has no AnchorBoxes layers (the form starts from a preset) */
  params: KerasSsdParams | null;
  /** the model.json's name, for messages */
  file: string;
}

/** Whether a model.json is a layers model (rather than a graph model). */
export function isLayersModelJson(json: unknown): boolean {
  if (!isObj(json)) return false;
  if (json.format === 'layers-model') return true;
  const topology = json.modelTopology;
  return isObj(topology) && ('class_name' in topology || 'model_config' in topology);
}

function layerList(file: string, json: Json): Json[] {
  const topology = json.modelTopology as Json;
  const model = isObj(topology.model_config) ? topology.model_config : topology;
  const layers = isObj(model.config) ? model.config.layers : undefined;
  if (!Array.isArray(layers) || !layers.every(isObj)) {
    throw new ImportError('not-graph-model', `${file}: modelTopology has no list of layers (model_config.config.layers); this is not a Keras layers model.`, file, 'modelTopology');
  }
  return layers as Json[];
}

function layerName(layer: Json): string {
  const config = isObj(layer.config) ? layer.config : {};
  return String(config.name ?? layer.name ?? '?');
}

/** Refuses any layer we would not build from, naming it and its class. */
function checkClasses(file: string, layers: Json[]): { mean: boolean; swap: boolean } {
  const known = new Set<string>(BUILDABLE_LAYER_CLASSES);
  let mean = false;
  let swap = false;
  layers.forEach((layer, i) => {
    const cls = String(layer.class_name);
    const name = layerName(layer);
    if (cls === 'Lambda' && INPUT_LAMBDAS.includes(name)) {
      if (name === 'input_mean_normalization') mean = true;
      if (name === 'input_channel_swap') swap = true;
      return;
    }
    if (!known.has(cls)) {
      const why = cls === 'Lambda' ? 'a Lambda holds Python code, which is never run here' : 'SSD Cam does not build that class';
      throw new ImportError(
        'unknown-layer',
        `${file}: layer '${name}' is of class '${cls}' (${why}). A layers model is read as data: only ${BUILDABLE_LAYER_CLASSES.join(', ')} and ssd_keras's input Lambdas are known.`,
        file,
        `modelTopology.layers[${i}].class_name`,
      );
    }
  });
  return { mean, swap };
}

/** The anchor settings of the AnchorBoxes layers, in predictor order. */
function anchorParams(file: string, layers: Json[], pre: { mean: boolean; swap: boolean }): KerasSsdParams | null {
  const boxes = layers.filter((l) => l.class_name === 'AnchorBoxes').map((l) => ({ name: layerName(l), c: (l.config ?? {}) as Json }));
  if (boxes.length === 0) return null;
  const variant = boxes.length === 7 ? 'ssd512' : boxes.length === 6 ? 'ssd300' : null;
  if (!variant) throw new ImportError('keras-layout', `${file} has ${boxes.length} AnchorBoxes layers; ssd_keras's SSD300 has 6 and SSD512 has 7.`, file);
  const first = boxes[0].c;
  const size = Number(first.img_height);
  if (!(size > 0) || Number(first.img_width) !== size) {
    throw new ImportError('keras-layout', `${file}: ${boxes[0].name} is for a ${first.img_height}x${first.img_width} input; a square input is needed.`, file);
  }
  for (const { name, c } of boxes) {
    if ((c.coords ?? 'centroids') !== 'centroids' || c.normalize_coords === false) {
      throw new ImportError('keras-layout', `${file}: ${name} uses coords '${String(c.coords)}' / normalize_coords ${String(c.normalize_coords)}; only centroids with normalized coordinates are decoded.`, file);
    }
  }
  const num = (v: unknown, fallback: number) => (Array.isArray(v) ? Number(v[0]) : v === null || v === undefined ? fallback : Number(v));
  const maps = variant === 'ssd300' ? [38, 19, 10, 5, 3, 1] : [64, 32, 16, 8, 4, 2, 1];
  return {
    variant,
    imageSize: size,
    scales: [...boxes.map((b) => Number(b.c.this_scale)), Number(boxes[boxes.length - 1].c.next_scale)],
    aspectRatiosPerLayer: boxes.map((b) => (Array.isArray(b.c.aspect_ratios) ? b.c.aspect_ratios.map(Number) : [])),
    twoBoxesForAr1: first.two_boxes_for_ar1 !== false,
    // ssd_keras: no step means image size / map size, no offset means half a step
    steps: boxes.map((b, i) => num(b.c.this_steps, size / maps[i])),
    offsets: boxes.map((b) => num(b.c.this_offsets, 0.5)),
    clipBoxes: Boolean(first.clip_boxes ?? first.limit_boxes ?? false),
    variances: (Array.isArray(first.variances) ? first.variances.map(Number) : [0.1, 0.1, 0.2, 0.2]) as [number, number, number, number],
    // the Lambdas' values are Python constants the file does not hold: ssd_keras's defaults
    subtractMean: pre.mean ? [123, 117, 104] : [0, 0, 0],
    swapToBgr: pre.swap,
  };
}

/** Reads a layers model's files into KerasWeights; refuses with the file and field at fault. */
export async function readLayersModel(files: ImportFile[], maxBytes: number): Promise<LayersModelRead> {
  const jsonFile = files.find((f) => f.name.toLowerCase().endsWith('.json'))!;
  let json: unknown;
  try {
    json = JSON.parse(await jsonFile.text());
  } catch (error) {
    throw new ImportError('bad-json', `${jsonFile.name} is not valid JSON (${String((error as Error)?.message).slice(0, 200)}).`, jsonFile.name);
  }
  if (!isObj(json)) throw new ImportError('not-graph-model', `${jsonFile.name} is not a layers model.`, jsonFile.name);
  const file = jsonFile.name;
  const layers = layerList(file, json);
  const pre = checkClasses(file, layers);
  const params = anchorParams(file, layers, pre);
  const manifest = json.weightsManifest;
  if (!Array.isArray(manifest) || !manifest.every((g) => isObj(g) && Array.isArray(g.paths) && Array.isArray(g.weights))) {
    throw new ImportError('not-graph-model', `${file}: weightsManifest is missing or not a list of { paths, weights }.`, file, 'weightsManifest');
  }
  // every weight float32 and unquantized, its size known before a shard is read
  const specs: Array<{ name: string; shape: number[]; group: number }> = [];
  let total = 0;
  (manifest as Json[]).forEach((g, gi) =>
    (g.weights as unknown[]).forEach((w, wi) => {
      const at = `weightsManifest[${gi}].weights[${wi}]`;
      if (!isObj(w) || typeof w.name !== 'string' || !Array.isArray(w.shape) || !w.shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0)) {
        throw new ImportError('not-graph-model', `${file}: ${at} is not a weight (name, shape).`, file, at);
      }
      if ((w.dtype ?? 'float32') !== 'float32' || w.quantization !== undefined) {
        throw new ImportError('not-graph-model', `${file}: weight '${w.name}' is ${w.quantization ? 'quantized' : String(w.dtype)}; convert the model without quantization (float32 weights).`, file, `${at}.dtype`);
      }
      const shape = w.shape as number[];
      total += shape.reduce((a, b) => a * b, 1);
      if (!(total * 4 <= maxBytes)) throw new ImportError('too-large', `${file} describes more than ${mb(maxBytes)} MB of weights (reached at '${w.name}'); the limit is ${mb(maxBytes)} MB.`, file, `${at}.shape`);
      specs.push({ name: w.name, shape, group: gi });
    }),
  );
  const byName = new Map(files.map((f) => [f.name, f]));
  const data = new Float32Array(total);
  let offset = 0;
  const kerasLayers = new Map<string, KerasLayer>();
  for (const [gi, g] of (manifest as Json[]).entries()) {
    const groupSpecs = specs.filter((s) => s.group === gi);
    const want = groupSpecs.reduce((s, w) => s + w.shape.reduce((a, b) => a * b, 1), 0) * 4;
    const shards = (g.paths as unknown[]).map((p) => {
      const f = byName.get(shardName(String(p)));
      if (!f) throw new ImportError('missing-shard', `missing weight file '${shardName(String(p))}' named in ${file}. Pick it together with ${file}.`, file, `weightsManifest[${gi}].paths`);
      return f;
    });
    const have = shards.reduce((s, f) => s + f.size, 0);
    if (have !== want) {
      throw new ImportError('shard-size', `${shards.map((f) => f.name).join(', ')}: ${have} bytes where the weights of group ${gi} need ${want}: truncated, or from another model.`, shards[0]?.name ?? file);
    }
    // one shard at a time into the one buffer: the weights are held once (plus one shard)
    const groupBytes = new Uint8Array(data.buffer, offset * 4, want);
    let at = 0;
    for (const f of shards) {
      const bytes = new Uint8Array(await f.arrayBuffer());
      groupBytes.set(bytes, at);
      at += bytes.byteLength;
    }
    for (const s of groupSpecs) {
      const layer = s.name.includes('/') ? s.name.slice(0, s.name.lastIndexOf('/')) : s.name;
      if (!kerasLayers.has(layer)) kerasLayers.set(layer, { name: layer, weights: [] });
      kerasLayers.get(layer)!.weights.push({ name: s.name, shape: s.shape, offset });
      offset += s.shape.reduce((a, b) => a * b, 1);
    }
  }
  return { weights: { layers: [...kerasLayers.values()], data }, params, file };
}
