import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterResponsiveWait, onceAt } from './timer.js';

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

describe('afterResponsiveWait', () => {
  afterEach(() => { vi.useRealTimers(); });

  it('fires once the wait has passed on a responsive loop, not before, and once', () => {
    vi.useFakeTimers();
    let calls = 0;
    afterResponsiveWait(3000, () => calls++);
    vi.advanceTimersByTime(2999);
    expect(calls).toBe(0);
    vi.advanceTimersByTime(1);
    expect(calls).toBe(1);
    vi.advanceTimersByTime(10_000);
    expect(calls).toBe(1);
  });

  it('does not count a stall: 5 s frozen in a 3 s wait leaves the rest of the wait to run', () => {
    vi.useFakeTimers();
    let calls = 0;
    afterResponsiveWait(3000, () => calls++);
    vi.advanceTimersByTime(1000);
    // The clock jumps 5 s while no timer runs (a blocked event loop), then the loop resumes.
    vi.setSystemTime(Date.now() + 5000);
    vi.advanceTimersByTime(250);
    expect(calls).toBe(0);
    // 1,000 ms waited, the late step counted as 500 ms at most: 1,500 ms still to wait.
    vi.advanceTimersByTime(1200);
    expect(calls).toBe(0);
    vi.advanceTimersByTime(400);
    expect(calls).toBe(1);
  });

  it('never fires after cancel', () => {
    vi.useFakeTimers();
    let calls = 0;
    const cancel = afterResponsiveWait(500, () => calls++);
    vi.advanceTimersByTime(200);
    cancel();
    vi.advanceTimersByTime(5000);
    expect(calls).toBe(0);
  });
});
