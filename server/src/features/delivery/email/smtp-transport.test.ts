/**
 * The SMTP transport against a real SMTP server (smtp-server) on a loopback port: STARTTLS with a
 * self-signed certificate made for this run by the openssl CLI (no key is committed), AUTH PLAIN
 * or LOGIN, and the server's answers turned into retryable / permanent / ambiguous failures.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.js';
import { renderReportEmail, CHART_CONTENT_ID } from './message.js';
import { openTransport } from './open-transport.js';
import { SmtpTransport } from './smtp-transport.js';
import { EmailSendError } from './transport.js';

interface Received {
  from: string;
  to: string[];
  user: string | undefined;
  secure: boolean;
  raw: string;
}

let certDir: string;
let key: string;
let cert: string;

beforeAll(() => {
  certDir = mkdtempSync(join(tmpdir(), 'reportcast-smtp-'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    '-keyout', join(certDir, 'key.pem'), '-out', join(certDir, 'cert.pem'),
  ], { stdio: 'ignore' });
  key = readFileSync(join(certDir, 'key.pem'), 'utf8');
  cert = readFileSync(join(certDir, 'cert.pem'), 'utf8');
});
afterAll(() => rmSync(certDir, { recursive: true, force: true }));

/** An SMTP server on 127.0.0.1 that records what it accepts; `options` override behaviour. */
async function startServer(options: Partial<SMTPServerOptions> = {}): Promise<{ port: number; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    key,
    cert,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    // smtp-server refuses AUTH before STARTTLS unless allowInsecureAuth: keep it refused.
    onAuth(auth, _session, callback) {
      if (auth.username === 'mailer' && auth.password === 'p@ss wörd') return callback(null, { user: auth.username });
      const error = Object.assign(new Error('Invalid username or password'), { responseCode: 535 });
      callback(error);
    },
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: (session.envelope.mailFrom as { address: string }).address,
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
          secure: session.secure,
          raw: Buffer.concat(chunks).toString('latin1'),
        });
        callback();
      });
    },
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function message(deliveryId = 'delivery-1') {
  return renderReportEmail(
    {
      reportName: '東京 週次 — Ελληνικά Отчёт 📊',
      scheduleName: 'Weekly',
      tenantId: 'acme',
      periodLabel: '2026-03-02 → 2026-03-09 (UTC)',
      rowCount: 3,
      totalRows: 3,
      truncated: false,
      format: 'CSV',
      fileName: '東京レポート_2026-03-09.csv',
      fileSize: 11,
      attachment: Buffer.from('a,b\n1,2\r\n\u00e9'),
      contentType: 'text/csv',
      downloadUrl: null,
      linkExpiresAt: null,
      unsubscribeUrl: 'https://reports.test/unsubscribe/v1.abc',
      chart: { png: Buffer.from('89504e470d0a1a0a0000', 'hex'), width: 10, height: 10, alt: 'Chart' },
    },
    'Reportcast <reports@reportcast.test>',
    'Zoë <zoe@acme.test>',
    deliveryId,
  );
}

/** Python's email package (policy.default) reads the message back: headers decoded, parts listed. */
function parseWithPython(raw: string): { subject: string; to: string; delivery: string; unsubscribe: string; unsubscribe_post: string; files: Array<[string, string | null, string | null, number]> } {
  const script = `
import email, email.policy, json, sys
m = email.message_from_bytes(sys.stdin.buffer.read(), policy=email.policy.default)
files = [[p.get_content_type(), p.get_filename(), p.get("Content-ID"), len(p.get_payload(decode=True) or b"")] for p in m.walk() if not p.is_multipart() and p.get_filename()]
print(json.dumps({"subject": str(m["Subject"]), "to": str(m["To"]), "delivery": str(m["X-Reportcast-Delivery"]), "unsubscribe": str(m["List-Unsubscribe"]), "unsubscribe_post": str(m["List-Unsubscribe-Post"]), "files": files}))`;
  return JSON.parse(execFileSync('python3', ['-c', script], { input: Buffer.from(raw, 'latin1'), encoding: 'utf8' }));
}

