// The banners under the live view: the queue of notices (one per key, newest last, each
// dismissible) and the one blocking failure, which is also reported on the automation surface
// as `ssd:error`. State for the host element, which it asks to re-render on every change (no
// lifecycle of its own, so it is not registered as a reactive controller).
import type { ReactiveControllerHost } from 'lit';
import { emitError, type ErrorDetail } from '../automation/automation';
import type { Notice, NoticeSink } from '../ui/notice';
import { failureText } from './failure-text';

export class NoticesController implements NoticeSink {
  /** what the banners show, oldest first */
  list: Notice[] = [];
  /** the failure that stopped everything (camera light off), with Retry; null when none */
  failure: ErrorDetail | null = null;
  /** a failure whose message was written for people (from the catalogue), shown as it is */
  private asWritten: ErrorDetail | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly emit: (detail: ErrorDetail) => void = (detail) => emitError(detail),
  ) {}

  /** Shows `notice`; one with the same key goes away first, so a repeat moves to the end. */
  add(notice: Notice): void {
    this.list = [...this.list.filter((n) => n.key !== notice.key), notice];
    this.host.requestUpdate();
  }

  dismiss(key: string): void {
    if (!this.list.some((n) => n.key === key)) return;
    this.list = this.list.filter((n) => n.key !== key);
    this.host.requestUpdate();
  }

  /** The failure banner shows `detail` and `ssd:error` reports it. `asWritten`: its message
   * already speaks to people and is shown unchanged. */
  report(detail: ErrorDetail, asWritten = false): void {
    this.failure = detail;
    this.asWritten = asWritten ? detail : null;
    this.emit(detail);
    this.host.requestUpdate();
  }

  clearFailure(): void {
    if (!this.failure) return;
    this.failure = null;
    this.asWritten = null;
    this.host.requestUpdate();
  }

  /** The failure banner's text, in the current language ('' when there is no failure). */
  get failureText(): string {
    return this.failure ? failureText(this.failure, this.asWritten === this.failure) : '';
  }
}
