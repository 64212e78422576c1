import 'reflect-metadata';
/**
 * Issue 8, faults 4 and 5: deliveries under a misbehaving SendGrid and an unreachable S3, against
 * the local SendGrid recorder and s3rver behind a proxy that can drop connections.
 *
 * - 429 (with X-RateLimit-Reset), then 500, then 202: one email, three attempts, and the retry
 *   waits for the reset instant.
 * - 400/401/403/413 fail at once with SendGrid's message.
 * - The delivery ledger stops a second send when the job runs again after success.
 * - A lost 202 (accepted, then the connection dropped) and a send cut by a dead worker end
 *   UNCERTAIN and are not resent unless an editor asks.
 * - S3 down, then back: the S3 delivery retries and lands once; a failed multipart upload is
 *   aborted and leaves no parts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { enqueueDelivery, DELIVERY_PRIORITY } from '../server/src/features/delivery/delivery.service.js';
import { S3ExportStorage } from '../server/src/platform/storage/s3-storage.js';
import { waitFor } from './support/wait.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { startSendGridRecorder, type SendGridRecorder } from './support/sendgrid-recorder.js';
import { startS3, type TestS3 } from './support/s3.js';
import { startS3Proxy, type S3Proxy } from './support/s3-proxy.js';
import { reportIdByName } from './support/exports.js';

const LAKE = 'reportcast-lake';
let recorder: SendGridRecorder;
let s3: TestS3;
let proxy: S3Proxy;
let app: TestApp;
let editor: string;
let reportId: string;

const CREATE = `mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }`;
const EXECUTION = `query($id: ID!) { schedule(id: $id) { executions(first: 5) { edges { node { id status error
  deliveries { id channel target status attempts lastError providerMessageId } } } } } }`;

const sql = <T = any>(query: string, params: unknown[] = []) => app.runtime.orm.em.getConnection().execute<T[]>(query, params);
const deliveryIdOf = (r: { body: unknown }) => (r.body as any)?.custom_args?.delivery_id as string | undefined;
const mailsFor = (id: string) => recorder.requests.filter((r) => deliveryIdOf(r) === id);

async function schedule(name: string, input: Record<string, unknown>): Promise<string> {
  const res = await app.gql(CREATE, { i: { reportId, name, cron: '0 9 * * 1', format: 'CSV', ...input } }, editor);
  expect(res.errors).toBeUndefined();
  return res.data!.createSchedule.id;
}

/** Runs the schedule now and waits until its execution has settled (no delivery pending or sending). */
async function runAndSettle(scheduleId: string, timeoutMs = 60_000) {
  const run = await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id: scheduleId }, editor);
  expect(run.errors).toBeUndefined();
  return settled(scheduleId, run.data!.runScheduleNow.id, timeoutMs);
}

async function settled(scheduleId: string, executionId: string, timeoutMs = 60_000) {
  return waitFor(async () => {
    const s = (await app.gql(EXECUTION, { id: scheduleId }, editor)).data!.schedule;
    const e = s.executions.edges.find((x: any) => x.node.id === executionId)?.node;
    return e && !['RUNNING', 'PENDING'].includes(e.status) ? e : undefined;
  }, timeoutMs);
}

/** No job left for this delivery: graphile-worker has finished with it. */
async function jobGone(deliveryId: string) {
  await waitFor(async () => ((await sql('SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE key = ?', [`delivery:${deliveryId}`]))[0].n === 0 ? true : undefined), 30_000);
}

beforeAll(async () => {
  recorder = await startSendGridRecorder();
  s3 = await startS3('reportcast-exports', [LAKE]);
  proxy = await startS3Proxy(s3.env.S3_ENDPOINT!, s3.directory);
  app = await startTestApp({
    seedRows: 3_000,
    worker: true,
    env: { ...s3.env, S3_ENDPOINT: proxy.endpoint, SENDGRID_API_KEY: 'SG.test', SENDGRID_API_URL: recorder.baseUrl, EXPORT_MAX_ATTEMPTS: '1', WORKER_CONCURRENCY: '4' },
  });
  editor = await app.token('acme', 'editor', 'ed@acme');
  reportId = await reportIdByName(app, editor, 'Usage Summary');
}, 120_000);
afterAll(async () => {
  await app?.close();
  await proxy?.close();
  await recorder?.close();
  await s3?.close();
});

