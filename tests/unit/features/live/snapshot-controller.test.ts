// The snapshot action (src/features/live/snapshot-controller.ts) with the browser's canvas and
// share sheet replaced: not ready is a notice, a made picture is handed over under a sortable
// name with a caption saying how it was made, a failure is a notice, and `busy` covers the wait.
import { describe, expect, it, vi } from 'vitest';
import { SnapshotController, snapshotName, type SnapshotTools } from '../../../../src/features/live/snapshot-controller';
import type { Notice } from '../../../../src/ui/notice';
import type { ReadyInfo } from '../../../../src/shared/protocol';

const READY = { model: { id: 'm', name: 'Model M' }, backend: 'wasm' } as unknown as ReadyInfo;
const VIDEO = {} as HTMLVideoElement;
const NOW = new Date('2025-03-04T05:06:07.890Z');

function setup(tools: Partial<SnapshotTools> = {}) {
  const notices: Notice[] = [];
  const sink = { add: (n: Notice) => void notices.push(n), dismiss: vi.fn() };
  const saved: { name: string; title: string }[] = [];
  const captions: string[] = [];
  const all: SnapshotTools = {
    compose: (input) => {
      captions.push(input.caption);
      return {} as HTMLCanvasElement;
    },
    toPng: async () => new Blob(['png']),
    save: async (_blob, name, title) => void saved.push({ name, title }),
    now: () => NOW,
    ...tools,
  };
  const host = { addController() {}, removeController() {}, requestUpdate: vi.fn(), updateComplete: Promise.resolve(true) };
  return { snap: new SnapshotController(host, sink, all), notices, sink, saved, captions };
}

const scene = { video: VIDEO, ready: READY, fps: 12.34, detections: [], mirrored: true };

describe('snapshot', () => {
  it('before anything runs, says so and makes nothing', async () => {
    const { snap, notices, saved } = setup();
    await snap.take({ ...scene, ready: null });
    expect(notices.map((n) => n.key)).toEqual(['snapshot']);
    expect(saved).toEqual([]);
  });

  it('hands the picture over under a time-stamped name, captioned with model and backend', async () => {
    const { snap, saved, captions, sink } = setup();
    await snap.take(scene);
    expect(saved).toHaveLength(1);
    expect(saved[0].name).toBe(snapshotName(NOW));
    expect(saved[0].name).toMatch(/-20250304-050607\.png$/);
    expect(captions[0]).toContain('Model M');
    expect(captions[0]).toContain('12.3');
    expect(sink.dismiss).toHaveBeenCalledWith('snapshot');
    expect(snap.busy).toBe(false);
  });

  it('is busy while the PNG is made, and a failure becomes a notice with the reason', async () => {
    let fail!: (e: Error) => void;
    const { snap, notices } = setup({ toPng: () => new Promise((_, reject) => (fail = reject)) });
    const taking = snap.take(scene);
    expect(snap.busy).toBe(true);
    fail(new Error('no PNG encoder'));
    await taking;
    expect(snap.busy).toBe(false);
    expect(notices).toHaveLength(1);
    expect(notices[0].text).toContain('no PNG encoder');
  });
});
