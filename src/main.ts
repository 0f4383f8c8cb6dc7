// Entry of the main-thread bundle. It must stay free of TensorFlow.js: the engine lives in a
// worker chunk (docs/ARCHITECTURE.md, "Walls").
import './app/boot-locale';
import './app/ssd-app';
import { registerServiceWorker } from './pwa/service-worker';
import { APP_VERSION } from './pwa/version';

// Which build runs, for people and automation (the update test reads it).
document.documentElement.dataset.appVersion = APP_VERSION;

if (!document.querySelector('ssd-app')) {
  document.body.append(document.createElement('ssd-app'));
}

// Offline, installable, cross-origin isolated on any host: src/sw.ts. Production builds only:
// the dev server sends COOP/COEP itself, and a worker caching dev modules would serve stale code.
if (import.meta.env.PROD) registerServiceWorker();
