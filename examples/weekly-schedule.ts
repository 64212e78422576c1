/**
 * Creates a weekly schedule for a report and prints its next runs.
 *
 *   REPORTCAST_URL=http://localhost:4000 REPORTCAST_TOKEN=… \
 *     pnpm --filter @reportcast/examples weekly-schedule --report "Usage Summary" --day 1 --hour 9 \
 *       --timezone Europe/Paris --format PDF --to ops@example.com
 */
import { parseArgs } from 'node:util';
import { ReportcastError, type ExportFormat } from '@reportcast/sdk';
import { clientFromEnv, findReportId } from './config.js';

const { values: args } = parseArgs({
  options: {
    report: { type: 'string', default: 'Usage Summary' },
    name: { type: 'string' },
    day: { type: 'string', default: '1' }, // 0 = Sunday … 6 = Saturday
    hour: { type: 'string', default: '9' },
    minute: { type: 'string', default: '0' },
    timezone: { type: 'string', default: 'UTC' },
    format: { type: 'string', default: 'PDF' },
    to: { type: 'string', multiple: true, default: [] },
  },
});

const client = clientFromEnv();
try {
  const reportId = await findReportId(client, args.report!);
  const schedule = await client.schedules.create({
    reportId,
    name: args.name ?? `${args.report} weekly`,
    preset: { preset: 'WEEKLY', dayOfWeek: Number(args.day), hour: Number(args.hour), minute: Number(args.minute) },
    timezone: args.timezone,
    format: args.format!.toUpperCase() as ExportFormat,
    delivery: 'EMAIL',
    recipients: args.to,
  });
  console.log(`Created schedule ${schedule.id}: "${schedule.name}", ${schedule.cronDescription} (${schedule.cron}) in ${schedule.timezone}`);
  console.log('Next runs:');
  for (const run of await client.schedules.upcomingRuns(schedule.id, 3)) console.log(`  ${run.local}  (${run.utc})`);
} catch (error) {
  if (error instanceof ReportcastError) console.error(`Could not create the schedule: ${error.code}${error.path ? ` at ${error.path}` : ''}: ${error.message}`);
  else console.error(`Could not create the schedule: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await client.close();
}
