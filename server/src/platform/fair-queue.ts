/**
 * The order in which waiting work of different keys (tenants) is served: round-robin, or the
 * key with the fewest items waiting first (FairPolicy below).
 *
 * Why: chDB runs one query at a time on its shared session, so whoever reaches the engine first
 * is served first. In arrival (FIFO) order a tenant that sends 180 previews at once puts all of
 * them ahead of another tenant's next query, and that tenant waits for the whole flood. Served
 * round-robin, each key with work waiting gets one turn per cycle, so a tenant's wait grows with
 * the number of tenants waiting, not with how much the others sent; lightest-first (what chDB's
 * queue uses) also keeps the light tenant's wait from doubling under one flood. Within a key, FIFO.
 *
 * Pure: no I/O, no timers. FairGate below runs work through it with a concurrency limit.
 */

/**
 * How the next key is chosen.
 * - 'round-robin': each key with work waiting gets one turn per cycle.
 * - 'lightest-first': the key with the fewest items waiting goes first (ties: round-robin), so a
 *   tenant's flood waits for the tenants that sent little, instead of taking every other turn
 *   from them: with two tenants at once, round-robin still doubles the light one's wait (each
 *   gets half of the engine); here its wait stays its own. Items a key has waiting before this
 *   queue (`backlog`: a tenant's queries waiting for one of its slots) count too. A key passed over
 *   `LIGHTEST_FIRST_MAX_PASSES` times in a row is served next, so a flood is slowed, never starved.
 */
export type FairPolicy = 'round-robin' | 'lightest-first';

/** Turns a key with work may be passed over for lighter keys before it is served anyway. */
export const LIGHTEST_FIRST_MAX_PASSES = 32;

export class FairQueue<T> {
  /** Keys with work waiting, in the order they are served next (a Map keeps insertion order). */
  private readonly queues = new Map<string, T[]>();
  /** lightest-first: how many turns in a row each waiting key was passed over. */
  private readonly passes = new Map<string, number>();
  /**
   * lightest-first: a key's items waiting before this queue, counted with those waiting here (a
   * tenant whose every slot is taken shows only a few items here, however many it sent).
   */
  backlog: ((key: string) => number) | null = null;
  private count = 0;

  constructor(public policy: FairPolicy = 'round-robin') {}

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
    const key = this.policy === 'lightest-first' ? this.lightestKey() : this.queues.keys().next().value;
    if (key === undefined) return undefined;
    const queue = this.queues.get(key)!;
    const item = queue.shift()!;
    this.queues.delete(key);
    this.passes.delete(key);
    if (queue.length > 0) this.queues.set(key, queue);
    this.count--;
    return item;
  }

  /** The key to serve under lightest-first: one passed over too often, else the fewest waiting (first in the cycle on a tie). */
  private lightestKey(): string | undefined {
    let chosen: string | undefined;
    let fewest = Infinity;
    for (const [key, queue] of this.queues) {
      if ((this.passes.get(key) ?? 0) >= LIGHTEST_FIRST_MAX_PASSES) return this.passOver(key);
      const waiting = queue.length + (this.backlog?.(key) ?? 0);
      if (waiting < fewest) {
        chosen = key;
        fewest = waiting;
      }
    }
    return chosen === undefined ? undefined : this.passOver(chosen);
  }

  /** Counts a pass for every waiting key but the one served. */
  private passOver(served: string): string {
    for (const key of this.queues.keys()) if (key !== served) this.passes.set(key, (this.passes.get(key) ?? 0) + 1);
    return served;
  }

  /** Takes an item out (its wait was aborted); false when it is not waiting. */
  remove(key: string, item: T): boolean {
    const queue = this.queues.get(key);
    const i = queue ? queue.indexOf(item) : -1;
    if (!queue || i < 0) return false;
    queue.splice(i, 1);
    if (queue.length === 0) {
      this.queues.delete(key);
      this.passes.delete(key);
    }
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
  private readonly queue: FairQueue<() => void>;

  constructor(readonly limit: number, policy: FairPolicy = 'round-robin') {
    if (!(limit >= 1)) throw new Error('FairGate needs a limit of at least 1');
    this.queue = new FairQueue(policy);
  }

  get policy(): FairPolicy {
    return this.queue.policy;
  }

  set policy(policy: FairPolicy) {
    this.queue.policy = policy;
  }

  get running(): number {
    return this.active;
  }

  /** See FairQueue.backlog. */
  set backlog(backlog: ((key: string) => number) | null) {
    this.queue.backlog = backlog;
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
