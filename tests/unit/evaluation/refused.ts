// The refusal a set reader returned, for the reader tests: a reader that read what it should
// have refused fails the test there.
import type { ReadResult, Refusal } from '../../../src/evaluation/readers/refusal.ts';

export function refused<T>(result: ReadResult<T>): Refusal {
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}
