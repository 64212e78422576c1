/**
 * Waiting on a Writable without hanging: every writer awaits "drained" or "finished" on streams it
 * does not own, and a wait must end when the stream fails, closes early, or the writer is aborted;
 * otherwise a cancelled or failed export would leave its job awaiting forever.
 */
import type { Readable, Writable } from 'node:stream';

export class WriterAbortedError extends Error {
  constructor() {
    super('export writer aborted');
    this.name = 'WriterAbortedError';
  }
}

/**
 * Remembers the first failure of the writer's streams, so every later call rejects with it, and
 * lets abort() release anyone waiting.
 */
export class OutputGuard {
  private failure: Error | undefined;
  private readonly controller = new AbortController();

  /** Streams whose 'error' must fail the writer. Also keeps an unhandled 'error' from crashing the process. */
  watch(...streams: NodeJS.EventEmitter[]): void {
    for (const stream of streams) stream.on('error', (error: Error) => this.fail(error));
  }

  fail(error: Error): void {
    this.failure ??= error;
  }

  abort(): void {
    this.failure ??= new WriterAbortedError();
    this.controller.abort();
  }

  get aborted(): boolean {
    return this.controller.signal.aborted;
  }

  /** Throws the first failure (or the abort), if any. */
  check(): void {
    if (this.failure) throw this.failure;
  }

  /** Resolves when `stream` can take more: at once unless its last write() returned false. */
  drained(stream: Writable): Promise<void> {
    this.check();
    if (!stream.writableNeedDrain) return Promise.resolve();
    return this.until(stream, 'drain');
  }

  /** Resolves when `stream` emitted 'finish' (every byte handed to the underlying resource). */
  finished(stream: Writable): Promise<void> {
    this.check();
    if (stream.writableFinished) return Promise.resolve();
    return this.until(stream, 'finish');
  }

  /** Resolves when `stream` emitted 'end' (its readable side delivered everything). */
  ended(stream: Readable): Promise<void> {
    this.check();
    if (stream.readableEnded) return Promise.resolve();
    return this.until(stream, 'end');
  }

  /**
   * Resolves on `event` from `emitter` or after `timeoutMs`, whichever comes first: for polling a
   * condition that has an event most of the time but not always.
   */
  eventOrTimeout(emitter: NodeJS.EventEmitter, event: string, timeoutMs: number): Promise<void> {
    this.check();
    return this.until(emitter, event, timeoutMs);
  }

  private until(stream: NodeJS.EventEmitter, event: string, timeoutMs?: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const signal = this.controller.signal;
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => done(), timeoutMs);
      const done = (error?: Error): void => {
        clearTimeout(timer);
        stream.off(event, onEvent);
        stream.off('error', onError);
        stream.off('close', onClose);
        signal.removeEventListener('abort', onAbort);
        if (error) {
          this.fail(error);
          reject(this.failure ?? error);
        } else resolve();
      };
      const onEvent = (): void => done();
      const onError = (error: Error): void => done(error);
      // 'close' before 'finish'/'drain' means the stream was destroyed under us.
      const onClose = (): void => {
        const errored = (stream as Partial<Writable>).errored;
        done(errored ?? new Error(`output closed before '${event}'`));
      };
      const onAbort = (): void => done(new WriterAbortedError());
      stream.on(event, onEvent);
      stream.on('error', onError);
      stream.on('close', onClose);
      signal.addEventListener('abort', onAbort);
      if ((stream as Partial<Writable>).destroyed) onClose();
    });
  }
}
