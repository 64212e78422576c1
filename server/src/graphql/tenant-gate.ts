/**
 * Per-tenant admission of GraphQL operations in one API process (issue 22, fairness).
 *
 * Why: Node interleaves every request it has accepted. When one tenant sends 180 previews at once,
 * all 180 run their resolvers, PostgreSQL lookups and engine queries side by side, and another
 * tenant's request that arrives a moment later shares the process with all of them: its wait grows
 * with the flood. Here each tenant has at most `perTenant` operations executing at once; its further
 * operations wait in its own FIFO queue, so a flood costs another tenant at most `perTenant`
 * operations' worth of competition, however large it is. The slots are the tenant's own: a freed
 * slot goes to that tenant's oldest waiting operation, and one tenant's queue never holds up
 * another's (with no process-wide cap there is no choice between tenants to make).
 *
 * A tenant's queue is bounded (`maxQueued`): beyond it enter() throws TenantQueueFullError
 * instead of holding memory for an unbounded backlog. Pure: no I/O, no timers.
 */

export class TenantQueueFullError extends Error {
  override readonly name = 'TenantQueueFullError';
  constructor(readonly tenantId: string, readonly queued: number) {
    super(`Tenant ${tenantId} has ${queued} operations waiting already`);
  }
}

export class AdmissionAbortedError extends Error {
  override readonly name = 'AbortError';
  constructor(reason: unknown) {
    super('The operation was aborted while waiting for admission', { cause: reason });
  }
}

/** One operation's place: waiting, then admitted, then released. */
export interface GateTicket {
  /** Resolves once the operation may run; rejects with AdmissionAbortedError if aborted (or released) first. */
  readonly admitted: Promise<void>;
  /**
   * Gives the place back, in any state and any number of times: a waiting ticket leaves the queue
   * (its `admitted` rejects), an admitted one frees its slot for the tenant's next.
   */
  release(): void;
}

interface Waiter {
  grant(): void;
  reject(error: Error): void;
}

interface TenantState {
  running: number;
  queue: Waiter[];
}

export interface GateOptions {
  /** Operations of one tenant executing at once. Infinity: no limit (nothing ever waits). */
  perTenant: number;
  /** Operations of one tenant waiting at once; more are refused (TenantQueueFullError). */
  maxQueued: number;
}

export class TenantGate {
  private readonly tenants = new Map<string, TenantState>();
  /** Mutable so a benchmark can compare gated and ungated in the same run; applies to later grants. */
  perTenant: number;
  maxQueued: number;

  constructor(options: GateOptions) {
    if (!(options.perTenant >= 1)) throw new Error('TenantGate needs perTenant of at least 1');
    if (!(options.maxQueued >= 0)) throw new Error('TenantGate needs maxQueued of at least 0');
    this.perTenant = options.perTenant;
    this.maxQueued = options.maxQueued;
  }

  /** Operations executing and waiting, over all tenants (for /metrics). */
  stats(): { running: number; waiting: number; tenantsWaiting: number } {
    let running = 0;
    let waiting = 0;
    let tenantsWaiting = 0;
    for (const t of this.tenants.values()) {
      running += t.running;
      waiting += t.queue.length;
      if (t.queue.length > 0) tenantsWaiting++;
    }
    return { running, waiting, tenantsWaiting };
  }

  /** One tenant's operations executing and waiting. */
  of(tenantId: string): { running: number; waiting: number } {
    const t = this.tenants.get(tenantId);
    return { running: t?.running ?? 0, waiting: t?.queue.length ?? 0 };
  }

  /**
   * Asks for a place for one operation of the tenant. Throws TenantQueueFullError (nothing held)
   * when the tenant already has `maxQueued` waiting; an aborted `signal` takes a waiting ticket out.
   */
  enter(tenantId: string, signal?: AbortSignal): GateTicket {
    const state = this.tenants.get(tenantId) ?? { running: 0, queue: [] };
    if (signal?.aborted) return { admitted: Promise.reject(new AdmissionAbortedError(signal.reason)), release: () => {} };
    if (state.running < this.perTenant && state.queue.length === 0) {
      state.running++;
      this.tenants.set(tenantId, state);
      return { admitted: Promise.resolve(), release: this.once(() => this.leave(tenantId, state)) };
    }
    if (state.queue.length >= this.maxQueued) throw new TenantQueueFullError(tenantId, state.queue.length);
    this.tenants.set(tenantId, state);
    let phase: 'waiting' | 'admitted' | 'done' = 'waiting';
    let waiter!: Waiter;
    const onAbort = () => release();
    const admitted = new Promise<void>((resolve, reject) => {
      waiter = {
        // leave() counts the slot over to this ticket before calling grant().
        grant: () => { phase = 'admitted'; signal?.removeEventListener('abort', onAbort); resolve(); },
        reject: (error) => { phase = 'done'; signal?.removeEventListener('abort', onAbort); reject(error); },
      };
    });
    // Nobody may be listening if the ticket is released before anyone awaits it.
    admitted.catch(() => {});
    state.queue.push(waiter);
    signal?.addEventListener('abort', onAbort, { once: true });
    const release = () => {
      if (phase === 'waiting') {
        const i = state.queue.indexOf(waiter);
        if (i >= 0) state.queue.splice(i, 1);
        this.forgetIfIdle(tenantId, state);
        waiter.reject(new AdmissionAbortedError(signal?.reason));
      } else if (phase === 'admitted') {
        phase = 'done';
        this.leave(tenantId, state);
      }
    };
    return { admitted, release };
  }

  private once(fn: () => void): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      fn();
    };
  }

  /** A slot of the tenant frees: its oldest waiting operation takes it, or the count drops. */
  private leave(tenantId: string, state: TenantState): void {
    state.running--;
    // A lowered perTenant takes effect as slots free: nobody is admitted until running is below it.
    while (state.running < this.perTenant && state.queue.length > 0) {
      state.running++;
      state.queue.shift()!.grant();
    }
    this.forgetIfIdle(tenantId, state);
  }

  private forgetIfIdle(tenantId: string, state: TenantState): void {
    if (state.running === 0 && state.queue.length === 0 && this.tenants.get(tenantId) === state) this.tenants.delete(tenantId);
  }
}
