// The service worker's news for the UI (update waiting, offline-ready, reload for isolation),
// read from pwa/service-worker.ts, which main.ts registered. Acting on it (activate the update,
// reload) only ever happens on the user's tap.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { pwaStatus, type PwaState } from '../../pwa/service-worker';

export class PwaController implements ReactiveController {
  state: PwaState = pwaStatus.state;
  private readonly host: ReactiveControllerHost;
  private readonly onChange = () => {
    this.state = pwaStatus.state;
    this.host.requestUpdate();
  };

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    pwaStatus.addEventListener('change', this.onChange);
    this.onChange();
  }

  hostDisconnected(): void {
    pwaStatus.removeEventListener('change', this.onChange);
  }

  /** The toast was tapped: activate the waiting version and reload into it. */
  applyUpdate(): void {
    pwaStatus.applyUpdate();
  }

  reload(): void {
    location.reload();
  }
}
