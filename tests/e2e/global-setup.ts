// Makes the e2e fixtures under tests/.fixtures/ (gitignored, never committed):
// - cam-sample1.y4m (+ .json sidecar): the fake camera clip, sample1.jpg, 10 frames at 10 fps;
// - face-api-reference.json: @vladmandic/face-api's own detections on sample1..6 (made once,
//   rerun with `npm run reference:faces`).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CAM_SAMPLE1, CHROME_PATH, DIST, FACE_REFERENCE, ROOT } from './browser';

function newerThan(target: string, ...sources: string[]) {
  if (!existsSync(target)) return false;
  const t = statSync(target).mtimeMs;
  return sources.every((s) => statSync(s).mtimeMs <= t);
}

function runNode(script: string, args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, script), ...args], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${script} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

export default function globalSetup() {
  if (!existsSync(CHROME_PATH)) {
    throw new Error(`Chromium not found at ${CHROME_PATH}: install it (apt-get install -y chromium) or set CHROME_PATH`);
  }
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error('dist/index.html missing: e2e tests run against the production build, run `npm run build` first (npm test does)');
  }
  const camScript = join(ROOT, 'scripts/make-fake-camera.mjs');
  if (!newerThan(`${CAM_SAMPLE1}.json`, camScript) || !newerThan(CAM_SAMPLE1, camScript)) {
    runNode('scripts/make-fake-camera.mjs', ['--out', CAM_SAMPLE1, '--photos', '1', '--seconds-per-photo', '1']);
  }
  if (!existsSync(FACE_REFERENCE)) {
    runNode('scripts/face-api-reference.mjs', ['--out', FACE_REFERENCE]);
  }
}
