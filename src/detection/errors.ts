// Typed failures of model loading, so the worker can tell a user whether a model is missing
// (fetch failed, nothing to load) or corrupt (files present but unusable).

export type ModelErrorKind = 'model-missing' | 'model-corrupt';

export class ModelLoadError extends Error {
  constructor(
    readonly kind: ModelErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ModelLoadError';
  }
}
