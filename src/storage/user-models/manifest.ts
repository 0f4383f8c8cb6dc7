import type { ModelManifest } from '../../detection/manifest';
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
