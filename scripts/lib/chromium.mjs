// Driving the system Chromium, for the CLI scripts (npm run bench, npm run eval) and the
// end-to-end tests (tests/e2e/browser.ts adds its fake-camera flags to these): its path, the
// one set of flags, and building dist/ when it is missing or older than its sources.
// Types: chromium.d.mts.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

// Without the background-networking flags Chromium floods a closed network with refused
// connections.
export const BASE_ARGS = ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// Playwright passes its own --enable-features list and Chromium keeps only the last
// --enable-features switch, so ours must repeat Playwright's (playwright-core chromiumSwitches).
const PLAYWRIGHT_ENABLED_FEATURES = ['CDPScreenshotNewSurface', 'SkipListAccountsWithoutGaiaCookies'];
// WebGPU on a headless machine without a GPU only offers a SwiftShader fallback adapter, and
// any synchronous GPU read of >128 elements (tfjs dataSync, reads inside executeAsync) needs a
// swap chain that only exists on the Vulkan path; without these flags the device is lost and
// reads return zeros. WebGL drops to WebGL1 with them: never mix WebGL and WebGPU in one launch.
export const WEBGPU_ARGS = [
  '--enable-unsafe-webgpu',
  `--enable-features=${['Vulkan', ...PLAYWRIGHT_ENABLED_FEATURES].join(',')}`,
  '--use-vulkan=swiftshader',
  '--use-angle=vulkan',
];

/** The flags for one launch on `backend` (the WebGPU ones for 'webgpu' only). */
export function chromiumArgs(backend) {
  return [...BASE_ARGS, ...(backend === 'webgpu' ? WEBGPU_ARGS : [])];
}

/** A headless launch for runs on `backend`: one launch per backend, never WebGL beside WebGPU. */
export function launchChromium(backend) {
  return chromium.launch({ executablePath: CHROME_PATH, headless: true, args: chromiumArgs(backend) });
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Builds when dist/ is missing or older than anything the build reads; true if it built. */
export function ensureBuild(root, label) {
  const dist = join(root, 'dist');
  const built = existsSync(join(dist, 'index.html')) ? statSync(join(dist, 'index.html')).mtimeMs : 0;
  const sources = ['src', 'models', 'public', 'index.html', 'vite.config.ts'].map((p) => newestMtime(join(root, p)));
  if (built && built >= Math.max(...sources)) return false;
  console.log(built ? `${label}: dist/ is older than the sources; npm run build` : `${label}: no dist/; npm run build`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status ?? r.signal})`);
  return true;
}
