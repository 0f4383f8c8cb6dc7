// Why an import was refused: a kind (for the UI's own sentence in each language), a message in
// English that names the file and the field at fault, and both of those for callers and tests.

export type ImportErrorKind =
  | 'no-model-json'
  | 'bad-json'
  | 'not-graph-model'
  | 'too-large'
  | 'missing-shard'
  | 'shard-size'
  | 'bad-input'
  | 'not-hdf5'
  | 'no-keras-weights'
  | 'keras-layout'
  | 'unknown-layer';

export class ImportError extends Error {
  constructor(
    readonly kind: ImportErrorKind,
    message: string,
    /** the picked file at fault */
    readonly file?: string,
    /** where in that file, as a path such as `weightsManifest[0].weights[3].dtype` */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}
