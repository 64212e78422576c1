import { describe, expect, it } from 'vitest';
import { AdmissionAbortedError, TenantGate, TenantQueueFullError, type GateTicket } from './tenant-gate.js';

/** Whether the ticket has been admitted by now (after pending microtasks). */
async function isAdmitted(ticket: GateTicket): Promise<boolean> {
  let admitted = false;
  ticket.admitted.then(() => { admitted = true; }, () => {});
  await new Promise((r) => setImmediate(r));
  return admitted;
}

describe('TenantGate', () => {
  it('admits up to perTenant operations of a tenant at once; the next waits until one is released', async () => {
    const gate = new TenantGate({ perTenant: 2, maxQueued: 10 });
    const a1 = gate.enter('acme');
    const a2 = gate.enter('acme');
    const a3 = gate.enter('acme');
    expect(await isAdmitted(a1)).toBe(true);
    expect(await isAdmitted(a2)).toBe(true);
    expect(await isAdmitted(a3)).toBe(false);
    expect(gate.of('acme')).toEqual({ running: 2, waiting: 1 });
    a1.release();
    expect(await isAdmitted(a3)).toBe(true);
    expect(gate.of('acme')).toEqual({ running: 2, waiting: 0 });
    a2.release();
    a3.release();
    expect(gate.stats()).toEqual({ running: 0, waiting: 0, tenantsWaiting: 0 });
  });

  it('another tenant is admitted at once while one tenant has its operations running and more waiting', async () => {
    const gate = new TenantGate({ perTenant: 2, maxQueued: 100 });
    const acme = Array.from({ length: 50 }, () => gate.enter('acme'));
    const globex = gate.enter('globex');
    expect(await isAdmitted(globex)).toBe(true);
    expect(gate.stats()).toEqual({ running: 3, waiting: 48, tenantsWaiting: 1 });
    globex.release();
    for (const t of acme) t.release();
    expect(gate.stats()).toEqual({ running: 0, waiting: 0, tenantsWaiting: 0 });
  });

  it('serves a tenant\'s waiting operations in arrival order, never one that arrives after them first', async () => {
    const gate = new TenantGate({ perTenant: 1, maxQueued: 10 });
    const order: number[] = [];
    const first = gate.enter('acme');
    const waiting = [1, 2, 3].map((i) => {
      const t = gate.enter('acme');
      t.admitted.then(() => order.push(i));
      return t;
    });
    first.release();
    await new Promise((r) => setImmediate(r));
    // A newcomer while the slot is taken and others wait: behind them.
    const late = gate.enter('acme');
    late.admitted.then(() => order.push(4));
    for (const t of waiting) {
      t.release();
      await new Promise((r) => setImmediate(r));
    }
    expect(order).toEqual([1, 2, 3, 4]);
    late.release();
    expect(gate.stats().running).toBe(0);
  });

  it('refuses beyond maxQueued waiting with TenantQueueFullError and holds nothing for it', async () => {
    const gate = new TenantGate({ perTenant: 1, maxQueued: 2 });
    const running = gate.enter('acme');
    const w1 = gate.enter('acme');
    const w2 = gate.enter('acme');
    expect(() => gate.enter('acme')).toThrow(TenantQueueFullError);
    expect(gate.of('acme')).toEqual({ running: 1, waiting: 2 });
    // Other tenants have queues of their own.
    expect(await isAdmitted(gate.enter('globex'))).toBe(true);
    running.release();
    expect(await isAdmitted(w1)).toBe(true);
    expect(gate.of('acme')).toEqual({ running: 1, waiting: 1 });
    // A place in the queue again.
    const w3 = gate.enter('acme');
    w1.release(); w2.release();
    expect(await isAdmitted(w3)).toBe(true);
  });

  it('maxQueued 0: beyond perTenant refused at once', () => {
    const gate = new TenantGate({ perTenant: 1, maxQueued: 0 });
    gate.enter('acme');
    expect(() => gate.enter('acme')).toThrow(TenantQueueFullError);
  });

  it('an operation aborted while waiting (the client left) leaves the queue: rejects, and the next one takes the slot', async () => {
    const gate = new TenantGate({ perTenant: 1, maxQueued: 10 });
    const running = gate.enter('acme');
    const controller = new AbortController();
    const gone = gate.enter('acme', controller.signal);
    const next = gate.enter('acme');
    controller.abort();
    await expect(gone.admitted).rejects.toBeInstanceOf(AdmissionAbortedError);
    expect(gate.of('acme')).toEqual({ running: 1, waiting: 1 });
    running.release();
    expect(await isAdmitted(next)).toBe(true);
    // Releasing the aborted ticket later changes nothing.
    gone.release();
    expect(gate.of('acme')).toEqual({ running: 1, waiting: 0 });
    next.release();
    expect(gate.stats()).toEqual({ running: 0, waiting: 0, tenantsWaiting: 0 });
    // Already aborted: never queued.
    const late = gate.enter('acme', AbortSignal.abort());
    await expect(late.admitted).rejects.toBeInstanceOf(AdmissionAbortedError);
    expect(gate.stats()).toEqual({ running: 0, waiting: 0, tenantsWaiting: 0 });
  });

  it('aborting an admitted operation does not free its slot: only release does, once', async () => {
    const gate = new TenantGate({ perTenant: 1, maxQueued: 10 });
    const controller = new AbortController();
    const blocker = gate.enter('acme');
    const t = gate.enter('acme', controller.signal);
    blocker.release();
    expect(await isAdmitted(t)).toBe(true);
    controller.abort();
    expect(gate.of('acme').running).toBe(1);
    const next = gate.enter('acme');
    t.release();
    t.release();
    expect(await isAdmitted(next)).toBe(true);
    expect(gate.of('acme')).toEqual({ running: 1, waiting: 0 });
  });

  it('a failed operation that releases in finally passes its slot on', async () => {
    const gate = new TenantGate({ perTenant: 1, maxQueued: 10 });
    const run = async <T>(tenant: string, work: () => Promise<T>): Promise<T> => {
      const ticket = gate.enter(tenant);
      try {
        await ticket.admitted;
        return await work();
      } finally {
        ticket.release();
      }
    };
    const failing = run('acme', async () => { throw new Error('boom'); });
    const after = run('acme', async () => 42);
    await expect(failing).rejects.toThrow('boom');
    await expect(after).resolves.toBe(42);
    expect(gate.stats()).toEqual({ running: 0, waiting: 0, tenantsWaiting: 0 });
  });

  it('a raised perTenant admits more as slots free; a lowered one admits nobody until running is below it', async () => {
    const gate = new TenantGate({ perTenant: 1, maxQueued: 10 });
    const a = gate.enter('acme');
    const waiting = [gate.enter('acme'), gate.enter('acme'), gate.enter('acme')];
    gate.perTenant = 3;
    a.release();
    expect(await Promise.all(waiting.map(isAdmitted))).toEqual([true, true, true]);
    gate.perTenant = 1;
    const late = gate.enter('acme');
    waiting[0]!.release();
    waiting[1]!.release();
    expect(await isAdmitted(late)).toBe(false);
    waiting[2]!.release();
    expect(await isAdmitted(late)).toBe(true);
  });

  it('rejects a perTenant below 1 or a negative maxQueued', () => {
    expect(() => new TenantGate({ perTenant: 0, maxQueued: 1 })).toThrow();
    expect(() => new TenantGate({ perTenant: 1, maxQueued: -1 })).toThrow();
  });
});
