import { describe, expect, it } from 'vitest';
import { EMAIL_RE, emailProblem, errorFor, fieldErrors, formatInZone, formatUtc, friendly, isZone, parsePreset, presetCron, type PresetState } from './util';

const base: PresetState = { kind: 'DAILY', hour: 9, minute: 30, dayOfWeek: 1, dayOfMonth: 1 };

describe('presets', () => {
  it.each([
    ['HOURLY', '30 * * * *'], ['DAILY', '30 9 * * *'], ['WEEKDAYS', '30 9 * * 1-5'], ['WEEKLY', '30 9 * * 1'], ['MONTHLY', '30 9 1 * *'], ['CUSTOM', ''],
  ] as const)('%s gives %s', (kind, cron) => {
    expect(presetCron({ ...base, kind })).toBe(cron);
  });

  it('reads back every preset it writes', () => {
    for (const kind of ['HOURLY', 'DAILY', 'WEEKDAYS', 'WEEKLY', 'MONTHLY'] as const) {
      const state = { ...base, kind, dayOfWeek: 5, dayOfMonth: 28 };
      const parsed = parsePreset(presetCron(state))!;
      expect(parsed.kind).toBe(kind);
      expect(presetCron(parsed)).toBe(presetCron(state));
    }
  });

  it.each(['*/5 * * * *', '0 9 * 1 *', '0 9 31 * *', '0 9 1 * 1', '0 24 * * *', '60 9 * * *', '0 9 * * 1,3', '0 9 * *', ''])('leaves %j to the custom cron field', (cron) => {
    expect(parsePreset(cron)).toBeNull();
  });
});

describe('time formatting', () => {
  it('shows a run in its zone, with the zone named, and in UTC', () => {
    expect(formatInZone('2026-03-09T13:00:00Z', 'America/New_York')).toBe('Mon, Mar 9, 2026, 09:00 EDT');
    expect(formatInZone('2026-03-06T14:00:00Z', 'America/New_York')).toBe('Fri, Mar 6, 2026, 09:00 EST');
    expect(formatUtc('2026-03-09T13:00:00Z')).toBe('2026-03-09 13:00 UTC');
  });

  it('is calm about missing or broken values', () => {
    expect(formatInZone(null, 'UTC')).toBe('—');
    expect(formatUtc(undefined)).toBe('—');
    expect(formatInZone('not a date', 'UTC')).toBe('not a date');
    expect(formatInZone('2026-03-09T13:00:00Z', 'Not/AZone')).toBe('2026-03-09T13:00:00.000Z');
  });

  it('knows IANA zones', () => {
    expect(isZone('Asia/Kathmandu')).toBe(true);
    expect(isZone('UTC')).toBe(true);
    expect(isZone('Mars/Olympus')).toBe(false);
  });
});

describe('recipients', () => {
  it.each(['a@b.co', 'first.last+tag@sub.example.org'])('accepts %s', (e) => expect(EMAIL_RE.test(e)).toBe(true));
  it.each(['a@b', 'a b@c.de', 'a@b.co,c@d.ef', '<a@b.co>', '@b.co', 'a@'])('refuses %j', (e) => expect(EMAIL_RE.test(e)).toBe(false));
  it.each(['a@b.co', 'info@bücher.de', 'sales@例え.jp'])('emailProblem: none for %s', (e) => expect(emailProblem(e)).toBeNull());
  it('emailProblem: says why for a local part outside ASCII, and for what is not an address', () => {
    expect(emailProblem('θ@example.com')).toMatch(/outside ASCII before the @/);
    expect(emailProblem('a@b')).toMatch(/not an email address/);
  });
});

describe('GraphQL errors', () => {
  const badInput = {
    errors: [{
      message: 'Invalid schedule', extensions: { code: 'BAD_USER_INPUT', errors: [
        { path: 'input.recipients.1', message: 'not an email address' },
        { path: 'input.cron', message: 'invalid minute field' },
        { message: 'no path' },
      ] },
    }],
  };

  it('keys field errors by path without the input prefix', () => {
    const { byPath, general } = fieldErrors(badInput);
    expect(byPath).toEqual({ 'recipients.1': 'not an email address', cron: 'invalid minute field' });
    expect(general).toEqual(['no path']);
    expect(errorFor(byPath, 'recipients')).toBe('not an email address');
    expect(errorFor(byPath, 'timezone')).toBeUndefined();
  });

  it('uses extensions.field when there is no list', () => {
    expect(fieldErrors({ errors: [{ message: 'bad cron', extensions: { field: 'cron' } }] }).byPath).toEqual({ cron: 'bad cron' });
  });

  it('says a network failure in words, never as a raw error', () => {
    expect(friendly(new TypeError('Failed to fetch'))).toBe('The server could not be reached. Check your connection and try again.');
    // Field problems by the labels the form shows, never the summary with paths or codes.
    expect(friendly(badInput)).toBe('Recipient 2: not an email address; Cron: invalid minute field; no path');
    expect(friendly(42)).toBe('Something went wrong.');
  });
});
