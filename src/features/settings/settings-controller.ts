// The settings as a reactive controller: loaded from localStorage once, every change stored
// at once, and the language switched when its setting (or, on "auto", the browser's) changes.
// When the browser refuses to store a change (quota, storage blocked) the change still
// applies, and `saveFailed` says so until a later save succeeds, for the host to show.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { browserLanguages, currentLocale, localeFor } from '../../i18n/locale';
import { setLocale } from '../../i18n/messages';
import { browserStorage, loadSettings, normalizeSettings, saveSettings, type Settings, type StorageLike } from './settings';

export class SettingsController implements ReactiveController {
  value: Settings;
  /** the last change could not be stored: it applies until the page is closed */
  saveFailed = false;
  /** wide and tall enough for the HUD to show everything without being asked */
  private readonly roomy = typeof matchMedia === 'function' ? matchMedia('(min-width: 900px) and (min-height: 600px)') : null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly storage: StorageLike | null = browserStorage(),
  ) {
    this.value = loadSettings(storage);
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('languagechange', this.applyLanguage);
    this.roomy?.addEventListener('change', this.onRoomyChange);
    this.applyLanguage();
  }

  hostDisconnected(): void {
    window.removeEventListener('languagechange', this.applyLanguage);
    this.roomy?.removeEventListener('change', this.onRoomyChange);
  }

  /** The HUD open: as set, or by itself where the screen has room ("auto"). */
  get hudOpen(): boolean {
    return this.value.hudOpen ?? this.roomy?.matches ?? false;
  }

  private readonly onRoomyChange = (): void => this.host.requestUpdate();

  /** Applies and stores a change; returns the keys whose value really changed. */
  update(patch: Partial<Settings>): Set<keyof Settings> {
    const next = normalizeSettings({ ...this.value, ...patch });
    const changed = new Set(
      (Object.keys(next) as (keyof Settings)[]).filter((k) => JSON.stringify(next[k]) !== JSON.stringify(this.value[k])),
    );
    if (changed.size === 0) return changed;
    this.value = next;
    this.saveFailed = !saveSettings(next, this.storage);
    if (changed.has('language')) this.applyLanguage();
    this.host.requestUpdate();
    return changed;
  }

  private readonly applyLanguage = (): void => {
    const locale = localeFor(this.value.language, browserLanguages());
    if (locale !== currentLocale()) setLocale(locale);
  };
}
