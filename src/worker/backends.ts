import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BackendName, BackendRequest, WasmInfo } from '../shared/protocol';

// Starting a TensorFlow.js backend inside the worker, with honest fallback: what was asked
// for, what runs, and why they differ.

export interface BackendChoice {
  backend: BackendName;
  fallbackReason?: string;
  adapter: string;
  wasm?: WasmInfo;
}

interface GpuAdapterLike {
  isFallbackAdapter?: boolean;
  info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
}

async function probeWebGpu(): Promise<{ ok: boolean; fallback: boolean; description: string; why?: string }> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } }).gpu;
  if (!gpu) return { ok: false, fallback: false, description: '', why: 'this browser has no WebGPU' };
  let adapter: GpuAdapterLike | null = null;
  try {
    adapter = await gpu.requestAdapter();
  } catch (error) {
    return { ok: false, fallback: false, description: '', why: `WebGPU adapter request failed: ${(error as Error).message}` };
  }
  if (!adapter) return { ok: false, fallback: false, description: '', why: 'no WebGPU adapter is available' };
  const info = adapter.info ?? {};
  const fallback = Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter);
  const description = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'unknown GPU';
  return { ok: true, fallback, description: fallback ? `${description} (software fallback adapter)` : description };
}

function webglRenderer(): string {
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return 'WebGL2';
    return String(gl.getParameter(gl.RENDERER));
  } catch {
    return 'WebGL2';
  }
}

/**
 * The WASM backend sizes XNNPACK's pool from navigator.hardwareConcurrency / 2 and ignores a
 * larger setThreadsCount. Reporting twice the wanted count before the backend starts lets us
 * run the count we measured best on this device (see engine/thread-calibration.ts).
 */
function prepareWasm(wasmBaseUrl: string, threads: number): void {
  setWasmPaths(wasmBaseUrl);
  if (threads > 0 && self.crossOriginIsolated) {
    Object.defineProperty(self.navigator, 'hardwareConcurrency', { value: threads * 2, configurable: true });
    setThreadsCount(threads);
  }
}

function wasmInfo(): WasmInfo {
  const simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT');
  const threads = getThreadsCount();
  const note = self.crossOriginIsolated ? undefined : 'page is not cross-origin isolated: no WASM threads';
  return { simd, threads, note };
}

async function trySet(name: BackendName): Promise<string | null> {
  try {
    const ok = await tf.setBackend(name);
    if (!ok) return `the ${name} backend failed to start`;
    await tf.ready();
    return null;
  } catch (error) {
    return `the ${name} backend failed to start: ${(error as Error).message}`;
  }
}

const FALLBACKS: Record<BackendName, BackendName[]> = {
  webgpu: ['wasm', 'cpu'],
  webgl: ['wasm', 'cpu'],
  wasm: ['cpu'],
  cpu: [],
};

export async function startBackend(request: BackendRequest, wasmBaseUrl: string, wasmThreads: number): Promise<BackendChoice> {
  prepareWasm(wasmBaseUrl, wasmThreads);
  let first: BackendName;
  let reason: string | undefined;
  let adapter = '';
  if (request === 'auto') {
    const probe = await probeWebGpu();
    // A software fallback adapter is a CPU pretending to be a GPU: far slower than WASM.
    first = probe.ok && !probe.fallback ? 'webgpu' : 'wasm';
    adapter = probe.description;
  } else {
    first = request;
    if (first === 'webgpu') {
      const probe = await probeWebGpu();
      if (!probe.ok) reason = probe.why;
      adapter = probe.description;
    }
  }
  const chain = [first, ...FALLBACKS[first]];
  for (const name of chain) {
    if (name === 'webgpu' && reason) continue;
    const failure = await trySet(name);
    if (failure === null) {
      const choice: BackendChoice = { backend: name, adapter: '' };
      if (name !== first || (request !== 'auto' && name !== request)) choice.fallbackReason = reason;
      if (name === 'webgpu') choice.adapter = adapter;
      else if (name === 'webgl') choice.adapter = webglRenderer();
      else if (name === 'wasm') {
        choice.wasm = wasmInfo();
        choice.adapter = `WASM${choice.wasm.simd ? ' SIMD' : ''}, ${choice.wasm.threads} thread${choice.wasm.threads === 1 ? '' : 's'}`;
      } else choice.adapter = 'JavaScript CPU';
      return choice;
    }
    reason = reason ? `${reason}; ${failure}` : failure;
  }
  throw new Error(`No TensorFlow.js backend could start: ${reason}`);
}