describe('SmtpTransport against smtp-server', () => {
  it('upgrades with STARTTLS, authenticates, and delivers the composed message once', async () => {
    const server = await startServer();
    try {
      const transport = new SmtpTransport({ url: `smtp://mailer:${encodeURIComponent('p@ss wörd')}@localhost:${server.port}`, tls: { ca: cert } });
      expect(transport.kind).toBe('smtp');
      const m = message();
      const result = await transport.send(m);
      transport.close();
      expect(server.received).toHaveLength(1);
      const got = server.received[0]!;
      expect(got.secure).toBe(true); // STARTTLS happened before MAIL FROM
      expect(got.user).toBe('mailer');
      expect(got.from).toBe('reports@reportcast.test');
      expect(got.to).toEqual(['zoe@acme.test']);
      expect(got.raw).toMatch(/^[\x00-\x7F]*$/);
      expect(got.raw).toContain(`Message-ID: <${result.providerMessageId}>`);
      const parsed = parseWithPython(got.raw);
      expect(parsed.subject).toBe(m.subject);
      expect(parsed.to).toBe('Zoë <zoe@acme.test>');
      expect(parsed.delivery).toBe('delivery-1');
      expect(parsed.unsubscribe).toBe('<https://reports.test/unsubscribe/v1.abc>');
      expect(parsed.unsubscribe_post).toBe('List-Unsubscribe=One-Click');
      expect(parsed.files).toEqual([
        ['image/png', 'chart.png', `<${CHART_CONTENT_ID}>`, 10],
        ['text/csv', '東京レポート_2026-03-09.csv', null, Buffer.byteLength('a,b\n1,2\r\n\u00e9')],
      ]);
    } finally {
      await server.close();
    }
  });

  it('never sends credentials in the clear: a user on smtp:// requires STARTTLS', async () => {
    const authAttempts: string[] = [];
    const server = await startServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        authAttempts.push(auth.username ?? '');
        callback(null, { user: auth.username });
      },
    });
    try {
      const transport = new SmtpTransport({ url: `smtp://mailer:${encodeURIComponent('p@ss wörd')}@127.0.0.1:${server.port}`, tls: { ca: cert } });
      const error = await transport.send(message()).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(EmailSendError);
      expect(authAttempts).toEqual([]);
      expect(server.received).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it('a wrong password fails permanently with the server\'s answer', async () => {
    const server = await startServer();
    try {
      const transport = new SmtpTransport({ url: `smtp://mailer:wrong@localhost:${server.port}`, tls: { ca: cert } });
      const error = (await transport.send(message()).then(() => null, (e: unknown) => e)) as EmailSendError;
      expect(error).toBeInstanceOf(EmailSendError);
      expect(error.retryable).toBe(false);
      expect(error.status).toBe(535);
      expect(error.message).toContain('Invalid username or password');
      expect(server.received).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it('a 4xx reply is retried later, a 5xx reply fails at once with the peer\'s message', async () => {
    for (const [code, retryable] of [[451, true], [550, false]] as const) {
      const server = await startServer({
        authOptional: true,
        onRcptTo(_address, _session, callback) {
          callback(Object.assign(new Error(`mailbox says ${code}`), { responseCode: code }));
        },
      });
      try {
        const error = (await new SmtpTransport({ url: `smtp://localhost:${server.port}`, tls: { ca: cert } }).send(message()).then(() => null, (e: unknown) => e)) as EmailSendError;
        expect(error).toBeInstanceOf(EmailSendError);
        expect(error.status).toBe(code);
        expect(error.retryable).toBe(retryable);
        expect(error.ambiguous).toBe(false);
        expect(error.message).toContain(`mailbox says ${code}`);
      } finally {
        await server.close();
      }
    }
  });

  it('no server: retryable, and certainly not delivered', async () => {
    const server = await startServer();
    const port = server.port;
    await server.close();
    const error = (await new SmtpTransport({ url: `smtp://127.0.0.1:${port}` }).send(message()).then(() => null, (e: unknown) => e)) as EmailSendError;
    expect(error).toBeInstanceOf(EmailSendError);
    expect(error.retryable).toBe(true);
    expect(error.ambiguous).toBe(false);
  });

  it('no answer after the message was sent: ambiguous (it may have been delivered)', async () => {
    const server = await startServer({
      authOptional: true,
      onData(stream) {
        stream.resume(); // read it all, then never answer
      },
    });
    try {
      const error = (await new SmtpTransport({ url: `smtp://localhost:${server.port}`, tls: { ca: cert }, timeoutMs: 400 }).send(message()).then(() => null, (e: unknown) => e)) as EmailSendError;
      expect(error).toBeInstanceOf(EmailSendError);
      expect(error.retryable).toBe(true);
      expect(error.ambiguous).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('a message that cannot be addressed fails before connecting, permanently', async () => {
    const error = (await new SmtpTransport({ url: 'smtp://127.0.0.1:1' }).send({ ...message(), to: 'a@b.test\r\nBcc: x@y.test' }).then(() => null, (e: unknown) => e)) as EmailSendError;
    expect(error).toBeInstanceOf(EmailSendError);
    expect(error.retryable).toBe(false);
  });
});

describe('openTransport', () => {
  it('SendGrid if a key is set, else SMTP if SMTP_URL is set, else the outbox', () => {
    expect(openTransport(loadConfig({})).kind).toBe('outbox');
    expect(openTransport(loadConfig({ SMTP_URL: 'smtp://localhost:2525' })).kind).toBe('smtp');
    expect(openTransport(loadConfig({ SMTP_URL: 'smtp://localhost:2525', SENDGRID_API_KEY: 'SG.test-key' })).kind).toBe('sendgrid');
  });
});
