/**
 * Round-robin between keys (tenants): the order in which waiting work of different keys is served.
 *
 * Why: chDB runs one query at a time on its shared session, so whoever reaches the engine first
 * is served first. In arrival (FIFO) order a tenant that sends 180 previews at once puts all of
 * them ahead of another tenant's next query, and that tenant waits for the whole flood. Served
 * round-robin, each key with work waiting gets one turn per cycle, so a tenant's wait grows with
 * the number of tenants waiting, not with how much the others sent. Within a key, FIFO.
 *
 * Pure: no I/O, no timers. FairGate below runs work through it with a concurrency limit.
 */

export class FairQueue<T> {
  /** Keys with work waiting, in the order they are served next (a Map keeps insertion order). */
  private readonly queues = new Map<string, T[]>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Waiting items of one key. */
  sizeOf(key: string): number {
    return this.queues.get(key)?.length ?? 0;
  }

  /** Adds an item behind the key's others; a key that had none joins the end of the cycle. */
  push(key: string, item: T): void {
    const queue = this.queues.get(key);
    if (queue) queue.push(item);
    else this.queues.set(key, [item]);
    this.count++;
  }

  /** The next item: the oldest of the key whose turn it is; that key then goes to the end of the cycle. */
  shift(): T | undefined {
    const first = this.queues.entries().next();
    if (first.done) return undefined;
    const [key, queue] = first.value;
    const item = queue.shift()!;
    this.queues.delete(key);
    if (queue.length > 0) this.queues.set(key, queue);
    this.count--;
    return item;
  }

  /** Takes an item out (its wait was aborted); false when it is not waiting. */
  remove(key: string, item: T): boolean {
    const queue = this.queues.get(key);
    const i = queue ? queue.indexOf(item) : -1;
    if (!queue || i < 0) return false;
    queue.splice(i, 1);
    if (queue.length === 0) this.queues.delete(key);
    this.count--;
    return true;
  }
}

export function abortedWhileWaiting(signal: AbortSignal): Error {
  const error = new Error('The query was aborted while waiting for the engine', { cause: signal.reason });
  error.name = 'AbortError';
  return error;
}

/**
 * At most `limit` tasks run at once; the others wait in a FairQueue by key. A task aborted while
 * waiting leaves the queue and rejects with an AbortError; once running, its own signal handling
 * applies.
 */
export class FairGate {
  private active = 0;
  private readonly queue = new FairQueue<() => void>();

  constructor(readonly limit: number) {
    if (!(limit >= 1)) throw new Error('FairGate needs a limit of at least 1');
  }

  get running(): number {
    return this.active;
  }

  get waiting(): number {
    return this.queue.size;
  }

  async run<R>(key: string, task: () => Promise<R>, signal?: AbortSignal): Promise<R> {
    await this.enter(key, signal);
    try {
      return await task();
    } finally {
      this.leave();
    }
  }

  private enter(key: string, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortedWhileWaiting(signal));
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        if (this.queue.remove(key, grant)) reject(abortedWhileWaiting(signal!));
      };
      // The place is handed over by leave(): `active` is not decremented in between.
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      this.queue.push(key, grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private leave(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.active--;
  }
}
