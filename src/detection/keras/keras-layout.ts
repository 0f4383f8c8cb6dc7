import { kerasVggSsd, KERAS_SSD_TAPS } from './ssd-keras-architecture';
import { findWeight, shapeText, type KerasLayer } from './keras-weights';
import { kerasPreset, type KerasSsdVariant } from './ssd-keras-params';

// Which ssd_keras network a weights file holds, told from its layer names and weight shapes
// alone (a `save_weights` file has no model config): the variant from the last predictor's
// name, the classes from the first head's shapes, and every layer the builder will ask for
// checked before a tensor is made. Free of TensorFlow.js.

export interface KerasSsdLayout {
  variant: KerasSsdVariant;
  /** with the background */
  numClasses: number;
  /** read off the loc heads: the anchors' aspect ratios must give these */
  boxesPerLayer: number[];
  /** weights counted (what the builder reads) */
  params: number;
}

/** A file that is not (or not entirely) an ssd_keras SSD: what was found and what was expected. */
export class KerasLayoutError extends Error {
  constructor(
    message: string,
    /** each problem, naming the layer and the shapes */
    readonly problems: string[],
    /** the file's layers with their weight shapes, for the message's details */
    readonly found: string[],
  ) {
    super(message);
    this.name = 'KerasLayoutError';
  }
}

export function describeLayers(layers: KerasLayer[]): string[] {
  return layers.filter((l) => l.weights.length > 0).map((l) => `${l.name}: ${l.weights.map((w) => `${w.name.split('/').pop()} ${shapeText(w.shape)}`).join(', ')}`);
}

export function detectKerasSsd(file: string, layers: KerasLayer[]): KerasSsdLayout {
  const byName = new Map(layers.map((l) => [l.name, l]));
  const found = describeLayers(layers);
  const variant: KerasSsdVariant | null = byName.has('conv10_2_mbox_conf') ? 'ssd512' : byName.has('conv9_2_mbox_conf') ? 'ssd300' : null;
  if (!variant) {
    throw new KerasLayoutError(
      `${file} holds no ssd_keras SSD300 or SSD512: there is no predictor layer 'conv9_2_mbox_conf' (SSD300) or 'conv10_2_mbox_conf' (SSD512). ` +
        `Its ${found.length} layers with weights: ${found.slice(0, 6).join('; ')}${found.length > 6 ? '; …' : ''}.`,
      ['no ssd_keras predictor layers'],
      found,
    );
  }
  const taps = KERAS_SSD_TAPS[variant];
  const problems: string[] = [];
  const boxesPerLayer = taps.map((tap) => {
    const loc = findWeight(byName.get(`${tap}_mbox_loc`), 'kernel');
    return loc && loc.shape.length === 4 && loc.shape[3] % 4 === 0 ? loc.shape[3] / 4 : 0;
  });
  const conf0 = findWeight(byName.get(`${taps[0]}_mbox_conf`), 'kernel');
  const numClasses = conf0 && boxesPerLayer[0] > 0 && conf0.shape[3] % boxesPerLayer[0] === 0 ? conf0.shape[3] / boxesPerLayer[0] : 0;
  if (!(numClasses >= 2)) {
    throw new KerasLayoutError(
      `${file}: the number of classes cannot be read from ${taps[0]}_mbox_conf ${conf0 ? shapeText(conf0.shape) : '(missing)'} and ${taps[0]}_mbox_loc.`,
      ['classes unreadable'],
      found,
    );
  }
  // every weight the builder will ask for, with the shape it will ask for
  const arch = kerasVggSsd(kerasPreset(variant === 'ssd300' ? 'ssd300-voc' : 'ssd512-voc'), numClasses);
  let params = 0;
  const expect = (layer: string, role: 'kernel' | 'bias' | 'gamma', shape: number[]) => {
    const l = byName.get(layer);
    const w = findWeight(l, role);
    if (!l) problems.push(`layer '${layer}' is missing`);
    else if (!w) problems.push(`layer '${layer}' has no ${role} (it has ${l.weights.map((x) => x.name).join(', ') || 'no weights'})`);
    else if (w.shape.length !== shape.length || w.shape.some((d, i) => d !== shape[i])) problems.push(`${w.name} is ${shapeText(w.shape)}, expected ${shapeText(shape)}`);
    params += shape.reduce((a, b) => a * b, 1);
  };
  let channels = 3;
  arch.layers.forEach((spec) => {
    if (spec.kind === 'conv') {
      expect(spec.name, 'kernel', [spec.kernel, spec.kernel, channels, spec.filters]);
      expect(spec.name, 'bias', [spec.filters]);
      channels = spec.filters;
    } else if (spec.kind === 'l2norm') {
      expect(spec.name, 'gamma', [channels]);
    }
    const head = taps.indexOf(spec.name);
    if (head >= 0) {
      const boxes = boxesPerLayer[head];
      if (!boxes) problems.push(`layer '${spec.name}_mbox_loc' is missing or its kernel is not [3, 3, ${channels}, boxes x 4]`);
      for (const [part, per] of [['loc', 4], ['conf', numClasses]] as const) {
        expect(`${spec.name}_mbox_${part}`, 'kernel', [3, 3, channels, boxes * per]);
        expect(`${spec.name}_mbox_${part}`, 'bias', [boxes * per]);
      }
    }
  });
  if (problems.length) {
    throw new KerasLayoutError(
      `${file} looks like an ssd_keras ${variant.toUpperCase()} but its weights do not fit: ${problems.slice(0, 4).join('; ')}${problems.length > 4 ? `; and ${problems.length - 4} more` : ''}.`,
      problems,
      found,
    );
  }
  return { variant, numClasses, boxesPerLayer, params };
}
