import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSendGridRecorder, type SendGridRecorder } from '../../../../../test/support/sendgrid-recorder.js';
import type { EmailMessage } from './message.js';
import { SendGridTransport, toSendError } from './sendgrid-transport.js';
import { EmailSendError } from './transport.js';

const API_KEY = 'SG.test-key.abc';
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0, 1, 2, 0xfe, 0xff]), Buffer.from('\n%%EOF\n')]);

function message(overrides: Partial<EmailMessage> = {}): EmailMessage {
  return {
    from: 'Reportcast <reports@reportcast.test>',
    to: 'admin@acme.example.com',
    subject: 'Usage Summary — 2026-03-02 09:00 → 2026-03-09 09:00 America/New_York',
    text: 'Usage Summary\nRows: 12',
    html: '<p>Usage Summary</p>',
    attachments: [{ fileName: 'usage-summary.pdf', contentType: 'application/pdf', content: PDF }],
    headers: { 'List-Unsubscribe': '<http://reports.test/unsubscribe?token=t>' },
    deliveryId: '3f0e8f7a-5b2c-4d7e-9a51-1c2b3d4e5f60',
    ...overrides,
  };
}

async function sendError(promise: Promise<unknown>): Promise<EmailSendError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(EmailSendError);
  return error as EmailSendError;
}

