import { describe, expect, it } from 'vitest';
import { SingleFlight } from './single-flight.js';

const deferred = <T>() => {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
};

describe('SingleFlight', () => {
  it('shares a read in flight between callers of the same key only', async () => {
    const flights = new SingleFlight<string>();
    const a = deferred<string>();
    const b = deferred<string>();
    let reads = 0;
    const first = flights.run('acme\nviewer', () => { reads++; return a.promise; });
    const second = flights.run('acme\nviewer', () => { reads++; return Promise.resolve('never'); });
    const other = flights.run('globex\nviewer', () => { reads++; return b.promise; });
    await Promise.resolve();
    expect(reads).toBe(2);
    expect(flights.size).toBe(2);
    a.resolve('acme policy');
    b.resolve('globex policy');
    expect(await first).toBe('acme policy');
    expect(await second).toBe('acme policy');
    expect(await other).toBe('globex policy');
    expect({ started: flights.started, joined: flights.joined }).toEqual({ started: 2, joined: 1 });
  });

  it('keeps nothing once a read has answered: the next caller reads afresh (a change made since is seen)', async () => {
    const flights = new SingleFlight<number>();
    let version = 1;
    expect(await flights.run('k', async () => version)).toBe(1);
    version = 2;
    expect(await flights.run('k', async () => version)).toBe(2);
    expect(flights.size).toBe(0);
  });

  it('hands a failure to every caller that joined, and forgets it', async () => {
    const flights = new SingleFlight<number>();
    const d = deferred<number>();
    const first = flights.run('k', () => d.promise);
    const second = flights.run('k', () => Promise.resolve(7));
    d.reject(new Error('NOT_FOUND'));
    await expect(first).rejects.toThrow('NOT_FOUND');
    await expect(second).rejects.toThrow('NOT_FOUND');
    expect(flights.size).toBe(0);
    await expect(flights.run('k', async () => 7)).resolves.toBe(7);
  });

  it('forgets a read that throws synchronously', async () => {
    const flights = new SingleFlight<number>();
    await expect(flights.run('k', () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(flights.size).toBe(0);
  });
});
