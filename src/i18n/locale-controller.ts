// Re-renders its element when the UI language changes. Elements read `messages` while they
// render, so a new render is all a switch needs; Lit does not re-render children whose
// properties did not change, hence one of these in every element that shows text.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { onLocaleChange } from './locale';

export class LocaleController implements ReactiveController {
  private off: (() => void) | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.off = onLocaleChange(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.off?.();
    this.off = null;
  }
}
