import 'reflect-metadata';
/**
 * sendReadyNotice's ledger (the `delivery__notice` job) against a real PostgreSQL and the SendGrid
 * v3 API stand-in: a notice goes out once and is recorded SENT with the provider's id; a retryable
 * answer leaves it PENDING and throws (the job retries) until the last attempt, which is FAILED; a
 * refusal fails it at once; a lost answer is UNCERTAIN and never resent; a notice found SENDING
 * (its worker died mid-send) becomes UNCERTAIN without a send; a suppressed address gets nothing;
 * a notice already settled is left alone.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.js';
import { startSendGridRecorder, type SendGridRecorder } from '../../../../test/support/sendgrid-recorder.js';
import { SendGridTransport } from '../delivery/email/sendgrid-transport.js';
import { sendReadyNotice, type ReadyNoticeDeps } from './ready-notice.js';

let app: TestApp;
let sendgrid: SendGridRecorder;
let deps: ReadyNoticeDeps;

beforeAll(async () => {
  sendgrid = await startSendGridRecorder();
  app = await startTestApp({ seedRows: 100 });
  deps = {
    em: app.runtime.orm.em.fork(),
    transport: new SendGridTransport({ apiKey: 'SG.test', baseUrl: sendgrid.baseUrl, timeoutMs: 2_000 }),
    from: 'reports@reportcast.test',
    baseUrl: 'https://reports.test',
    secret: 'a'.repeat(64),
    linkTtlSeconds: 3600,
    log: { debug() {}, info() {}, warn() {}, error() {} } as unknown as ReadyNoticeDeps['log'],
  };
}, 180_000);

afterAll(async () => {
  await app?.close();
  await sendgrid?.close();
});

const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) => app.runtime.orm.em.getConnection().execute<T[]>(query, params);

/** A settled on-demand export with its notice delivery, as SETTLE_AND_NOTIFY records them. */
async function notice(target: string, exportStatus: 'COMPLETED' | 'FAILED' = 'COMPLETED', status = 'PENDING'): Promise<string> {
  const exportId = randomUUID();
  const deliveryId = randomUUID();
  await sql(`INSERT INTO exports (id, tenant_id, report_id, report_name, definition, format, triggered_by, initiated_by, as_of, max_attempts, status,
      storage_key, file_name, row_count, error_message, completed_at, time_zone, locale)
    VALUES (?, 'acme', NULL, 'Usage Summary', '{}', 'CSV', 'MANUAL', 'erin@acme', now(), 1, ?, ?, 'usage.csv', 12, ?, now(), 'Asia/Tokyo', 'ja-JP')`,
  [exportId, exportStatus, exportStatus === 'COMPLETED' ? `acme/${exportId}.csv` : null, exportStatus === 'FAILED' ? 'The analytics query failed' : null]);
  await sql(`INSERT INTO deliveries (id, tenant_id, execution_id, export_id, channel, target, status) VALUES (?, 'acme', NULL, ?, 'EMAIL', ?, ?)`,
    [deliveryId, exportId, target, status]);
  return deliveryId;
}

async function ledger(id: string): Promise<{ status: string; attempts: number; provider_message_id: string | null; last_error: string | null }> {
  const [row] = await sql<{ status: string; attempts: number; provider_message_id: string | null; last_error: string | null }>(
    'SELECT status, attempts, provider_message_id, last_error FROM deliveries WHERE id = ?', [id]);
  return row!;
}

const sendsTo = (to: string) => sendgrid.requests.filter((r) => JSON.stringify(r.body).includes(to)).length;

