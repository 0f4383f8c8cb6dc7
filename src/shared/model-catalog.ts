import { resolveLabels } from '../detection/labels/coco';
import type { ModelManifest } from '../detection/manifest';
import { architecture } from '../detection/models/architectures';
import { kerasVggSsd } from '../detection/keras/ssd-keras-architecture';
import { countCost } from '../detection/ssd/cost';
import type { ModelSummary } from './protocol';

// What the model picker lists, read from our manifests in models/ (plain JSON). Costs of the
// SSDs we build are counted from their layer lists here (no TensorFlow.js involved), so the
// UI knows every model without loading detection code into the main bundle.

const manifests = Object.values(import.meta.glob<ModelManifest>('../../models/*.json', { eager: true, import: 'default' }));

const GROUP_ORDER = { trained: 0, 'speed-only': 1, user: 2 } as const;

export function summarize(m: ModelManifest): ModelSummary {
  const labels = [...resolveLabels(m.labels)];
  const built =
    m.runtime.format === 'tf-weights' || m.runtime.format === 'synthetic'
      ? architecture(m.runtime.architecture)
      : m.runtime.format === 'keras-ssd'
        ? kerasVggSsd(m.runtime.params, m.runtime.numClasses)
        : null;
  const cost = built ? countCost(built) : null;
  return {
    id: m.id,
    name: m.name,
    description: m.description,
    family: m.family,
    backbone: m.backbone,
    group: m.group,
    inputSize: m.inputSize,
    labels,
    classes: labels.filter(Boolean).length,
    params: cost?.params ?? m.params ?? null,
    multAdds: cost?.multAdds ?? null,
    downloadBytes: m.weights?.sizeBytes ?? null,
    needsNetwork: Boolean(m.network),
    origin: m.origin,
    license: m.license,
    licenseUrl: m.licenseUrl,
    trained: m.trained,
    published: m.published ?? null,
    defaultScoreThreshold: m.defaultScoreThreshold ?? null,
  };
}

export const MODELS: ModelSummary[] = manifests
  .map(summarize)
  .sort((a, b) => GROUP_ORDER[a.group] - GROUP_ORDER[b.group] || a.name.localeCompare(b.name));

/** Everyday objects, offline, on first open. */
export const DEFAULT_MODEL_ID = 'centernet-mobilenet-v3-coco';
