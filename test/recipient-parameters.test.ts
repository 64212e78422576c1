import 'reflect-metadata';
/**
 * Issue 19, one schedule, each recipient their own data, end to end with real PostgreSQL, chDB,
 * graphile-worker and the SendGrid recorder: the Berlin managers get Germany's rows and the Tokyo
 * one Japan's (each file checked against a direct ClickHouse count), one execution per distinct
 * set of values for the slot, nothing new when the same slot is ticked again or the worker is
 * stopped mid-way and another takes over; a bad per-recipient value is BAD_USER_INPUT at its path
 * and nothing is saved; run-now with values snapshots them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { runTick, startRuntimeWorker } from '../server/src/app.js';
import type { WorkerHandle } from '../server/src/jobs/worker.js';
import { parseCsv } from './support/csv.js';
import { createReport, downloadOk } from './support/exports.js';
import { errorCode, startTestApp, type TestApp } from './support/test-app.js';
import { startSendGridRecorder } from './support/sendgrid-recorder.js';
import { waitFor } from './support/wait.js';

let app: TestApp;
let recorder: Awaited<ReturnType<typeof startSendGridRecorder>>;
let editor: string;
let reportId: string;
let range: { from: string; to: string };
const workers: WorkerHandle[] = [];

const BERLIN = 'berlin@acme.example.com';
const BERLIN2 = 'berlin.deputy@acme.example.com';
const TOKYO = 'tokyo@acme.example.com';

const DEFINITION = {
  source: 'usage_events',
  dimensions: [{ field: 'platform', alias: 'platform' }],
  measures: [{ fn: 'COUNT', alias: 'events' }],
  parameters: [
    { name: 'country', label: 'Country', type: 'ENUM', optionsColumn: 'country', default: 'US' },
    { name: 'period', label: 'Period', type: 'DATE_RANGE', required: true },
  ],
  filters: [{ field: 'country', op: 'EQ', param: 'country' }],
  timeRange: { param: 'period' },
  orderBy: [{ key: 'platform', direction: 'ASC' }],
};

const sql = <T = any>(query: string, params: unknown[] = []) => app.runtime.orm.em.getConnection().execute<T[]>(query, params);
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Events per platform of one country over [from, to] (UTC days), counted by ClickHouse directly. */
async function truth(country: string): Promise<[string, number][]> {
  const db = app.runtime.analytics.database;
  const res = await app.runtime.analytics.query(
    `SELECT platform, count() AS n FROM ${db}.usage_events
     WHERE tenant_id = 'acme' AND country = {country:String} AND toDate(timestamp, 'UTC') BETWEEN toDate({from:String}) AND toDate({to:String})
     GROUP BY platform ORDER BY platform`,
    { country, from: range.from, to: range.to });
  return res.rows.map(([p, n]) => [String(p), Number(n)]);
}

const EXECUTIONS = `query($id: ID!) { schedule(id: $id) { executions(first: 50) { edges { node {
  id scheduledFor triggeredBy status variantKey recipients parameters export { status downloadUrl } deliveries { channel target status attempts } } } } } }`;
async function executions(id: string): Promise<any[]> {
  const res = await app.gql(EXECUTIONS, { id }, editor);
  expect(res.errors).toBeUndefined();
  return res.data!.schedule.executions.edges.map((e: any) => e.node);
}
const mailsTo = (email: string) => recorder.requests.filter((r) => (r.body as any)?.personalizations?.[0]?.to?.[0]?.email === email && r.status === 202);
const textOf = (mail: { body: unknown }) => ((mail.body as any).content.find((c: any) => c.type === 'text/plain').value as string);

beforeAll(async () => {
  recorder = await startSendGridRecorder();
  // No worker at first: the test starts and stops workers itself.
  app = await startTestApp({
    seedRows: 20_000,
    env: { SENDGRID_API_KEY: 'SG.test-key', SENDGRID_API_URL: recorder.baseUrl, MAIL_FROM: 'reports@reportcast.test', WORKER_POLL_INTERVAL_MS: '100', SHUTDOWN_GRACE_SECONDS: '5' },
  });
  editor = await app.token('acme', 'editor', 'eve@acme');
  reportId = await createReport(app, editor, 'Events of a country', DEFINITION);
  const today = Date.parse(day(app.seededAt.getTime()));
  range = { from: day(today - 7 * 86_400_000), to: day(today - 86_400_000) };
}, 180_000);

afterAll(async () => {
  for (const w of workers) await w.stop().catch(() => undefined);
  await app?.close();
  await recorder?.close();
});

const CREATE = 'mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id recipients recipientParameters { recipient parameterValues } } }';

