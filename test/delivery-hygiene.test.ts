import 'reflect-metadata';
/**
 * Delivery hygiene end to end (issue 20), with real PostgreSQL, chDB, the job worker and the
 * SendGrid recorder: RFC 8058 one-click unsubscribe (GET changes nothing, POST unsubscribes,
 * resubscribe from the page), the tenant's suppression list consulted before every send and
 * managed by admins, SendGrid's signed Event Webhook (a forged signature is 403; a real one marks
 * the delivery bounced and suppresses the address), and onlyIfChanged (two identical runs, one
 * delivery).
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSendGridRecorder, type SendGridRecorder } from './support/sendgrid-recorder.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { waitFor } from './support/wait.js';
import { tick } from '../server/src/features/schedules/tick.service.js';

let recorder: SendGridRecorder;
let app: TestApp;
let admin: string;
let editor: string;
let otherAdmin: string;
let webhookKey: KeyObject;
let scheduleId: string;
let reportId: string;
let definition: Record<string, unknown>;

const ONE_CLICK = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' };
const RUN = `query($id: ID!) { schedule(id: $id) { executions(first: 50) { edges { node { id status error
  deliveries { id target status providerStatus providerDetail } } } } } }`;

const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) => app.runtime.orm.em.getConnection().execute<T[]>(query, params);

/** Runs the schedule now and waits for its execution's final status. */
async function runNow(id = scheduleId): Promise<{ id: string; status: string; error: string | null; deliveries: { id: string; target: string; status: string; providerStatus: string | null; providerDetail: string | null }[] }> {
  const run = await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id }, editor);
  expect(run.errors).toBeUndefined();
  const executionId = run.data!.runScheduleNow.id as string;
  return waitFor(async () => {
    const s = (await app.gql(RUN, { id }, admin)).data!.schedule;
    const e = s.executions.edges.find((x: any) => x.node.id === executionId)?.node;
    return e && e.status !== 'RUNNING' && e.status !== 'PENDING' ? e : undefined;
  }, 60_000);
}

/** Posts events to the webhook signed as SendGrid does: ECDSA P-256 / SHA-256 over timestamp + body, base64 DER. */
function postEvents(events: unknown[], key: KeyObject = webhookKey) {
  const body = JSON.stringify(events);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = sign('sha256', Buffer.from(timestamp + body), key).toString('base64');
  return fetch(`${app.url}/webhooks/sendgrid`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-Twilio-Email-Event-Webhook-Signature': signature, 'X-Twilio-Email-Event-Webhook-Timestamp': timestamp },
    body,
  });
}

function sentTo(email: string, from = 0) {
  return recorder.requests.slice(from).filter((r) => r.path.endsWith('/v3/mail/send') && (r.body as any)?.personalizations?.[0]?.to?.[0]?.email === email);
}

beforeAll(async () => {
  recorder = await startSendGridRecorder();
  const keys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  webhookKey = keys.privateKey;
  app = await startTestApp({
    worker: true,
    env: {
      SENDGRID_API_KEY: 'SG.test-key', SENDGRID_API_URL: recorder.baseUrl, MAIL_FROM: 'reports@reportcast.test', PUBLIC_URL: 'http://reports.test',
      SENDGRID_WEBHOOK_PUBLIC_KEY: keys.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    },
  });
  admin = await app.token('acme', 'admin', 'ann@acme');
  editor = await app.token('acme', 'editor', 'ed@acme');
  otherAdmin = await app.token('globex', 'admin', 'gina@globex');
  // An absolute window: the same rows whenever it runs (onlyIfChanged).
  definition = { source: 'usage_events', dimensions: [{ field: 'platform' }], measures: [{ fn: 'COUNT', alias: 'events' }],
    timeRange: { from: new Date(app.seededAt.getTime() - 10 * 86_400_000).toISOString(), to: new Date(app.seededAt.getTime() - 86_400_000).toISOString() } };
  const report = await app.gql('mutation($i: CreateReportInput!) { createReport(input: $i) { id } }', { i: { name: 'Hygiene: events by platform', definition } }, editor);
  expect(report.errors).toBeUndefined();
  reportId = report.data!.createReport.id;
  const created = await app.gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }', {
    i: { reportId: report.data!.createReport.id, name: 'Hygiene', cron: '0 9 * * 1', format: 'CSV', recipients: ['ann@example.com', 'Bob@Example.com'] },
  }, editor);
  expect(created.errors).toBeUndefined();
  scheduleId = created.data!.createSchedule.id;
}, 180_000);

