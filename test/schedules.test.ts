import 'reflect-metadata';
/**
 * Schedules through the API (validation, roles, tenant isolation, pause/resume, backfill,
 * catch-up after downtime, business days), exactly-once ticking from two real processes at the
 * same instant, the outbox transport writing a real .eml, and delivery retries that never send
 * twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../server/src/config.js';
import { isBusinessDay, runsBetween } from '../server/src/features/schedules/planner.js';
import { runTick } from '../server/src/app.js';
import { tick } from '../server/src/features/schedules/tick.service.js';
import { waitFor } from './support/wait.js';
import { errorCode, startTestApp, type TestApp } from './support/test-app.js';
import { createReport, reportIdByName } from './support/exports.js';

let app: TestApp;
let editor: string;
let reportId: string;

const CREATE = `mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id name cron timezone nextRunAt status recipients delivery format cronDescription } }`;
const EXECUTIONS = `query($id: ID!) { schedule(id: $id) { runCount nextRunAt executions(first: 50) { totalCount edges { node { id scheduledFor status triggeredBy error deliveries { status target attempts } } } } } }`;


function tickProcess(at: Date): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'server/src/main.ts'), 'tick', '--at', at.toISOString()], {
      cwd: join(REPO_ROOT, 'server'),
      env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: app.runtime.databaseUrl, DATA_DIR: app.config.dataDir, JWT_SECRET: app.config.jwtSecret!, LOG_LEVEL: 'warn' },
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(out))));
  });
}

beforeAll(async () => {
  // No SENDGRID_API_KEY: the outbox transport writes .eml files.
  app = await startTestApp({ seedRows: 20_000, worker: true, env: { PUBLIC_URL: 'http://reports.test' } });
  editor = await app.token('globex', 'editor', 'eddie@globex');
  reportId = await reportIdByName(app, editor, 'Usage Summary');
}, 120_000);
afterAll(async () => app?.close());

describe('schedule CRUD', () => {
  it('creates from a preset, stores the cron, and computes the next run in its zone', async () => {
    const res = await app.gql(CREATE, { i: { reportId, name: 'Daily CSV', preset: { preset: 'DAILY', hour: 7, minute: 30 }, timezone: 'Europe/London', format: 'CSV', recipients: ['A@Example.com', 'a@example.com ', 'b@example.com'] } }, editor);
    expect(res.errors).toBeUndefined();
    const s = res.data!.createSchedule;
    expect(s).toMatchObject({ cron: '30 7 * * *', timezone: 'Europe/London', status: 'ACTIVE', recipients: ['a@example.com', 'b@example.com'], delivery: 'EMAIL', format: 'CSV' });
    expect(s.cronDescription).toMatch(/07:30/);
    expect(new Date(s.nextRunAt).getTime()).toBeGreaterThan(Date.now());
  });

  it('answers BAD_USER_INPUT with paths for every invalid field, and writes nothing', async () => {
    const before = (await app.gql('{ schedules { totalCount } }', {}, editor)).data!.schedules.totalCount;
    const res = await app.gql(CREATE, { i: { reportId, name: '', cron: '61 * * * *', timezone: 'Moon/Base', recipients: ['not-an-email'], delivery: 'BOTH', s3Config: { bucket: 'B!', keyTemplate: '../{secret}' } } }, editor);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    const paths = res.errors![0]!.extensions!.errors.map((e: any) => e.path);
    for (const p of ['input.name', 'input.cron', 'input.timezone', 'input.recipients.0', 'input.s3Config.bucket', 'input.s3Config.keyTemplate']) expect(paths).toContain(p);
    expect((await app.gql('{ schedules { totalCount } }', {}, editor)).data!.schedules.totalCount).toBe(before);
    const tooMany = await app.gql(CREATE, { i: { reportId, name: 'Many', cron: '0 9 * * *', recipients: Array.from({ length: 51 }, (_, i) => `u${i}@example.com`) } }, editor);
    expect(errorCode(tooMany)).toBe('BAD_USER_INPUT');
  });

  it('refuses a local part outside ASCII where it is typed; sends to an international domain in its ASCII form', async () => {
    const refused = await app.gql(CREATE, { i: { reportId, name: 'Greek', cron: '0 9 * * *', recipients: ['ok@example.com', 'θ@example.com'] } }, editor);
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0]!.extensions!.errors).toContainEqual({ path: 'input.recipients.1', message: expect.stringMatching(/"θ@example\.com" has letters outside ASCII before the @/) });
    const created = await app.gql(CREATE, { i: { reportId, name: 'Bücher', cron: '0 9 * * *', recipients: ['Info@Bücher.de', 'info@bu\u0308cher.de', 'sales@例え.jp'], format: 'CSV' } }, editor);
    expect(created.errors).toBeUndefined();
    // Stored as typed (lower case, NFC: the two spellings are one recipient), shown that way.
    expect(created.data!.createSchedule.recipients).toEqual(['info@bücher.de', 'sales@例え.jp']);
    const id = created.data!.createSchedule.id;
    expect((await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id }, editor)).errors).toBeUndefined();
    const run = await waitFor(async () => {
      const node = (await app.gql(EXECUTIONS, { id }, editor)).data!.schedule.executions.edges[0]?.node;
      return node && ['DELIVERED', 'PARTIALLY_DELIVERED', 'FAILED'].includes(node.status) ? node : undefined;
    });
    expect(run.status).toBe('DELIVERED');
    const outbox = app.config.mail.outboxDir;
    const sent = readdirSync(outbox).filter((f) => f.endsWith('.eml')).map((f) => readFileSync(join(outbox, f), 'utf8'));
    expect(sent.filter((t) => /^To: info@xn--bcher-kva\.de\r?$/m.test(t))).toHaveLength(1);
    expect(sent.filter((t) => /^To: sales@xn--r8jz45g\.jp\r?$/m.test(t))).toHaveLength(1);
  });

  it('keeps viewers out of writes and other tenants out entirely', async () => {
    const created = await app.gql(CREATE, { i: { reportId, name: 'Private to globex', cron: '0 8 * * 1', recipients: ['x@example.com'] } }, editor);
    const id = created.data!.createSchedule.id;
    expect(errorCode(await app.gql(CREATE, { i: { reportId, name: 'nope', cron: '0 8 * * 1', recipients: ['x@example.com'] } }, await app.token('globex', 'viewer')))).toBe('FORBIDDEN');
    const acme = await app.token('acme', 'admin');
    expect(errorCode(await app.gql('query($id: ID!) { schedule(id: $id) { id } }', { id }, acme))).toBe('NOT_FOUND');
    expect(errorCode(await app.gql('mutation($id: ID!) { pauseSchedule(id: $id) { id } }', { id }, acme))).toBe('NOT_FOUND');
    expect(errorCode(await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id }, acme))).toBe('NOT_FOUND');
    expect(errorCode(await app.gql('mutation($id: ID!) { deleteSchedule(id: $id) }', { id }, acme))).toBe('NOT_FOUND');
    // Nor may a schedule point at another tenant's report.
    expect(errorCode(await app.gql(CREATE, { i: { reportId, name: 'Stolen', cron: '0 8 * * 1', recipients: ['x@example.com'] } }, acme))).toBe('NOT_FOUND');
  });

  it('pauses, and resumes from now without a burst of missed runs', async () => {
    const created = await app.gql(CREATE, { i: { reportId, name: 'Pausable', cron: '*/5 * * * *', recipients: ['p@example.com'] } }, editor);
    const id = created.data!.createSchedule.id;
    expect(created.data!.createSchedule.nextRunAt).not.toBeNull();
    const paused = await app.gql('mutation($id: ID!) { pauseSchedule(id: $id) { status pausedReason nextRunAt } }', { id }, editor);
    expect(paused.data!.pauseSchedule.status).toBe('PAUSED');
    // The schema says null while paused: in the answer, on a later read and in the table.
    expect(paused.data!.pauseSchedule.nextRunAt).toBeNull();
    expect((await app.gql('query($id: ID!) { schedule(id: $id) { nextRunAt } }', { id }, editor)).data!.schedule.nextRunAt).toBeNull();
    const [row] = await app.runtime.orm.em.getConnection().execute<{ next_run_at: Date | null }[]>('SELECT next_run_at FROM schedules WHERE id = ?', [id]);
    expect(row!.next_run_at).toBeNull();
    // Changing a paused schedule's timetable keeps it null.
    const retimed = await app.gql('mutation($id: ID!) { updateSchedule(id: $id, input: { cron: "*/10 * * * *" }) { nextRunAt } }', { id }, editor);
    expect(retimed.data!.updateSchedule.nextRunAt).toBeNull();
    const resumed = await app.gql('mutation($id: ID!) { resumeSchedule(id: $id) { status nextRunAt } }', { id }, editor);
    expect(resumed.data!.resumeSchedule.status).toBe('ACTIVE');
    const next = new Date(resumed.data!.resumeSchedule.nextRunAt).getTime();
    expect(next).toBeGreaterThan(Date.now());
    expect(next - Date.now()).toBeLessThanOrEqual(10 * 60_000);
  });

  it('counts every execution that ran in runCount and lastRunAt: run now and backfill as well as the timetable', async () => {
    const created = await app.gql(CREATE, { i: { reportId, name: 'Counted', cron: '0 3 * * *', recipients: ['count@example.com'], format: 'JSON' } }, editor);
    const id = created.data!.createSchedule.id;
    const STATE = 'query($id: ID!) { schedule(id: $id) { runCount lastRunAt } }';
    expect((await app.gql(STATE, { id }, editor)).data!.schedule).toEqual({ runCount: 0, lastRunAt: null });
    const run = await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { scheduledFor } }', { id }, editor);
    expect(run.errors).toBeUndefined();
    const ranFor = run.data!.runScheduleNow.scheduledFor;
    expect((await app.gql(STATE, { id }, editor)).data!.schedule).toEqual({ runCount: 1, lastRunAt: ranFor });
    // Two backfilled slots before it: counted, and lastRunAt stays the latest slot that ran.
    const to = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 - 86_400_000);
    const from = new Date(to.getTime() - 2 * 86_400_000);
    const backfill = await app.gql('mutation($id: ID!, $f: DateTime!, $t: DateTime!) { backfillSchedule(id: $id, from: $f, to: $t) { id } }', { id, f: from.toISOString(), t: to.toISOString() }, editor);
    expect(backfill.data!.backfillSchedule).toHaveLength(2);
    expect((await app.gql(STATE, { id }, editor)).data!.schedule).toEqual({ runCount: 3, lastRunAt: ranFor });
  });
});

