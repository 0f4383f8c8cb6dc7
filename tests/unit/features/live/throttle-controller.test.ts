// Pacing of the live region (the detection summary screen readers hear): at most one change
// per interval, and the last one still arrives.
import { describe, expect, it, vi } from 'vitest';

describe('live region pacing', () => {
  it('lets a change through at most once per interval, and catches up after it', async () => {
    const { ThrottleController } = await import('../../../../src/features/live/throttle-controller');
    vi.useFakeTimers();
    try {
      let updates = 0;
      const host = { addController: () => {}, requestUpdate: () => void updates++ } as unknown as import('lit').ReactiveControllerHost;
      const t = new ThrottleController(host, 1000);
      expect(t.allow(0)).toBe(true);
      expect(t.allow(100)).toBe(false);
      expect(t.allow(500)).toBe(false); // one timer, not two
      vi.advanceTimersByTime(899);
      expect(updates).toBe(0);
      vi.advanceTimersByTime(1);
      expect(updates).toBe(1); // the host re-renders once the second is over
      expect(t.allow(1000)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