describe('sendReadyNotice', () => {
  it('sends once and records SENT with the provider id; a second run of the job sends nothing', async () => {
    const id = await notice('once@acme.test');
    await sendReadyNotice(deps, id, { attempts: 1, maxAttempts: 5 });
    const row = await ledger(id);
    expect(row.status).toBe('SENT');
    expect(row.attempts).toBe(1);
    expect(row.provider_message_id).toMatch(/\S/);
    const sent = sendgrid.requests.find((r) => JSON.stringify(r.body).includes('once@acme.test'))!;
    expect(JSON.stringify(sent.body)).toContain('Your export is ready: Usage Summary');
    expect(JSON.stringify(sent.body)).toContain('(Asia/Tokyo)');
    await sendReadyNotice(deps, id, { attempts: 2, maxAttempts: 5 });
    expect(sendsTo('once@acme.test')).toBe(1);
  });

  it('a failed export gets the reason, and no download link', async () => {
    const id = await notice('failed@acme.test', 'FAILED');
    await sendReadyNotice(deps, id, { attempts: 1, maxAttempts: 5 });
    expect((await ledger(id)).status).toBe('SENT');
    const body = JSON.stringify(sendgrid.requests.find((r) => JSON.stringify(r.body).includes('failed@acme.test'))!.body);
    expect(body).toContain('Reason: The analytics query failed');
    expect(body).not.toContain('/download');
  });

  it('a retryable answer leaves it PENDING and throws for the retry, until the last attempt, which is FAILED', async () => {
    const id = await notice('busy@acme.test');
    sendgrid.respondWith(500);
    await expect(sendReadyNotice(deps, id, { attempts: 1, maxAttempts: 2 })).rejects.toThrow(/500|internal server error/i);
    expect(await ledger(id)).toMatchObject({ status: 'PENDING', attempts: 1 });
    expect((await ledger(id)).last_error).toMatch(/\S/);
    sendgrid.respondWith(500);
    await sendReadyNotice(deps, id, { attempts: 2, maxAttempts: 2 });
    expect(await ledger(id)).toMatchObject({ status: 'FAILED', attempts: 2 });
    expect(sendsTo('busy@acme.test')).toBe(2);
  });

  it('a refusal fails it at once, with the provider\'s words', async () => {
    const id = await notice('refused@acme.test');
    sendgrid.respondWith(400);
    await sendReadyNotice(deps, id, { attempts: 1, maxAttempts: 5 });
    const row = await ledger(id);
    expect(row.status).toBe('FAILED');
    expect(row.last_error).toContain('The from object must be provided');
  });

  it('an answer lost after the provider accepted it is UNCERTAIN and never sent again', async () => {
    const id = await notice('lost@acme.test');
    sendgrid.acceptThenDrop();
    await sendReadyNotice(deps, id, { attempts: 1, maxAttempts: 5 });
    expect((await ledger(id)).status).toBe('UNCERTAIN');
    await sendReadyNotice(deps, id, { attempts: 2, maxAttempts: 5 });
    expect(sendsTo('lost@acme.test')).toBe(1);
  });

  it('found SENDING (its worker died mid-send): UNCERTAIN, nothing sent', async () => {
    const id = await notice('died@acme.test', 'COMPLETED', 'SENDING');
    await sendReadyNotice(deps, id, { attempts: 2, maxAttempts: 5 });
    const row = await ledger(id);
    expect(row.status).toBe('UNCERTAIN');
    expect(row.last_error).toMatch(/stopped before the provider answered/);
    expect(sendsTo('died@acme.test')).toBe(0);
  });

  it('a suppressed address gets nothing (the tenant\'s list; another tenant\'s does not count)', async () => {
    await sql(`INSERT INTO email_suppressions (tenant_id, email, reason) VALUES ('acme', 'bounced@acme.test', 'BOUNCED'), ('globex', 'other@acme.test', 'BOUNCED')`);
    const id = await notice('Bounced@acme.test');
    await sendReadyNotice(deps, id, { attempts: 1, maxAttempts: 5 });
    expect(await ledger(id)).toMatchObject({ status: 'SUPPRESSED', attempts: 0 });
    expect((await ledger(id)).last_error).toContain('BOUNCED');
    const other = await notice('other@acme.test');
    await sendReadyNotice(deps, other, { attempts: 1, maxAttempts: 5 });
    expect((await ledger(other)).status).toBe('SENT');
    expect(sendsTo('bounced@acme.test') + sendsTo('Bounced@acme.test')).toBe(0);
  });

  it('leaves a settled notice, and an unknown id, alone', async () => {
    const id = await notice('done@acme.test', 'COMPLETED', 'FAILED');
    await sendReadyNotice(deps, id, { attempts: 1, maxAttempts: 5 });
    expect((await ledger(id)).status).toBe('FAILED');
    await sendReadyNotice(deps, randomUUID(), { attempts: 1, maxAttempts: 5 });
    expect(sendsTo('done@acme.test')).toBe(0);
  });
});
