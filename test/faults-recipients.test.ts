import 'reflect-metadata';
/**
 * Issue 8, fault 4 (size limits): SendGrid takes at most 1,000 recipients per request. Reportcast
 * sends one request per recipient (each has its own unsubscribe link and ledger row), so a run to
 * 1,001 recipients is 1,001 requests of one recipient each, every one recorded once. The API caps
 * a schedule at 50 recipients; the 1,001 here are written to the database directly, to show the
 * delivery path holds beyond what the API allows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.js';
import { startSendGridRecorder, type SendGridRecorder } from './support/sendgrid-recorder.js';
import { reportIdByName } from './support/exports.js';
import { waitFor } from './support/wait.js';

const RECIPIENTS = 1_001;
let recorder: SendGridRecorder;
let app: TestApp;
let editor: string;

beforeAll(async () => {
  recorder = await startSendGridRecorder();
  app = await startTestApp({ seedRows: 2_000, worker: true, env: { SENDGRID_API_KEY: 'SG.test', SENDGRID_API_URL: recorder.baseUrl, WORKER_CONCURRENCY: '8', LOG_LEVEL: 'error' } });
  editor = await app.token('acme', 'editor');
}, 120_000);
afterAll(async () => {
  await app?.close();
  await recorder?.close();
});

describe(`a run to ${RECIPIENTS.toLocaleString('en')} recipients`, () => {
  it('sends one request of one recipient to each, exactly once', async () => {
    const reportId = await reportIdByName(app, editor, 'Usage Summary');
    const created = await app.gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }',
      { i: { reportId, name: 'Everyone', cron: '0 9 * * 1', format: 'CSV', recipients: ['first@example.com'], emailConfig: { attachment: 'LINK' } } }, editor);
    const id = created.data!.createSchedule.id;
    const recipients = Array.from({ length: RECIPIENTS }, (_, i) => `r${i}@example.com`);
    await app.runtime.orm.em.getConnection().execute('UPDATE schedules SET recipients = ARRAY(SELECT json_array_elements_text(?::json)) WHERE id = ?', [JSON.stringify(recipients), id]);
    const started = Date.now();
    const run = await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id }, editor);
    const executionId = run.data!.runScheduleNow.id;
    const status = await waitFor(async () => {
      const [row] = await app.runtime.orm.em.getConnection().execute(`SELECT status FROM schedule_executions WHERE id = ?`, [executionId]);
      return row && row.status !== 'RUNNING' ? row.status : undefined;
    }, 120_000);
    const ms = Date.now() - started;
    expect(status).toBe('DELIVERED');
    const ledger = await app.runtime.orm.em.getConnection().execute(
      `SELECT count(*)::int AS n, count(DISTINCT target)::int AS targets, max(attempts)::int AS max_attempts FROM deliveries WHERE execution_id = ? AND status = 'SENT'`, [executionId]);
    expect(ledger).toEqual([{ n: RECIPIENTS, targets: RECIPIENTS, max_attempts: 1 }]);
    expect(recorder.requests).toHaveLength(RECIPIENTS);
    const addressed = new Set<string>();
    for (const r of recorder.requests) {
      const personalizations = (r.body as any).personalizations as { to: { email: string }[] }[];
      expect(personalizations).toHaveLength(1);
      expect(personalizations[0]!.to).toHaveLength(1);
      addressed.add(personalizations[0]!.to[0]!.email);
    }
    expect([...addressed].sort()).toEqual([...recipients].sort());
    console.log(`[faults] ${RECIPIENTS} recipients: ${recorder.requests.length} requests of 1 recipient each, all SENT once, in ${ms} ms`);
  }, 150_000);
});