afterAll(async () => {
  await app?.close();
  await recorder?.close();
});

describe('delivery hygiene', () => {
  let unsubscribeLink: string;
  let bobDelivery: string;

  it('each email carries List-Unsubscribe (https link) + List-Unsubscribe-Post, and SendGrid gets our delivery_id', async () => {
    const before = recorder.requests.length;
    const run = await runNow();
    expect(run.status).toBe('DELIVERED');
    expect(run.deliveries.map((d) => d.status)).toEqual(['SENT', 'SENT']);
    for (const d of run.deliveries) {
      const [mail] = sentTo(d.target, before);
      expect(mail, d.target).toBeDefined();
      const body = mail!.body as { headers: Record<string, string>; custom_args: Record<string, string> };
      expect(body.custom_args).toEqual({ delivery_id: d.id });
      expect(body.headers['List-Unsubscribe']).toMatch(/^<http:\/\/reports\.test\/unsubscribe\?token=[^>]+>$/);
      expect(body.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    }
    unsubscribeLink = (sentTo('ann@example.com', before)[0]!.body as any).headers['List-Unsubscribe'].slice(1, -1).replace('http://reports.test', app.url);
    bobDelivery = run.deliveries.find((d) => d.target === 'bob@example.com')!.id;
  }, 90_000);

  it('GET shows a page with a button and changes nothing; POST One-Click unsubscribes (200); the page offers resubscribe', async () => {
    for (let i = 0; i < 3; i++) {
      const page = await fetch(unsubscribeLink);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toMatch(/<form method="post" action="unsubscribe\?token=[^"]+"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe<\/button><\/form>/);
      expect(html).not.toMatch(/<script|style=/);
    }
    expect(await sql('SELECT * FROM email_suppressions')).toEqual([]);

    const res = await fetch(unsubscribeLink, ONE_CLICK);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('ann@example.com will no longer receive “Hygiene”');
    expect(html).toMatch(/name="action" value="resubscribe"><button type="submit">Resubscribe/);
    expect(await sql('SELECT email, reason, schedule_id FROM email_suppressions')).toEqual([{ email: 'ann@example.com', reason: 'UNSUBSCRIBED', schedule_id: scheduleId }]);
    // Again, and as multipart (RFC 8058 allows both): still one entry, one audit record.
    const form = new FormData();
    form.set('List-Unsubscribe', 'One-Click');
    expect((await fetch(unsubscribeLink, { method: 'POST', body: form })).status).toBe(200);
    expect(await sql('SELECT count(*)::int AS n FROM email_suppressions')).toEqual([{ n: 1 }]);
    expect(await sql(`SELECT actor FROM audit_log WHERE action = 'schedule.unsubscribe'`)).toEqual([{ actor: 'ann@example.com' }]);
    // A POST that does not say One-Click changes nothing.
    expect((await fetch(unsubscribeLink, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=Maybe' })).status).toBe(400);
    // Opened again, the page says so and offers to resubscribe.
    expect(await (await fetch(unsubscribeLink)).text()).toMatch(/You are unsubscribed.*Resubscribe/s);
  });

  it('the event webhook: a forged signature is 403 and changes nothing', async () => {
    const forger = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
    const events = [{ email: 'bob@example.com', event: 'bounce', type: 'bounce', reason: '550 5.1.1 no such user', delivery_id: bobDelivery, timestamp: 1_800_000_000 }];
    expect((await postEvents(events, forger)).status).toBe(403);
    const unsigned = await fetch(`${app.url}/webhooks/sendgrid`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(events) });
    expect(unsigned.status).toBe(403);
    // A real signature over a different body (a tampered payload) fails too.
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = sign('sha256', Buffer.from(timestamp + '[]'), webhookKey).toString('base64');
    const tampered = await fetch(`${app.url}/webhooks/sendgrid`, { method: 'POST', headers: { 'X-Twilio-Email-Event-Webhook-Signature': signature, 'X-Twilio-Email-Event-Webhook-Timestamp': timestamp }, body: JSON.stringify(events) });
    expect(tampered.status).toBe(403);
    expect(await sql(`SELECT provider_status FROM deliveries WHERE id = ?`, [bobDelivery])).toEqual([{ provider_status: null }]);
    expect(await sql(`SELECT count(*)::int AS n FROM email_suppressions WHERE reason <> 'UNSUBSCRIBED'`)).toEqual([{ n: 0 }]);
  });

  it('a signed bounce marks the delivery BOUNCED with the reason and suppresses the address tenant-wide; delivered and replays change nothing more', async () => {
    const ann = (await sql<{ id: string }>(`SELECT id FROM deliveries WHERE target = 'ann@example.com'`))[0]!.id;
    const res = await postEvents([
      { email: 'ann@example.com', event: 'delivered', delivery_id: ann, timestamp: 1_800_000_000 },
      { email: 'bob@example.com', event: 'bounce', type: 'bounce', reason: '550 5.1.1 no such user', delivery_id: bobDelivery, timestamp: 1_800_000_001 },
      { email: 'bob@example.com', event: 'delivered', delivery_id: bobDelivery, timestamp: 1_800_000_002 },
      { email: 'someone@else.test', event: 'spamreport', delivery_id: ann, timestamp: 1_800_000_003 }, // not its address: ignored
    ]);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: 4, applied: 3 });
    expect((await postEvents([{ email: 'bob@example.com', event: 'bounce', type: 'bounce', reason: '550 5.1.1 no such user', delivery_id: bobDelivery, timestamp: 1_800_000_001 }])).status).toBe(200);
    const runs = (await app.gql(RUN, { id: scheduleId }, admin)).data!.schedule.executions.edges;
    const deliveries = runs.flatMap((e: any) => e.node.deliveries);
    expect(deliveries.find((d: any) => d.id === bobDelivery)).toMatchObject({ status: 'SENT', providerStatus: 'BOUNCED', providerDetail: '550 5.1.1 no such user' });
    expect(deliveries.find((d: any) => d.id === ann)).toMatchObject({ providerStatus: 'DELIVERED' });
    expect(await sql(`SELECT email, reason, schedule_id, detail FROM email_suppressions WHERE reason = 'BOUNCED'`)).toEqual([
      { email: 'bob@example.com', reason: 'BOUNCED', schedule_id: null, detail: '550 5.1.1 no such user' },
    ]);
    expect(await sql(`SELECT actor, details->>'email' AS email FROM audit_log WHERE action = 'suppression.add'`)).toEqual([{ actor: 'sendgrid', email: 'bob@example.com' }]);
  });

  it('the next run sends to nobody suppressed: UNSUBSCRIBED and SUPPRESSED, nothing reaches SendGrid', async () => {
    const before = recorder.requests.length;
    const run = await runNow();
    expect(Object.fromEntries(run.deliveries.map((d) => [d.target, d.status]))).toEqual({ 'ann@example.com': 'UNSUBSCRIBED', 'bob@example.com': 'SUPPRESSED' });
    expect(recorder.requests.length).toBe(before);
  }, 90_000);

  it('admins see the list and can remove an entry (audited); editors cannot; another tenant gets NOT_FOUND', async () => {
    const Q = '{ suppressions { id email reason scheduleId detail deliveryId createdAt } }';
    const list = await app.gql(Q, {}, admin);
    expect(list.errors).toBeUndefined();
    expect(list.data!.suppressions.map((s: any) => [s.email, s.reason, s.scheduleId])).toEqual([
      ['bob@example.com', 'BOUNCED', null],
      ['ann@example.com', 'UNSUBSCRIBED', scheduleId],
    ]);
    expect((await app.gql(Q, {}, editor)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await app.gql(Q, {}, otherAdmin)).data!.suppressions).toEqual([]);
    const bob = list.data!.suppressions[0];
    expect(bob.deliveryId).toBe(bobDelivery);
    const REMOVE = 'mutation($id: ID!) { removeSuppression(id: $id) { id email } }';
    expect((await app.gql(REMOVE, { id: bob.id }, otherAdmin)).errors![0]!.extensions!.code).toBe('NOT_FOUND');
    expect((await app.gql(REMOVE, { id: 'not-a-uuid' }, admin)).errors![0]!.extensions!.code).toBe('NOT_FOUND');
    const removed = await app.gql(REMOVE, { id: bob.id }, admin);
    expect(removed.data!.removeSuppression).toEqual({ id: bob.id, email: 'bob@example.com' });
    expect(await sql(`SELECT actor FROM audit_log WHERE action = 'suppression.remove' AND target_id = ?`, [bob.id])).toEqual([{ actor: 'ann@acme' }]);
    expect((await app.gql('query($e: String) { suppressions(email: $e) { email } }', { e: 'BOB@example.com' }, admin)).data!.suppressions).toEqual([]);
  });

  it('resubscribing from the page lets the next run mail both again', async () => {
    const res = await fetch(unsubscribeLink, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'action=resubscribe' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('You are subscribed again');
    expect(await sql('SELECT count(*)::int AS n FROM email_suppressions')).toEqual([{ n: 0 }]);
    const run = await runNow();
    expect(run.deliveries.map((d) => d.status)).toEqual(['SENT', 'SENT']);
  }, 90_000);

  it('onlyIfChanged: two identical runs, one delivery (SKIPPED_UNCHANGED); changed rows deliver again', async () => {
    const updated = await app.gql('mutation($id: ID!, $i: UpdateScheduleInput!) { updateSchedule(id: $id, input: $i) { onlyIfChanged } }', { id: scheduleId, i: { onlyIfChanged: true } }, editor);
    expect(updated.data!.updateSchedule.onlyIfChanged).toBe(true);
    const before = recorder.requests.length;
    const same = await runNow();
    expect(same.status).toBe('SKIPPED_UNCHANGED');
    expect(same.deliveries).toEqual([]);
    expect(recorder.requests.length).toBe(before);
    const fingerprints = await sql<{ rows_fingerprint: string }>(`SELECT x.rows_fingerprint FROM exports x WHERE x.schedule_id = ? ORDER BY x.created_at DESC LIMIT 2`, [scheduleId]);
    expect(fingerprints[0]!.rows_fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprints[0]!.rows_fingerprint).toBe(fingerprints[1]!.rows_fingerprint);
    // Other rows (a wider measure list) → a different fingerprint → delivered.
    const changed = await app.gql('mutation($id: ID!, $i: UpdateReportInput!) { updateReport(id: $id, input: $i) { id } }',
      { id: reportId, i: { definition: { ...definition, measures: [...(definition.measures as object[]), { fn: 'UNIQ', field: 'user_id', alias: 'users' }] } } }, editor);
    expect(changed.errors).toBeUndefined();
    const fresh = await runNow();
    expect(fresh.status).toBe('DELIVERED');
    expect(sentTo('ann@example.com', before)).toHaveLength(1);
  }, 120_000);

  it('the tick records Thanksgiving (US) and Christmas as SKIPPED with the holiday\'s name; the day after runs', async () => {
    const reportIdOf = (await sql<{ report_id: string }>('SELECT report_id FROM schedules WHERE id = ?', [scheduleId]))[0]!.report_id;
    const created = await app.gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id holidayCountry upcomingRuns(count: 1) { skipReason } } }', {
      i: { reportId: reportIdOf, name: 'Holidays', cron: '0 9 * * *', timezone: 'America/New_York', format: 'CSV', recipients: ['ann@example.com'],
        businessDaysOnly: true, holidayCountry: 'us' },
    }, editor);
    expect(created.errors).toBeUndefined();
    expect(created.data!.createSchedule.holidayCountry).toBe('US');
    const id = created.data!.createSchedule.id;
    const options = { graceMs: app.config.schedules.graceMs, maxAttempts: app.config.worker.maxAttempts, log: app.runtime.log };
    // Only this schedule is due at these instants: the others are paused meanwhile.
    const paused = await sql<{ id: string }>(`UPDATE schedules SET status = 'PAUSED' WHERE status = 'ACTIVE' AND id <> ? RETURNING id`, [id]);
    try {
      for (const slot of ['2026-11-26T14:00:00Z', '2026-12-25T14:00:00Z', '2026-11-27T14:00:00Z']) {
        await sql('UPDATE schedules SET next_run_at = ? WHERE id = ?', [new Date(slot), id]);
        await tick(app.runtime.orm.em.fork(), new Date(Date.parse(slot) + 30_000), options);
      }
    } finally {
      await sql(`UPDATE schedules SET status = 'ACTIVE' WHERE id IN (SELECT jsonb_array_elements_text(?::jsonb)::uuid)`, [JSON.stringify(paused.map((p) => p.id))]);
    }
    const rows = await sql<{ scheduled_for: Date; status: string; error: string | null }>(
      'SELECT scheduled_for, status, error FROM schedule_executions WHERE schedule_id = ? ORDER BY scheduled_for', [id]);
    expect(rows.map((r) => [new Date(r.scheduled_for).toISOString(), r.status, r.error])).toEqual([
      ['2026-11-26T14:00:00.000Z', 'SKIPPED', 'Not a business day: public holiday Thanksgiving Day (US)'],
      ['2026-11-27T14:00:00.000Z', 'RUNNING', null],
      ['2026-12-25T14:00:00.000Z', 'SKIPPED', 'Not a business day: public holiday Christmas Day (US)'],
    ]);
    const failure = await app.gql(`query($id: ID!) { schedule(id: $id) { executions(first: 5) { edges { node { status failure { errorCode message } } } } } }`, { id }, editor);
    expect(failure.data!.schedule.executions.edges.map((e: any) => e.node.failure?.errorCode ?? null)).toEqual(['NOT_A_BUSINESS_DAY', null, 'NOT_A_BUSINESS_DAY']);
    const bad = await app.gql('mutation($id: ID!, $i: UpdateScheduleInput!) { updateSchedule(id: $id, input: $i) { id } }', { id, i: { holidayRegion: 'ZZ' } }, editor);
    expect(bad.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.extensions!.field).toBe('input.holidayRegion');
  }, 120_000);
});

