import face from '../../models/ssd-mobilenet-v1-face.json';
import type { ModelSummary } from './protocol';

// What the model picker lists. Read from our manifests in models/ (plain JSON), so the UI
// knows the models without loading any detection code.

function summary(m: typeof face): ModelSummary {
  return {
    id: m.id,
    name: m.name,
    inputSize: m.inputSize,
    labels: m.labels,
    origin: m.origin,
    license: m.license,
    trained: m.trained,
  };
}

export const MODELS: ModelSummary[] = [summary(face)];
export const DEFAULT_MODEL_ID = face.id;

export function findModel(id: string): ModelSummary | undefined {
  return MODELS.find((m) => m.id === id);
}
