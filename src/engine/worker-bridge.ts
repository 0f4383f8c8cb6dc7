// The message bridge to one detection worker: requests out, answers matched back by id and
// typed by the request they answer (Answers in shared/protocol.ts), frames handed over.
//
// Our own small map rather than comlink: the engine's hard parts all live at the message
// level. The hang watchdog and crash recovery terminate a worker and must then fail every
// request it still owes, by id, closing the frames those requests handed over (a comlink
// call to a terminated worker just never settles). Load progress and a lost GPU device arrive
// unasked, tied to an init id or to none, which comlink could only carry as proxied callbacks
// (a MessagePort each). Frames would need comlink's transfer() wrapper at every call, and
// the worker stays one plain switch over request types. One interface and a six-line table
// give the same typing without a dependency.
import type { AnsweredRequest, Answers, AnswerTo, ProgressResponse, RequestOf, WorkerResponse } from '../shared/protocol';
import { EngineError } from './engine-types';

/** A camera frame or bitmap handed over to the worker with a request. */
export type Frame = VideoFrame | ImageBitmap;
/** what a request hands over: frames, or a buffer of pixels (nothing to release: it is memory) */
export type Transferred = Frame | ArrayBuffer;

/** The response type that answers each request type: checked against every answer, so a
 * worker that answers out of turn fails the request instead of handing over the wrong shape. */
const ANSWER_TYPE: { [K in keyof Answers]: Answers[K]['type'] } = {
  init: 'ready',
  detect: 'result',
  'time-inference': 'time-inference',
  bench: 'bench',
  configure: 'configured',
  evaluate: 'evaluate',
};

function isAnswerTo<K extends keyof Answers>(type: K, message: WorkerResponse): message is Answers[K] {
  return message.type === ANSWER_TYPE[type];
}

/** A request waiting for its answer, with the frames it handed over. */
type Pending = { settle: (answer: WorkerResponse) => void; reject: (e: EngineError) => void; frames: Transferred[] };

/** Releases a camera frame or bitmap now rather than at garbage collection; a frame that was
 * transferred (or closed) already makes this a no-op. */
export function closeQuietly(frame: Transferred): void {
  if (frame instanceof ArrayBuffer) return;
  try {
    frame.close();
  } catch {
    /* nothing left to release */
  }
}

/** One worker running one model on one backend. */
export class WorkerHandle {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private dead: EngineError | null = null;
  /** called once when the worker dies unasked (crash, unreadable message, hang). */
  onDeath: ((reason: EngineError) => void) | null = null;
  onDeviceLost: ((message: string) => void) | null = null;
  onProgress: ((progress: ProgressResponse) => void) | null = null;

  /** `onKilled`: told once the worker is terminated, whatever the reason. */
  constructor(private readonly onKilled: () => void = () => {}) {
    this.worker = new Worker(new URL('../worker/detector.worker.ts', import.meta.url), { type: 'module', name: 'ssd-detector' });
    this.worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
      // a message already on its way when the worker was ended: nobody listens any more
      if (this.dead) return;
      const message = event.data;
      if (message.type === 'device-lost') {
        this.onDeviceLost?.(message.message);
        return;
      }
      if (message.type === 'progress') {
        this.onProgress?.(message);
        return;
      }
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.type === 'error') waiter.reject(new EngineError(message.kind, message.message));
      else waiter.settle(message);
    };
    this.worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      this.kill(new EngineError('worker-crashed', `The detection worker crashed: ${event.message || 'unknown error'}`), true);
    };
    this.worker.onmessageerror = () => {
      this.kill(new EngineError('worker-crashed', 'The detection worker sent a message that could not be read.'), true);
    };
  }

  /** Posts `message` and resolves its answer (Answers in protocol.ts); `transfer` holds the
   * frames handed over, closed here if the worker is ended before it answers, since it can
   * no longer close them itself. */
  request<R extends AnsweredRequest>(message: R, transfer: Transferred[] = []): Promise<AnswerTo<R>> {
    if (this.dead) {
      transfer.forEach(closeQuietly);
      return Promise.reject(this.dead);
    }
    const type: R['type'] = message.type;
    return new Promise<AnswerTo<R>>((resolve, reject) => {
      const settle = (answer: WorkerResponse) => {
        if (isAnswerTo(type, answer)) resolve(answer);
        else reject(new EngineError('bad-request', `The worker answered '${type}' with '${answer.type}'.`));
      };
      this.pending.set(message.id, { settle, reject, frames: transfer });
      try {
        this.worker.postMessage(message, transfer);
      } catch (error) {
        this.pending.delete(message.id);
        transfer.forEach(closeQuietly);
        reject(new EngineError('bad-request', `The request could not be sent to the worker: ${(error as Error)?.message ?? error}`));
      }
    });
  }

  id(): number {
    return this.nextId++;
  }

  /** Posts a fault without waiting: it gets no answer (it breaks the worker on purpose). */
  send(message: RequestOf<'fault'>): void {
    if (!this.dead) this.worker.postMessage(message);
  }

  /** Terminates the worker. `unasked` marks a death the owner did not ask for. */
  kill(reason = new EngineError('worker-crashed', 'The detection worker was stopped.'), unasked = false): void {
    if (this.dead) return;
    this.dead = reason;
    this.worker.terminate();
    this.onKilled();
    for (const waiter of this.pending.values()) {
      // frames still queued for (or held by) the ended worker are released now
      waiter.frames.forEach(closeQuietly);
      waiter.reject(reason);
    }
    this.pending.clear();
    if (unasked) this.onDeath?.(reason);
  }
}
