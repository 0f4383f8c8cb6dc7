import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import type { Plugin } from 'vite';

/**
 * The app's PNG icons, rendered from our own SVG (public/icons/icon.svg) at build time with
 * resvg (a Rust rasterizer whose prebuilt binary comes from npm), so no binary image lives in
 * the repo. The dev server renders them on request, the build emits them next to the SVG.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ICON_SOURCE = path.join(root, 'public/icons/icon.svg');

export interface IconSpec {
  /** path under the site root, no leading slash */
  file: string;
  size: number;
  /** full-bleed background, glyph shrunk into the maskable safe zone (a circle of 80%). */
  maskable: boolean;
}

export const ICONS: IconSpec[] = [
  { file: 'icons/icon-192.png', size: 192, maskable: false },
  { file: 'icons/icon-512.png', size: 512, maskable: false },
  { file: 'icons/icon-maskable-512.png', size: 512, maskable: true },
  // iOS rounds the corners itself and shows transparency as black: give it the full-bleed one.
  { file: 'icons/apple-touch-icon-180.png', size: 180, maskable: true },
];

/** The manifest's `icons` (the Apple touch icon is linked from index.html instead). */
export function manifestIcons(base = '/') {
  return [
    { src: `${base}icons/icon-192.png`, sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: `${base}icons/icon-512.png`, sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: `${base}icons/icon-maskable-512.png`, sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    { src: `${base}icons/icon.svg`, sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
  ];
}

/** The maskable variant of the source: square corners, glyph scaled to 78% around the centre. */
export function maskableSvg(svg: string): string {
  const out = svg
    .replace(/(<rect id="bg"[^>]*?)\s+rx="[^"]*"/, '$1')
    .replace('<g id="glyph">', '<g id="glyph" transform="translate(256 256) scale(0.78) translate(-256 -256)">');
  if (out.includes('rx="112"') || !out.includes('scale(0.78)')) {
    throw new Error(`${ICON_SOURCE}: expected <rect id="bg" ... rx> and <g id="glyph"> to derive the maskable icon`);
  }
  return out;
}

export function renderIcon(spec: IconSpec, svg = fs.readFileSync(ICON_SOURCE, 'utf8')): Buffer {
  const source = spec.maskable ? maskableSvg(svg) : svg;
  return new Resvg(source, { fitTo: { mode: 'width', value: spec.size } }).render().asPng();
}

export function pwaIcons(): Plugin {
  return {
    name: 'ssd-cam-pwa-icons',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '').split('?')[0].replace(/^\//, '');
        const spec = ICONS.find((i) => i.file === url);
        if (!spec) return next();
        res.setHeader('Content-Type', 'image/png');
        res.end(renderIcon(spec));
      });
    },
    buildStart() {
      this.addWatchFile(ICON_SOURCE);
    },
    generateBundle() {
      const svg = fs.readFileSync(ICON_SOURCE, 'utf8');
      for (const spec of ICONS) {
        this.emitFile({ type: 'asset', fileName: spec.file, source: renderIcon(spec, svg) });
      }
    },
  };
}
