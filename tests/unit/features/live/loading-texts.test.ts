// The loading line under the live view: the stage and the downloaded bytes, in both languages.
import { describe, expect, it } from 'vitest';
import { progressDetail, progressText } from '../../../../src/features/live/engine-controller';
import { setLocale } from '../../../../src/i18n/messages';

describe('loading texts', () => {
  it('say the stage and the bytes, in both languages', () => {
    setLocale('en');
    expect(progressText({ stage: 'download', loaded: 1.5 * 1024 * 1024, total: 5.4 * 1024 * 1024 })).toBe('Downloading model: 1.5 MB of 5.4 MB');
    expect(progressText({ stage: 'warmup' })).toBe('First run: compiling for this device…');
    // what the user waits for in the status line, once; how, in the HUD only
    expect(progressText({ stage: 'calibrate', step: 2, of: 3 })).toBe('Tuning for this device… 2 of 3');
    expect(progressText({ stage: 'restart', threads: 1 })).toBe('Tuning for this device…');
    expect(progressDetail({ stage: 'calibrate', step: 2, of: 3 })).toBe('WASM threads: timing count 2 of 3');
    expect(progressDetail({ stage: 'restart', threads: 1 })).toBe('WASM: restarting with 1 thread');
    expect(progressDetail({ stage: 'warmup' })).toBe('');
    expect(progressText(null)).toBe('');
    setLocale('ja');
    expect(progressText({ stage: 'download', loaded: 300 * 1024, total: null })).toBe('モデルをダウンロード中：300 kB');
    expect(progressText({ stage: 'build' })).toBe('ネットワークを準備しています…');
    expect(progressText({ stage: 'calibrate', step: 1, of: 2 })).toBe('この端末向けに調整しています…（2 回中 1 回目）');
    expect(progressDetail({ stage: 'restart', threads: 2 })).toBe('WASM を 2 スレッドで再起動中');
    setLocale('en');
  });
});
