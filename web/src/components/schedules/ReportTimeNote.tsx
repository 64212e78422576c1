/**
 * What a schedule's runs read time in, and a warning when the report covers fixed dates: every
 * run would then send the same rows.
 */
import type { ScheduleReportOptionsQuery } from '../../generated/graphql';
import { href } from '../../router';
import { addDays, formatWallDate, parseWallTime } from '../../wall-time';

type ReportOption = ScheduleReportOptionsQuery['reports']['edges'][number]['node'];

/** "Dec 1 – Dec 7, 2026" for plain dates (the end is exclusive in the API), else the bounds as written. */
function fixedDates(from: string | null | undefined, to: string | null | undefined): string {
  const f = from ? parseWallTime(from) : null;
  const isDate = (s: string | null | undefined) => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s);
  if (isDate(from) && isDate(to) && f) {
    const last = parseWallTime(addDays(to!, -1))!;
    return last.year === f.year && last.month === f.month && last.day === f.day ? formatWallDate(f) : `${formatWallDate(f)} – ${formatWallDate(last)}`;
  }
  return `${from ?? '…'} to ${to ?? '…'}`;
}

export function hasFixedRange(report: ReportOption | undefined): boolean {
  const tr = report?.definition.timeRange;
  return !!tr && !tr.last && !tr.rolling && !tr.period && !!(tr.from || tr.to);
}

/** The warning under the report choice. */
export function FixedRangeWarning({ report }: { report: ReportOption | undefined }) {
  if (!report || !hasFixedRange(report)) return null;
  const tr = report.definition.timeRange!;
  return (
    <div className="note" role="note" data-testid="fixed-range-warning">
      <strong>This report covers fixed dates ({fixedDates(tr.from, tr.to)}).</strong> Every run will send the same rows.
      {' '}Use a relative period such as “Last 7 days” or “Previous week” in{' '}
      <a href={href(`/reports/${encodeURIComponent(report.id)}`)}>the report</a> so that each run covers its own days.
    </div>
  );
}

/** The sentence under the schedule's zone. */
export function RunZoneNote({ report, timezone }: { report: ReportOption | undefined; timezone: string }) {
  const zone = timezone.trim() || 'UTC';
  const reportZone = report?.definition.timeZone || 'UTC';
  return (
    <span data-testid="run-zone-note">
      Runs read time in this schedule’s zone ({zone}): days, weeks and ranges such as “Last 7 days” follow its calendar, and the file’s times are in it
      {report && reportZone !== zone ? <>, not in the report’s own zone ({reportZone}).</> : '.'}
    </span>
  );
}
