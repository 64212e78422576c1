import 'reflect-metadata';
/**
 * Delivery guarantees against a recording SendGrid endpoint and s3rver: retryable answers (5xx)
 * are retried and the message is accepted once; permanent ones (4xx) fail at once and can be
 * resent; a failed run emails the schedule owner, and repeated failures pause the schedule; S3
 * targets receive the file under their key template.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { waitFor } from './support/wait.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { startSendGridRecorder } from './support/sendgrid-recorder.js';
import { startS3, type TestS3 } from './support/s3.js';
import { reportIdByName } from './support/exports.js';

let recorder: Awaited<ReturnType<typeof startSendGridRecorder>>;
let s3: TestS3;
let app: TestApp;
let editor: string;
let reportId: string;

const CREATE = `mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }`;
const STATE = `query($id: ID!) { schedule(id: $id) { status pausedReason failureCount nextRunAt runCount executions(first: 10) { edges { node { id status error
  deliveries { channel target status attempts lastError providerMessageId } } } } } }`;


async function runAndSettle(id: string) {
  const run = await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id }, editor);
  expect(run.errors).toBeUndefined();
  const executionId = run.data!.runScheduleNow.id;
  return waitFor(async () => {
    const s = (await app.gql(STATE, { id }, editor)).data!.schedule;
    const e = s.executions.edges.find((x: any) => x.node.id === executionId)?.node;
    return e && e.status !== 'RUNNING' && e.status !== 'PENDING' ? { schedule: s, execution: e } : undefined;
  });
}

beforeAll(async () => {
  recorder = await startSendGridRecorder();
  s3 = await startS3('reportcast-deliveries');
  app = await startTestApp({
    seedRows: 5_000,
    worker: true,
    env: { ...s3.env, SENDGRID_API_KEY: 'SG.test', SENDGRID_API_URL: recorder.baseUrl, EXPORT_MAX_ATTEMPTS: '1', SCHEDULE_AUTO_PAUSE_AFTER: '2' },
  });
  editor = await app.token('acme', 'editor', 'ed@acme');
  reportId = await reportIdByName(app, editor, 'Usage Summary');
}, 120_000);
afterAll(async () => {
  await app?.close();
  await recorder?.close();
  await s3?.close();
});

describe('email deliveries', () => {
  it('retries a 5xx and is accepted exactly once', async () => {
    const created = await app.gql(CREATE, { i: { reportId, name: 'Retried', cron: '0 9 * * 1', recipients: ['r@example.com'], format: 'CSV' } }, editor);
    recorder.respondWith(500, 1);
    const before = recorder.requests.length;
    const { execution } = await runAndSettle(created.data!.createSchedule.id);
    expect(execution.status).toBe('DELIVERED');
    expect(execution.deliveries).toEqual([expect.objectContaining({ status: 'SENT', attempts: 2 })]);
    const mine = recorder.requests.slice(before);
    expect(mine.map((r) => r.status)).toEqual([500, 202]);
    const ids = mine.map((r) => (r.body as any).custom_args.delivery_id);
    expect(new Set(ids).size).toBe(1);
  }, 60_000);

  it('fails a 4xx at once, then resends only the failed delivery', async () => {
    const created = await app.gql(CREATE, { i: { reportId, name: 'Rejected', cron: '0 9 * * 1', recipients: ['ok@example.com', 'bad@example.com'], format: 'CSV' } }, editor);
    const id = created.data!.createSchedule.id;
    recorder.respondWith(400, 1); // the first delivery job to call gets 400
    const { execution } = await runAndSettle(id);
    expect(execution.status).toBe('PARTIALLY_DELIVERED');
    const failed = execution.deliveries.filter((d: any) => d.status === 'FAILED');
    expect(failed).toHaveLength(1);
    expect(failed[0].attempts).toBe(1);
    const sentBefore = recorder.requests.filter((r) => r.status === 202).length;
    const resend = await app.gql('mutation($id: ID!) { resendFailedDeliveries(executionId: $id) { status } }', { id: execution.id }, editor);
    expect(resend.data!.resendFailedDeliveries.status).toBe('RUNNING');
    const done = await waitFor(async () => {
      const s = (await app.gql(STATE, { id }, editor)).data!.schedule;
      const e = s.executions.edges.find((x: any) => x.node.id === execution.id).node;
      return e.status === 'DELIVERED' ? e : undefined;
    });
    expect(done.deliveries.every((d: any) => d.status === 'SENT')).toBe(true);
    // Only the failed one went out again.
    expect(recorder.requests.filter((r) => r.status === 202).length).toBe(sentBefore + 1);
  }, 60_000);
});

describe('what is sent', () => {
  it('links instead of attaching when the schedule asks for links, and the link downloads the file', async () => {
    const created = await app.gql(CREATE, { i: { reportId, name: 'Linked', cron: '0 9 * * 1', recipients: ['link@example.com'], format: 'CSV', emailConfig: { attachment: 'LINK', subject: 'Numbers for {period}' } } }, editor);
    const before = recorder.requests.length;
    const { execution } = await runAndSettle(created.data!.createSchedule.id);
    expect(execution.status).toBe('DELIVERED');
    const mail = recorder.requests.slice(before).find((r) => (r.body as any).personalizations[0].to[0].email === 'link@example.com')!;
    const body = mail.body as any;
    // No file attached: the only part is the report's chart, shown inline in the HTML.
    expect((body.attachments ?? []).map((a: any) => [a.disposition, a.type])).toEqual([['inline', 'image/png']]);
    expect(body.subject).toMatch(/^Numbers for \d{4}-\d{2}-\d{2}/);
    const text = body.content.find((c: any) => c.type === 'text/plain').value as string;
    // Exports live in S3 in this file's app; the link is still ours (audited, then a redirect to
    // a short-lived presigned URL of the object), and the download is the recipient's.
    const url = /(http:\/\/\S*\/exports\/[0-9a-f-]+\/download\?token=\S+)/.exec(text)![1]!;
    const link = new URL(url);
    expect(link.pathname).toMatch(/^\/exports\/[0-9a-f-]{36}\/download$/);
    // Emails use PUBLIC_URL (unset here, so the configured port); this app listens on a random one.
    const res = await fetch(new URL(link.pathname + link.search, app.url));
    expect(res.status).toBe(200);
    expect(res.url.startsWith(s3.env.S3_ENDPOINT!)).toBe(true);
    expect((await res.text()).split('\r\n')[0]).toBe('date,event_type,total_events,unique_users,unique_devices');
    const audit = await app.gql('{ auditLog(first: 200) { edges { node { actor action } } } }', {}, await app.token('acme', 'admin'));
    expect(audit.data!.auditLog.edges.map((e: any) => e.node)).toContainEqual({ actor: 'link@example.com', action: 'export.download' });
  }, 60_000);

  it('sends nothing for an empty result when skipIfEmpty is set', async () => {
    const empty = await app.gql('mutation($i: CreateReportInput!) { createReport(input: $i) { id } }',
      { i: { name: 'Nothing', definition: { source: 'usage_events', measures: [{ fn: 'COUNT' }], dimensions: [{ field: 'platform' }], filters: [{ field: 'platform', op: 'EQ', value: 'no-such-platform' }] } } }, editor);
    const created = await app.gql(CREATE, { i: { reportId: empty.data!.createReport.id, name: 'Quiet when empty', cron: '0 9 * * 1', recipients: ['quiet@example.com'], skipIfEmpty: true } }, editor);
    const before = recorder.requests.length;
    const { execution } = await runAndSettle(created.data!.createSchedule.id);
    expect(execution.status).toBe('SKIPPED_EMPTY');
    expect(execution.deliveries).toEqual([]);
    expect(recorder.requests.length).toBe(before);
  }, 60_000);
});

describe('failures', () => {
  it('emails the owner when a run fails, and pauses the schedule after repeated failures', async () => {
    const broken = await app.gql('mutation($i: CreateReportInput!) { createReport(input: $i) { id } }',
      { i: { name: 'Metrics', definition: { source: 'device_metrics', measures: [{ fn: 'AVG', field: 'cpu_percent' }] } } }, editor);
    await app.runtime.analytics.exec(`DROP TABLE ${app.runtime.analytics.database}.device_metrics`);
    const created = await app.gql(CREATE, { i: { reportId: broken.data!.createReport.id, name: 'Doomed', cron: '0 9 * * 1', recipients: ['x@example.com'], ownerEmail: 'owner@example.com' } }, editor);
    const id = created.data!.createSchedule.id;
    const first = await runAndSettle(id);
    expect(first.execution.status).toBe('FAILED');
    const notice = await waitFor(async () => recorder.requests.find((r) => (r.body as any).personalizations?.[0]?.to?.[0]?.email === 'owner@example.com'));
    expect((notice.body as any).subject).toMatch(/failed/i);
    const second = await runAndSettle(id);
    expect(second.execution.status).toBe('FAILED');
    const s = (await app.gql(STATE, { id }, editor)).data!.schedule;
    expect(s.status).toBe('PAUSED');
    expect(s.pausedReason).toMatch(/2 consecutive failed runs/);
    expect(s.failureCount).toBe(2);
    // Paused automatically, it has no next run (as a schedule paused by hand), and both run-now
    // executions counted as runs.
    expect(s.nextRunAt).toBeNull();
    expect(s.runCount).toBe(2);
  }, 90_000);
});

describe('S3 deliveries', () => {
  it('uploads the file to the bucket under the key template', async () => {
    const created = await app.gql(CREATE, { i: { reportId, name: 'To the lake', cron: '0 9 * * 1', format: 'JSON', delivery: 'S3', s3Config: { bucket: 'reportcast-deliveries', keyTemplate: 'lake/{tenant}/{report}/{date}.{format}' } } }, editor);
    const { execution } = await runAndSettle(created.data!.createSchedule.id);
    expect(execution.status).toBe('DELIVERED');
    const target = execution.deliveries[0].target as string;
    expect(target).toMatch(/^s3:\/\/reportcast-deliveries\/lake\/acme\/usage-summary\/\d{4}-\d{2}-\d{2}_\d{2}h\d{2}\.json$/);
    const key = target.replace('s3://reportcast-deliveries/', '');
    const client = new S3Client({ endpoint: s3.env.S3_ENDPOINT, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    const object = await client.send(new GetObjectCommand({ Bucket: 'reportcast-deliveries', Key: key }));
    const rows = JSON.parse(await object.Body!.transformToString());
    expect(Array.isArray(rows)).toBe(true);
    expect(rows.length).toBeGreaterThan(0);
  }, 60_000);
});
