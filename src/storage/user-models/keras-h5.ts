import type { Dataset, Entity, Group } from 'h5wasm';
import type { KerasLayer, KerasWeights } from '../../detection/keras/keras-weights';
import { ImportError } from './import-error';

// Keras 2 HDF5 weights (what `model.save_weights(...h5)` or `model.save(...h5)` writes) read
// into KerasWeights: the root (or the `model_weights` group of a full save) lists its layers
// in the attribute `layer_names`; each layer's group lists its weights in `weight_names`
// ("conv1_1/kernel:0"), stored as datasets at those paths below the layer's group. Shapes and
// sizes are checked against the cap before a value is read, then every weight is copied once
// into one float32 buffer. Works on an h5wasm file opened by the caller (WORKERFS in the import
// worker, a path in Node tests), so the file itself is never held in memory whole.

const H5T_FLOAT = 1;

const mb = (bytes: number) => (bytes / 1048576).toFixed(0);

function names(group: Group, attr: string): string[] | null {
  const a = group.attrs[attr];
  if (!a) return null;
  const v = a.value;
  const list = Array.isArray(v) ? v : typeof v === 'string' ? [v] : ArrayBuffer.isView(v) && v.length === 0 ? [] : null;
  if (!list) return null;
  return list.map((x) => (typeof x === 'string' ? x : x instanceof Uint8Array ? new TextDecoder().decode(x) : String(x)));
}

const isGroup = (e: Entity | null): e is Group => !!e && (e as Group).type === 'Group';
const isDataset = (e: Entity | null): e is Dataset => !!e && (e as Dataset).type === 'Dataset';

/** Where a Keras file keeps its layers: the root of a save_weights file, `model_weights` of a full save. */
function weightsRoot(file: Group, fileName: string): Group {
  if (names(file, 'layer_names')) return file;
  const nested = file.keys().includes('model_weights') ? file.get('model_weights') : null;
  if (isGroup(nested) && names(nested, 'layer_names')) return nested;
  const top = file.keys().slice(0, 8);
  throw new ImportError(
    'no-keras-weights',
    `${fileName} is an HDF5 file but holds no Keras weights: neither its root nor a 'model_weights' group has the attribute 'layer_names' ` +
      `(its top level: ${top.length ? top.join(', ') : 'empty'}). Save the model from Keras with model.save_weights('weights.h5') or model.save('model.h5').`,
    fileName,
    'layer_names',
  );
}

/** `onProgress(weightsRead, weights)` after each weight: a reader that stops reporting is stuck
 * (a damaged file can send the HDF5 library into a loop; see engine/keras-import-client.ts). */
export function readKerasH5(file: Group, fileName: string, maxBytes: number, onProgress?: (done: number, total: number) => void): KerasWeights {
  const root = weightsRoot(file, fileName);
  const layerNames = names(root, 'layer_names')!;
  const plan: Array<{ layer: string; weight: string; dataset: Dataset; shape: number[] }> = [];
  const layers: KerasLayer[] = [];
  let total = 0;
  for (const layerName of layerNames) {
    const group = root.get(layerName);
    if (!isGroup(group)) {
      throw new ImportError('no-keras-weights', `${fileName}: layer '${layerName}' is listed in layer_names but has no group.`, fileName, `/${layerName}`);
    }
    const layer: KerasLayer = { name: layerName, weights: [] };
    for (const weightName of names(group, 'weight_names') ?? []) {
      const dataset = group.get(weightName);
      const at = `/${layerName}/${weightName}`;
      if (!isDataset(dataset)) throw new ImportError('no-keras-weights', `${fileName}: weight '${weightName}' of layer '${layerName}' is missing.`, fileName, at);
      const meta = dataset.metadata;
      if (meta.type !== H5T_FLOAT || (meta.size !== 4 && meta.size !== 8)) {
        const what = meta.type === H5T_FLOAT ? `${meta.size * 8}-bit floats` : 'not floats';
        throw new ImportError('no-keras-weights', `${fileName}: weight '${weightName}' holds ${what}; only float32 and float64 weights can be read.`, fileName, at);
      }
      const shape = dataset.shape ?? [];
      const size = shape.reduce((a, b) => a * b, 1);
      total += size;
      // checked before any value is read: a file that claims more than the cap is refused whole
      if (!(total * 4 <= maxBytes)) {
        throw new ImportError('too-large', `${fileName} holds more than ${mb(maxBytes)} MB of weights (reached at '${weightName}'); the limit is ${mb(maxBytes)} MB.`, fileName, at);
      }
      layer.weights.push({ name: weightName, shape, offset: 0 });
      plan.push({ layer: layerName, weight: weightName, dataset, shape });
    }
    layers.push(layer);
    onProgress?.(0, plan.length);
  }
  const data = new Float32Array(total);
  let offset = 0;
  let k = 0;
  for (const layer of layers) {
    for (const w of layer.weights) {
      const { dataset, shape } = plan[k++];
      const values = dataset.value as Float32Array | Float64Array | null;
      const size = shape.reduce((a, b) => a * b, 1);
      if (!values || values.length !== size) {
        throw new ImportError('no-keras-weights', `${fileName}: weight '${w.name}' has ${values?.length ?? 0} values where its shape [${shape.join(', ')}] needs ${size}.`, fileName, `/${layer.name}/${w.name}`);
      }
      data.set(values, offset);
      w.offset = offset;
      offset += size;
      onProgress?.(k, plan.length);
    }
  }
  return { layers, data };
}

/** The 8-byte signature every HDF5 file starts with (at offset 0 for files Keras writes). */
export const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

export function isHdf5(head: Uint8Array): boolean {
  return HDF5_SIGNATURE.every((b, i) => head[i] === b);
}
