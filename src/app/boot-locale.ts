// The first render already speaks the right language: the stored choice, else the browser's.
// Imported by main.ts before the app element, so it runs before any element renders.
import { setLocale } from '../i18n/messages';
import { browserLanguages, localeFor } from '../i18n/locale';
import { loadSettings } from '../features/settings/settings';

setLocale(localeFor(loadSettings().language, browserLanguages()));
