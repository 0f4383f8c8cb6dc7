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

/**
 * vite-plugin-pwa writes the service worker in closeBundle, which the bundler calls even after
 * the app's build failed (without telling it, although the plugin would then stop); its own
 * error about the missing files then replaces the one that explains the failure. Run it only
 * after the app was written, so a failed build prints its real error.
 */
function afterSuccessOnly(plugins: PluginOption[]): PluginOption[] {
  let written = false;
  const watch: Plugin = {
    name: 'ssd-cam-pwa-after-write',
    buildStart() {
      written = false;
    },
    writeBundle() {
      written = true;
    },
  };
  for (const option of plugins.flat(Infinity as 1)) {
    if (!option || typeof option !== 'object' || !('name' in option) || option.name !== 'vite-plugin-pwa:build') continue;
    const plugin = option as Plugin;
    const hook = plugin.closeBundle;
    if (!hook) continue;
    const handler = typeof hook === 'function' ? hook : hook.handler;
    const guarded = function (this: unknown, ...args: unknown[]) {
      if (!written) return;
      return (handler as (...a: unknown[]) => unknown).apply(this, args);
    };
    plugin.closeBundle = (typeof hook === 'function' ? guarded : { ...hook, handler: guarded }) as typeof hook;
  }
  return [watch, ...plugins];
}

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
    ...afterSuccessOnly(VitePWA({
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
    })),
  ];
}
