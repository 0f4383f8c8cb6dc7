// The page's own life as a Lit reactive controller: hidden and shown again (another tab, the
// phone locked, the app in the background), and left (closed, navigated away, or put into the
// back/forward cache). The host decides what each means; this only listens.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface PageLifecycleCallbacks {
  /** the page is no longer visible: stop spending the battery on frames nobody sees. */
  onHidden?: () => void;
  /** visible again. */
  onVisible?: () => void;
  /** the page is being left; `persisted` when it may come back from the back/forward cache. */
  onLeave?: (persisted: boolean) => void;
  /** back from the back/forward cache. */
  onReturn?: () => void;
}

export class PageLifecycleController implements ReactiveController {
  private readonly callbacks: PageLifecycleCallbacks;

  constructor(host: ReactiveControllerHost, callbacks: PageLifecycleCallbacks) {
    this.callbacks = callbacks;
    host.addController(this);
  }

  get hidden(): boolean {
    return document.visibilityState === 'hidden';
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.onVisibilityChange);
    window.addEventListener('pagehide', this.onPageHide);
    window.addEventListener('pageshow', this.onPageShow);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.onVisibilityChange);
    window.removeEventListener('pagehide', this.onPageHide);
    window.removeEventListener('pageshow', this.onPageShow);
  }

  private readonly onVisibilityChange = (): void => {
    if (this.hidden) this.callbacks.onHidden?.();
    else this.callbacks.onVisible?.();
  };

  private readonly onPageHide = (event: PageTransitionEvent): void => {
    this.callbacks.onLeave?.(event.persisted);
  };

  private readonly onPageShow = (event: PageTransitionEvent): void => {
    // the first load fires pageshow too (persisted false): only a return counts
    if (event.persisted) this.callbacks.onReturn?.();
  };
}
