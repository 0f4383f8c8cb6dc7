// The service worker (built by vite-plugin-pwa, injectManifest strategy). It makes SSD Cam an
// offline app and a cross-origin isolated one on any host:
// - precache: the app shell, the worker chunk, the WASM binaries and the bundled model weights
//   (the build fails when one is missing, see scripts/lib/precache-check.ts);
// - models downloaded at run time (the tfjs-models bucket) are cache-first in a named cache the
//   storage panel lists and empties;
// - every response it serves carries COOP/COEP, so after the first load a page from a plain
//   static host is cross-origin isolated and the WASM backend gets threads; and the
//   Content-Security-Policy where the host sent none, so workers get it on any host too;
// - updates wait until the user taps the toast (prompt strategy): SKIP_WAITING comes from the page;
// - a tab still running the replaced version keeps working, offline too: the files it may ask
//   for that the new version dropped or changed (its hashed worker chunk, WASM, weights) stay
//   servable until no tab of that version is left (src/pwa/previous-versions.ts).
import { clientsClaim, type WorkboxPlugin } from 'workbox-core';
import { cleanupOutdatedCaches, PrecacheController, PrecacheRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, Route, Router } from 'workbox-routing';
import { CacheFirst, NetworkOnly } from 'workbox-strategies';
import { ISOLATION_HEADERS, MODEL_CACHE, SKIP_WAITING, isRuntimeModelUrl, isSizeProbe } from './pwa/cache-names';
import {
  PREVIOUS_CACHE_PREFIX,
  PREVIOUS_META_PATH,
  cacheFor,
  outgoingEntries,
  parseMeta,
  plainUrl,
  sortVersions,
  unusedVersions,
  versionOfClient,
  type PreviousMeta,
  type PreviousVersion,
} from './pwa/previous-versions';
import { CONTENT_SECURITY_POLICY } from './security/csp';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> };

/** A copy of `response` with the isolation headers; opaque responses cannot be copied. */
function isolated(response: Response): Response {
  if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  if (!headers.has('Content-Security-Policy')) headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

const isolation: WorkboxPlugin = {
  handlerWillRespond: async ({ response }) => isolated(response),
};

// Our own controller and router (not workbox's defaults) so that the activate step can keep
// the outgoing version's files before the precache drops them, and every same-origin request
// can be answered from a replaced version first when an old tab asks.
const precache = new PrecacheController({ plugins: [isolation] });
precache.addToCacheList(self.__WB_MANIFEST);
const currentUrls: ReadonlySet<string> = new Set(precache.getCachedURLs());

const router = new Router();
router.registerRoute(new PrecacheRoute(precache));
// Any navigation inside the app gets the app (with its query, e.g. ?model=...&autostart=1);
// opening a file URL (a path with an extension, e.g. a source map) does not.
router.registerRoute(
  new NavigationRoute(precache.createHandlerBoundToURL('index.html'), { denylist: [/^[^?]*\/(?!index\.html)[^/?]+\.[^/?]+(\?.*)?$/] }),
);
// Models fetched at run time are kept, cache-first; the storage panel asking a model's size
// before any download (a marked request) goes to the network and is not kept.
router.registerRoute(
  new Route(({ url, request }) => request.method === 'GET' && !isSizeProbe(url) && isRuntimeModelUrl(url), new CacheFirst({ cacheName: MODEL_CACHE, plugins: [isolation] })),
);
// Anything else from our origin still goes to the network, with the headers added.
router.registerRoute(new Route(({ sameOrigin }) => sameOrigin, new NetworkOnly({ plugins: [isolation] })));

// --- replaced versions -------------------------------------------------------------------

const metaUrl = () => new URL(PREVIOUS_META_PATH, self.registration.scope).href;

async function readVersions(): Promise<PreviousVersion[]> {
  const versions: PreviousVersion[] = [];
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREVIOUS_CACHE_PREFIX)) continue;
    const cache = await caches.open(name);
    const meta = parseMeta(await (await cache.match(metaUrl()))?.json().catch(() => null));
    // no record: an activation that did not finish; the next one deletes it
    if (!meta) continue;
    const urls = new Set((await cache.keys()).map((r) => r.url).filter((u) => u !== metaUrl()));
    versions.push({ name, createdAt: meta.createdAt, clients: meta.clients, urls });
  }
  return sortVersions(versions);
}

