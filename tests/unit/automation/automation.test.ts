// The automation surface's pure parts: a worker result and a ready message turned into the
// public ssd:detections and ssd:ready details, and ssd:error dispatched with its kind.
import { describe, expect, it } from 'vitest';
import { emitError, toDetectionsDetail, toReadyDetail } from '../../../src/automation/automation';
import type { ModelSummary, ReadyInfo, ResultResponse } from '../../../src/shared/protocol';

const model: ModelSummary = {
  id: 'm1',
  name: 'Model one',
  family: 'ssd',
  backbone: 'MobileNetV1',
  group: 'trained',
  inputSize: 320,
  labels: ['', 'face'],
  classes: 1,
  params: null,
  multAdds: null,
  downloadBytes: null,
  needsNetwork: false,
  origin: 'test',
  license: 'MIT',
  trained: true,
};

describe('toDetectionsDetail', () => {
  it('turns normalized boxes into video pixels', () => {
    // what passes through unchanged: frame size, stage timings, tf.memory() and the threshold
    const kept = {
      width: 640,
      height: 480,
      timings: { preprocessMs: 1, inferenceMs: 20, readbackMs: 4, postprocessMs: 2, totalMs: 23 },
      numTensors: 5,
      numBytes: 100,
      scoreThreshold: 0.26,
    };
    const result: ResultResponse = {
      type: 'result',
      id: 7,
      frameId: 42,
      detections: [{ label: 'face', classId: 1, score: 0.9, box: { x: 0.25, y: 0.5, width: 0.125, height: 0.25 } }],
      ...kept,
    };
    // x = 0.25 * 640 = 160, y = 0.5 * 480 = 240, w = 0.125 * 640 = 80, h = 0.25 * 480 = 120
    expect(toDetectionsDetail(result, 'm1', 'wasm', 12.5)).toEqual({
      frame: 42,
      model: 'm1',
      backend: 'wasm',
      detections: [{ label: 'face', classId: 1, score: 0.9, box: { x: 160, y: 240, width: 80, height: 120 } }],
      fps: 12.5,
      ...kept,
    });
  });
});

describe('toReadyDetail', () => {
  it('uses the model id and omits absent optional fields', () => {
    const info: ReadyInfo = { model, requestedBackend: 'auto', backend: 'wasm', adapter: 'cpu', backendMs: 5, loadMs: 10, warmupMs: 20 };
    const d = toReadyDetail(info);
    expect(d).toEqual({ model: 'm1', backend: 'wasm', adapter: 'cpu', requestedBackend: 'auto', backendMs: 5, loadMs: 10, warmupMs: 20 });
    expect('fallbackReason' in d).toBe(false);
    expect(toReadyDetail({ ...info, fallbackReason: 'no adapter' }).fallbackReason).toBe('no adapter');
  });
});

describe('emitError', () => {
  it('dispatches ssd:error with kind and message', () => {
    const target = new EventTarget();
    let seen: unknown;
    target.addEventListener('ssd:error', (e) => (seen = (e as CustomEvent).detail));
    emitError({ kind: 'camera-denied', message: 'no' }, target);
    expect(seen).toEqual({ kind: 'camera-denied', message: 'no' });
  });
});
