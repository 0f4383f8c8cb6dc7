// Checks a user's model files before any byte reaches TensorFlow.js: the JSON is a
// TensorFlow.js graph model (data only: a graph of known op names and weight specs, no code),
// every shard it names is present and named once, the file sizes match what the weight shapes
// and dtypes need (checked before a shard is read), the total stays under a cap, and there is
// one image input of rank 4. Every refusal is an ImportError naming the file and the field.
import { JsonChecker, checkGraphModel, field, isObject, own, shardName, show, weightBytes, type GraphModelJson } from './graph-json';
import { ImportError } from './import-error';
import type { ModelOutput } from './layout';

export { ImportError, type ImportErrorKind } from './import-error';
export type { GraphModelJson, WeightSpec } from './graph-json';

/** A picked or dropped file, as much of File as we need (so Node tests can pass fakes). */
export interface ImportFile {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
  text(): Promise<string>;
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
  /** the signature's outputs with their shapes where it gives them (to tell the layout) */
  outputShapes: ModelOutput[];
}

/** 300 MB: more than any phone should be asked to hold for one detector. */
export const MAX_MODEL_BYTES = 300 * 1024 * 1024;

const mb = (bytes: number) => (bytes / 1048576).toFixed(0);

/** Weight bytes the manifest describes, per group; refuses a total over the cap, naming the largest weight. */
function describedBytes(file: string, json: GraphModelJson, maxBytes: number): number[] {
  let largest = { bytes: -1, at: '', name: '' };
  const perGroup = json.weightsManifest.map((g, gi) =>
    g.weights.reduce((sum, w, wi) => {
      const bytes = weightBytes(w);
      if (!(bytes <= largest.bytes)) largest = { bytes, at: `${field(field(field('weightsManifest', gi), 'weights'), wi)}.shape`, name: w.name };
      return sum + bytes;
    }, 0),
  );
  const total = perGroup.reduce((a, b) => a + b, 0);
  // (not `total > maxBytes`: a shape that overflows makes Infinity or NaN)
  if (!(total <= maxBytes)) {
    const size = Number.isFinite(total) ? `${mb(total)} MB` : 'more than any device can hold';
    throw new ImportError(
      'too-large',
      `${file} describes ${size} of weights; the limit is ${mb(maxBytes)} MB (the largest is weight ${show(largest.name)}, ${largest.at}).`,
      file,
      largest.at,
    );
  }
  return perGroup;
}

/** Parses a TensorFlow dim size ('512', '-1', missing = any size). */
function dimSize(c: JsonChecker, d: unknown, at: string): number {
  c.object(d, at, 'bad-input');
  const raw = own(d, 'size');
  const n = raw === undefined ? -1 : typeof raw === 'string' || typeof raw === 'number' ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < -1 || n === 0) c.fail('bad-input', `${at}.size`, `${show(raw)} is not an image dimension`);
  return n;
}

function findImageInput(c: JsonChecker, json: GraphModelJson): { name: string; shape: number[] } {
  const candidates: Array<{ name: string; dims: unknown; at: string }> = [];
  const sigInputs = own(json.signature, 'inputs');
  let where: string;
  if (isObject(sigInputs) && Object.keys(sigInputs).length > 0) {
    where = 'signature.inputs';
    for (const name of Object.keys(sigInputs)) {
      const at = field(where, name);
      const info = c.object(own(sigInputs, name), at, 'bad-input');
      candidates.push({ name: name.replace(/:0$/, ''), dims: own(c.object(own(info, 'tensorShape'), `${at}.tensorShape`, 'bad-input'), 'dim'), at: `${at}.tensorShape.dim` });
    }
  } else {
    where = 'modelTopology.node (Placeholder ops)';
    json.modelTopology.node.forEach((n, i) => {
      if (n.op !== 'Placeholder') return;
      const at = field('modelTopology.node', i);
      candidates.push({ name: n.name, dims: own(own(own(n.attr, 'shape'), 'shape'), 'dim'), at: `${at}.attr.shape.shape.dim` });
    });
  }
  if (candidates.length !== 1) c.fail('bad-input', where, `the model has ${candidates.length} inputs; a detector takes exactly one image`);
  const [input] = candidates;
  const shape = Array.isArray(input.dims) ? input.dims.map((d, i) => dimSize(c, d, field(input.at, i))) : null;
  if (!shape || shape.length !== 4 || (shape[3] !== 3 && shape[3] !== -1)) {
    c.fail('bad-input', input.at, `the model's input ${show(input.name)} has shape [${shape ? (shape.length > 8 ? `${shape.slice(0, 8)},… (${shape.length} dimensions)` : shape) : '?'}]; an image input is [batch, height, width, 3]`);
  }
  return { name: input.name, shape };
}

