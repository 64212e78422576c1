import 'reflect-metadata';
/**
 * The acceptance criterion of the product, end to end with real PostgreSQL, chDB, the job worker
 * and a SendGrid v3 endpoint that records requests: a saved "Usage Summary" schedule emails a
 * weekly PDF; rows limited and paginated. Exactly one email per recipient per slot, nothing on a
 * Sunday, the next run the following Monday 09:00 New York time in both EST and EDT.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../server/src/config.js';
import { formatInZone } from '../server/src/features/exports/writers/zoned-time.js';
import { runsBetween } from '../server/src/features/schedules/planner.js';
import { waitFor } from './support/wait.js';
import { pdfText as readPdf } from './support/pdf-text.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { startSendGridRecorder } from './support/sendgrid-recorder.js';

const NY = 'America/New_York';
let recorder: Awaited<ReturnType<typeof startSendGridRecorder>>;
let app: TestApp;
let admin: string;
let scheduleId: string;
/** The latest Monday 09:00 New York before now: the slot we tick at. */
let slot: Date;

const SCHEDULE = `query($id: ID!) { schedule(id: $id) { id name cron timezone status nextRunAt lastRunAt runCount recipients format
  upcomingRuns(count: 3) { utc local }
  executions(first: 20) { totalCount edges { node { id scheduledFor status triggeredBy error parameters
    deliveries { channel target status attempts providerMessageId lastError } export { status rowCount truncated } } } } } }`;


/** The text of a base64 attachment's PDF, read with pdfjs (npm). */
function pdfText(base64: string): Promise<string> {
  return readPdf(Buffer.from(base64, 'base64'));
}

/** Monday 00:00 New York of the week before the slot's, and of the slot's week (from the cron planner). */
function previousWeek(at: Date): [Date, Date] {
  const mondays = runsBetween('0 0 * * 1', NY, new Date(at.getTime() - 15 * 86_400_000), at, 5);
  return [mondays.at(-2)!, mondays.at(-1)!];
}

function cliTick(at: Date): string {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'server/src/main.ts'), 'tick', '--at', at.toISOString()], {
    cwd: join(REPO_ROOT, 'server'), encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: app.runtime.databaseUrl, DATA_DIR: app.config.dataDir, JWT_SECRET: app.config.jwtSecret!, LOG_LEVEL: 'warn' },
  });
  if (r.status !== 0) throw new Error(r.stdout + r.stderr);
  return r.stdout;
}

beforeAll(async () => {
  recorder = await startSendGridRecorder();
  app = await startTestApp({
    seedRows: 100_000,
    worker: true,
    env: { SENDGRID_API_KEY: 'SG.test-key', SENDGRID_API_URL: recorder.baseUrl, MAIL_FROM: 'reports@reportcast.test', PUBLIC_URL: 'http://reports.test' },
  });
  admin = await app.token('acme', 'admin', 'ann@acme');
  const list = await app.gql('{ schedules { edges { node { id name } } } }', {}, admin);
  scheduleId = list.data!.schedules.edges.find((e: any) => e.node.name === 'Weekly Usage Summary Email').node.id;
  const now = new Date();
  slot = runsBetween('0 9 * * 1', NY, new Date(now.getTime() - 8 * 86_400_000), now, 5).at(-1)!;
  // As if the schedule had been saved a week ago: its next run is that slot.
  await app.runtime.orm.em.getConnection().execute('UPDATE schedules SET next_run_at = ? WHERE id = ?', [slot, scheduleId]);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await recorder?.close();
});

