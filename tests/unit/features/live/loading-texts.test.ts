// The loading line under the live view: the stage and the downloaded bytes, in both languages.
import { describe, expect, it } from 'vitest';
import { progressText } from '../../../../src/features/live/engine-controller';
import { setLocale } from '../../../../src/i18n/messages';

describe('loading texts', () => {
  it('say the stage and the bytes, in both languages', () => {
    setLocale('en');
    expect(progressText({ stage: 'download', loaded: 1.5 * 1024 * 1024, total: 5.4 * 1024 * 1024 })).toBe('Downloading model: 1.5 MB of 5.4 MB');
    expect(progressText({ stage: 'warmup' })).toBe('First run: compiling for this device…');
    expect(progressText({ stage: 'calibrate', step: 2, of: 3 })).toBe('Measuring WASM threads (2 of 3)…');
    expect(progressText(null)).toBe('');
    setLocale('ja');
    expect(progressText({ stage: 'download', loaded: 300 * 1024, total: null })).toBe('モデルをダウンロード中：300 kB');
    expect(progressText({ stage: 'build' })).toBe('ネットワークを準備しています…');
    setLocale('en');
  });
});
