import { describe, expect, it } from 'vitest';
import { FailureBudget, budgetKey } from './failure-budget.js';

describe('FailureBudget', () => {
  it('refuses an address for the rest of its minute once it has failed perMinute times', () => {
    let now = 1_000_000;
    const budget = new FailureBudget(3, () => now);
    for (let i = 0; i < 2; i++) budget.fail('192.0.2.1');
    expect(budget.retryAfter('192.0.2.1')).toBe(0);
    budget.fail('192.0.2.1');
    expect(budget.retryAfter('192.0.2.1')).toBe(60);
    now += 45_500;
    expect(budget.retryAfter('192.0.2.1')).toBe(15);
    expect(budget.retryAfter('192.0.2.2')).toBe(0);
    now += 14_500;
    expect(budget.retryAfter('192.0.2.1')).toBe(0);
    // A new window starts with the next failure.
    budget.fail('192.0.2.1');
    expect(budget.retryAfter('192.0.2.1')).toBe(0);
  });

  it('counts an IPv4 client the same on an IPv4 and a dual-stack socket', () => {
    const budget = new FailureBudget(2);
    budget.fail('::ffff:192.0.2.7');
    budget.fail('192.0.2.7');
    expect(budget.retryAfter('192.0.2.7')).toBeGreaterThan(0);
  });

  it('counts IPv6 clients per /64: rotating through its own prefix buys no fresh budget', () => {
    expect(budgetKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(budgetKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(budgetKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(budgetKey('::1')).toBe('0:0:0:0::/64');
    const budget = new FailureBudget(2);
    budget.fail('2001:db8:1:2::1');
    budget.fail('2001:db8:1:2::ffff');
    expect(budget.retryAfter('2001:db8:1:2:1:2:3:4')).toBeGreaterThan(0);
    expect(budget.retryAfter('2001:db8:1:3::1')).toBe(0);
  });
});