describe('per-recipient values are checked before anything is saved', () => {
  it('refuses a bad value or an unknown recipient at its path, and saves nothing', async () => {
    const base = { reportId, cron: '0 7 * * *', format: 'CSV', recipients: [BERLIN, TOKYO], parameterValues: { period: range } };
    const badValue = await app.gql(CREATE, { i: { ...base, name: 'Bad recipient value', recipientParameters: [
      { recipient: BERLIN, parameterValues: { country: 'DE' } }, { recipient: TOKYO, parameterValues: { country: ['JP'] } }] } }, editor);
    expect(errorCode(badValue)).toBe('BAD_USER_INPUT');
    expect(badValue.errors![0]!.extensions!.field).toBe('input.recipientParameters.1.parameterValues.country');

    const stranger = await app.gql(CREATE, { i: { ...base, name: 'Bad recipient', recipientParameters: [{ recipient: 'osaka@acme.example.com', parameterValues: { country: 'JP' } }] } }, editor);
    expect(errorCode(stranger)).toBe('BAD_USER_INPUT');
    expect(stranger.errors![0]!.extensions!.field).toBe('input.recipientParameters.0.recipient');

    const badRange = await app.gql(CREATE, { i: { ...base, name: 'Bad recipient range', recipientParameters: [{ recipient: TOKYO, parameterValues: { period: { from: range.to, to: range.from } } }] } }, editor);
    expect(badRange.errors![0]!.extensions!.field).toBe('input.recipientParameters.0.parameterValues.period.to');
    expect(await sql(`SELECT count(*)::int AS n FROM schedules WHERE name LIKE 'Bad recipient%'`)).toEqual([{ n: 0 }]);

    // An update with a bad value leaves the stored entries as they were.
    const ok = await app.gql(CREATE, { i: { ...base, name: 'Good recipients', recipientParameters: [{ recipient: TOKYO.toUpperCase(), parameterValues: { country: 'JP' } }] } }, editor);
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.createSchedule.recipientParameters).toEqual([{ recipient: TOKYO, parameterValues: { country: 'JP' } }]);
    const id = ok.data!.createSchedule.id;
    const update = await app.gql('mutation($id: ID!, $i: UpdateScheduleInput!) { updateSchedule(id: $id, input: $i) { id } }',
      { id, i: { recipientParameters: [{ recipient: TOKYO, parameterValues: { country: 'JP', nope: 1 } }] } }, editor);
    expect(errorCode(update)).toBe('BAD_USER_INPUT');
    expect(update.errors![0]!.extensions!.field).toBe('input.recipientParameters.0.parameterValues.nope');
    const [row] = await sql('SELECT recipient_parameters FROM schedules WHERE id = ?', [id]);
    expect(row.recipient_parameters).toEqual([{ recipient: TOKYO, parameterValues: { country: 'JP' } }]);
    // Removing a recipient drops its entry.
    const removed = await app.gql('mutation($id: ID!, $i: UpdateScheduleInput!) { updateSchedule(id: $id, input: $i) { recipientParameters { recipient } } }',
      { id, i: { recipients: [BERLIN] } }, editor);
    expect(removed.data!.updateSchedule.recipientParameters).toEqual([]);
    await app.gql('mutation($id: ID!) { deleteSchedule(id: $id) }', { id }, editor);
  });
});

