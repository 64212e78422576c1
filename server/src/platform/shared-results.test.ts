import { describe, expect, it } from 'vitest';
import { SharedResults } from './shared-results.js';

/** A load the test settles by hand, counting how often it was started and whether it was aborted. */
function deferredLoads<T>() {
  const started: { resolve: (v: T) => void; reject: (e: Error) => void; signal: AbortSignal }[] = [];
  const load = (signal: AbortSignal) => new Promise<T>((resolve, reject) => {
    started.push({ resolve, reject, signal });
    signal.addEventListener('abort', () => reject(new Error('load aborted')), { once: true });
  });
  return { started, load };
}

function clock() {
  let t = 1_000;
  return { now: () => t, advance: (ms: number) => { t += ms; } };
}

const size = (v: string) => v.length;
const tick = () => new Promise((r) => setImmediate(r));

describe('SharedResults single-flight', () => {
  it('runs identical concurrent work once and hands every caller the same result', async () => {
    const shared = new SharedResults<string>({ ttlMs: 0, maxEntries: 10, maxBytes: 1_000 });
    const { started, load } = deferredLoads<string>();
    const callers = Array.from({ length: 50 }, () => shared.run('k', load, { cache: true, size }));
    const other = shared.run('other', load, { cache: true, size });
    expect(started).toHaveLength(2);
    started[0]!.resolve('rows');
    started[1]!.resolve('other rows');
    expect(await Promise.all(callers)).toEqual(Array(50).fill('rows'));
    expect(await other).toBe('other rows');
    expect(shared.stats()).toMatchObject({ loads: 2, joined: 49, hits: 0, entries: 0 });
    // TTL 0 keeps nothing: the next caller runs the work again.
    const again = shared.run('k', load, { cache: true, size });
    expect(started).toHaveLength(3);
    started[2]!.resolve('fresh');
    expect(await again).toBe('fresh');
  });

  it('shares a failure with those waiting but never keeps it', async () => {
    const c = clock();
    const shared = new SharedResults<string>({ ttlMs: 5_000, maxEntries: 10, maxBytes: 1_000, now: c.now });
    const { started, load } = deferredLoads<string>();
    const a = shared.run('k', load, { cache: true, size });
    const b = shared.run('k', load, { cache: true, size });
    started[0]!.reject(new Error('engine down'));
    await expect(a).rejects.toThrow('engine down');
    await expect(b).rejects.toThrow('engine down');
    const retry = shared.run('k', load, { cache: true, size });
    expect(started).toHaveLength(2);
    started[1]!.resolve('ok');
    expect(await retry).toBe('ok');
    expect(shared.stats().entries).toBe(1);
  });

  it("one waiter's abort rejects that waiter only; the shared load goes on for the others", async () => {
    const shared = new SharedResults<string>({ ttlMs: 0, maxEntries: 10, maxBytes: 1_000 });
    const { started, load } = deferredLoads<string>();
    const leaving = new AbortController();
    const a = shared.run('k', load, { cache: true, size, signal: leaving.signal });
    const b = shared.run('k', load, { cache: true, size, signal: new AbortController().signal });
    leaving.abort(new DOMException('tab closed', 'AbortError'));
    await expect(a).rejects.toMatchObject({ name: 'AbortError', message: 'tab closed' });
    expect(started[0]!.signal.aborted).toBe(false);
    started[0]!.resolve('rows');
    expect(await b).toBe('rows');
  });

  it('aborts the shared load when every waiter has aborted, and the next caller starts afresh', async () => {
    const shared = new SharedResults<string>({ ttlMs: 5_000, maxEntries: 10, maxBytes: 1_000 });
    const { started, load } = deferredLoads<string>();
    const controllers = [new AbortController(), new AbortController()];
    const waits = controllers.map((c) => shared.run('k', load, { cache: true, size, signal: c.signal }));
    controllers[0]!.abort();
    await expect(waits[0]).rejects.toMatchObject({ name: 'AbortError' });
    expect(started[0]!.signal.aborted).toBe(false);
    controllers[1]!.abort(new Error('timeout'));
    await expect(waits[1]).rejects.toThrow('timeout');
    expect(started[0]!.signal.aborted).toBe(true);
    await tick();
    const next = shared.run('k', load, { cache: true, size });
    expect(started).toHaveLength(2);
    started[1]!.resolve('rows');
    expect(await next).toBe('rows');
    // An already aborted signal is refused before any work starts.
    await expect(shared.run('z', load, { cache: true, size, signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(started).toHaveLength(2);
  });

  it('a waiter without a signal keeps the load alive whatever the others do', async () => {
    const shared = new SharedResults<string>({ ttlMs: 0, maxEntries: 10, maxBytes: 1_000 });
    const { started, load } = deferredLoads<string>();
    const patient = shared.run('k', load, { cache: true, size });
    const c = new AbortController();
    const leaving = shared.run('k', load, { cache: true, size, signal: c.signal });
    c.abort();
    await expect(leaving).rejects.toBeDefined();
    expect(started[0]!.signal.aborted).toBe(false);
    started[0]!.resolve('rows');
    expect(await patient).toBe('rows');
  });
});

describe('SharedResults cache', () => {
  it('serves a kept result until its TTL has passed, on the injected clock', async () => {
    const c = clock();
    const shared = new SharedResults<string>({ ttlMs: 5_000, maxEntries: 10, maxBytes: 1_000, now: c.now });
    let loads = 0;
    const load = async () => `v${++loads}`;
    expect(await shared.run('k', load, { cache: true, size })).toBe('v1');
    c.advance(5_000); // lru-cache: stale once older than the TTL, so the TTL's last instant still serves
    expect(await shared.run('k', load, { cache: true, size })).toBe('v1');
    c.advance(1);
    expect(await shared.run('k', load, { cache: true, size })).toBe('v2');
    expect(shared.stats()).toMatchObject({ loads: 2, hits: 1, entries: 1 });
  });

  it('does not keep what the caller says must not be kept', async () => {
    const shared = new SharedResults<string>({ ttlMs: 5_000, maxEntries: 10, maxBytes: 1_000 });
    let loads = 0;
    const load = async () => `v${++loads}`;
    await shared.run('k', load, { cache: false, size });
    expect(await shared.run('k', load, { cache: false, size })).toBe('v2');
    expect(shared.stats().entries).toBe(0);
  });

  it('evicts the least recently used past the entry bound', async () => {
    const shared = new SharedResults<string>({ ttlMs: 60_000, maxEntries: 3, maxBytes: 1_000 });
    const load = (v: string) => async () => v;
    for (const k of ['a', 'b', 'c']) await shared.run(k, load(k), { cache: true, size });
    await shared.run('a', load('A2'), { cache: true, size }); // a hit: a is now the most recent
    await shared.run('d', load('d'), { cache: true, size }); // evicts b, the least recent
    expect(shared.stats().entries).toBe(3);
    expect(await shared.run('a', load('a-reloaded'), { cache: true, size })).toBe('a');
    expect(await shared.run('b', load('b-reloaded'), { cache: true, size })).toBe('b-reloaded');
  });

  it('evicts by estimated bytes, and never keeps one result over a quarter of the budget', async () => {
    const shared = new SharedResults<string>({ ttlMs: 60_000, maxEntries: 100, maxBytes: 100 });
    const load = (v: string) => async () => v;
    await shared.run('big', load('x'.repeat(26)), { cache: true, size });
    expect(shared.stats().entries).toBe(0);
    for (const k of ['a', 'b', 'c', 'd', 'e']) await shared.run(k, load(k.repeat(25)), { cache: true, size });
    expect(shared.stats()).toMatchObject({ entries: 4, bytes: 100 });
    expect(await shared.run('a', load('a-reloaded'), { cache: true, size })).toBe('a-reloaded');
  });

  it('keeps nothing with a TTL of 0 but still shares in-flight work', async () => {
    const shared = new SharedResults<string>({ ttlMs: 0, maxEntries: 10, maxBytes: 1_000 });
    const { started, load } = deferredLoads<string>();
    const both = [shared.run('k', load, { cache: true, size }), shared.run('k', load, { cache: true, size })];
    started[0]!.resolve('rows');
    expect(await Promise.all(both)).toEqual(['rows', 'rows']);
    expect(shared.stats()).toMatchObject({ loads: 1, entries: 0 });
  });
});
