/**
 * The built-in admin reports a schedule can target instead of a report (migration 0027): each is a
 * view of the audit data (audit-views.ts) over the period a run covers. Pure: no I/O.
 *
 * The period of a run at slot S is [P, S): from the schedule's previous slot P to S, so a daily
 * schedule reports the day before each run, a weekly one the week, and consecutive runs cover the
 * audit trail once, without gaps or overlaps (an entry at exactly S belongs to the next run).
 */
import { runsBetween } from '../schedules/planner.js';
import type { AuditQuery } from './audit-export.js';
import type { AuditView } from './audit-views.js';

export const ADMIN_REPORTS = ['USER_ACTIVITY', 'COMPLIANCE_SUMMARY'] as const;
export type AdminReport = (typeof ADMIN_REPORTS)[number];

/** The audit view each admin report is. */
export const ADMIN_REPORT_VIEWS: Record<AdminReport, AuditView> = {
  USER_ACTIVITY: 'USER_ACTIVITY',
  COMPLIANCE_SUMMARY: 'COMPLIANCE',
};

/** The name its files, emails and the Exports page give it. */
export const ADMIN_REPORT_TITLES: Record<AdminReport, string> = {
  USER_ACTIVITY: 'User activity',
  COMPLIANCE_SUMMARY: 'Compliance summary',
};

export function isAdminReport(value: unknown): value is AdminReport {
  return (ADMIN_REPORTS as readonly unknown[]).includes(value);
}

/** Growing look-back windows for the previous slot: a minute's cron is found in the first, a yearly one in the last. */
const LOOK_BACK_MS = [61 * 60_000, 25 * 3_600_000, 8 * 86_400_000, 32 * 86_400_000, 367 * 86_400_000];
/** Slots read per window: enough for every-minute crons over the first window. */
const MAX_SLOTS = 100_000;

/**
 * The schedule's slot before `slot`: the start of the period a run at `slot` reports. A cron whose
 * previous slot is more than a year back (29 February) reports the year before the slot.
 */
export function previousSlot(cron: string, timeZone: string, slot: Date): Date {
  for (const back of LOOK_BACK_MS) {
    const slots = runsBetween(cron, timeZone, new Date(slot.getTime() - back), new Date(slot.getTime() - 1), MAX_SLOTS);
    if (slots.length > 0) return slots[slots.length - 1]!;
  }
  return new Date(slot.getTime() - 366 * 86_400_000);
}

/** The period a run at `slot` covers: [previous slot, slot). */
export function adminReportPeriod(cron: string, timeZone: string, slot: Date): { from: Date; to: Date } {
  return { from: previousSlot(cron, timeZone, slot), to: slot };
}

/** What a run's export reads: the report's view over its period. */
export function adminReportQuery(report: AdminReport, period: { from: Date; to: Date }): AuditQuery {
  return { view: ADMIN_REPORT_VIEWS[report], filter: { from: period.from.toISOString(), to: period.to.toISOString() } };
}
