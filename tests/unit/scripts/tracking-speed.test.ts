import { describe, expect, it } from 'vitest';
import { trackingSpeedWithHeap } from '../../../scripts/lib/tracking-speed.mjs';

// The tracker's cost as npm run bench measures it (a Node with --expose-gc): the time is only
// printed (the box is shared), the heap a steady frame leaves behind is held to a small ceiling.
// Before the output array was reused it was about 1.25 kB a frame for 50 objects.
describe('tracking cost', () => {
  it('50 objects: time printed; the heap per steady frame stays small', () => {
    const r = trackingSpeedWithHeap(process.cwd());
    console.log(`[tracking-speed] update ${(r.updateMeanMs * 1000).toFixed(0)} µs (p95 ${(r.updateP95Ms * 1000).toFixed(0)}), heap ${r.heapBytesPerFrame.toFixed(0)} B a frame`);
    expect(r.tracks).toBe(50);
    expect(r.heapBytesPerFrame).toBeLessThan(600);
    expect(r.updateMeanMs).toBeLessThan(5);
  }, 60_000);
});
