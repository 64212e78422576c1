import 'reflect-metadata';
/**
 * Conditional sends (alerts) and "tell me when it's ready" end to end (issue 20), with real
 * PostgreSQL, chDB, the job worker and the SendGrid recorder.
 *
 * Alerts: each condition kind met and not met (NO_ROWS, SOME_ROWS, FIRST_ROW, ANY_ROW, CHANGE);
 * notifyOnce re-arms (met, met → one send; clears; met → sent again); a change by more than N %
 * against the previous run; the verdict (met, values compared, armed) in the execution history;
 * bad conditions refused at their field paths. notifyWhenReady: one email with a link that
 * downloads the file, recorded once in the delivery ledger; refused without an address.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSendGridRecorder, type SendGridRecorder } from './support/sendgrid-recorder.js';
import { errorCode, startTestApp, type TestApp } from './support/test-app.js';
import { waitFor } from './support/wait.js';
import { ExportRunner } from '../server/src/features/exports/export-runner.js';

let recorder: SendGridRecorder;
let app: TestApp;
let editor: string;
let reportId: string;
let emptyReportId: string;
/** The report's rows as the preview gives them: [platform, events]. */
let rows: [string, number][];
let webhookKey: KeyObject;

const RUN = `query($id: ID!) { schedule(id: $id) { executions(first: 50) { edges { node { id status error
  condition { kind met armed notified rowCount column comparison observed threshold previous changePercent summary evaluatedAt }
  deliveries { target status } } } } } }`;

interface Run {
  id: string;
  status: string;
  error: string | null;
  condition: { kind: string; met: boolean; armed: boolean; notified: boolean; rowCount: number; column: string | null; observed: number | null; threshold: number | null; previous: number | null; changePercent: number | null; summary: string } | null;
  deliveries: { target: string; status: string }[];
}

/** The alerting report's definition (the same rows), for a report of another user's own. */
const ownDefinition = () => ({ source: 'usage_events', dimensions: [{ field: 'platform' }], measures: [{ fn: 'COUNT', alias: 'events' }],
  timeRange: { from: new Date(app.seededAt.getTime() - 10 * 86_400_000).toISOString(), to: new Date(app.seededAt.getTime() - 86_400_000).toISOString() } });

const mails = (to: string, from = 0) => recorder.requests.slice(from).filter((r) => r.path.endsWith('/v3/mail/send') && (r.body as any)?.personalizations?.[0]?.to?.[0]?.email === to);

async function runNow(id: string): Promise<Run> {
  const run = await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id }, editor);
  expect(run.errors).toBeUndefined();
  const executionId = run.data!.runScheduleNow.id as string;
  return waitFor(async () => {
    const s = (await app.gql(RUN, { id }, editor)).data!.schedule;
    const e = s.executions.edges.find((x: any) => x.node.id === executionId)?.node;
    return e && e.status !== 'RUNNING' && e.status !== 'PENDING' ? e : undefined;
  }, 60_000);
}

async function schedule(name: string, alertCondition: Record<string, unknown> | null, report = reportId): Promise<string> {
  const created = await app.gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id alertCondition { kind column comparison threshold changePercent notifyOnce } } }', {
    i: { reportId: report, name, cron: '0 9 * * 1', format: 'CSV', recipients: [`${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}@example.com`], alertCondition },
  }, editor);
  expect(created.errors).toBeUndefined();
  return created.data!.createSchedule.id;
}

const setCondition = (id: string, alertCondition: Record<string, unknown> | null) =>
  app.gql('mutation($id: ID!, $i: UpdateScheduleInput!) { updateSchedule(id: $id, input: $i) { id alertCondition { kind threshold } } }', { id, i: { alertCondition } }, editor);

