// The engine's vocabulary for its callers: what to start, what a start is doing, and the one
// error type (a kind the app can act on and turn into words; this layer holds none).
// detector-client.ts re-exports all of it, so callers import from there.
import type { BackendRequest, ErrorKind, LoadStage } from '../shared/protocol';

export interface EngineOptions {
  modelId: string;
  backend: BackendRequest;
  /** left out: DEFAULT_THRESHOLDS (shared/defaults.ts) */
  scoreThreshold?: number;
  iouThreshold?: number;
  maxDetections?: number;
}

/** What a starting engine is doing, for a loading screen that never looks frozen. The app
 * turns it into words (it holds the message catalogue). */
export type EngineProgress =
  | { stage: 'loading' }
  | { stage: LoadStage; loaded?: number; total?: number | null }
  | { stage: 'calibrate'; step: number; of: number }
  | { stage: 'restart'; threads: number };

/**
 * The worker's own kinds, and two of the main thread's: 'worker-crashed' (the worker died,
 * hung or sent something unreadable) and 'superseded': the frame was dropped because the
 * worker it went to was replaced by a newly started one (a model or backend switch). Not a
 * failure: the next frame goes to the new one.
 */
export type EngineErrorKind = ErrorKind | 'worker-crashed' | 'superseded';

export class EngineError extends Error {
  constructor(
    readonly kind: EngineErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}
