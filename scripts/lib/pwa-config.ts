import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin, PluginOption } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
// @ts-expect-error plain ESM helper shared with scripts/
import { servedFiles } from './served-files.mjs';
import { precacheCheck } from './precache-check.ts';
import { manifestIcons, pwaIcons } from './pwa-icons.ts';

/**
 * The PWA half of the build: the web app manifest, the icons rendered from our SVG, the service
 * worker (src/sw.ts, vite-plugin-pwa's injectManifest strategy, so it can add COOP/COEP to what
 * it serves) with a precache that must hold every emitted file, and the app's version constant.
 *
 * SSD_CAM_VERSION overrides the version (package.json's otherwise): two builds with different
 * values are two releases, which is how the e2e update test makes build A and build B.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function appVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  return process.env.SSD_CAM_VERSION || pkg.version;
}

/** Model weights may be tens of MB; far above workbox's 2 MiB default, never a reason to drop one. */
const MAX_PRECACHED_FILE = 64 * 1024 * 1024;

export function pwa(): PluginOption[] {
  let outDir = path.join(root, 'dist');
  const settings: Plugin = {
    name: 'ssd-cam-pwa-settings',
    config: () => ({ define: { __APP_VERSION__: JSON.stringify(appVersion()) } }),
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
  };
  const swFile = 'sw.js';
  const manifestFile = 'manifest.webmanifest';
  return [
    settings,
    pwaIcons(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      registerType: 'prompt',
      // src/main.ts registers it with workbox-window (and tells the UI about updates).
      injectRegister: false,
      // The PNG icons are emitted by pwaIcons() and picked up by the glob below.
      includeManifestIcons: false,
      manifest: {
        id: './',
        name: 'SSD Cam',
        short_name: 'SSD Cam',
        description: 'Live object detection on your own device, offline, with an honest fps and latency meter.',
        start_url: './',
        scope: './',
        display: 'standalone',
        orientation: 'any',
        theme_color: '#000000',
        background_color: '#000000',
        lang: 'en',
        categories: ['photo', 'utilities'],
        icons: manifestIcons(''),
      },
      injectManifest: {
        // Everything the build writes is the offline app: shell, worker chunk, WASM, weights.
        globPatterns: ['**/*'],
        // vite-plugin-pwa adds the web app manifest itself (after manifestTransforms run).
        globIgnores: ['**/*.map', swFile, manifestFile],
        maximumFileSizeToCacheInBytes: MAX_PRECACHED_FILE,
        manifestTransforms: [
          precacheCheck({
            outDir: () => outDir,
            required: () => (servedFiles() as Array<{ url: string }>).map((f) => f.url),
            ignore: (f) => f.endsWith('.map') || f === swFile || f === manifestFile,
          }),
        ],
      },
    }),
  ];
}