describe('firing', () => {
  it('fires a slot exactly once when two processes tick at the same instant', async () => {
    const created = await app.gql(CREATE, { i: { reportId, name: 'Raced', cron: '0 6 * * *', timezone: 'Asia/Kathmandu', recipients: ['race@example.com'], format: 'JSON' } }, editor);
    const id = created.data!.createSchedule.id;
    // The next slot at least 10 minutes ahead, ticked "at" that instant by both processes: this
    // file's own worker ticks in real time every minute, and with a past slot it could take it
    // first, as a missed run (MISSED, never delivered), whenever a minute turned during the race.
    const now = new Date();
    const slot = runsBetween('0 6 * * *', 'Asia/Kathmandu', new Date(now.getTime() + 10 * 60_000), new Date(now.getTime() + 2 * 86_400_000), 1)[0]!;
    await app.runtime.orm.em.getConnection().execute('UPDATE schedules SET next_run_at = ? WHERE id = ?', [slot, id]);
    // Both ticks succeed; between them they start this slot (and any other schedule of this file
    // due by then): the slot's single execution and single email below are what count.
    const outputs = await Promise.all([tickProcess(slot), tickProcess(slot)]);
    expect(outputs.map((o) => Number(/(\d+) started/.exec(o)![1])).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    const s = await waitFor(async () => {
      const r = (await app.gql(EXECUTIONS, { id }, editor)).data!.schedule;
      return r.executions.edges[0]?.node.status === 'DELIVERED' ? r : undefined;
    });
    expect(s.executions.totalCount).toBe(1);
    expect(s.runCount).toBe(1);
    // The outbox got exactly one real .eml for the recipient.
    const outbox = join(app.config.mail.outboxDir);
    const files = readdirSync(outbox).filter((f) => f.endsWith('.eml'));
    const mine = files.map((f) => readFileSync(join(outbox, f), 'utf8')).filter((t) => /^To: race@example\.com/m.test(t));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatch(/^Subject: /m);
    expect(mine[0]).toMatch(/Content-Type: multipart\/mixed/);
    expect(mine[0]).toMatch(/Content-Disposition: attachment/);
    expect(mine[0]).toContain('X-Reportcast-Delivery:');
  }, 120_000); // spawns tick processes: slow to boot on a busy machine

  it('runs only the latest slot missed within the grace window and records older ones as MISSED', async () => {
    const created = await app.gql(CREATE, { i: { reportId, name: 'Hourly catch-up', cron: '0 * * * *', recipients: ['late@example.com'], format: 'CSV' } }, editor);
    const id = created.data!.createSchedule.id;
    const now = new Date();
    const slots = runsBetween('0 * * * *', 'UTC', new Date(now.getTime() - 5 * 3_600_000), now, 10);
    await app.runtime.orm.em.getConnection().execute('UPDATE schedules SET next_run_at = ? WHERE id = ?', [slots[0], id]);
    // This file's worker also ticks every minute: whichever ticker takes the schedule first does
    // the catch-up (SKIP LOCKED), the other finds nothing due. The outcome is the same.
    expect(await tickProcess(now)).toMatch(/: \d+ started, \d+ missed/);
    const s = (await app.gql(EXECUTIONS, { id }, editor)).data!.schedule;
    const runs = s.executions.edges.map((e: any) => e.node);
    expect(runs).toHaveLength(5);
    expect(runs.filter((r: any) => r.status === 'MISSED').map((r: any) => r.scheduledFor).sort()).toEqual(slots.slice(0, 4).map((d) => d.toISOString()));
    expect(runs.filter((r: any) => r.status !== 'MISSED').map((r: any) => r.scheduledFor)).toEqual([slots[4]!.toISOString()]);
    expect(new Date(s.nextRunAt).getTime()).toBeGreaterThan(now.getTime());
  }, 120_000); // spawns tick processes: slow to boot on a busy machine

  it('skips weekends for business-days-only schedules, in the schedule zone', async () => {
    const created = await app.gql(CREATE, { i: { reportId, name: 'Business days', cron: '0 10 * * *', timezone: 'Pacific/Auckland', businessDaysOnly: true, recipients: ['biz@example.com'] } }, editor);
    const id = created.data!.createSchedule.id;
    // A Saturday 10:00 in Auckland (still Friday in UTC).
    const saturday = runsBetween('0 10 * * 6', 'Pacific/Auckland', new Date(Date.now() - 8 * 86_400_000), new Date(), 2).at(-1)!;
    await app.runtime.orm.em.getConnection().execute('UPDATE schedules SET next_run_at = ? WHERE id = ?', [saturday, id]);
    // (The worker of this file may tick it first; either way the slot ends SKIPPED.)
    expect(await tickProcess(new Date(saturday.getTime() + 60_000))).toMatch(/0 started, 0 missed, [01] skipped/);
    // The worker ticks at the real now, so it may also record the later weekday slots (MISSED):
    // look at the Saturday slot's own execution.
    const s = (await app.gql(EXECUTIONS, { id }, editor)).data!.schedule;
    const runs = s.executions.edges.map((e: any) => e.node);
    expect(runs.filter((r: any) => r.scheduledFor === saturday.toISOString()).map((r: any) => r.status)).toEqual(['SKIPPED']);
  }, 120_000); // spawns tick processes: slow to boot on a busy machine

  it('records the weekend slots of a business-days-only schedule that passed while it was down as SKIPPED, not MISSED', async () => {
    const zone = 'Pacific/Auckland';
    const created = await app.gql(CREATE, { i: { reportId, name: 'Business days, down a week', cron: '0 10 * * *', timezone: zone, businessDaysOnly: true, recipients: ['biz@example.com'] } }, editor);
    const id = created.data!.createSchedule.id;
    const now = new Date();
    const slots = runsBetween('0 10 * * *', zone, new Date(now.getTime() - 8 * 86_400_000), now, 20);
    await app.runtime.orm.em.getConnection().execute('UPDATE schedules SET next_run_at = ? WHERE id = ?', [slots[0], id]);
    // This file's worker also ticks every minute: whichever ticker takes it, the outcome is the same.
    await runTick(app.runtime, now);
    const runs = (await app.gql(EXECUTIONS, { id }, editor)).data!.schedule.executions.edges.map((e: any) => e.node);
    expect(runs.map((r: any) => r.scheduledFor).sort()).toEqual(slots.map((d) => d.toISOString()));
    const weekend = runs.filter((r: any) => !isBusinessDay(new Date(r.scheduledFor), zone));
    expect(weekend.length).toBeGreaterThanOrEqual(2); // 8 days hold a Saturday and a Sunday
    expect(weekend.map((r: any) => `${r.status}: ${r.error}`)).toEqual(weekend.map(() => `SKIPPED: Not a business day in ${zone}`));
    // Weekdays before the latest slot were missed; the latest runs if it is within the grace window.
    const latest = slots.at(-1)!.toISOString();
    expect(new Set(runs.filter((r: any) => isBusinessDay(new Date(r.scheduledFor), zone) && r.scheduledFor !== latest).map((r: any) => r.status))).toEqual(new Set(['MISSED']));
  }, 120_000);

  it('backfills one execution per slot, each over its own period', async () => {
    const created = await app.gql(CREATE, { i: { reportId, name: 'Backfilled', cron: '0 0 * * *', recipients: ['bf@example.com'], format: 'JSON' } }, editor);
    const id = created.data!.createSchedule.id;
    const to = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000);
    const from = new Date(to.getTime() - 3 * 86_400_000);
    const res = await app.gql('mutation($id: ID!, $f: DateTime!, $t: DateTime!) { backfillSchedule(id: $id, from: $f, to: $t) { scheduledFor triggeredBy parameters } }', { id, f: from.toISOString(), t: to.toISOString() }, editor);
    expect(res.errors).toBeUndefined();
    const runs = res.data!.backfillSchedule;
    expect(runs).toHaveLength(3);
    for (const r of runs) {
      expect(r.triggeredBy).toBe('BACKFILL');
      expect(r.parameters.to).toBe(new Date(r.scheduledFor).toISOString());
    }
    const tooLong = await app.gql('mutation($id: ID!, $f: DateTime!, $t: DateTime!) { backfillSchedule(id: $id, from: $f, to: $t) { id } }', { id, f: '2024-01-01T00:00:00Z', t: '2025-06-01T00:00:00Z' }, editor);
    expect(errorCode(tooLong)).toBe('BAD_USER_INPUT');
  });
});

