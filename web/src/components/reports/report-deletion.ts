/**
 * Deleting a report that schedules export: the server refuses (`BAD_USER_INPUT` at `force`, the
 * schedules in `extensions.schedules`) unless asked again with `force: true`. These read that
 * refusal and word the second question, which names every schedule that would go with the report.
 */
import { gqlErrors } from '../schedules/util';

export interface ScheduleInTheWay {
  id: string;
  name: string;
}

/** The schedules a refused deleteReport names; null when the error is anything else. */
export function schedulesInTheWay(error: unknown): ScheduleInTheWay[] | null {
  for (const e of gqlErrors(error)) {
    if (e.extensions?.code !== 'BAD_USER_INPUT' || e.extensions.field !== 'force' || !Array.isArray(e.extensions.schedules)) continue;
    return (e.extensions.schedules as unknown[]).filter((s): s is ScheduleInTheWay =>
      !!s && typeof (s as ScheduleInTheWay).id === 'string' && typeof (s as ScheduleInTheWay).name === 'string');
  }
  return null;
}

/** The question asked before the report and its schedules are deleted together. */
export function cascadeQuestion(reportName: string, schedules: ScheduleInTheWay[]): string {
  const n = schedules.length;
  const which = n === 1 ? 'this schedule' : `these ${n} schedules`;
  return [
    `“${reportName}” is exported by ${n === 1 ? '1 schedule' : `${n} schedules`}. Deleting the report also deletes ${which} and their run history:`,
    '',
    ...schedules.map((s) => `• ${s.name}`),
    '',
    `Delete the report and ${which}?`,
  ].join('\n');
}
