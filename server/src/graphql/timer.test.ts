import { describe, expect, it } from 'vitest';
import { onceAt } from './timer.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('onceAt', () => {
  it('runs the callback once at the instant', async () => {
    let calls = 0;
    onceAt(new Date(Date.now() + 30), () => calls++);
    expect(calls).toBe(0);
    await sleep(120);
    expect(calls).toBe(1);
  });

  it('runs at once for an instant already past, and never after cancel', async () => {
    let past = 0;
    onceAt(new Date(Date.now() - 1000), () => past++);
    expect(past).toBe(1);
    let cancelled = 0;
    const cancel = onceAt(new Date(Date.now() + 30), () => cancelled++);
    cancel();
    await sleep(100);
    expect(cancelled).toBe(0);
  });

  it('does not fire early for an instant beyond setTimeout\'s 24.8-day range', async () => {
    let calls = 0;
    const cancel = onceAt(new Date(Date.now() + 200 * 86_400_000), () => calls++);
    await sleep(50);
    expect(calls).toBe(0);
    cancel();
  });
});
