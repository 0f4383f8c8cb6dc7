// Every user-visible string of the app lives in a catalogue: i18n/en.ts and i18n/ja.ts, of
// one type (the compiler lists what a translation is missing; tests/unit/i18n.test.ts checks
// that no value is empty). `messages` is a live binding to the active catalogue: elements
// read it while rendering, and LocaleController re-renders them when it changes.

import { en } from './en';
import { ja } from './ja';
import { announceLocale, type Locale } from './locale';

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

// The first render's language is set by src/app/boot-locale.ts (the stored choice, else the
// browser's): the catalogues know nothing of where the choice is kept.
