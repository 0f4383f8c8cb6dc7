// Lets an element change something at most once per interval (a live region that must not
// flood a screen reader): allow() says whether it may change now, and when not, schedules one
// more update of the host for the moment it may.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class ThrottleController implements ReactiveController {
  private last = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly intervalMs: number,
  ) {
    host.addController(this);
  }

  allow(now = performance.now()): boolean {
    if (now - this.last >= this.intervalMs) {
      this.last = now;
      return true;
    }
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.host.requestUpdate();
    }, this.intervalMs - (now - this.last));
    return false;
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
