import { describe, it, expect } from 'vitest';
import { RateLimiter } from './rate-limiter.js';

/** A limiter on a manual clock (milliseconds). */
function limiter(perMinute: number) {
  let t = 1_700_000_000_000;
  const rl = new RateLimiter(perMinute, () => t);
  return {
    take: (key = 'tenant-a') => rl.take(key),
    advance: (ms: number) => {
      t += ms;
    },
  };
}

function drain(l: ReturnType<typeof limiter>, n: number, key = 'tenant-a') {
  for (let i = 0; i < n; i++) expect(l.take(key)).toBe(0);
}

describe('RateLimiter', () => {
  it('allows perMinute requests in a burst', () => {
    const l = limiter(5);
    for (let i = 0; i < 5; i++) expect(l.take()).toBe(0);
  });

  it('refuses the next request with a retry-after of at least 1 second', () => {
    const l = limiter(5);
    drain(l, 5);
    const retry = l.take();
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(Number.isInteger(retry)).toBe(true);
  });

  it('keeps refusing while no time passes', () => {
    const l = limiter(3);
    drain(l, 3);
    expect(l.take()).toBeGreaterThan(0);
    expect(l.take()).toBeGreaterThan(0);
  });

  it('does not let refused requests consume tokens', () => {
    const l = limiter(6); // one token every 10 s
    drain(l, 6);
    for (let i = 0; i < 10; i++) expect(l.take()).toBe(10);
    l.advance(10_000);
    expect(l.take()).toBe(0);
  });

  it('refills one token after 60/perMinute seconds', () => {
    const l = limiter(3); // one token every 20 s
    drain(l, 3);
    l.advance(20_000);
    expect(l.take()).toBe(0);
    expect(l.take()).toBeGreaterThan(0);
  });

  it('does not refill a whole token before 60/perMinute seconds', () => {
    const l = limiter(3);
    drain(l, 3);
    l.advance(19_000);
    expect(l.take()).toBe(1);
  });

  it('refills proportionally to elapsed time', () => {
    const l = limiter(60); // one per second
    drain(l, 60);
    l.advance(5_000);
    drain(l, 5);
    expect(l.take()).toBe(1);
  });

  it('never refills beyond the burst size', () => {
    const l = limiter(4);
    drain(l, 4);
    l.advance(60 * 60_000);
    drain(l, 4);
    expect(l.take()).toBeGreaterThan(0);
  });

  it('keeps keys independent', () => {
    const l = limiter(2);
    drain(l, 2, 'tenant-a');
    expect(l.take('tenant-a')).toBeGreaterThan(0);
    drain(l, 2, 'tenant-b');
    expect(l.take('tenant-b')).toBeGreaterThan(0);
    expect(l.take('tenant-c')).toBe(0);
  });

  it.each([
    [1, 60],
    [2, 30],
    [3, 20],
    [6, 10],
    [60, 1],
    [600, 1],
    [6000, 1],
  ])('at %i per minute, an exhausted bucket says retry after %i s', (perMinute, seconds) => {
    const l = limiter(perMinute);
    drain(l, perMinute);
    expect(l.take()).toBe(seconds);
  });

  it('shortens retry-after as the bucket refills', () => {
    const l = limiter(1); // one per minute
    drain(l, 1);
    expect(l.take()).toBe(60);
    l.advance(30_000);
    expect(l.take()).toBe(30);
    l.advance(29_500);
    expect(l.take()).toBe(1);
    l.advance(500);
    expect(l.take()).toBe(0);
  });

  it('rounds a fractional wait up to whole seconds', () => {
    const l = limiter(1);
    drain(l, 1);
    l.advance(700); // 59.3 s left
    expect(l.take()).toBe(60);
    l.advance(59_000); // 0.3 s left
    expect(l.take()).toBe(1);
  });

  it('keeps a drained bucket across eviction of idle ones', () => {
    const l = limiter(2);
    drain(l, 2, 'hot');
    for (let i = 0; i < 10_001; i++) l.take(`cold-${i}`);
    expect(l.take('hot')).toBeGreaterThan(0);
  });
});
