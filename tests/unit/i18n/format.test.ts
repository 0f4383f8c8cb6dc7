// Numbers for people: counts and byte sizes in the active locale.
import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount } from '../../../src/i18n/format';
import { setLocale } from '../../../src/i18n/messages';

describe('number formats', () => {
  it('format numbers for the locale', () => {
    setLocale('en');
    expect(formatCount(26_285_486)).toBe('26.3 M');
    expect(formatBytes(5_645_190)).toBe('5.4 MB');
    expect(formatBytes(2048)).toBe('2 kB');
  });
});
