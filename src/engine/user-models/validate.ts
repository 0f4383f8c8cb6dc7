// Checks a user's model files before any byte reaches TensorFlow.js: the JSON is a
// TensorFlow.js graph model (data only: a graph of known op names and weight specs, no code),
// every shard it names is present, byte counts match what the weight shapes and dtypes
// need, the total stays under a cap, and there is one image input of rank 4.

export type ImportErrorKind =
  | 'no-model-json'
  | 'bad-json'
  | 'not-graph-model'
  | 'too-large'
  | 'missing-shard'
  | 'shard-size'
  | 'bad-input';

export class ImportError extends Error {
  constructor(
    readonly kind: ImportErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

/** A picked or dropped file, as much of File as we need (so Node tests can pass fakes). */
export interface ImportFile {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
  text(): Promise<string>;
}

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: string };
}

export interface GraphModelJson {
  format?: string;
  modelTopology: { node: Array<{ name: string; op: string; attr?: Record<string, unknown>; input?: string[] }> };
  weightsManifest: Array<{ paths: string[]; weights: WeightSpec[] }>;
  signature?: { inputs?: Record<string, { tensorShape?: { dim?: Array<{ size?: string }> } }>; outputs?: Record<string, unknown> };
  [key: string]: unknown;
}

export interface ValidatedModel {
  modelJson: GraphModelJson;
  /** shard contents in manifest order */
  shards: ArrayBuffer[];
  sizeBytes: number;
  /** [batch, height, width, channels]; -1 where the model takes any size */
  inputShape: number[];
  inputName: string;
  /** output names from the signature, when it has them (for pre-filling the form) */
  signatureOutputs: string[];
}

/** 300 MB: more than any phone should be asked to hold for one detector. */
export const MAX_MODEL_BYTES = 300 * 1024 * 1024;

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2, int8: 1, int16: 2 };

function specBytes(w: WeightSpec): number {
  const dtype = w.quantization?.dtype ?? w.dtype;
  const size = BYTES[dtype];
  if (!size) throw new ImportError('not-graph-model', `Weight '${w.name}' has dtype '${dtype}', which a detector's weights never use.`);
  return w.shape.reduce((a, b) => a * b, 1) * size;
}

function isGraphModel(json: unknown): json is GraphModelJson {
  const j = json as GraphModelJson;
  return (
    !!j &&
    typeof j === 'object' &&
    !!j.modelTopology &&
    Array.isArray(j.modelTopology.node) &&
    j.modelTopology.node.every((n) => n && typeof n.name === 'string' && typeof n.op === 'string') &&
    Array.isArray(j.weightsManifest) &&
    j.weightsManifest.every(
      (g) =>
        g && Array.isArray(g.paths) && g.paths.every((p) => typeof p === 'string') && Array.isArray(g.weights) &&
        g.weights.every((w) => w && typeof w.name === 'string' && typeof w.dtype === 'string' && Array.isArray(w.shape) && w.shape.every((d) => Number.isInteger(d) && d >= 0)),
    )
  );
}

function dimsOf(shape: unknown): number[] | null {
  const dims = (shape as { dim?: Array<{ size?: string }> } | undefined)?.dim;
  if (!Array.isArray(dims)) return null;
  return dims.map((d) => Number(d.size ?? -1));
}

function findImageInput(json: GraphModelJson): { name: string; shape: number[] } {
  const candidates: Array<{ name: string; shape: number[] | null }> = [];
  const sigInputs = json.signature?.inputs;
  if (sigInputs && Object.keys(sigInputs).length > 0) {
    for (const [name, info] of Object.entries(sigInputs)) candidates.push({ name: name.replace(/:0$/, ''), shape: dimsOf(info.tensorShape) });
  } else {
    for (const n of json.modelTopology.node.filter((x) => x.op === 'Placeholder')) {
      candidates.push({ name: n.name, shape: dimsOf((n.attr?.shape as { shape?: unknown } | undefined)?.shape) });
    }
  }
  if (candidates.length !== 1) {
    throw new ImportError('bad-input', `The model has ${candidates.length} inputs; a detector takes exactly one image.`);
  }
  const [input] = candidates;
  if (!input.shape || input.shape.length !== 4 || (input.shape[3] !== 3 && input.shape[3] !== -1)) {
    throw new ImportError('bad-input', `The model's input '${input.name}' has shape [${input.shape ?? '?'}]; an image input is [batch, height, width, 3].`);
  }
  return { name: input.name, shape: input.shape };
}

/** Validates the picked files; throws ImportError with a message a user can act on. */
export async function validateModelFiles(files: ImportFile[], maxBytes = MAX_MODEL_BYTES): Promise<ValidatedModel> {
  const jsons = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
  if (jsons.length !== 1) {
    throw new ImportError('no-model-json', jsons.length === 0 ? 'Pick the model.json file together with its .bin weight files.' : 'Pick one model.json at a time (with its .bin files).');
  }
  const total = files.reduce((s, f) => s + f.size, 0);
  if (total > maxBytes) throw new ImportError('too-large', `These files add up to ${(total / 1048576).toFixed(0)} MB; the limit is ${(maxBytes / 1048576).toFixed(0)} MB.`);
  const modelFile = jsons[0];
  let json: unknown;
  try {
    json = JSON.parse(await modelFile.text());
  } catch (error) {
    throw new ImportError('bad-json', `${modelFile.name} is not valid JSON (${(error as Error).message}).`);
  }
  if (!isGraphModel(json) || (json.format !== undefined && json.format !== 'graph-model')) {
    throw new ImportError('not-graph-model', `${modelFile.name} is not a TensorFlow.js graph model (made by tensorflowjs_converter). Layers models and other formats are not supported.`);
  }
  const claimed = json.weightsManifest.reduce((s, g) => s + g.weights.reduce((t, w) => t + specBytes(w), 0), 0);
  if (claimed > maxBytes) {
    throw new ImportError('too-large', `${modelFile.name} describes ${(claimed / 1048576).toFixed(0)} MB of weights; the limit is ${(maxBytes / 1048576).toFixed(0)} MB.`);
  }
  const input = findImageInput(json);
  const byName = new Map(files.map((f) => [f.name, f]));
  const paths = json.weightsManifest.flatMap((g) => g.paths);
  const missing = paths.filter((p) => !byName.has(p.split('/').pop()!));
  if (missing.length > 0) throw new ImportError('missing-shard', `Missing weight file${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}. Pick them together with ${modelFile.name}.`);
  const shards = await Promise.all(paths.map((p) => byName.get(p.split('/').pop()!)!.arrayBuffer()));
  const have = shards.reduce((s, b) => s + b.byteLength, 0);
  if (have !== claimed) {
    throw new ImportError('shard-size', `The weight files hold ${have} bytes but ${modelFile.name} describes ${claimed}: a file is truncated or belongs to another model.`);
  }
  const outputs = Object.keys(json.signature?.outputs ?? {}).map((n) => n.replace(/:0$/, ''));
  return { modelJson: json, shards, sizeBytes: total, inputShape: input.shape, inputName: input.name, signatureOutputs: outputs };
}
