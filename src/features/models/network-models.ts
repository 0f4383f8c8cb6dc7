// Which catalogue models are downloaded at run time: their manifest in models/ names a
// `network.url` (the model.json on its official host) instead of bundled weights. Read straight
// from the manifests (plain JSON, the same modules the catalogue imports), so this file knows
// nothing of how models are built or run.

export interface NetworkModel {
  id: string;
  name: string;
  /** the model.json URL */
  url: string;
}

interface ManifestLike {
  id?: unknown;
  name?: unknown;
  network?: { url?: unknown } | null;
}

/** Pure: the network models among manifests, sorted by name. */
export function networkModelsOf(manifests: readonly ManifestLike[]): NetworkModel[] {
  return manifests
    .flatMap((m) => {
      const url = m.network?.url;
      return typeof m.id === 'string' && typeof url === 'string' && url
        ? [{ id: m.id, name: typeof m.name === 'string' ? m.name : m.id, url }]
        : [];
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

let cached: NetworkModel[] | null = null;

export function networkModels(): NetworkModel[] {
  cached ??= networkModelsOf(
    Object.values(import.meta.glob<ManifestLike>('../../../models/*.json', { eager: true, import: 'default' })),
  );
  return cached;
}
