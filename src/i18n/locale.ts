// Which language the UI speaks, and numbers and dates written the way that language writes them
// (Intl). Holds only the choice itself; messages.ts switches the catalogue, and elements
// re-render through LocaleController.

export const LOCALES = ['en', 'ja'] as const;
export type Locale = (typeof LOCALES)[number];
/** what the user chose in the settings: follow the browser, or one language. */
export type LanguagePreference = 'auto' | Locale;

/** The first of the browser's languages we speak; English otherwise. */
export function localeFor(preference: LanguagePreference, languages: readonly string[]): Locale {
  if (preference !== 'auto') return preference;
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0];
    if ((LOCALES as readonly string[]).includes(base)) return base as Locale;
  }
  return 'en';
}

/** navigator.languages where there is a navigator (not in Node tests). */
export function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : navigator.language ? [navigator.language] : [];
}

let current: Locale = 'en';
const listeners = new Set<(locale: Locale) => void>();

export function currentLocale(): Locale {
  return current;
}

/** Called by messages.ts only, after it switched the catalogue. */
export function announceLocale(locale: Locale): void {
  current = locale;
  numberFormats.clear();
  dateFormat = null;
  for (const listener of [...listeners]) listener(locale);
}

export function onLocaleChange(listener: (locale: Locale) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const numberFormats = new Map<string, Intl.NumberFormat>();
let dateFormat: Intl.DateTimeFormat | null = null;

/** A number with at most `maxDigits` decimals (and at least `minDigits`), in the UI's locale. */
export function formatNumber(n: number, maxDigits = 1, minDigits = 0, grouping = true): string {
  const key = `${maxDigits}|${minDigits}|${grouping}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(current, { maximumFractionDigits: maxDigits, minimumFractionDigits: minDigits, useGrouping: grouping });
    numberFormats.set(key, f);
  }
  return f.format(n);
}

/** Date and time, medium length, in the UI's locale ("Jun 3, 2025, 14:05:09" / "2025/06/03 14:05:09"). */
export function formatDateTime(d: Date | number): string {
  dateFormat ??= new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeStyle: 'medium' });
  return dateFormat.format(d);
}
