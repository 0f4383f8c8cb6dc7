// The service worker (built by vite-plugin-pwa, injectManifest strategy). It makes SSD Cam an
// offline app and a cross-origin isolated one on any host:
// - precache: the app shell, the worker chunk, the WASM binaries and the bundled model weights
//   (the build fails when one is missing, see scripts/lib/precache-check.ts);
// - models downloaded at run time (the tfjs-models bucket) are cache-first in a named cache the
//   storage panel lists and empties;
// - every response it serves carries COOP/COEP, so after the first load a page from a plain
//   static host is cross-origin isolated and the WASM backend gets threads; and the
//   Content-Security-Policy where the host sent none, so workers get it on any host too;
// - updates wait until the user taps the toast (prompt strategy): SKIP_WAITING comes from the page.
import { clientsClaim, type WorkboxPlugin } from 'workbox-core';
import { addPlugins, cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkOnly } from 'workbox-strategies';
import { ISOLATION_HEADERS, MODEL_CACHE, SKIP_WAITING, isRuntimeModelUrl } from './pwa/cache-names';
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

// Precached files, navigations (served the precached index.html) and model downloads.
addPlugins([isolation]);
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// Any navigation inside the app gets the app (with its query, e.g. ?model=...&autostart=1);
// opening a file URL (a path with an extension, e.g. a source map) does not.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^[^?]*\/(?!index\.html)[^/?]+\.[^/?]+(\?.*)?$/] }));
registerRoute(
  ({ url, request }) => request.method === 'GET' && isRuntimeModelUrl(url),
  new CacheFirst({ cacheName: MODEL_CACHE, plugins: [isolation] }),
);
// Anything else from our origin still goes to the network, with the headers added.
registerRoute(({ sameOrigin }) => sameOrigin, new NetworkOnly({ plugins: [isolation] }));

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === SKIP_WAITING) void self.skipWaiting();
});

// The first install takes the open page over at once (it has no older worker to wait for);
// an update only activates on SKIP_WAITING, so nobody's page changes under them.
clientsClaim();