beforeAll(async () => {
  recorder = await startSendGridRecorder();
  const keys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  webhookKey = keys.privateKey;
  app = await startTestApp({
    worker: true,
    env: {
      SENDGRID_API_KEY: 'SG.test-key', SENDGRID_API_URL: recorder.baseUrl, MAIL_FROM: 'reports@reportcast.test',
      SENDGRID_WEBHOOK_PUBLIC_KEY: keys.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    },
  });
  editor = await app.token('acme', 'editor', 'ed@acme');
  const window = (days: number) => ({ from: new Date(app.seededAt.getTime() - days * 86_400_000).toISOString(), to: new Date(app.seededAt.getTime() - 86_400_000).toISOString() });
  const definition = { source: 'usage_events', dimensions: [{ field: 'platform' }], measures: [{ fn: 'COUNT', alias: 'events' }], timeRange: window(10) };
  const report = await app.gql('mutation($i: CreateReportInput!) { createReport(input: $i) { id } }', { i: { name: 'Alerts: events by platform', definition } }, editor);
  expect(report.errors).toBeUndefined();
  reportId = report.data!.createReport.id;
  const empty = await app.gql('mutation($i: CreateReportInput!) { createReport(input: $i) { id } }', {
    i: { name: 'Alerts: nothing', definition: { ...definition, timeRange: { from: '2001-01-01T00:00:00Z', to: '2001-01-02T00:00:00Z' } } },
  }, editor);
  expect(empty.errors).toBeUndefined();
  emptyReportId = empty.data!.createReport.id;
  const preview = await app.gql('query($i: PreviewReportInput!) { previewReport(input: $i) { columns { name } rows } }', { i: { reportId, first: 100 } }, editor);
  expect(preview.errors).toBeUndefined();
  rows = (preview.data!.previewReport.rows as unknown[][]).map((r) => [String(r[0]), Number(r[1])]);
  expect(rows.length).toBeGreaterThan(1);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await recorder?.close();
});