describe('one schedule, each recipient their own data', () => {
  let scheduleId: string;
  let slot: Date;

  it('runs once per distinct set of values, each to its recipients, exactly once through re-ticks and a worker restart', async () => {
    slot = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
    const created = await app.gql(CREATE, { i: {
      reportId, name: 'Country managers', cron: `${slot.getUTCMinutes()} * * * *`, format: 'CSV',
      recipients: [BERLIN, BERLIN2, TOKYO], parameterValues: { period: range },
      recipientParameters: [
        { recipient: BERLIN, parameterValues: { country: 'DE' } },
        { recipient: BERLIN2, parameterValues: { country: 'DE' } },
        { recipient: TOKYO, parameterValues: { country: 'JP' } },
      ],
    } }, editor);
    expect(created.errors).toBeUndefined();
    scheduleId = created.data!.createSchedule.id;

    // The slot ticked twice before any worker runs (the second time with nextRunAt put back, as a
    // second scheduler or a restarted one would see it): two executions, two exports, two jobs.
    const due = () => sql('UPDATE schedules SET next_run_at = ? WHERE id = ?', [slot, scheduleId]);
    await due();
    await runTick(app.runtime, new Date());
    await due();
    await runTick(app.runtime, new Date());
    const counted = async () => (await sql(
      `SELECT (SELECT count(*)::int FROM schedule_executions WHERE schedule_id = ?) AS executions,
              (SELECT count(*)::int FROM exports WHERE schedule_id = ?) AS exports,
              (SELECT count(*)::int FROM deliveries d JOIN schedule_executions e ON e.id = d.execution_id WHERE e.schedule_id = ?) AS deliveries`,
      [scheduleId, scheduleId, scheduleId]))[0];
    expect(await counted()).toEqual({ executions: 2, exports: 2, deliveries: 0 });
    const [{ jobs }] = await sql(`SELECT count(*)::int AS jobs FROM graphile_worker._private_jobs
      WHERE key IN (SELECT 'export:' || id::text FROM exports WHERE schedule_id = ?)`, [scheduleId]);
    expect(jobs).toBe(2);

    // A worker that stops mid-way: Tokyo's execution row is held, so its run settles no delivery
    // while Berlin's is delivered; the worker is stopped then, the slot ticked again, another takes over.
    const before = await executions(scheduleId);
    const tokyoId = before.find((e) => e.recipients?.includes(TOKYO))!.id;
    const holder = new pg.Client({ connectionString: app.runtime.databaseUrl });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM schedule_executions WHERE id = $1 FOR UPDATE', [tokyoId]);
    const first = await startRuntimeWorker(app.runtime);
    workers.push(first);
    try {
      await waitFor(async () => {
        const now = await executions(scheduleId);
        const berlin = now.find((e) => e.recipients?.includes(BERLIN));
        const tokyo = now.find((e) => e.id === tokyoId);
        return berlin?.status === 'DELIVERED' && tokyo?.export?.status === 'COMPLETED' ? true : undefined;
      }, 60_000);
      expect(mailsTo(TOKYO)).toHaveLength(0);
      const stopping = first.stop();
      await holder.query('ROLLBACK');
      await stopping;
    } finally {
      await holder.end();
    }
    await due();
    await runTick(app.runtime, new Date());
    const second = await startRuntimeWorker(app.runtime);
    workers.push(second);
    const done = await waitFor(async () => {
      const now = await executions(scheduleId);
      return now.length === 2 && now.every((e) => e.status === 'DELIVERED') ? now : undefined;
    }, 60_000);
    expect(await counted()).toEqual({ executions: 2, exports: 2, deliveries: 3 });

    // Each run: its own variant, its recipients, its resolved values in the snapshot, its rows.
    const berlin = done.find((e) => e.recipients?.includes(BERLIN))!;
    const tokyo = done.find((e) => e.recipients?.includes(TOKYO))!;
    expect(berlin.recipients).toEqual([BERLIN, BERLIN2]);
    expect(tokyo.recipients).toEqual([TOKYO]);
    expect(new Date(berlin.scheduledFor).getTime()).toBe(slot.getTime());
    expect(new Date(tokyo.scheduledFor).getTime()).toBe(slot.getTime());
    expect(berlin.variantKey).toMatch(/^[0-9a-f]{32}$/);
    expect(tokyo.variantKey).toMatch(/^[0-9a-f]{32}$/);
    expect(berlin.variantKey).not.toBe(tokyo.variantKey);
    expect(berlin.parameters.definition.parameterValues).toEqual({ country: 'DE', period: range });
    expect(tokyo.parameters.definition.parameterValues).toEqual({ country: 'JP', period: range });
    expect(berlin.parameters.variant).toEqual({ key: berlin.variantKey, recipients: [BERLIN, BERLIN2] });
    expect(berlin.deliveries.map((d: any) => [d.channel, d.target, d.status, d.attempts])).toEqual([['EMAIL', BERLIN2, 'SENT', 1], ['EMAIL', BERLIN, 'SENT', 1]].sort((a, b) => String(a[1]).localeCompare(String(b[1]))));
    expect(tokyo.deliveries.map((d: any) => [d.channel, d.target, d.status, d.attempts])).toEqual([['EMAIL', TOKYO, 'SENT', 1]]);

    const rowsOf = async (e: any) => parseCsv((await downloadOk(e.export.downloadUrl)).body.toString('utf8')).slice(1).map(([p, n]) => [p, Number(n)]);
    const germany = await truth('DE');
    const japan = await truth('JP');
    expect(germany.length).toBeGreaterThan(1);
    expect(japan.length).toBeGreaterThan(1);
    expect(germany).not.toEqual(japan);
    expect(await rowsOf(berlin)).toEqual(germany);
    expect(await rowsOf(tokyo)).toEqual(japan);

    // Exactly one email each, with that recipient's values in its parameters block.
    for (const [email, country] of [[BERLIN, 'DE'], [BERLIN2, 'DE'], [TOKYO, 'JP']] as const) {
      const mails = mailsTo(email);
      expect(mails, email).toHaveLength(1);
      expect(textOf(mails[0]!)).toContain(`Parameter: Country: ${country}`);
    }
    expect(recorder.requests.filter((r) => r.status === 202)).toHaveLength(3);
    console.log(`[recipient-parameters] 3 recipients, 2 executions for one slot after 3 ticks and a worker restart; DE ${germany.length} rows, JP ${japan.length} rows`);
  });

  it('runs now with values for that run (snapshot holds them), or per recipient without', async () => {
    const refused = await app.gql('mutation($id: ID!, $v: JSON) { runScheduleNow(id: $id, parameterValues: $v) { id } }', { id: scheduleId, v: { country: 7 } }, editor);
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0]!.extensions!.field).toBe('parameterValues.country');

    const run = await app.gql('mutation($id: ID!, $v: JSON) { runScheduleNow(id: $id, parameterValues: $v) { id scheduledFor variantKey recipients parameters } }', { id: scheduleId, v: { country: 'FR' } }, editor);
    expect(run.errors).toBeUndefined();
    const manual = run.data!.runScheduleNow;
    // This run's values go over every recipient's: one run, to everyone.
    expect(manual.parameters.definition.parameterValues).toEqual({ country: 'FR', period: range });
    expect(manual.variantKey).toBe('');
    expect(manual.recipients).toEqual([BERLIN, BERLIN2, TOKYO]);
    const sameInstant = (await executions(scheduleId)).filter((e) => e.scheduledFor === manual.scheduledFor);
    expect(sameInstant).toHaveLength(1);

    // Without values: one run per recipient set, as a slot.
    await new Promise((r) => setTimeout(r, 5)); // a distinct instant from the run above
    const plain = await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { scheduledFor } }', { id: scheduleId }, editor);
    expect(plain.errors).toBeUndefined();
    const fanned = (await executions(scheduleId)).filter((e) => e.scheduledFor === plain.data!.runScheduleNow.scheduledFor);
    expect(fanned.map((e) => e.parameters.definition.parameterValues.country).sort()).toEqual(['DE', 'JP']);
    expect(fanned.every((e) => e.triggeredBy === 'MANUAL')).toBe(true);
    const delivered = await waitFor(async () => {
      const e = (await executions(scheduleId)).find((x) => x.scheduledFor === manual.scheduledFor);
      return e?.status === 'DELIVERED' ? e : undefined;
    }, 60_000);
    expect(delivered.deliveries).toHaveLength(3);
    // The run without values fans out at the same time, so Tokyo's newest mail may be its JP run's:
    // look for the FR run's one mail among all of Tokyo's.
    const tokyoTexts = mailsTo(TOKYO).map(textOf);
    expect(tokyoTexts.filter((t) => t.includes('Parameter: Country: FR'))).toHaveLength(1);
  });

  it('backfills with values for those runs, or per recipient without, checked with paths', async () => {
    const BACKFILL = 'mutation($id: ID!, $from: DateTime!, $to: DateTime!, $v: JSON) { backfillSchedule(id: $id, from: $from, to: $to, parameterValues: $v) { scheduledFor variantKey recipients parameters } }';
    // One hourly slot: the one three hours before the slot the tick ran.
    const at = new Date(slot.getTime() - 3 * 3_600_000);
    const window = { from: new Date(at.getTime() - 60_000).toISOString(), to: at.toISOString() };
    const refused = await app.gql(BACKFILL, { id: scheduleId, ...window, v: { period: { from: range.to, to: range.from } } }, editor);
    expect(refused.errors![0]!.extensions!.field).toBe('parameterValues.period.to');
    const fanned = await app.gql(BACKFILL, { id: scheduleId, ...window }, editor);
    expect(fanned.errors).toBeUndefined();
    expect(fanned.data!.backfillSchedule.map((e: any) => [e.parameters.definition.parameterValues.country, e.recipients])).toEqual([['DE', [BERLIN, BERLIN2]], ['JP', [TOKYO]]]);
    const earlier = { from: new Date(at.getTime() - 3_600_000 - 60_000).toISOString(), to: new Date(at.getTime() - 3_600_000).toISOString() };
    const valued = await app.gql(BACKFILL, { id: scheduleId, ...earlier, v: { country: 'GB' } }, editor);
    expect(valued.data!.backfillSchedule.map((e: any) => [e.variantKey, e.parameters.definition.parameterValues, e.recipients])).toEqual([['', { country: 'GB', period: range }, [BERLIN, BERLIN2, TOKYO]]]);
  });
});
