import 'reflect-metadata';
/**
 * Issue 8, fault 4 (size limits), end to end: SendGrid refuses a message over 30 MB and counts an
 * attachment as its base64 (4 bytes per 3). A schedule that asks to ATTACH a file whose base64
 * would not fit gets a link instead, and the request that reaches SendGrid (the local recorder)
 * stays far under the limit; the link downloads the whole file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.js';
import { startSendGridRecorder, type SendGridRecorder } from './support/sendgrid-recorder.js';
import { RAW_EVENTS_DEFINITION, createReport, downloadOk } from './support/exports.js';
import { waitFor } from './support/wait.js';
import { SENDGRID_MAX_MESSAGE_BYTES } from '../server/src/features/delivery/email/sendgrid-transport.js';
import { base64Length } from '../server/src/features/delivery/attachment-policy.js';

let recorder: SendGridRecorder;
let app: TestApp;
let editor: string;

beforeAll(async () => {
  recorder = await startSendGridRecorder();
  // Enough raw rows for a CSV of ~25 MB: its base64 (~33 MB) is past SendGrid's 30 MB.
  app = await startTestApp({ seedRows: 600_000, worker: true, env: { SENDGRID_API_KEY: 'SG.test', SENDGRID_API_URL: recorder.baseUrl, LOG_LEVEL: 'error' } });
  editor = await app.token('acme', 'editor', 'ed@acme');
}, 180_000);
afterAll(async () => {
  await app?.close();
  await recorder?.close();
});

describe('an attachment too big for SendGrid', () => {
  it('becomes a link although the schedule says ATTACH; the message stays small and the link brings the whole file', async () => {
    const reportId = await createReport(app, editor, 'All raw events', RAW_EVENTS_DEFINITION);
    const created = await app.gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }',
      { i: { reportId, name: 'Too big to attach', cron: '0 9 * * 1', format: 'CSV', recipients: ['big@example.com'], emailConfig: { attachment: 'ATTACH' } } }, editor);
    const run = await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id: created.data!.createSchedule.id }, editor);
    const executionId = run.data!.runScheduleNow.id;
    const conn = app.runtime.orm.em.getConnection();
    const status = await waitFor(async () => {
      const [row] = await conn.execute(`SELECT status FROM schedule_executions WHERE id = ?`, [executionId]);
      return row && row.status !== 'RUNNING' ? row.status : undefined;
    }, 150_000);
    expect(status).toBe('DELIVERED');
    const [file] = await conn.execute<{ file_size: string; row_count: string }[]>(
      `SELECT x.file_size, x.row_count FROM exports x JOIN schedule_executions e ON e.export_id = x.id WHERE e.id = ?`, [executionId]);
    const size = Number(file!.file_size);
    // The premise: attached, this file alone would break the limit.
    expect(base64Length(size)).toBeGreaterThan(SENDGRID_MAX_MESSAGE_BYTES);

    expect(recorder.requests).toHaveLength(1);
    const request = recorder.requests[0]!;
    expect(request.status).toBe(202);
    expect(Buffer.byteLength(request.rawBody)).toBeLessThan(200_000);
    const body = request.body as any;
    expect(body.attachments ?? []).toEqual([]);
    const text = body.content.find((c: any) => c.type === 'text/plain').value as string;
    const link = new URL(/(http:\/\/\S*\/exports\/[0-9a-f-]+\/download\?token=\S+)/.exec(text)![1]!);
    // Emails use PUBLIC_URL (unset here, so the configured port); this app listens on a random one.
    const bytes = (await downloadOk(new URL(link.pathname + link.search, app.url).href)).body;
    expect(bytes.length).toBe(size);
    expect(bytes.toString('utf8').trimEnd().split('\r\n')).toHaveLength(Number(file!.row_count) + 1);
    console.log(`[faults] ${(size / 1e6).toFixed(1)} MB CSV (${(base64Length(size) / 1e6).toFixed(1)} MB as base64) sent as a link; the request was ${Buffer.byteLength(request.rawBody)} bytes`);
  }, 180_000);
});
