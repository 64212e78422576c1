/**
 * Concurrent identical reads share one: while a read for a key is in flight, callers asking for
 * the same key get its promise instead of starting their own; once it settles the key is
 * forgotten, so the next caller reads afresh. Nothing is kept after the answer: what a caller
 * sees is at most one read's duration older than its own request (a change committed while the
 * shared read was running may be missed by callers that joined it), never a cached state.
 *
 * Used where a burst (200 people opening one report) would otherwise send the same PostgreSQL
 * lookups 200 times: the key must hold everything the answer depends on (tenant, user, role, ...).
 */
export class SingleFlight<T> {
  private readonly inFlight = new Map<string, Promise<T>>();
  /** Reads started and reads joined, for tests and metrics. */
  started = 0;
  joined = 0;

  get size(): number {
    return this.inFlight.size;
  }

  run(key: string, read: () => Promise<T>): Promise<T> {
    const known = this.inFlight.get(key);
    if (known) {
      this.joined++;
      return known;
    }
    this.started++;
    // Started a microtask later, so the key is registered before the read can settle (or throw).
    const promise: Promise<T> = Promise.resolve().then(read).finally(() => {
      if (this.inFlight.get(key) === promise) this.inFlight.delete(key);
    });
    this.inFlight.set(key, promise);
    return promise;
  }
}
