// Every user-visible string of the app lives in a catalogue: i18n/en.ts and i18n/ja.ts, of
// one type (the compiler lists what a translation is missing; tests/unit/i18n.test.ts checks
// that no value is empty). `messages` is a live binding to the active catalogue: elements
// read it while rendering, and LocaleController re-renders them when it changes.

import { en } from './i18n/en';
import { ja } from './i18n/ja';
import { announceLocale, browserLanguages, localeFor, type Locale } from './i18n/locale';
import { loadSettings } from './settings';

export type Messages = typeof en;

export const catalogues: Readonly<Record<Locale, Messages>> = { en, ja };

/** The active catalogue (a live binding: it changes when the language does). */
export let messages: Messages = en;

/** Switches the UI language: the catalogue, Intl formats, <html lang>, then every element. */
export function setLocale(locale: Locale): void {
  messages = catalogues[locale];
  if (typeof document !== 'undefined') document.documentElement.lang = messages.lang;
  announceLocale(locale);
}

// The first render already speaks the right language: the stored choice, else the browser's.
setLocale(localeFor(loadSettings().language, browserLanguages()));