describe('one tick, one statement per batch', () => {
  it('writes a mixed batch whole: started runs with their exports and jobs, missed slots, an invalid report; a second tick adds nothing', async () => {
    const conn = app.runtime.orm.em.getConnection();
    const brokenId = await createReport(app, editor, 'Soon broken', { source: 'usage_events', measures: [{ fn: 'COUNT' }], timeRange: { last: { n: 1, unit: 'DAY' } } });
    const make = async (name: string, report: string, cron: string) =>
      (await app.gql(CREATE, { i: { reportId: report, name, cron, timezone: 'UTC', recipients: ['batch@example.com'], format: 'CSV' } }, editor)).data!.createSchedule.id as string;
    const daily = await make('Batch daily', reportId, '0 3 * * *');
    const hourly = await make('Batch hourly', reportId, '0 * * * *');
    const invalid = await make('Batch invalid', brokenId, '0 3 * * *');
    // A definition that no longer validates (as after a catalog change).
    await conn.execute(`UPDATE reports SET definition = '{"source":"no_such_table"}' WHERE id = ?`, [brokenId]);
    // Two days ahead, so this file's real-time ticks never see these slots; the hourly schedule
    // was last due five hours earlier: its older slots are past the 60-minute grace.
    const at = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 + 2 * 86_400_000 + 3 * 3_600_000 + 30_000);
    const slot = new Date(at.getTime() - 30_000);
    await conn.execute('UPDATE schedules SET next_run_at = ? WHERE id IN (?, ?)', [slot, daily, invalid]);
    await conn.execute('UPDATE schedules SET next_run_at = ? WHERE id = ?', [new Date(slot.getTime() - 5 * 3_600_000), hourly]);

    const options = { graceMs: app.config.schedules.graceMs, maxAttempts: app.config.worker.maxAttempts, log: app.runtime.log };
    // The tick takes every due schedule: the rest of this database's are paused meanwhile, so the
    // counts are these three's alone.
    const others = await conn.execute<{ id: string }[]>(`UPDATE schedules SET status = 'PAUSED' WHERE status = 'ACTIVE' AND id NOT IN (?, ?, ?) RETURNING id`, [daily, hourly, invalid]);
    try {
      expect(await tick(app.runtime.orm.em.fork(), at, options)).toEqual({ started: 3, missed: 5, skipped: 0 });
      expect(await tick(app.runtime.orm.em.fork(), at, options)).toEqual({ started: 0, missed: 0, skipped: 0 });
    } finally {
      await conn.execute(`UPDATE schedules SET status = 'ACTIVE' WHERE id = ANY(?::uuid[])`, [`{${others.map((o) => o.id).join(',')}}`]);
    }

    const rows = await conn.execute<any[]>(
      `SELECT e.schedule_id, e.scheduled_for, e.status, e.error, e.parameters, e.started_at, e.completed_at,
              x.id AS export_id, x.triggered_by, x.as_of, x.definition, x.options, x.initiated_by, x.max_attempts,
              (SELECT count(*) FROM graphile_worker._private_jobs j WHERE j.key = 'export:' || x.id::text) AS jobs
       FROM schedule_executions e LEFT JOIN exports x ON x.id = e.export_id
       WHERE e.schedule_id IN (?, ?, ?) ORDER BY e.scheduled_for`, [daily, hourly, invalid]);
    const of = (id: string) => rows.filter((r) => r.schedule_id === id);
    const [run] = of(daily);
    expect(of(daily)).toHaveLength(1);
    expect(run).toMatchObject({ status: 'RUNNING', error: null, triggered_by: 'SCHEDULE', options: { timeZone: 'UTC' }, initiated_by: `schedule:${daily}`, max_attempts: app.config.worker.maxAttempts });
    expect(new Date(run.scheduled_for).getTime()).toBe(slot.getTime());
    expect(new Date(run.as_of).getTime()).toBe(slot.getTime());
    expect(run.started_at).not.toBeNull();
    expect(run.completed_at).toBeNull();
    // The execution's snapshot holds the definition the export runs, and the window at the slot:
    // "last 7 days" in the schedule's zone (UTC) is the 7 whole days before the slot's day.
    const slotDay = Math.floor(slot.getTime() / 86_400_000) * 86_400_000;
    expect(run.parameters).toMatchObject({ cron: '0 3 * * *', timeZone: 'UTC', format: 'CSV', reportName: 'Usage Summary',
      from: new Date(slotDay - 7 * 86_400_000).toISOString(), to: new Date(slotDay).toISOString() });
    expect(run.parameters.definition).toEqual(run.definition);
    expect(run.definition.source).toBe('usage_events');
    // The hourly one: the slot within the grace runs, the five before it are MISSED.
    expect(of(hourly).map((r) => r.status)).toEqual(['MISSED', 'MISSED', 'MISSED', 'MISSED', 'MISSED', 'RUNNING']);
    expect(of(hourly).filter((r) => r.status === 'MISSED').every((r) => r.export_id === null && r.completed_at !== null)).toBe(true);
    // The invalid report: FAILED at once, no export.
    expect(of(invalid)).toEqual([expect.objectContaining({ status: 'FAILED', error: 'The report definition is invalid', export_id: null })]);
    // One job per export, and nothing else waiting for these.
    expect(rows.filter((r) => r.export_id).map((r) => Number(r.jobs))).toEqual([1, 1]);
    const schedules = await conn.execute<any[]>('SELECT id, run_count, last_run_at, next_run_at FROM schedules WHERE id IN (?, ?, ?)', [daily, hourly, invalid]);
    for (const s of schedules) {
      expect(s.run_count).toBe(1);
      expect(new Date(s.next_run_at).getTime()).toBeGreaterThan(at.getTime());
      expect(new Date(s.last_run_at).getTime()).toBe(slot.getTime());
    }
    // Not left for the file's worker to deliver two days early.
    await conn.execute(`DELETE FROM graphile_worker._private_jobs WHERE key = ANY(?::text[])`, [`{${rows.filter((r) => r.export_id).map((r) => `export:${r.export_id}`).join(',')}}`]);
  });
});

describe('outbox', () => {
  it('keeps .eml files under DATA_DIR/outbox by default', () => {
    expect(app.config.mail.outboxDir).toBe(join(app.config.dataDir, 'outbox'));
    expect(existsSync(app.config.mail.outboxDir)).toBe(true);
  });
});
