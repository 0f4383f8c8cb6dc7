// WebGPU correctness (no timing): with --enable-unsafe-webgpu headless Chromium offers only a
// SwiftShader fallback adapter. `auto` must not pick it, but an explicit backend=webgpu must use
// it, and its first frame must match the WASM first frame. Each backend gets its own browser
// launch (the WebGPU flags drop WebGL to WebGL1, see scripts/lib/chromium.mjs).
import { expect, test } from '@playwright/test';
import {
  faceUrl,
  fmtBox,
  launchBrowser,
  matchBoxes,
  waitForEvent,
  type DetectionsDetail,
  type LaunchedBrowser,
  type ReadyDetail,
} from './browser';

let browser: LaunchedBrowser | undefined;
test.afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

async function firstFrame(backend: 'wasm' | 'webgpu', timeoutMs: number) {
  browser = await launchBrowser({ camera: 'file', webgpu: backend === 'webgpu' });
  const page = await browser.open(faceUrl(backend));
  const ready: ReadyDetail = await waitForEvent(page, 'ssd:ready', () => true, timeoutMs);
  const detections: DetectionsDetail = await waitForEvent(page, 'ssd:detections', () => true, timeoutMs);
  const pageErrors = [...browser.pageErrors];
  await browser.close();
  browser = undefined;
  return { ready, detections, pageErrors };
}

const describe = (d: DetectionsDetail) =>
  d.detections.map((x) => `${x.label}:${x.score.toFixed(3)}${fmtBox(x.box)}`).join(' ');

test('WebGPU (SwiftShader): first frame matches WASM', async () => {
  // Shader compilation and the first frame on SwiftShader take tens of seconds.
  test.setTimeout(420_000);

  const wasm = await firstFrame('wasm', 90_000);
  expect(wasm.ready.backend).toBe('wasm');
  expect(wasm.detections.detections.length, 'WASM finds faces in sample1').toBeGreaterThan(0);

  const gpu = await firstFrame('webgpu', 240_000);
  console.log(`[webgpu] adapter: ${JSON.stringify(gpu.ready.adapter)}`);
  console.log(`[webgpu] wasm   frame ${wasm.detections.frame}: ${describe(wasm.detections)}`);
  console.log(`[webgpu] webgpu frame ${gpu.detections.frame}: ${describe(gpu.detections)}`);
  expect(gpu.ready.backend, `ready.backend (fallback: ${JSON.stringify(gpu.ready.fallbackReason ?? null)})`).toBe('webgpu');
  expect(gpu.detections.backend).toBe('webgpu');

  const m = matchBoxes(wasm.detections.detections, gpu.detections.detections, 0.9);
  console.log(`[webgpu] IoUs ${m.pairs.map((p) => p.iou.toFixed(3)).join(', ')}`);
  expect(m.unmatchedExpected.map((d) => fmtBox(d.box)), 'WASM boxes without a WebGPU box at IoU >= 0.9').toEqual([]);
  expect(m.unmatchedActual.map((d) => fmtBox(d.box)), 'extra WebGPU boxes').toEqual([]);
  for (const p of m.pairs) {
    expect(p.actual.label).toBe(p.expected.label);
    expect(Math.abs(p.actual.score - p.expected.score), 'score difference').toBeLessThan(0.05);
  }
  expect(gpu.pageErrors).toEqual([]);
});