/** Validates the picked files; throws ImportError with a message a user can act on. */
export async function validateModelFiles(files: ImportFile[], maxBytes = MAX_MODEL_BYTES): Promise<ValidatedModel> {
  const jsons = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
  if (jsons.length !== 1) {
    throw jsons.length === 0
      ? new ImportError('no-model-json', 'Pick the model.json file together with its .bin weight files.')
      : new ImportError('no-model-json', `Pick one model.json at a time (with its .bin files), not ${jsons.map((f) => f.name).join(', ')}.`, jsons[0].name);
  }
  const total = files.reduce((s, f) => s + f.size, 0);
  if (total > maxBytes) {
    const largest = files.reduce((a, b) => (b.size > a.size ? b : a));
    throw new ImportError('too-large', `These files add up to ${mb(total)} MB (${largest.name} alone ${mb(largest.size)} MB); the limit is ${mb(maxBytes)} MB.`, largest.name);
  }
  const modelFile = jsons[0];
  let json: unknown;
  try {
    json = JSON.parse(await modelFile.text());
  } catch (error) {
    throw new ImportError('bad-json', `${modelFile.name} is not valid JSON (${String((error as Error)?.message).slice(0, 200)}).`, modelFile.name);
  }
  const c = new JsonChecker(modelFile.name);
  const model = checkGraphModel(c, json);
  // Each shard named once: a path listed again would be read again, and the size check after
  // reading would come too late.
  const seen = new Map<string, string>();
  model.weightsManifest.forEach((g, gi) =>
    g.paths.forEach((p, pi) => {
      const at = field(field(field('weightsManifest', gi), 'paths'), pi);
      const name = shardName(p);
      if (seen.has(name)) c.fail('not-graph-model', at, `lists the weight file ${show(name)} more than once (first at ${seen.get(name)}); each shard is listed once`);
      seen.set(name, at);
    }),
  );
  const described = describedBytes(modelFile.name, model, maxBytes);
  const input = findImageInput(c, model);
  const byName = new Map(files.map((f) => [f.name, f]));
  const missing = [...seen].filter(([name]) => !byName.has(name));
  if (missing.length > 0) {
    c.fail('missing-shard', missing[0][1], `missing weight file${missing.length > 1 ? 's' : ''}: ${missing.map(([n]) => show(n)).join(', ')}. Pick ${missing.length > 1 ? 'them' : 'it'} together with ${modelFile.name}`);
  }
  // The sizes the files declare, per group, before a byte is read.
  model.weightsManifest.forEach((g, gi) => {
    const shards = g.paths.map((p) => byName.get(shardName(p))!);
    const have = shards.reduce((s, f) => s + f.size, 0);
    if (have !== described[gi]) {
      const culprit = shards.length === 1 ? shards[0].name : modelFile.name;
      const at = field(field('weightsManifest', gi), 'paths');
      throw new ImportError(
        'shard-size',
        `The weight files hold ${have} bytes but ${modelFile.name} describes ${described[gi]} (${culprit}, ${at}): a file is truncated or belongs to another model.`,
        culprit,
        at,
      );
    }
  });
  const shards: ArrayBuffer[] = [];
  for (const [name, at] of seen) {
    const f = byName.get(name)!;
    const bytes = await f.arrayBuffer();
    if (bytes.byteLength !== f.size) {
      throw new ImportError('shard-size', `${name} (${at}) read as ${bytes.byteLength} bytes but is ${f.size}: the file changed while it was read.`, name, at);
    }
    shards.push(bytes);
  }
  const sigOutputs = own(model.signature, 'outputs');
  const outputShapes = Object.keys(isObject(sigOutputs) ? sigOutputs : {}).map((n) => ({ name: n.replace(/:0$/, ''), shape: outputShape(own(sigOutputs, n)) }));
  return { modelJson: model, shards, sizeBytes: total, inputShape: input.shape, inputName: input.name, signatureOutputs: outputShapes.map((o) => o.name), outputShapes };
}

/** An output's shape from its signature entry; null where the entry does not give one. */
function outputShape(info: unknown): number[] | null {
  const dims = own(own(info, 'tensorShape'), 'dim');
  if (!Array.isArray(dims) || dims.length === 0 || dims.length > 8) return null;
  const shape = dims.map((d) => {
    const raw = own(d, 'size');
    const n = raw === undefined ? -1 : typeof raw === 'string' || typeof raw === 'number' ? Number(raw) : NaN;
    return Number.isSafeInteger(n) && n >= -1 ? n : NaN;
  });
  return shape.every((n) => !Number.isNaN(n)) ? shape : null;
}
