// What is on screen, for screen readers: "3 faces, 2 persons" in a polite live region, changed
// at most once a second so detection at 30 fps never floods the reader. Visually hidden; the
// boxes are the sighted version of the same thing.
import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Detection } from '../../shared/protocol';
import { summaryText } from '../../i18n/labels';
import { LocaleController } from '../../i18n/locale-controller';
import { ThrottleController } from './throttle-controller';
import { visuallyHiddenHost } from '../../ui/styles';

export const SUMMARY_INTERVAL_MS = 1000;

@customElement('detection-summary')
export class DetectionSummary extends LitElement {
  static override styles = visuallyHiddenHost;

  /** the detections shown on screen (after the class filter) */
  @property({ attribute: false }) detections: readonly Pick<Detection, 'label'>[] = [];
  /** false while nothing runs: the region is then empty rather than saying "nothing detected" */
  @property({ type: Boolean }) active = false;

  protected readonly i18n = new LocaleController(this);
  private readonly throttle = new ThrottleController(this, SUMMARY_INTERVAL_MS);
  private announced = '';

  protected override willUpdate(): void {
    const text = this.active ? summaryText(this.detections) : '';
    if (text !== this.announced && (text === '' || this.throttle.allow())) this.announced = text;
  }

  override render() {
    return html`<div role="status" aria-live="polite" aria-atomic="true" data-testid="detection-summary">${this.announced}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'detection-summary': DetectionSummary;
  }
}
