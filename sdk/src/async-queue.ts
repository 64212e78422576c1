/**
 * A push source (callbacks) as a pull AsyncIterableIterator: values queue until read; an error is
 * thrown at the next read; `return()` (a `break` in for-await) stops the source.
 */
export interface PushSink<T> {
  next(value: T): void;
  error(error: unknown): void;
  complete(): void;
}

export function pushIterator<T>(start: (sink: PushSink<T>) => () => void): AsyncIterableIterator<T> {
  const queue: T[] = [];
  let failure: { error: unknown } | null = null;
  let done = false;
  let wake: (() => void) | null = null;
  let stopped = false;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const stop = start({
    next: (value) => {
      if (done) return;
      queue.push(value);
      notify();
    },
    error: (error) => {
      if (done) return;
      failure = { error };
      notify();
    },
    complete: () => {
      done = true;
      notify();
    },
  });
  const finish = () => {
    if (!stopped) {
      stopped = true;
      done = true;
      stop();
    }
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next(): Promise<IteratorResult<T>> {
      for (;;) {
        if (queue.length) return { value: queue.shift()!, done: false };
        if (failure) {
          const { error } = failure;
          failure = null;
          finish();
          throw error;
        }
        if (done) {
          finish();
          return { value: undefined, done: true };
        }
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    async return(): Promise<IteratorResult<T>> {
      finish();
      queue.length = 0;
      return { value: undefined, done: true };
    },
  };
}
