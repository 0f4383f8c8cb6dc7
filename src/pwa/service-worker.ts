// Registers the service worker (src/sw.ts, built as sw.js) with workbox-window and keeps what
// the UI needs to know about it: is the page offline-ready, is an update waiting, does a reload
// give cross-origin isolation. The UI reads `pwaStatus` through a reactive controller
// (app/pwa-controller.ts); nothing here renders.
import { Workbox } from 'workbox-window';

export interface PwaState {
  /** false where the browser has no service workers (or in dev): nothing works offline. */
  supported: boolean;
  /** a service worker controls this page: the app shell and bundled models are cached. */
  controlled: boolean;
  /** a new version is installed and waits for the user's go (the update toast). */
  updateWaiting: boolean;
  /** a new version took over from another tab; this page runs the old code until reloaded. */
  updatedElsewhere: boolean;
  /** the worker took control of a page that is not cross-origin isolated: a reload gives WASM
   * threads (a static host without COOP/COEP, on the first visit). */
  reloadForIsolation: boolean;
}

class PwaStatus extends EventTarget {
  state: PwaState = {
    supported: false,
    controlled: false,
    updateWaiting: false,
    updatedElsewhere: false,
    reloadForIsolation: false,
  };
  private wb: Workbox | null = null;
  /** the user tapped "update": the next controller change reloads this page. */
  private accepted = false;

  register(url: string, scope: string): void {
    if (this.wb || !('serviceWorker' in navigator)) return;
    const container = navigator.serviceWorker;
    let controlled = !!container.controller;
    this.set({ supported: true, controlled });
    const wb = (this.wb = new Workbox(url, { scope }));

    wb.addEventListener('waiting', () => this.set({ updateWaiting: true }));
    container.addEventListener('controllerchange', () => {
      if (this.accepted) {
        // The user asked for this version; it controls the page now.
        location.reload();
        return;
      }
      if (!controlled) {
        // First install: the worker claimed this page. Nothing to reload for, unless the host
        // sent no COOP/COEP: then only a reload (now served by the worker) gets WASM threads.
        controlled = true;
        this.set({ controlled: true, reloadForIsolation: !self.crossOriginIsolated });
      } else {
        // Another tab accepted an update. Our code is the old version: say so, never reload.
        this.set({ updateWaiting: false, updatedElsewhere: true });
      }
    });
    wb.register().catch((error: unknown) => {
      console.warn('Service worker registration failed; the app will not work offline.', error);
      this.set({ supported: false });
    });
    // A long-lived tab (a kiosk, a phone left open) still hears about new versions.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') void wb.update().catch(() => {});
    });
  }

  /** The user tapped the toast: activate the waiting version, then reload into it. */
  applyUpdate(): void {
    if (this.state.updatedElsewhere || !this.wb) {
      location.reload();
      return;
    }
    this.accepted = true;
    this.wb.messageSkipWaiting();
  }

  private set(patch: Partial<PwaState>): void {
    this.state = { ...this.state, ...patch };
    this.dispatchEvent(new Event('change'));
  }
}

export const pwaStatus = new PwaStatus();

/** Called once by main.ts in production builds. */
export function registerServiceWorker(base: string = import.meta.env.BASE_URL): void {
  pwaStatus.register(`${base}sw.js`, base);
}
