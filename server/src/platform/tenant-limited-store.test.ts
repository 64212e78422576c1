import { describe, expect, it } from 'vitest';
import { TenantSlots } from './tenant-limited-store.js';

describe('TenantSlots', () => {
  it('grants up to the limit per tenant, queues the rest in order, and passes a freed slot to the next', async () => {
    const slots = new TenantSlots(2);
    const a1 = await slots.acquire('a');
    const a2 = await slots.acquire('a');
    const order: string[] = [];
    const a3 = slots.acquire('a').then((r) => { order.push('a3'); return r; });
    const a4 = slots.acquire('a').then((r) => { order.push('a4'); return r; });
    const b1 = await slots.acquire('b'); // another tenant is not held up
    expect([slots.inFlight('a'), slots.queued('a'), slots.inFlight('b')]).toEqual([2, 2, 1]);
    a1();
    a1(); // releasing twice frees one slot only
    (await a3)();
    a2();
    (await a4)();
    b1();
    expect(order).toEqual(['a3', 'a4']);
    expect([slots.inFlight('a'), slots.queued('a'), slots.inFlight('b')]).toEqual([0, 0, 0]);
  });

  it('gives up waiting when the signal aborts, without taking a slot', async () => {
    const slots = new TenantSlots(1);
    const held = await slots.acquire('a');
    const controller = new AbortController();
    const waiting = slots.acquire('a', controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    expect(slots.queued('a')).toBe(0);
    held();
    expect(slots.inFlight('a')).toBe(0);
    await expect(slots.acquire('a', controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });
});
