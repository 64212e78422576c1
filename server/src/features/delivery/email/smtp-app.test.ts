import 'reflect-metadata';
/**
 * SMTP_URL end to end: with no SendGrid key, a schedule's run is mailed through a real SMTP server
 * (smtp-server on a loopback port; STARTTLS and AUTH are exercised in smtp-transport.test.ts, as
 * the app verifies certificates and a per-run one is not trusted here); the message it receives is the composed one
 * (List-Unsubscribe + List-Unsubscribe-Post, the CSV attached with its name in any script), sent
 * once per recipient and recorded SENT with its Message-ID; a 5xx reply fails that recipient with
 * the server's words, and an unsubscribed recipient is never offered to the server.
 */
import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../../test/support/test-app.js';
import { waitFor } from '../../../../../test/support/wait.js';

interface Received { to: string[]; raw: Buffer }

let app: TestApp;
let server: SMTPServer;
let editor: string;
const received: Received[] = [];
const refuse = new Set<string>();

beforeAll(async () => {
  server = new SMTPServer({
    hideSTARTTLS: true,
    authOptional: true,
    logger: false,
    onRcptTo(address, _s, cb) {
      if (refuse.has(address.address)) cb(Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 }));
      else cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  app = await startTestApp({
    worker: true,
    env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'reports@reportcast.test', PUBLIC_URL: 'https://reports.test' },
  });
  editor = await app.token('acme', 'editor', 'ed@acme');
}, 180_000);

afterAll(async () => {
  await app?.close();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
});

describe('SMTP_URL', () => {
  it('is the transport when no SendGrid key is set', () => {
    expect(app.config.mail.sendgridApiKey).toBeNull();
    expect(app.config.mail.smtpUrl).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
  });

  it('mails a run through the SMTP server: once per recipient, the composed message, SENT with its Message-ID; a 5xx fails that one with the server\'s words', async () => {
    const reports = await app.gql('{ reports(first: 50) { edges { node { id name } } } }', {}, editor);
    const reportId = reports.data!.reports.edges.find((e: any) => e.node.name === 'Usage Summary').node.id;
    const created = await app.gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }', {
      i: { reportId, name: '東京 weekly', cron: '0 9 * * 1', format: 'CSV', recipients: ['ann@example.com', 'gone@example.com'], emailConfig: { attachment: 'ATTACH' } },
    }, editor);
    expect(created.errors).toBeUndefined();
    const id = created.data!.createSchedule.id;
    refuse.add('gone@example.com');
    const run = await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id }, editor);
    const executionId = run.data!.runScheduleNow.id;
    const execution = await waitFor(async () => {
      const s = (await app.gql(`query($id: ID!) { schedule(id: $id) { executions(first: 5) { edges { node { id status deliveries { target status lastError providerMessageId attempts } } } } } }`, { id }, editor)).data!.schedule;
      const e = s.executions.edges.find((x: any) => x.node.id === executionId)?.node;
      return e && e.status !== 'RUNNING' && e.status !== 'PENDING' ? e : undefined;
    });
    expect(execution.status).toBe('PARTIALLY_DELIVERED');
    const byTarget = Object.fromEntries(execution.deliveries.map((d: any) => [d.target, d]));
    expect(byTarget['ann@example.com']).toMatchObject({ status: 'SENT', attempts: 1 });
    expect(byTarget['gone@example.com'].status).toBe('FAILED');
    expect(byTarget['gone@example.com'].lastError).toMatch(/SMTP server answered 550 to RCPT TO: .*5\.1\.1 mailbox unavailable/);
    expect(received.map((r) => r.to)).toEqual([['ann@example.com']]);

    const raw = received[0]!.raw;
    expect(raw.toString('latin1')).toContain(`Message-ID: <${byTarget['ann@example.com'].providerMessageId}>`);
    const script = `
import email, email.policy, json, sys
m = email.message_from_bytes(sys.stdin.buffer.read(), policy=email.policy.default)
files = [[p.get_content_type(), p.get_filename(), len(p.get_payload(decode=True) or b"")] for p in m.walk() if not p.is_multipart() and p.get_filename()]
print(json.dumps({"from": str(m["From"]), "to": str(m["To"]), "unsubscribe": str(m["List-Unsubscribe"]).strip(), "post": str(m["List-Unsubscribe-Post"]), "files": files, "text": m.get_body(("plain",)).get_content()}))`;
    const parsed = JSON.parse(execFileSync('python3', ['-c', script], { input: raw, encoding: 'utf8' }));
    expect(parsed.from).toBe('reports@reportcast.test');
    expect(parsed.to).toBe('ann@example.com');
    expect(parsed.unsubscribe).toMatch(/^<https:\/\/reports\.test\/unsubscribe\?token=[^>]+>$/);
    expect(parsed.post).toBe('List-Unsubscribe=One-Click');
    // The CSV attached, and the report's chart inline beside the HTML.
    expect(parsed.files.map((f: [string, string, number]) => f[0]).sort()).toEqual(['image/png', 'text/csv']);
    const csv = parsed.files.find((f: [string, string, number]) => f[0] === 'text/csv');
    expect(csv[1]).toMatch(/^usage-summary_\d{4}-\d{2}-\d{2}_\d{2}h\d{2}\.csv$/);
    expect(csv[2]).toBeGreaterThan(100);
    expect(parsed.text).toContain('東京 weekly');

    // Unsubscribed (one-click), ann is never offered to the server again.
    const link = parsed.unsubscribe.slice(1, -1).replace('https://reports.test', app.url);
    expect((await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' })).status).toBe(200);
    refuse.clear();
    const again = await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id }, editor);
    const secondId = again.data!.runScheduleNow.id;
    const second = await waitFor(async () => {
      const s = (await app.gql(`query($id: ID!) { schedule(id: $id) { executions(first: 5) { edges { node { id status deliveries { target status } } } } } }`, { id }, editor)).data!.schedule;
      const e = s.executions.edges.find((x: any) => x.node.id === secondId)?.node;
      return e && e.status !== 'RUNNING' && e.status !== 'PENDING' ? e : undefined;
    });
    expect(Object.fromEntries(second.deliveries.map((d: any) => [d.target, d.status]))).toEqual({ 'ann@example.com': 'UNSUBSCRIBED', 'gone@example.com': 'SENT' });
    expect(received.map((r) => r.to)).toEqual([['ann@example.com'], ['gone@example.com']]);
  }, 120_000);
});
