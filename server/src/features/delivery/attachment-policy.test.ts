import { describe, expect, it } from 'vitest';
import { base64Length, MESSAGE_BODY_ALLOWANCE, shouldAttach } from './attachment-policy.js';
import { SENDGRID_MAX_MESSAGE_BYTES } from './email/sendgrid-transport.js';

const MB = 1024 * 1024;
/** The largest file whose base64 still fits beside the body allowance. */
const largestAttachable = Math.floor((SENDGRID_MAX_MESSAGE_BYTES - MESSAGE_BODY_ALLOWANCE) / 4) * 3;

describe('shouldAttach', () => {
  it('counts the attachment as base64', () => {
    expect(base64Length(3)).toBe(4);
    expect(base64Length(4)).toBe(8);
    expect(base64Length(23 * MB)).toBeGreaterThan(30 * MB);
  });

  it('links a file whose base64 would push the message over 30 MB, even when the schedule says ATTACH', () => {
    expect(base64Length(largestAttachable) + MESSAGE_BODY_ALLOWANCE).toBeLessThanOrEqual(SENDGRID_MAX_MESSAGE_BYTES);
    expect(shouldAttach(largestAttachable, 'ATTACH', 10 * MB)).toBe(true);
    expect(shouldAttach(largestAttachable + 3, 'ATTACH', 10 * MB)).toBe(false);
    expect(shouldAttach(23 * MB, 'ATTACH', 10 * MB)).toBe(false); // 23 MB is 30.7 MB as base64
    expect(shouldAttach(23 * MB, 'AUTO', 100 * MB)).toBe(false);
  });

  it('AUTO attaches up to the configured limit; LINK never attaches', () => {
    expect(shouldAttach(10 * MB, 'AUTO', 10 * MB)).toBe(true);
    expect(shouldAttach(10 * MB + 1, 'AUTO', 10 * MB)).toBe(false);
    expect(shouldAttach(1, 'LINK', 10 * MB)).toBe(false);
    expect(shouldAttach(0, 'AUTO', 10 * MB)).toBe(true);
  });
});
