import type { ModelManifest } from '../../detection/manifest';
import { KERAS_SSD_MAPS } from '../../detection/keras/ssd-keras-params';
import type { UserModelConfig } from './store';
import type { Execution } from './execution';
import type { PixelRange, UserModelListing } from './store';

// An imported model described as one of our manifests, so the catalog, the picker and the
// worker treat it like any other graph model.

const RANGES: Record<PixelRange, { scale: number; offset: number }> = {
  '0-255': { scale: 1, offset: 0 },
  '0-1': { scale: 1 / 255, offset: 0 },
  '-1-1': { scale: 2 / 255, offset: -1 },
};

export function userModelManifest(listing: UserModelListing, execution: Execution = listing.execution ?? 'executeAsync'): ModelManifest {
  const c = listing.config;
  if (c.adapter === 'ssd-keras') {
    if (!c.keras) throw new Error(`imported model ${listing.id} says ssd-keras but has no parameters`);
    return kerasManifest(listing, c.keras);
  }
  return {
    id: listing.id,
    name: c.name,
    description: `Imported on ${new Date(listing.createdAt).toISOString().slice(0, 10)}; read as ${c.adapter} outputs (${c.outputs.join(', ')}).`,
    family: c.adapter === 'centernet' ? 'centernet' : c.adapter === 'yolov8' || c.adapter === 'yolov5' ? 'yolo' : 'ssd',
    backbone: 'your model',
    group: 'user',
    trained: true,
    inputSize: c.inputSize,
    labels: c.labels,
    runtime: {
      format: 'graph',
      adapter: c.adapter,
      execution,
      outputs: c.outputs,
      input: { resize: c.resize ?? 'stretch', dtype: c.inputDtype, ...RANGES[c.pixelRange] },
      boxes: 'decoded',
      scoresIncludeBackground: c.scoresIncludeBackground ?? false,
    },
    weights: { package: 'imported', files: [], sizeBytes: listing.sizeBytes },
    origin: 'Imported by you from files on this device; stored in this browser only.',
    license: 'as given by its authors',
  };
}

/** An imported ssd_keras VGG16-SSD: built by our SSD builder from its stored weights. */
function kerasManifest(listing: UserModelListing, keras: NonNullable<UserModelConfig['keras']>): ModelManifest {
  const c = listing.config;
  const maps = KERAS_SSD_MAPS[keras.params.variant].length;
  return {
    id: listing.id,
    name: c.name,
    description: `Imported on ${new Date(listing.createdAt).toISOString().slice(0, 10)}; ssd_keras VGG16-${keras.params.variant.toUpperCase()} weights (${keras.numClasses - 1} classes, ${maps} feature maps) run on our SSD builder.`,
    family: 'ssd',
    backbone: 'VGG16 (ssd_keras)',
    group: 'user',
    trained: true,
    inputSize: keras.params.imageSize,
    labels: c.labels,
    runtime: { format: 'keras-ssd', params: keras.params, numClasses: keras.numClasses },
    weights: { package: 'imported', files: [], sizeBytes: listing.sizeBytes },
    origin: 'Imported by you from a Keras .h5 file on this device; stored in this browser only.',
    license: 'as given by its authors',
  };
}