// Read once per service-worker lifetime (and again after a change): most of the time there is
// none, and a request pays one resolved promise.
let known: Promise<PreviousVersion[]> | null = null;
const versions = () => (known ??= readVersions().catch(() => []));

async function allClientIds(): Promise<Set<string>> {
  return new Set((await self.clients.matchAll({ includeUncontrolled: true, type: 'all' })).map((c) => c.id));
}

/** Deletes the replaced versions no client runs any more (and unfinished ones, on activate). */
async function prune(unfinishedToo = false): Promise<void> {
  const list = await versions();
  const gone = unusedVersions(list, await allClientIds());
  if (unfinishedToo) {
    const finished = new Set(list.map((v) => v.name));
    for (const name of await caches.keys()) if (name.startsWith(PREVIOUS_CACHE_PREFIX) && !finished.has(name)) gone.push(name);
  }
  if (gone.length === 0) return;
  for (const name of gone) await caches.delete(name);
  known = null;
}

let lastPrune = 0;
/** A tab closing tells the service worker nothing: look again now and then, when woken. */
function prunePeriodically(event: ExtendableEvent): void {
  if (Date.now() - lastPrune < 5_000) return;
  lastPrune = Date.now();
  event.waitUntil(prune().catch(() => {}));
}

/**
 * Before the precache drops the outgoing version's files: copy the ones the new version lacks
 * or changed into a cache of their own, with the clients that exist now (all run old code).
 */
async function keepOutgoing(): Promise<void> {
  const cache = await caches.open(precache.strategy.cacheName);
  const outgoing = outgoingEntries(
    (await cache.keys()).map((r) => r.url),
    new Set(precache.getURLsToCacheKeys().values()),
  );
  if (outgoing.length === 0) return;
  const clients = [...(await allClientIds())];
  if (clients.length === 0) return; // no tab runs the old code
  const meta: PreviousMeta = { createdAt: Date.now(), clients };
  const keep = await caches.open(`${PREVIOUS_CACHE_PREFIX}${meta.createdAt}`);
  for (const { key, url } of outgoing) {
    const response = await cache.match(key);
    if (response) await keep.put(url, response).catch(() => {});
  }
  // written last: a cache without it is an unfinished copy (readVersions skips it)
  await keep.put(metaUrl(), new Response(JSON.stringify(meta), { headers: { 'Content-Type': 'application/json' } }));
}

/** The replaced version's copy of what `event` asks for, when the asking client runs one. */
async function fromPreviousVersion(event: FetchEvent): Promise<Response | undefined> {
  const list = await versions();
  if (list.length === 0) return undefined;
  prunePeriodically(event);
  const client = event.clientId ? await self.clients.get(event.clientId) : undefined;
  const from = versionOfClient(list, { id: event.clientId, url: client?.url }, currentUrls);
  const name = cacheFor(list, event.request.url, from, currentUrls);
  if (!name) return undefined;
  const response = await (await caches.open(name)).match(plainUrl(event.request.url));
  return response ? isolated(response) : undefined;
}

async function respond(event: FetchEvent): Promise<Response> {
  try {
    const previous = await fromPreviousVersion(event);
    if (previous) return previous;
  } catch {
    // the current version answers
  }
  return (await router.handleRequest({ event, request: event.request })) ?? fetch(event.request);
}

// --- events ------------------------------------------------------------------------------

self.addEventListener('install', (event) => {
  void precache.install(event);
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      await keepOutgoing().catch((error: unknown) => console.warn('Could not keep the previous version for open tabs.', error));
      known = null;
      // now the precache drops what the new version does not list
      await precache.activate(event);
      await prune(true).catch(() => {});
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method === 'GET' && request.mode !== 'navigate' && new URL(request.url).origin === self.location.origin) {
    event.respondWith(respond(event));
    return;
  }
  const response = router.handleRequest({ event, request });
  if (response) event.respondWith(response);
});

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === SKIP_WAITING) void self.skipWaiting();
  prunePeriodically(event);
});

cleanupOutdatedCaches();
// The first install takes the open page over at once (it has no older worker to wait for);
// an update only activates on SKIP_WAITING, so nobody's page changes under them.
clientsClaim();
