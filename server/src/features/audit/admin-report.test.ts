import { describe, expect, it } from 'vitest';
import { adminReportPeriod, adminReportQuery, isAdminReport, previousSlot } from './admin-report.js';

describe('the period an admin report run covers', () => {
  it('runs from the previous slot to its own, in the schedule\'s zone', () => {
    // Daily 06:00 in New York: the day before, across the DST change of 8 March 2026 (23 hours).
    expect(adminReportPeriod('0 6 * * *', 'America/New_York', new Date('2026-03-09T10:00:00Z'))).toEqual({ from: new Date('2026-03-08T10:00:00Z'), to: new Date('2026-03-09T10:00:00Z') });
    expect(adminReportPeriod('0 6 * * *', 'America/New_York', new Date('2026-03-08T10:00:00Z')).from).toEqual(new Date('2026-03-07T11:00:00Z'));
    // Weekly on Monday 09:00 UTC: the week before.
    expect(previousSlot('0 9 * * 1', 'UTC', new Date('2026-12-07T09:00:00Z'))).toEqual(new Date('2026-11-30T09:00:00Z'));
    // Every 5 minutes: 5 minutes; monthly: the month; yearly: the year.
    expect(previousSlot('*/5 * * * *', 'UTC', new Date('2026-12-07T09:00:00Z'))).toEqual(new Date('2026-12-07T08:55:00Z'));
    expect(previousSlot('0 0 1 * *', 'Europe/Paris', new Date('2026-03-31T22:00:00Z'))).toEqual(new Date('2026-02-28T23:00:00Z'));
    expect(previousSlot('0 0 1 1 *', 'UTC', new Date('2027-01-01T00:00:00Z'))).toEqual(new Date('2026-01-01T00:00:00Z'));
  });

  it('a run-now between slots covers from the last slot until now', () => {
    expect(previousSlot('0 6 * * *', 'UTC', new Date('2026-12-07T03:12:00Z'))).toEqual(new Date('2026-12-06T06:00:00Z'));
  });

  it('a slot with none in the year before (29 February) reports the year before', () => {
    const slot = new Date('2028-02-29T00:00:00Z');
    expect(previousSlot('0 0 29 2 *', 'UTC', slot)).toEqual(new Date(slot.getTime() - 366 * 86_400_000));
  });

  it('names the audit view and the period as the filter, [from, to)', () => {
    expect(adminReportQuery('COMPLIANCE_SUMMARY', { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-02-01T00:00:00Z') }))
      .toEqual({ view: 'COMPLIANCE', filter: { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' } });
    expect(adminReportQuery('USER_ACTIVITY', { from: new Date(0), to: new Date(1) }).view).toBe('USER_ACTIVITY');
    expect([isAdminReport('USER_ACTIVITY'), isAdminReport('COMPLIANCE'), isAdminReport(null)]).toEqual([true, false, false]);
  });
});
