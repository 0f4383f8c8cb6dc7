// The banners under the live view, as a render helper of the app's shadow root (the A/B layer
// must not cover them: the app's styles put them above it): the blocking failure with Retry,
// then each notice, dismissible, with its action when it has one.
import { html, nothing } from 'lit';
import { messages } from '../i18n/messages';
import type { NoticesController } from './notices-controller';
import '../features/live/error-banner';

export function renderBanners(notices: NoticesController, retry: () => void) {
  return html`${notices.failure
    ? html`<error-banner .message=${notices.failureText} .action=${messages.retry} @banner-action=${retry}></error-banner>`
    : nothing}
  ${notices.list.map(
    (n) => html`<error-banner
      severity=${n.severity ?? 'notice'}
      dismissible
      .message=${n.text}
      .action=${n.action?.label ?? ''}
      @banner-action=${() => n.action?.run()}
      @banner-dismiss=${() => notices.dismiss(n.key)}
    ></error-banner>`,
  )}`;
}