describe('Weekly Usage Summary Email', () => {
  it('is seeded for the tenant: Monday 09:00 New York, PDF by email to the admin', async () => {
    const s = (await app.gql(SCHEDULE, { id: scheduleId }, admin)).data!.schedule;
    expect(s).toMatchObject({ cron: '0 9 * * 1', timezone: NY, status: 'ACTIVE', format: 'PDF', recipients: ['admin@acme.example.com'] });
    for (const run of s.upcomingRuns) {
      expect(run.local).toMatch(/T09:00:00-0[45]:00$/);
      expect(new Date(run.utc).getUTCDay()).toBe(1);
    }
  });

  it('emails one PDF per recipient at the Monday slot, covering Monday to Sunday of the week before in New York', async () => {
    expect(cliTick(slot)).toMatch(/1 started/);
    const mail = await waitFor(async () => recorder.requests[0]);
    expect(mail.path).toBe('/v3/mail/send');
    expect(mail.headers.authorization).toBe('Bearer SG.test-key');
    const body = mail.body as any;
    expect(body.personalizations[0].to).toEqual([{ email: 'admin@acme.example.com' }]);
    expect(body.from.email ?? body.from).toContain('reports@reportcast.test');
    expect(body.subject).toContain('Usage Summary');
    const attachment = body.attachments[0];
    expect(attachment.type).toBe('application/pdf');
    expect(attachment.filename).toMatch(/^usage-summary_\d{4}-\d{2}-\d{2}_\d{2}h\d{2}\.pdf$/);
    const text = await pdfText(attachment.content);
    expect(text).toContain('Usage Summary');
    // "Last 7 days" at Monday 09:00 New York: the 7 whole New York days before the slot's day.
    const [weekStart, weekEnd] = previousWeek(slot);
    expect(formatInZone(weekEnd, NY)).toBe(`${formatInZone(slot, NY).slice(0, 10)} 00:00`);
    expect(text).toContain(`${formatInZone(weekStart, NY)} → ${formatInZone(weekEnd, NY)} ${NY}`);
    const days = Array.from({ length: 7 }, (_, i) => formatInZone(new Date(weekStart.getTime() + (i * 24 + 12) * 3_600_000), NY).slice(0, 10));
    for (const day of days) expect(text).toContain(day);
    const tableDates = [...text.matchAll(/^\s*(\d{4}-\d{2}-\d{2})\s+[a-z_]+\s+\d/gm)].map((m) => m[1]);
    expect(new Set(tableDates)).toEqual(new Set(days));
    const html = body.content.find((c: any) => c.type === 'text/html').value as string;
    expect(html).toContain('Usage Summary');
    expect(html).toMatch(/unsubscribe/i);

    const s = await waitFor(async () => {
      const r = (await app.gql(SCHEDULE, { id: scheduleId }, admin)).data!.schedule;
      return r.executions.edges[0]?.node.status === 'DELIVERED' ? r : undefined;
    });
    const execution = s.executions.edges[0].node;
    expect(new Date(execution.scheduledFor).getTime()).toBe(slot.getTime());
    expect(execution.triggeredBy).toBe('SCHEDULE');
    expect(execution.deliveries).toEqual([expect.objectContaining({ channel: 'EMAIL', target: 'admin@acme.example.com', status: 'SENT', attempts: 1 })]);
    expect(execution.deliveries[0].providerMessageId).toBeTruthy();
    expect(execution.export).toMatchObject({ status: 'COMPLETED', truncated: false });
    expect(execution.export.rowCount).toBeLessThanOrEqual(1000);
    expect(execution.parameters).toMatchObject({ timeZone: NY, from: weekStart.toISOString(), to: weekEnd.toISOString() });
    expect(s.runCount).toBe(1);
    // The next run is the following Monday 09:00 New York.
    expect(new Date(s.nextRunAt).getTime()).toBe(runsBetween('0 9 * * 1', NY, slot, new Date(slot.getTime() + 8 * 86_400_000), 2)[0]!.getTime());
  });

  it('sends nothing more for the same slot, however often it ticks, nor on a Sunday', async () => {
    expect(cliTick(slot)).toMatch(/0 started/);
    expect(cliTick(new Date(slot.getTime() + 6 * 86_400_000))).toMatch(/0 started/); // the Sunday after
    await new Promise((r) => setTimeout(r, 1500));
    expect(recorder.requests).toHaveLength(1);
    const s = (await app.gql(SCHEDULE, { id: scheduleId }, admin)).data!.schedule;
    expect(s.executions.totalCount).toBe(1);
  });

  it('limits rows, says so in the PDF, and the email states it', async () => {
    const report = await app.gql('{ reports { edges { node { id name definition { source rowLimit dimensions { field grain alias } measures { fn field alias } timeRange { last { n unit } } orderBy { key direction } } } } } }', {}, admin);
    const usage = report.data!.reports.edges.find((e: any) => e.node.name === 'Usage Summary').node;
    await app.gql('mutation($id: ID!, $i: UpdateReportInput!) { updateReport(id: $id, input: $i) { id } }', { id: usage.id, i: { definition: { ...usage.definition, rowLimit: 20 } } }, admin);
    const run = await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id triggeredBy status } }', { id: scheduleId }, admin);
    expect(run.data!.runScheduleNow).toMatchObject({ triggeredBy: 'MANUAL', status: 'RUNNING' });
    const mail = await waitFor(async () => recorder.requests[1]);
    const body = mail.body as any;
    const text = await pdfText(body.attachments[0].content);
    expect(text).toMatch(/row limit of 20/);
    const html = body.content.find((c: any) => c.type === 'text/html').value as string;
    expect(html).toMatch(/Showing the first 20 rows/);
  });

  it('computes Monday 09:00 New York in both EST and EDT', async () => {
    const q = 'query($c: String!, $z: String!) { upcomingRuns(cron: $c, timezone: $z, count: 3) { utc local } }';
    // Sunday 2027-03-07 is before the spring-forward on 2027-03-14.
    const runs = runsBetween('0 9 * * 1', NY, new Date('2027-03-07T00:00:00Z'), new Date('2027-03-23T00:00:00Z'), 5);
    expect(runs.map((d) => d.toISOString())).toEqual(['2027-03-08T14:00:00.000Z', '2027-03-15T13:00:00.000Z', '2027-03-22T13:00:00.000Z']);
    const res = await app.gql(q, { c: '0 9 * * 1', z: NY }, admin);
    expect(res.data!.upcomingRuns).toHaveLength(3);
    const bad = await app.gql(q, { c: '0 9 * *', z: NY }, admin);
    expect(bad.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const badZone = await app.gql(q, { c: '0 9 * * 1', z: 'Mars/Olympus' }, admin);
    expect(badZone.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('stops emailing a recipient who unsubscribed', async () => {
    const html = (recorder.requests[0]!.body as any).content.find((c: any) => c.type === 'text/html').value as string;
    const link = /href="(http:\/\/reports\.test\/unsubscribe\?token=[^"]+)"/.exec(html)![1]!.replaceAll('&amp;', '&');
    // Opening the link changes nothing (mail scanners open links); its button, a form POST, does.
    const page = await fetch(link.replace('http://reports.test', app.url));
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<form method="post"[^>]*><input type="hidden" name="List-Unsubscribe" value="One-Click">/);
    const res = await fetch(link.replace('http://reports.test', app.url), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/You are unsubscribed/);
    const before = recorder.requests.length;
    const run = await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id: scheduleId }, admin);
    const executionId = run.data!.runScheduleNow.id;
    const s = await waitFor(async () => {
      const r = (await app.gql(SCHEDULE, { id: scheduleId }, admin)).data!.schedule;
      const e = r.executions.edges.find((x: any) => x.node.id === executionId)?.node;
      return e && e.status !== 'RUNNING' ? e : undefined;
    });
    expect(s.deliveries).toEqual([expect.objectContaining({ status: 'UNSUBSCRIBED' })]);
    expect(recorder.requests.length).toBe(before);
  });
});
