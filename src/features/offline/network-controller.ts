// Online or offline, as the browser tells it. navigator.onLine can claim "online" on a network
// that reaches nothing, so actions that need the network still handle their own failures;
// this drives the indicator and lets those actions say "offline" before even trying.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class NetworkController implements ReactiveController {
  online = typeof navigator === 'undefined' ? true : navigator.onLine !== false;
  private readonly host: ReactiveControllerHost;
  private readonly onChange = () => {
    this.online = navigator.onLine !== false;
    this.host.requestUpdate();
  };

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('online', this.onChange);
    window.addEventListener('offline', this.onChange);
    this.onChange();
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this.onChange);
    window.removeEventListener('offline', this.onChange);
  }
}
