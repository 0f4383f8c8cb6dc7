// Keeping a replaced version's files for the tabs that still run it. When a new version
// activates (the user tapped "update" in one tab), other tabs go on running the old code until
// they reload, and that code asks for files by the old names: a hashed worker chunk
// (assets/detector.worker-<hash>.js) the new precache no longer holds, and unhashed files
// (WASM binaries, weights) whose content may have changed. The service worker (src/sw.ts)
// copies what the outgoing version has and the incoming one lacks into a cache of its own,
// records which clients existed at that moment (every one of them runs old code), serves old
// clients from it, and deletes it once none of those clients is left.
//
// The decisions live here, as plain functions over URLs and ids (no Cache API, no worker
// types), so the unit tests cover them and both tsconfigs compile them.

/** Caches holding a replaced version's files are named this plus their creation time. */
export const PREVIOUS_CACHE_PREFIX = 'ssd-cam-previous-';

/** The entry in each such cache that says when it was made and for which clients (a path
 * under the scope that no build emits). */
export const PREVIOUS_META_PATH = '__ssd-cam-previous-version__.json';

/** What PREVIOUS_META_PATH holds. */
export interface PreviousMeta {
  createdAt: number;
  /** every client (windows and workers) that existed when the version was replaced */
  clients: string[];
}

/** One replaced version, as the service worker finds it in the Cache API. */
export interface PreviousVersion {
  name: string;
  createdAt: number;
  clients: readonly string[];
  /** absolute URLs of its files, as requested (no workbox revision parameter) */
  urls: ReadonlySet<string>;
}

/** The file a precache key stands for: workbox keys unhashed files as their URL plus a
 * `__WB_REVISION__` parameter; requests never carry it. */
export function plainUrl(key: string): string {
  const url = new URL(key);
  url.searchParams.delete('__WB_REVISION__');
  url.hash = '';
  return url.href;
}

/**
 * The precache entries the outgoing version has and the incoming one does not. A changed
 * file differs in its key (a new hashed name, or a new revision), so this is exactly what the
 * old code could ask for and the new precache would not answer the same way.
 */
export function outgoingEntries(cachedKeys: readonly string[], incomingKeys: ReadonlySet<string>): Array<{ key: string; url: string }> {
  return cachedKeys.filter((key) => !incomingKeys.has(key)).map((key) => ({ key, url: plainUrl(key) }));
}

/** Oldest first, the order in which the versions were replaced. */
export function sortVersions<T extends { createdAt: number; name: string }>(versions: readonly T[]): T[] {
  return [...versions].sort((a, b) => a.createdAt - b.createdAt || a.name.localeCompare(b.name));
}

/**
 * Which replaced version a client runs, as an index into `versions` (oldest first), or -1
 * for the current version (or a client nobody recorded). A window is known by its id; a
 * worker an old page starts later is known by its script, a hashed file of that version.
 */
export function versionOfClient(
  versions: readonly PreviousVersion[],
  client: { id?: string; url?: string },
  currentUrls: ReadonlySet<string>,
): number {
  if (client.id) {
    const i = versions.findIndex((v) => v.clients.includes(client.id!));
    if (i >= 0) return i;
  }
  if (client.url && /^https?:/.test(client.url)) {
    const url = plainUrl(client.url);
    if (!currentUrls.has(url)) return versions.findIndex((v) => v.urls.has(url));
  }
  return -1;
}

/**
 * The replaced version's cache that answers `requestUrl`, or null when the current precache
 * (or the network) should. A client of version `from` gets that version's own copy, else the
 * next newer version's (a file unchanged from `from` to a later version is kept by the later
 * one); a file the current version lacks comes from the newest version that has it, for any
 * client (a hashed name is the same content whoever asks).
 */
export function cacheFor(
  versions: readonly PreviousVersion[],
  requestUrl: string,
  from: number,
  currentUrls: ReadonlySet<string>,
): string | null {
  const url = plainUrl(requestUrl);
  if (from >= 0) {
    for (let i = from; i < versions.length; i++) if (versions[i].urls.has(url)) return versions[i].name;
  }
  if (currentUrls.has(url)) return null;
  for (let i = versions.length - 1; i >= 0; i--) if (versions[i].urls.has(url)) return versions[i].name;
  return null;
}

/** The replaced versions whose recorded clients are all gone: nobody can ask for them. */
export function unusedVersions(versions: readonly PreviousVersion[], alive: ReadonlySet<string>): string[] {
  return versions.filter((v) => !v.clients.some((id) => alive.has(id))).map((v) => v.name);
}

/** Reads a PREVIOUS_META_PATH body; null when it is not one (then the cache is not trusted). */
export function parseMeta(value: unknown): PreviousMeta | null {
  if (!value || typeof value !== 'object') return null;
  const { createdAt, clients } = value as Partial<PreviousMeta>;
  if (typeof createdAt !== 'number' || !Number.isFinite(createdAt)) return null;
  if (!Array.isArray(clients) || !clients.every((c) => typeof c === 'string')) return null;
  return { createdAt, clients };
}