/** A port nothing listens on: bind one, then let it go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('SendGridTransport against a recording SendGrid', () => {
  let recorder: SendGridRecorder;
  let transport: SendGridTransport;

  beforeAll(async () => {
    recorder = await startSendGridRecorder();
    transport = new SendGridTransport({ apiKey: API_KEY, baseUrl: recorder.baseUrl, timeoutMs: 5_000 });
  });
  afterAll(async () => {
    await recorder.close();
  });
  afterEach(() => {
    recorder.requests.length = 0;
  });

  it('posts the v3 mail/send shape and returns X-Message-Id', async () => {
    expect(transport.kind).toBe('sendgrid');
    const result = await transport.send(message());
    expect(recorder.requests).toHaveLength(1);
    const request = recorder.requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/v3/mail/send');
    expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request.headers['content-type']).toMatch(/^application\/json/);
    expect(result).toEqual({ providerMessageId: request.messageId });
    expect(result.providerMessageId).toMatch(/^rec\d+_/);

    const body = request.body as any;
    expect(body.personalizations).toEqual([{ to: [{ email: 'admin@acme.example.com' }] }]);
    expect(body.from).toEqual({ email: 'reports@reportcast.test', name: 'Reportcast' });
    expect(body.subject).toBe('Usage Summary — 2026-03-02 09:00 → 2026-03-09 09:00 America/New_York');
    // text/plain must come first (SendGrid rejects other orders).
    expect(body.content).toEqual([
      { type: 'text/plain', value: 'Usage Summary\nRows: 12' },
      { type: 'text/html', value: '<p>Usage Summary</p>' },
    ]);
    expect(body.attachments).toEqual([
      { content: PDF.toString('base64'), filename: 'usage-summary.pdf', type: 'application/pdf', disposition: 'attachment' },
    ]);
    expect(Buffer.from(body.attachments[0].content, 'base64').equals(PDF)).toBe(true);
    expect(body.custom_args).toEqual({ delivery_id: '3f0e8f7a-5b2c-4d7e-9a51-1c2b3d4e5f60' });
    expect(body.headers).toEqual({ 'List-Unsubscribe': '<http://reports.test/unsubscribe?token=t>' });
    expect(body.tracking_settings).toEqual({ click_tracking: { enable: false, enable_text: false } });
  });

  it('sends no attachments key for a link email', async () => {
    await transport.send(message({ attachments: [], headers: undefined }));
    const body = recorder.requests[0]!.body as any;
    expect(body.attachments).toBeUndefined();
    expect(body.headers).toBeUndefined();
  });

  it('uses its own client: two transports keep their own keys and base URLs', async () => {
    const other = await startSendGridRecorder();
    try {
      const second = new SendGridTransport({ apiKey: 'SG.other', baseUrl: `${other.baseUrl}/` });
      await second.send(message());
      await transport.send(message());
      expect(other.requests.map((r) => [r.path, r.headers.authorization])).toEqual([['/v3/mail/send', 'Bearer SG.other']]);
      expect(recorder.requests.map((r) => [r.path, r.headers.authorization])).toEqual([['/v3/mail/send', `Bearer ${API_KEY}`]]);
    } finally {
      await other.close();
    }
  });

  it('keeps a path prefix of the base URL', async () => {
    const prefixed = new SendGridTransport({ apiKey: API_KEY, baseUrl: `${recorder.baseUrl}/relay/` });
    // The recorder only serves /v3/mail/send, so a prefixed path is a 404: permanent.
    const error = await sendError(prefixed.send(message()));
    expect(recorder.requests[0]!.path).toBe('/relay/v3/mail/send');
    expect(error).toMatchObject({ retryable: false, status: 404 });
  });

  it.each([429, 500] as const)('%i is retryable', async (status) => {
    recorder.respondWith(status);
    const error = await sendError(transport.send(message()));
    expect(error.retryable).toBe(true);
    expect(error.status).toBe(status);
    expect(error.message).toContain(`SendGrid answered ${status}`);
    expect(error.message).toMatch(status === 429 ? /too many requests/ : /internal server error/);
    // The next request is answered normally again.
    await expect(transport.send(message())).resolves.toMatchObject({ providerMessageId: expect.any(String) });
    expect(recorder.requests.map((r) => r.status)).toEqual([status, 202]);
  });

  it('429 carries when to retry', async () => {
    recorder.respondWith(429);
    const error = await sendError(transport.send(message()));
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(0);
    expect(error.retryAfterMs).toBeLessThanOrEqual(2_000);
  });

  it.each([400, 401] as const)('%i is permanent', async (status) => {
    recorder.respondWith(status);
    const error = await sendError(transport.send(message()));
    expect(error.retryable).toBe(false);
    expect(error.status).toBe(status);
    if (status === 400) expect(error.message).toContain('from: The from object must be provided');
    // The error never repeats the API key.
    expect(error.message).not.toContain(API_KEY);
    expect(JSON.stringify(error)).not.toContain(API_KEY);
  });

  it('answers queued statuses in order', async () => {
    recorder.respondWith(500, 2);
    recorder.respondWith(429);
    const statuses: Array<number | undefined> = [];
    for (let i = 0; i < 3; i++) statuses.push((await sendError(transport.send(message()))).status);
    expect(statuses).toEqual([500, 500, 429]);
    await transport.send(message());
    expect(recorder.requests).toHaveLength(4);
  });

  it('a timeout is retryable but ambiguous: the request did arrive', async () => {
    const impatient = new SendGridTransport({ apiKey: API_KEY, baseUrl: recorder.baseUrl, timeoutMs: 200 });
    recorder.stall();
    const error = await sendError(impatient.send(message()));
    expect(error.retryable).toBe(true);
    expect(error.ambiguous).toBe(true);
    expect(error.status).toBeUndefined();
  });

  it('rejects headers that would collide with ours or with the API request, before sending', async () => {
    for (const headers of <Array<Record<string, string>>>[{ Authorization: 'Bearer x' }, { Subject: 'x' }, { 'X-Test': 'é' }, { 'X-Test': 'a\r\nBcc: x' }, { 'Bad Name': 'x' }]) {
      const error = await sendError(transport.send(message({ headers })));
      expect(error.retryable).toBe(false);
    }
    expect(recorder.requests).toHaveLength(0);
  });

  it('refuses a message over SendGrid’s 30 MB limit without calling it', async () => {
    const big = Buffer.alloc(23 * 1024 * 1024); // 30.7 MB as base64
    const error = await sendError(transport.send(message({ attachments: [{ fileName: 'big.pdf', contentType: 'application/pdf', content: big }] })));
    expect(error).toMatchObject({ retryable: false, status: 413 });
    expect(recorder.requests).toHaveLength(0);
  });

  it('sends an international domain in its ASCII form, the display name as written', async () => {
    await transport.send(message({ to: 'Jürgen Groß <Info@Bücher.de>', from: 'Ελληνικά Reports <reports@παράδειγμα.gr>' }));
    const body = recorder.requests[0]!.body as any;
    expect(body.personalizations).toEqual([{ to: [{ email: 'info@xn--bcher-kva.de', name: 'Jürgen Groß' }] }]);
    expect(body.from).toEqual({ email: 'reports@xn--hxajbheg2az3al.gr', name: 'Ελληνικά Reports' });
  });

  it('an unusable address is permanent, caught before calling SendGrid', async () => {
    for (const to of ['', 'not-an-address', 'a@b.test\r\nBcc: c@d.test', 'θ@example.com']) {
      const error = await sendError(transport.send(message({ to })));
      expect(error.retryable).toBe(false);
    }
    expect(recorder.requests).toHaveLength(0);
  });
});

describe('SendGridTransport without a server', () => {
  it('connection refused (closed port) is retryable', async () => {
    const port = await closedPort();
    const transport = new SendGridTransport({ apiKey: API_KEY, baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 5_000 });
    const error = await sendError(transport.send(message()));
    expect(error.retryable).toBe(true);
    expect(error.status).toBeUndefined();
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.ambiguous).toBe(false);
  });

  it('a recorder that was closed is retryable', async () => {
    const recorder = await startSendGridRecorder();
    await recorder.close();
    const transport = new SendGridTransport({ apiKey: API_KEY, baseUrl: recorder.baseUrl });
    expect((await sendError(transport.send(message()))).retryable).toBe(true);
  });

  it('validates its options', () => {
    expect(() => new SendGridTransport({ apiKey: '' })).toThrow(/API key/);
    expect(() => new SendGridTransport({ apiKey: API_KEY, baseUrl: 'not a url' })).toThrow(/valid URL/);
    expect(() => new SendGridTransport({ apiKey: API_KEY, baseUrl: 'ftp://x.test' })).toThrow(/http/);
    expect(new SendGridTransport({ apiKey: API_KEY }).baseUrl).toBe('https://api.sendgrid.com');
  });
});

describe('toSendError', () => {
  it('maps statuses, network codes and other failures', () => {
    expect(toSendError({ code: 503, response: { headers: { 'retry-after': '7' }, body: '' } })).toMatchObject({ retryable: true, status: 503, retryAfterMs: 7000 });
    expect(toSendError({ code: 408, response: { headers: {}, body: null } })).toMatchObject({ retryable: true, status: 408 });
    expect(toSendError({ code: 403, response: { headers: {}, body: { errors: [{ message: 'access forbidden' }] } } }))
      .toMatchObject({ retryable: false, status: 403, message: 'SendGrid answered 403: access forbidden' });
    // Never connected: safe to retry. Connected but no answer: ambiguous (may have been accepted).
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']) {
      expect(toSendError(Object.assign(new Error('boom'), { code }))).toMatchObject({ retryable: true, ambiguous: false });
    }
    for (const code of ['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED']) {
      expect(toSendError(Object.assign(new Error('boom'), { code }))).toMatchObject({ retryable: true, ambiguous: true });
    }
    expect(toSendError(Object.assign(new Error('socket hang up'), { isAxiosError: true }))).toMatchObject({ ambiguous: true });
    expect(toSendError(Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT', isAxiosError: true })))
      .toMatchObject({ retryable: true, ambiguous: false });
    expect(toSendError({ code: 500, response: { headers: {}, body: null } }).ambiguous).toBe(false);
    expect(toSendError(new Error('Provide at least one of to, cc or bcc')).retryable).toBe(false);
    const same = new EmailSendError('x', true);
    expect(toSendError(same)).toBe(same);
  });
});
