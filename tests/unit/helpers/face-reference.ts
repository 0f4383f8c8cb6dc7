import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './node-tf';

// face-api's own detections on its sample photos (scripts/face-api-reference.mjs), made on
// first use: any test file may be the first to need it, whatever order vitest picks.

export interface RefBox { x: number; y: number; width: number; height: number }
export interface RefPhoto { file: string; width: number; height: number; faces: Array<{ score: number; box: RefBox }> }

const REFERENCE = path.join(ROOT, 'tests/.fixtures/face-api-reference.json');

export function loadFaceReference(): RefPhoto[] {
  if (!fs.existsSync(REFERENCE)) {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/face-api-reference.mjs')], { cwd: ROOT, stdio: 'inherit' });
  }
  const json = JSON.parse(fs.readFileSync(REFERENCE, 'utf8'));
  return Array.isArray(json) ? json : json.photos;
}
