// What a settings change does beyond storing it (src/app/settings-actions.ts): thresholds reach
// the engine for the model wanted now, a new resolution reopens the running camera, a refused
// save is said, and a measured threshold is clamped, applied to its own model, and announced.
import { describe, expect, it, vi } from 'vitest';
import { SettingsActions, clampThreshold } from '../../../src/app/settings-actions';
import { SettingsController } from '../../../src/features/settings/settings-controller';
import { RESOLUTIONS } from '../../../src/features/settings/settings';
import type { ModelSummary } from '../../../src/shared/protocol';
import type { Notice } from '../../../src/ui/notice';
import { memoryStorage } from '../helpers/fake-worker';

const MODELS = [
  { id: 'a', name: 'A', defaultScoreThreshold: { value: 0.4 } },
  { id: 'b', name: 'B', defaultScoreThreshold: { value: 0.3 } },
] as unknown as ModelSummary[];

function setup({ storageFails = false } = {}) {
  const host = { addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) };
  const storage = memoryStorage();
  if (storageFails) storage.setItem = () => {
    throw new Error('QuotaExceededError');
  };
  const settings = new SettingsController(host, storage);
  const notices: Notice[] = [];
  const sink = { add: (n: Notice) => void notices.push(n), dismiss: (key: string) => void notices.splice(0, notices.length, ...notices.filter((n) => n.key !== key)) };
  const run = { model: 'a', changeModel: vi.fn(async (id: string) => void (run.model = id)), reopenCamera: vi.fn() };
  const engine = { configure: vi.fn(async () => {}) };
  const camera = { size: null as { width: number; height: number } | null };
  const actions = new SettingsActions({ settings, notices: sink, models: () => MODELS, run: () => run, engine, camera, trackFromUrl: false });
  return { actions, settings, notices, run, engine, camera };
}

describe('clampThreshold', () => {
  it('rounds to two decimals and keeps within the slider', () => {
    expect(clampThreshold(0.456)).toEqual({ used: 0.46, clamped: false });
    expect(clampThreshold(0.001)).toEqual({ used: 0.05, clamped: true });
    expect(clampThreshold(0.994)).toEqual({ used: 0.99, clamped: false });
    expect(clampThreshold(1)).toEqual({ used: 0.99, clamped: true });
  });
});

describe('settings actions', () => {
  it('a model runs at its measured threshold until the user sets one for it', async () => {
    const { actions } = setup();
    expect(actions.thresholdsFor('b').scoreThreshold).toBe(0.3);
    await actions.change({ modelScoreThresholds: { b: 0.7 } });
    expect(actions.thresholdsFor('b').scoreThreshold).toBe(0.7);
  });

  it('sends new thresholds to the engine for the model wanted now; other settings do not', async () => {
    const { actions, engine } = setup();
    await actions.change({ iouThreshold: 0.3 });
    expect(engine.configure).toHaveBeenCalledWith(expect.objectContaining({ iouThreshold: 0.3, scoreThreshold: 0.4 }));
    engine.configure.mockClear();
    await actions.change({ mirrorFront: false });
    expect(engine.configure).not.toHaveBeenCalled();
  });

  it('a new resolution goes to the camera and reopens a running one', async () => {
    const { actions, camera, run } = setup();
    await actions.change({ resolution: 'fhd' });
    expect(camera.size).toEqual(RESOLUTIONS.fhd);
    expect(run.reopenCamera).toHaveBeenCalledTimes(1);
  });

  it('says when the browser would not store a change', () => {
    const { actions, settings, notices } = setup({ storageFails: true });
    actions.save({ mirrorFront: false });
    expect(settings.value.mirrorFront).toBe(false); // it still applies
    expect(notices.map((n) => n.key)).toEqual(['settings-save']);
  });

  it('using a measured threshold switches to its model, stores it for that model, and says it was clamped', async () => {
    const { actions, settings, notices, run } = setup();
    await actions.useThreshold({ modelId: 'b', modelName: 'B', threshold: 0.001 });
    expect(run.changeModel).toHaveBeenCalledWith('b');
    expect(settings.value.modelScoreThresholds).toEqual({ b: 0.05 });
    expect(notices.at(-1)?.key).toBe('threshold');
    expect(notices.at(-1)?.text).toContain('0.001');
  });
});
