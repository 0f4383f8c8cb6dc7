// What a refused import says (src/features/models/user-models-controller.ts): in English the
// validator's own explanation; in Japanese the catalogue's sentence, with the English detail
// kept apart (shown behind a Details disclosure), never run on after it.
import { describe, expect, it } from 'vitest';
import { importFailureText } from '../../../../src/features/models/user-models-controller';
import { ImportError } from '../../../../src/storage/user-models/import-error';
import { messages, setLocale } from '../../../../src/i18n/messages';

describe('importFailureText', () => {
  const refused = new ImportError('missing-shard', 'model.json lists group1-shard2of2.bin, which was not picked.', 'model.json', 'weightsManifest[0].paths[1]');

  it('English: the validator\'s explanation, no separate detail', () => {
    setLocale('en');
    expect(importFailureText(refused)).toEqual({ text: refused.message, detail: null });
  });

  it('Japanese: the catalogue\'s sentence leads, the English explanation is the detail', () => {
    setLocale('ja');
    const { text, detail } = importFailureText(refused);
    expect(text).toBe(messages.importer.errors['missing-shard']);
    expect(text).not.toContain('group1-shard2of2.bin');
    expect(text).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(detail).toBe(refused.message);
    setLocale('en');
  });

  it('a file that cannot be read at all: one sentence, no detail', () => {
    setLocale('en');
    const r = importFailureText(new Error('NotReadableError'));
    expect(r.detail).toBeNull();
    expect(r.text).toContain('NotReadableError');
  });
});