describe('an international domain', () => {
  it('is sent to in ASCII; the provider\'s bounce for that form suppresses the stored address', async () => {
    const created = await app.gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id recipients } }', {
      i: { reportId, name: 'Bücher', cron: '0 9 * * 1', format: 'CSV', recipients: ['Info@Bücher.de'] },
    }, editor);
    expect(created.errors).toBeUndefined();
    expect(created.data!.createSchedule.recipients).toEqual(['info@bücher.de']);
    const id = created.data!.createSchedule.id;
    const before = recorder.requests.length;
    const first = await runNow(id);
    expect(first.status).toBe('DELIVERED');
    expect(sentTo('info@xn--bcher-kva.de', before)).toHaveLength(1);
    const delivery = first.deliveries[0]!;
    expect(delivery.target).toBe('info@bücher.de');
    // SendGrid's events name the address as it was sent.
    const res = await postEvents([{ email: 'info@xn--bcher-kva.de', event: 'bounce', type: 'bounce', reason: '550 5.1.1 unknown', delivery_id: delivery.id, timestamp: 1_800_000_100 }]);
    expect(await res.json()).toEqual({ received: 1, applied: 1 });
    expect(await sql(`SELECT email, reason FROM email_suppressions WHERE delivery_id = ?`, [delivery.id])).toEqual([{ email: 'info@bücher.de', reason: 'BOUNCED' }]);
    const again = recorder.requests.length;
    const second = await runNow(id);
    expect(second.deliveries.map((d) => [d.target, d.status])).toEqual([['info@bücher.de', 'SUPPRESSED']]);
    expect(recorder.requests.length).toBe(again);
  }, 120_000);
});
