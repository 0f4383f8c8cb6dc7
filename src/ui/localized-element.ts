// The base of every element that shows words: it re-renders when the UI language changes
// (LocaleController), so no element can forget to.
import { LitElement } from 'lit';
import { LocaleController } from '../i18n/locale-controller';

export class LocalizedElement extends LitElement {
  /** re-render when the UI language changes */
  protected readonly i18n = new LocaleController(this);
}