describe('SendGrid answers', () => {
  it('429 with X-RateLimit-Reset, then 500, then 202: one email, three attempts, no retry before the reset', async () => {
    const id = await schedule('Rate limited', { recipients: ['busy@example.com'] });
    recorder.rateLimitResetSeconds = 3;
    recorder.respondWith(429);
    recorder.respondWith(500);
    const execution = await runAndSettle(id);
    recorder.rateLimitResetSeconds = 1;
    expect(execution.status).toBe('DELIVERED');
    const [delivery] = execution.deliveries;
    expect(delivery).toMatchObject({ status: 'SENT', attempts: 3, lastError: null });
    const mails = mailsFor(delivery.id);
    expect(mails.map((r) => r.status)).toEqual([429, 500, 202]);
    expect(delivery.providerMessageId).toBe(mails[2]!.messageId);
    // The second attempt came no earlier than the reset instant the 429 named (epoch seconds, at
    // least this: the recorder computed it a moment after receiving the request).
    const resetAt = (Math.ceil(mails[0]!.receivedAt.getTime() / 1000) + 3) * 1000;
    expect(mails[1]!.receivedAt.getTime()).toBeGreaterThanOrEqual(resetAt);
  }, 90_000);

  it('400, 401, 403 and 413 fail at once, each with SendGrid’s own message', async () => {
    const to = ['s400@example.com', 's401@example.com', 's403@example.com', 's413@example.com'];
    const id = await schedule('Refused', { recipients: to });
    for (const status of [400, 401, 403, 413] as const) recorder.respondWith(status);
    const execution = await runAndSettle(id);
    expect(execution.status).toBe('FAILED');
    expect(execution.deliveries).toHaveLength(4);
    for (const d of execution.deliveries) {
      expect(d).toMatchObject({ status: 'FAILED', attempts: 1 });
      expect(mailsFor(d.id)).toHaveLength(1);
    }
    const errors = execution.deliveries.map((d: any) => d.lastError).sort();
    expect(errors).toEqual([
      'SendGrid answered 400: from: The from object must be provided for every email send.',
      'SendGrid answered 401: The provided authorization grant is invalid, expired, or revoked',
      'SendGrid answered 403: access forbidden',
      'SendGrid answered 413: The JSON payload you have included in your request is too large.',
    ]);
  }, 60_000);

  it('a run\'s first deliveries are sent by its export\'s job, the rest by their own jobs: each once, no job left', async () => {
    // Five recipients: three sent inline (their jobs stand by for 10 minutes, so a run that relied
    // on them would not settle within this test's minute), two through their own jobs.
    const recipients = ['in1@example.com', 'in2@example.com', 'in3@example.com', 'queued4@example.com', 'queued5@example.com'];
    const id = await schedule('Inline and queued', { recipients });
    const execution = await runAndSettle(id);
    expect(execution.status).toBe('DELIVERED');
    expect(execution.deliveries.map((d: any) => [d.status, d.attempts]).sort()).toEqual(recipients.map(() => ['SENT', 1]));
    for (const d of execution.deliveries) {
      expect(mailsFor(d.id).map((r) => r.status)).toEqual([202]);
      await jobGone(d.id);
    }
  }, 60_000);

  it('a settle that fails in the export\'s job hands over to a settle job: the run is delivered once', async () => {
    // The first delivery insert of this schedule's run fails (a sequence is not rolled back with
    // the failed statement, so exactly one insert fails): the export's job settles inline, fails,
    // and enqueues execution__settle, whose run inserts the deliveries and sends.
    const id = await schedule('Settle fails once', { recipients: ['handover@example.com'] });
    await sql(`CREATE SEQUENCE IF NOT EXISTS settle_fault_seq`);
    await sql(`CREATE OR REPLACE FUNCTION settle_fault() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.target = 'handover@example.com' AND nextval('settle_fault_seq') = 1 THEN RAISE EXCEPTION 'injected settle failure'; END IF;
        RETURN NEW;
      END $$`);
    await sql(`CREATE TRIGGER settle_fault BEFORE INSERT ON deliveries FOR EACH ROW EXECUTE FUNCTION settle_fault()`);
    try {
      const execution = await runAndSettle(id);
      expect(execution.status).toBe('DELIVERED');
      expect(execution.deliveries).toEqual([expect.objectContaining({ target: 'handover@example.com', status: 'SENT', attempts: 1 })]);
      expect(mailsFor(execution.deliveries[0].id).map((r) => r.status)).toEqual([202]);
      // The insert failed once (the sequence moved past 1), and the settle job did the rest.
      expect((await sql(`SELECT last_value::int AS n FROM settle_fault_seq`))[0].n).toBeGreaterThanOrEqual(2);
      const [{ export_id: exportId }] = await sql('SELECT export_id FROM schedule_executions WHERE id = ?', [execution.id]);
      const [{ status }] = await sql('SELECT status FROM exports WHERE id = ?', [exportId]);
      expect(status).toBe('COMPLETED');
    } finally {
      await sql(`DROP TRIGGER settle_fault ON deliveries`);
    }
  }, 60_000);

  it('the ledger refuses a second send when a delivery job runs again after success', async () => {
    const id = await schedule('Sent once', { recipients: ['once@example.com', 'twice@example.com'] });
    const execution = await runAndSettle(id);
    expect(execution.status).toBe('DELIVERED');
    const before = recorder.requests.length;
    // graphile-worker has forgotten the finished jobs; enqueue them again, and settle again.
    for (const d of execution.deliveries) {
      await jobGone(d.id);
      await enqueueDelivery(app.runtime.orm.em, d, DELIVERY_PRIORITY.RESEND);
    }
    const [{ export_id: exportId }] = await sql('SELECT export_id FROM schedule_executions WHERE id = ?', [execution.id]);
    await sql(`UPDATE schedule_executions SET status = 'RUNNING' WHERE id = ?`, [execution.id]);
    await sql(`SELECT graphile_worker.add_job('execution__settle', json_build_object('exportId', ?::text))`, [exportId]);
    for (const d of execution.deliveries) await jobGone(d.id);
    await waitFor(async () => ((await sql(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'execution__settle'`))[0].n === 0 ? true : undefined));
    expect(recorder.requests.length).toBe(before);
    const rows = await sql('SELECT target, status, attempts FROM deliveries WHERE execution_id = ? ORDER BY target', [execution.id]);
    expect(rows).toEqual([
      { target: 'once@example.com', status: 'SENT', attempts: 1 },
      { target: 'twice@example.com', status: 'SENT', attempts: 1 },
    ]);
  }, 60_000);

  it('a lost 202 ends UNCERTAIN, is not resent on its own, and is resent once an editor asks', async () => {
    const id = await schedule('Lost answer', { recipients: ['lost@example.com'] });
    recorder.acceptThenDrop();
    const execution = await runAndSettle(id);
    const [delivery] = execution.deliveries;
    expect(delivery.status).toBe('UNCERTAIN');
    expect(delivery.attempts).toBe(1);
    expect(delivery.lastError).toMatch(/may have accepted/);
    expect(execution.status).toBe('FAILED');
    expect(execution.error).toMatch(/1 uncertain/);
    await jobGone(delivery.id);
    expect(mailsFor(delivery.id).map((r) => r.status)).toEqual([202]); // accepted once, never again
    const resend = await app.gql('mutation($id: ID!) { resendFailedDeliveries(executionId: $id) { id } }', { id: execution.id }, editor);
    expect(resend.errors).toBeUndefined();
    const after = await settled(id, execution.id);
    expect(after.status).toBe('DELIVERED');
    expect(after.deliveries[0]).toMatchObject({ status: 'SENT', attempts: 2 });
    expect(mailsFor(delivery.id).map((r) => r.status)).toEqual([202, 202]);
  }, 60_000);

  it('a delivery its worker died sending (left SENDING) becomes UNCERTAIN without a second request', async () => {
    const id = await schedule('Died mid-send', { recipients: ['mid@example.com'] });
    recorder.respondWith(400); // a finished execution whose delivery we then put back mid-send
    const execution = await runAndSettle(id);
    const [delivery] = execution.deliveries;
    await jobGone(delivery.id);
    const before = mailsFor(delivery.id).length;
    // What a SIGKILL between the recorded attempt and SendGrid's answer leaves behind.
    await sql(`UPDATE deliveries SET status = 'SENDING' WHERE id = ?`, [delivery.id]);
    await sql(`UPDATE schedule_executions SET status = 'RUNNING' WHERE id = ?`, [execution.id]);
    await enqueueDelivery(app.runtime.orm.em, delivery, DELIVERY_PRIORITY.RESEND);
    const after = await settled(id, execution.id);
    expect(after.deliveries[0]).toMatchObject({ status: 'UNCERTAIN' });
    expect(after.deliveries[0].lastError).toMatch(/stopped before SendGrid answered/);
    expect(mailsFor(delivery.id)).toHaveLength(before);
  }, 60_000);
});

describe('S3 unreachable', () => {
  it('an S3 delivery retries while S3 is unreachable and lands once when it is back', async () => {
    proxy.failing = (req) => (req.url ?? '').startsWith(`/${LAKE}/`);
    const id = await schedule('To the lake', { format: 'JSON', delivery: 'S3', s3Config: { bucket: LAKE, keyTemplate: 'faults/{tenant}/{schedule}.{format}' } });
    const run = await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id }, editor);
    const executionId = run.data!.runScheduleNow.id;
    const failedOnce = await waitFor(async () => {
      const [row] = await sql(`SELECT d.status, d.attempts, d.last_error FROM deliveries d WHERE d.execution_id = ?`, [executionId]);
      return row && row.attempts >= 1 && row.status === 'PENDING' ? row : undefined;
    });
    expect(failedOnce.last_error).toBeTruthy();
    const dropped = proxy.requests.filter((r) => r.dropped).length;
    expect(dropped).toBeGreaterThan(0);
    proxy.failing = null; // S3 is back
    const execution = await settled(id, executionId);
    expect(execution.status).toBe('DELIVERED');
    expect(execution.deliveries[0].status).toBe('SENT');
    expect(execution.deliveries[0].attempts).toBeGreaterThanOrEqual(2);
    const client = new S3Client({ endpoint: s3.env.S3_ENDPOINT, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    const listed = await client.send(new ListObjectsV2Command({ Bucket: LAKE, Prefix: 'faults/' }));
    expect(listed.Contents?.map((o) => o.Key)).toEqual(['faults/acme/to-the-lake.json']);
    const object = await client.send(new GetObjectCommand({ Bucket: LAKE, Key: 'faults/acme/to-the-lake.json' }));
    expect(JSON.parse(await object.Body!.transformToString()).length).toBeGreaterThan(0);
  }, 90_000);

  it('a multipart upload that fails midway is aborted: no parts left, nothing visible', async () => {
    const storage = new S3ExportStorage({ bucket: LAKE, region: 'us-east-1', endpoint: proxy.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    // The connection drops on every try of part 2 (the SDK retries it, then gives up).
    proxy.failing = (req) => req.method === 'PUT' && /[?&]partNumber=2(&|$)/.test(req.url ?? '');
    const chunk = Buffer.alloc(1024 * 1024, 'x');
    const body = Readable.from((function* () { for (let i = 0; i < 20; i++) yield chunk; })());
    try {
      await expect(storage.put('faults/big.csv', body, 'text/csv')).rejects.toThrow();
    } finally {
      proxy.failing = null;
    }
    const partTwo = proxy.requests.filter((r) => /partNumber=2/.test(r.url));
    expect(partTwo.length).toBeGreaterThan(0);
    expect(partTwo.every((r) => r.dropped)).toBe(true);
    const aborts = proxy.requests.filter((r) => r.method === 'DELETE' && /uploadId=/.test(r.url));
    expect(aborts).toHaveLength(1);
    expect(proxy.pendingUploads(LAKE)).toEqual([]);
    expect(await storage.exists('faults/big.csv')).toBe(false);
  }, 60_000);

  it('parts left by an upload whose abort could not reach S3 are aborted by the retention sweep', async () => {
    const storage = new S3ExportStorage({ bucket: LAKE, region: 'us-east-1', endpoint: proxy.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    // S3 goes away after the first part: part 2 and the abort both fail.
    proxy.failing = (req) => (req.method === 'PUT' && /[?&]partNumber=2(&|$)/.test(req.url ?? '')) || (req.method === 'DELETE' && /uploadId=/.test(req.url ?? ''));
    const chunk = Buffer.alloc(1024 * 1024, 'y');
    const body = Readable.from((function* () { for (let i = 0; i < 20; i++) yield chunk; })());
    try {
      await expect(storage.put('exports/acme/cut-off.csv', body, 'text/csv')).rejects.toThrow();
    } finally {
      proxy.failing = null;
    }
    const left = proxy.pendingUploads(LAKE);
    expect(left).toHaveLength(1); // orphaned parts, as S3 would keep them
    // Not yet a day old: the sweep leaves it (it could be an upload in progress).
    expect(await storage.abortIncompleteUploads('exports/', new Date(Date.now() - 86_400_000))).toBe(0);
    expect(proxy.pendingUploads(LAKE)).toEqual(left);
    expect(await storage.abortIncompleteUploads('exports/', new Date(Date.now() + 1_000))).toBe(1);
    expect(proxy.pendingUploads(LAKE)).toEqual([]);
  }, 60_000);
});