describe('alert conditions', () => {
  it('refuses an unknown column, a non-numeric measure, a missing threshold at their paths, and saves nothing', async () => {
    const unknown = await app.gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }', {
      i: { reportId, name: 'Bad alert', cron: '0 9 * * 1', recipients: ['x@example.com'], alertCondition: { kind: 'FIRST_ROW', column: 'nope', comparison: 'ABOVE', threshold: 1 } },
    }, editor);
    expect(errorCode(unknown)).toBe('BAD_USER_INPUT');
    expect(unknown.errors![0]!.extensions!.fieldErrors ?? unknown.errors![0]!.extensions).toEqual(expect.anything());
    expect(JSON.stringify(unknown.errors![0]!.extensions)).toContain('input.alertCondition.column');
    expect(JSON.stringify(unknown.errors![0]!.extensions)).toContain('unknown column \\"nope\\"');
    const text = await app.gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }', {
      i: { reportId, name: 'Bad alert', cron: '0 9 * * 1', recipients: ['x@example.com'], alertCondition: { kind: 'ANY_ROW', column: 'platform', comparison: 'ABOVE', threshold: 1 } },
    }, editor);
    expect(errorCode(text)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(text.errors![0]!.extensions)).toMatch(/input\.alertCondition\.column.*not numeric/);
    const noThreshold = await app.gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }', {
      i: { reportId, name: 'Bad alert', cron: '0 9 * * 1', recipients: ['x@example.com'], alertCondition: { kind: 'FIRST_ROW', column: 'events', comparison: 'ABOVE' } },
    }, editor);
    expect(JSON.stringify(noThreshold.errors![0]!.extensions)).toContain('input.alertCondition.threshold');
    const list = await app.gql('{ schedules(first: 500) { edges { node { name } } } }', {}, editor);
    expect(list.data!.schedules.edges.map((e: any) => e.node.name)).not.toContain('Bad alert');
  });

  it('NO_ROWS and SOME_ROWS: met sends, not met is SKIPPED_CONDITION with the row count', async () => {
    const noRowsOnEmpty = await schedule('No rows on empty', { kind: 'NO_ROWS' }, emptyReportId);
    const noRowsOnFull = await schedule('No rows on full', { kind: 'NO_ROWS' });
    const someOnFull = await schedule('Some rows on full', { kind: 'SOME_ROWS' });
    const someOnEmpty = await schedule('Some rows on empty', { kind: 'SOME_ROWS' }, emptyReportId);
    const before = recorder.requests.length;
    const [a, b, c, d] = await Promise.all([runNow(noRowsOnEmpty), runNow(noRowsOnFull), runNow(someOnFull), runNow(someOnEmpty)]);
    expect(a.status).toBe('DELIVERED');
    expect(a.condition).toMatchObject({ kind: 'NO_ROWS', met: true, armed: true, notified: true, rowCount: 0, observed: 0 });
    expect(mails('no-rows-on-empty@example.com', before)).toHaveLength(1);
    expect(b.status).toBe('SKIPPED_CONDITION');
    expect(b.condition).toMatchObject({ kind: 'NO_ROWS', met: false, notified: false, rowCount: rows.length });
    expect(b.error).toContain(`${rows.length} rows`);
    expect(b.deliveries).toEqual([]);
    expect(mails('no-rows-on-full@example.com', before)).toHaveLength(0);
    expect(c.status).toBe('DELIVERED');
    expect(c.condition).toMatchObject({ kind: 'SOME_ROWS', met: true, rowCount: rows.length });
    expect(d.status).toBe('SKIPPED_CONDITION');
    expect(d.condition).toMatchObject({ kind: 'SOME_ROWS', met: false, rowCount: 0 });
    expect(mails('some-rows-on-empty@example.com', before)).toHaveLength(0);
  }, 120_000);

  it('FIRST_ROW and ANY_ROW compare the measure of the first row, or the max / min over the rows', async () => {
    const first = rows[0]![1];
    const max = Math.max(...rows.map((r) => r[1]));
    const min = Math.min(...rows.map((r) => r[1]));
    expect(max).toBeGreaterThan(min);
    const firstAbove = await schedule('First above', { kind: 'FIRST_ROW', column: 'events', comparison: 'ABOVE', threshold: first - 1 });
    const firstNotAbove = await schedule('First not above', { kind: 'FIRST_ROW', column: 'events', comparison: 'ABOVE', threshold: first });
    const anyAbove = await schedule('Any above', { kind: 'ANY_ROW', column: 'events', comparison: 'ABOVE', threshold: max - 0.5 });
    const anyNotBelow = await schedule('Any not below', { kind: 'ANY_ROW', column: 'events', comparison: 'BELOW', threshold: min });
    const anyBelow = await schedule('Any below', { kind: 'ANY_ROW', column: 'events', comparison: 'BELOW', threshold: min + 0.5 });
    const runs = await Promise.all([firstAbove, firstNotAbove, anyAbove, anyNotBelow, anyBelow].map(runNow));
    expect(runs.map((r) => r.status)).toEqual(['DELIVERED', 'SKIPPED_CONDITION', 'DELIVERED', 'SKIPPED_CONDITION', 'DELIVERED']);
    expect(runs[0]!.condition).toMatchObject({ met: true, observed: first, threshold: first - 1, column: 'events' });
    // The alert's email says why it was sent.
    const [sent] = mails('first-above@example.com');
    const text = (sent!.body as { content: { type: string; value: string }[] }).content.find((c) => c.type === 'text/plain')!.value;
    expect(text).toContain(`Alert: events of the first row = ${first}, above ${first - 1}?: met.`);
    expect(runs[1]!.condition).toMatchObject({ met: false, observed: first, threshold: first });
    expect(runs[1]!.condition!.summary).toBe(`events of the first row = ${first}, above ${first}?: not met`);
    expect(runs[2]!.condition).toMatchObject({ met: true, observed: max });
    expect(runs[3]!.condition).toMatchObject({ met: false, observed: min });
    expect(runs[4]!.condition).toMatchObject({ met: true, observed: min });
  }, 120_000);

  it('notifyOnce: met, met → one send; a run that clears re-arms; met again → sent again', async () => {
    const id = await schedule('Rearm', { kind: 'SOME_ROWS', notifyOnce: true });
    const to = 'rearm@example.com';
    const before = recorder.requests.length;
    const r1 = await runNow(id);
    expect(r1.status).toBe('DELIVERED');
    expect(r1.condition).toMatchObject({ met: true, armed: true, notified: true });
    const r2 = await runNow(id);
    expect(r2.status).toBe('SKIPPED_CONDITION');
    expect(r2.condition).toMatchObject({ met: true, armed: false, notified: false });
    expect(r2.condition!.summary).toContain('already notified');
    expect(mails(to, before)).toHaveLength(1);
    // Clears: the same schedule over a report with no rows.
    const moved = await app.gql('mutation($id: ID!, $i: UpdateScheduleInput!) { updateSchedule(id: $id, input: $i) { id } }', { id, i: { reportId: emptyReportId } }, editor);
    expect(moved.errors).toBeUndefined();
    const r3 = await runNow(id);
    expect(r3.status).toBe('SKIPPED_CONDITION');
    expect(r3.condition).toMatchObject({ met: false, armed: false, rowCount: 0 });
    await app.gql('mutation($id: ID!, $i: UpdateScheduleInput!) { updateSchedule(id: $id, input: $i) { id } }', { id, i: { reportId } }, editor);
    const r4 = await runNow(id);
    expect(r4.status).toBe('DELIVERED');
    expect(r4.condition).toMatchObject({ met: true, armed: true, notified: true });
    expect(mails(to, before)).toHaveLength(2);
  }, 120_000);

  it('CHANGE: more than N % against the previous run; the first run has nothing to compare with', async () => {
    const definition = { source: 'usage_events', dimensions: [], measures: [{ fn: 'COUNT', alias: 'events' }],
      timeRange: { from: new Date(app.seededAt.getTime() - 10 * 86_400_000).toISOString(), to: new Date(app.seededAt.getTime() - 86_400_000).toISOString() } };
    const created = await app.gql('mutation($i: CreateReportInput!) { createReport(input: $i) { id } }', { i: { name: 'Alerts: total events', definition } }, editor);
    const totalId = created.data!.createReport.id as string;
    const id = await schedule('Change', { kind: 'CHANGE', column: 'events', changePercent: 20 }, totalId);
    const r1 = await runNow(id);
    expect(r1.status).toBe('SKIPPED_CONDITION');
    expect(r1.condition).toMatchObject({ kind: 'CHANGE', met: false, previous: null });
    expect(r1.condition!.summary).toContain('no previous run\'s value');
    const total10 = r1.condition!.observed!;
    expect(total10).toBeGreaterThan(0);
    // The same rows again: 0 % change, not met.
    const r2 = await runNow(id);
    expect(r2.condition).toMatchObject({ met: false, previous: total10, observed: total10, changePercent: 0 });
    // Two days instead of nine: a fall of far more than 20 %.
    const narrowed = { ...definition, timeRange: { from: new Date(app.seededAt.getTime() - 3 * 86_400_000).toISOString(), to: definition.timeRange.to } };
    const updated = await app.gql('mutation($id: ID!, $i: UpdateReportInput!) { updateReport(id: $id, input: $i) { id } }', { id: totalId, i: { definition: narrowed } }, editor);
    expect(updated.errors).toBeUndefined();
    const r3 = await runNow(id);
    expect(r3.status).toBe('DELIVERED');
    const total2 = r3.condition!.observed!;
    expect(total2).toBeLessThan(total10 * 0.8);
    expect(r3.condition).toMatchObject({ met: true, previous: total10 });
    expect(r3.condition!.changePercent).toBeCloseTo(((total2 - total10) / total10) * 100, 6);
    // Only a rise counts now: the next fall back is not one... back to nine days is a rise.
    await setCondition(id, { kind: 'CHANGE', column: 'events', changePercent: 20, comparison: 'BELOW' });
    await app.gql('mutation($id: ID!, $i: UpdateReportInput!) { updateReport(id: $id, input: $i) { id } }', { id: totalId, i: { definition } }, editor);
    const r4 = await runNow(id);
    expect(r4.status).toBe('SKIPPED_CONDITION');
    expect(r4.condition).toMatchObject({ met: false, previous: total2, observed: total10 });
  }, 120_000);

  it('the history lists each run\'s verdict; a condition removed sends every run again', async () => {
    const id = await schedule('History', { kind: 'NO_ROWS' });
    const r1 = await runNow(id);
    expect(r1.status).toBe('SKIPPED_CONDITION');
    const removed = await setCondition(id, null);
    expect(removed.data!.updateSchedule.alertCondition).toBeNull();
    const r2 = await runNow(id);
    expect(r2.status).toBe('DELIVERED');
    expect(r2.condition).toBeNull();
    const history = (await app.gql(RUN, { id }, editor)).data!.schedule.executions.edges.map((e: any) => e.node);
    expect(history.map((e: any) => [e.status, e.condition?.met ?? null])).toEqual(expect.arrayContaining([['SKIPPED_CONDITION', false], ['DELIVERED', null]]));
    expect(history.find((e: any) => e.status === 'SKIPPED_CONDITION').condition.evaluatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  }, 60_000);
});

