// A settings change the browser refuses to store (full quota, storage blocked) still applies,
// and says it could not be kept (issue 10, low: a failed settings save was ignored).
import { describe, expect, it } from 'vitest';
import { SettingsController } from '../../../../src/features/settings/settings-controller';
import { catalogues } from '../../../../src/i18n/messages';

const host = { addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) };

describe('saving settings', () => {
  it('a change the browser refuses to store still applies, and the controller says it was not kept', () => {
    let full = true;
    const data = new Map<string, string>();
    const storage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => {
        if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        data.set(k, v);
      },
    };
    const settings = new SettingsController(host, storage);
    expect(settings.saveFailed).toBe(false);
    settings.update({ scoreThreshold: 0.7 });
    expect(settings.value.scoreThreshold).toBe(0.7);
    expect(settings.saveFailed).toBe(true);
    for (const m of Object.values(catalogues)) expect(m.settings.notSaved.length).toBeGreaterThan(10);
    full = false;
    settings.update({ scoreThreshold: 0.8 });
    expect(settings.saveFailed).toBe(false);
    expect(JSON.parse(data.get('ssd-cam:settings')!).scoreThreshold).toBe(0.8);
  });
});