describe('notifyWhenReady', () => {
  it('refuses a sign-in without an address, at input.notifyWhenReady', async () => {
    const res = await app.gql('mutation($i: CreateExportInput!) { createExport(input: $i) { id } }', { i: { reportId, format: 'CSV', notifyWhenReady: true } }, editor);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(res.errors![0]!.extensions)).toContain('input.notifyWhenReady');
  });

  it('emails the creator once, with a link that downloads the file', async () => {
    const erin = await app.token('acme', 'editor', 'Erin@Example.com');
    const own = await app.gql('mutation($i: CreateReportInput!) { createReport(input: $i) { id } }', { i: { name: 'Erin: events by platform', definition: ownDefinition() } }, erin);
    expect(own.errors).toBeUndefined();
    const before = recorder.requests.length;
    const res = await app.gql('mutation($i: CreateExportInput!) { createExport(input: $i) { id } }', { i: { reportId: own.data!.createReport.id, format: 'CSV', notifyWhenReady: true } }, erin);
    expect(res.errors).toBeUndefined();
    const exportId = res.data!.createExport.id as string;
    const [mail] = await waitFor(async () => {
      const sent = mails('erin@example.com', before);
      return sent.length ? sent : undefined;
    }, 60_000);
    const body = mail!.body as { subject: string; content: { type: string; value: string }[]; custom_args?: Record<string, string> };
    expect(body.subject).toBe('Your export is ready: Erin: events by platform');
    const text = body.content.find((c) => c.type === 'text/plain')!.value;
    const link = /Download it: (\S+)/.exec(text)![1]!;
    expect(link).toContain(`/exports/${exportId}/download?token=`);
    const download = await fetch(link.replace(/^https?:\/\/[^/]+/, app.url));
    expect(download.status).toBe(200);
    const csv = await download.text();
    for (const [platform] of rows) expect(csv).toContain(platform);
    // Exactly one ledger record, SENT; no second email even after a while.
    const ledger = await app.runtime.orm.em.getConnection().execute('SELECT id, status, target, attempts FROM deliveries WHERE export_id = ?', [exportId]);
    expect(ledger).toEqual([{ id: expect.any(String), status: 'SENT', target: 'erin@example.com', attempts: 1 }]);
    expect((mail!.body as { custom_args?: Record<string, string> }).custom_args?.delivery_id).toBe(ledger[0]!.id);
    await new Promise((r) => setTimeout(r, 1000));
    expect(mails('erin@example.com', before)).toHaveLength(1);
    // The notice may bounce like any email: SendGrid's signed event marks it and suppresses the address.
    const events = JSON.stringify([{ email: 'erin@example.com', event: 'bounce', type: 'bounce', reason: '550 5.1.1 no such user', timestamp: Math.floor(Date.now() / 1000), delivery_id: ledger[0]!.id }]);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const posted = await fetch(`${app.url}/webhooks/sendgrid`, {
      method: 'POST', body: events,
      headers: { 'content-type': 'application/json', 'X-Twilio-Email-Event-Webhook-Signature': sign('sha256', Buffer.from(timestamp + events), webhookKey).toString('base64'), 'X-Twilio-Email-Event-Webhook-Timestamp': timestamp },
    });
    expect(await posted.json()).toEqual({ received: 1, applied: 1 });
    expect(await app.runtime.orm.em.getConnection().execute('SELECT provider_status FROM deliveries WHERE export_id = ?', [exportId])).toEqual([{ provider_status: 'BOUNCED' }]);
    expect(await app.runtime.orm.em.getConnection().execute(`SELECT reason FROM email_suppressions WHERE email = 'erin@example.com'`)).toEqual([{ reason: 'BOUNCED' }]);
    // Erin's next notice is not sent: SUPPRESSED in the ledger.
    const again = await app.gql('mutation($i: CreateExportInput!) { createExport(input: $i) { id } }', { i: { reportId: own.data!.createReport.id, format: 'CSV', notifyWhenReady: true } }, erin);
    const suppressed = await waitFor(async () => {
      const [row] = await app.runtime.orm.em.getConnection().execute('SELECT status FROM deliveries WHERE export_id = ?', [again.data!.createExport.id]);
      return row && row.status !== 'PENDING' ? row : undefined;
    });
    expect(suppressed).toEqual({ status: 'SUPPRESSED' });
    expect(mails('erin@example.com', before)).toHaveLength(1);
  }, 90_000);

  it('a failed export sends its creator one failure notice with the reason', async () => {
    // A real export of Gail's, then put back as if its run had just been claimed, with a definition
    // the runner refuses (INVALID_DEFINITION, permanent): the runner's own settle records the notice.
    const gail = await app.token('acme', 'editor', 'gail@example.com');
    const own = await app.gql('mutation($i: CreateReportInput!) { createReport(input: $i) { id } }', { i: { name: 'Gail: events by platform', definition: ownDefinition() } }, gail);
    const res = await app.gql('mutation($i: CreateExportInput!) { createExport(input: $i) { id } }', { i: { reportId: own.data!.createReport.id, format: 'CSV' } }, gail);
    const exportId = res.data!.createExport.id as string;
    await waitFor(async () => ((await app.gql('query($id: ID!) { export(id: $id) { status } }', { id: exportId }, gail)).data!.export.status === 'COMPLETED' ? true : undefined));
    await app.runtime.orm.em.getConnection().execute(`UPDATE exports SET status = 'PENDING', notify_email = 'gail@example.com', definition = '{"source":"nope"}'::jsonb WHERE id = ?`, [exportId]);
    const { runtime } = app;
    const runner = new ExportRunner({ em: runtime.orm.em.fork(), analytics: runtime.analytics, storage: runtime.storage, limits: runtime.limits, pdfRowCap: runtime.config.exports.pdfRowCap, secrets: runtime.secrets, maskingSecret: runtime.maskingSecret, log: runtime.log });
    const before = recorder.requests.length;
    await runner.run(exportId, { attempts: 1, maxAttempts: 1 });
    const [mail] = await waitFor(async () => {
      const sent = mails('gail@example.com', before);
      return sent.length ? sent : undefined;
    }, 60_000);
    const body = mail!.body as { subject: string; content: { type: string; value: string }[] };
    expect(body.subject).toBe('Your export failed: Gail: events by platform');
    expect(body.content.find((c) => c.type === 'text/plain')!.value).toMatch(/Reason: Invalid report definition: /);
    expect(await app.runtime.orm.em.getConnection().execute('SELECT status, target FROM deliveries WHERE export_id = ?', [exportId])).toEqual([{ status: 'SENT', target: 'gail@example.com' }]);
    // A second run of its job (a duplicate) finds it FAILED and tells no one again.
    await runner.run(exportId, { attempts: 1, maxAttempts: 1 });
    expect(mails('gail@example.com', before)).toHaveLength(1);
  }, 90_000);

  it('an export without notifyWhenReady emails no one', async () => {
    const frank = await app.token('acme', 'editor', 'frank@example.com');
    const own = await app.gql('mutation($i: CreateReportInput!) { createReport(input: $i) { id } }', { i: { name: 'Frank: events by platform', definition: ownDefinition() } }, frank);
    const res = await app.gql('mutation($i: CreateExportInput!) { createExport(input: $i) { id } }', { i: { reportId: own.data!.createReport.id, format: 'CSV' } }, frank);
    const exportId = res.data!.createExport.id as string;
    await waitFor(async () => {
      const e = (await app.gql('query($id: ID!) { export(id: $id) { status } }', { id: exportId }, frank)).data!.export;
      return e.status === 'COMPLETED' ? e : undefined;
    });
    const ledger = await app.runtime.orm.em.getConnection().execute('SELECT id FROM deliveries WHERE export_id = ?', [exportId]);
    expect(ledger).toEqual([]);
    expect(mails('frank@example.com')).toHaveLength(0);
  }, 60_000);
});
