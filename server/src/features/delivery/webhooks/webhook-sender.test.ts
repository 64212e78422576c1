/**
 * sendWebhook against a real HTTPS receiver on 127.0.0.1 (a self-signed certificate made for this
 * run by the openssl CLI, as the SMTP tests do), which verifies every request with the
 * `standardwebhooks` package exactly as a customer's receiver would.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DeliverySendError } from '../send-error.js';
import { resolvePinnedAddress, sendWebhook } from './webhook-sender.js';

const SECRET = `whsec_${Buffer.from('a test secret of thirty-two bytes').toString('base64')}`;

interface Received { headers: IncomingHttpHeaders; body: string; verified: unknown; path: string }
type Answer = (res: ServerResponse) => void;

let certDir: string;
let cert: string;
let server: Server;
let port: number;
const received: Received[] = [];
const answers: Answer[] = [];

beforeAll(async () => {
  certDir = mkdtempSync(join(tmpdir(), 'reportcast-webhook-'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,DNS:hooks.test,IP:127.0.0.1',
    '-keyout', join(certDir, 'key.pem'), '-out', join(certDir, 'cert.pem'),
  ], { stdio: 'ignore' });
  cert = readFileSync(join(certDir, 'cert.pem'), 'utf8');
  server = createServer({ key: readFileSync(join(certDir, 'key.pem')), cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let verified: unknown;
      try {
        verified = new Webhook(SECRET).verify(body, req.headers as Record<string, string>);
      } catch (error) {
        verified = `invalid: ${(error as Error).message}`;
      }
      received.push({ headers: req.headers, body, verified, path: req.url ?? '' });
      const answer = answers.shift();
      if (answer) answer(res);
      else res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(certDir, { recursive: true, force: true });
});
beforeEach(() => {
  received.length = 0;
  answers.length = 0;
});

const body = JSON.stringify({ type: 'report.delivered', data: { rowCount: 3, name: '東京 レポート 📈 Ελληνικά العربية' } });
const base = () => ({ url: `https://localhost:${port}/hooks/in`, secret: SECRET, id: 'c0ffee00-0000-4000-8000-000000000001', body, allowPrivate: true, ca: cert });

async function failure(promise: Promise<unknown>): Promise<DeliverySendError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DeliverySendError);
  return error as DeliverySendError;
}

describe('sendWebhook', () => {
  it('POSTs the body once, signed per Standard Webhooks (webhook-id is the delivery id), verified by the receiver', async () => {
    const answer = await sendWebhook(base());
    expect(answer).toEqual({ status: 204, address: '127.0.0.1' });
    expect(received).toHaveLength(1);
    const [r] = received;
    expect(r!.path).toBe('/hooks/in');
    expect(r!.body).toBe(body);
    expect(r!.headers['webhook-id']).toBe('c0ffee00-0000-4000-8000-000000000001');
    expect(Number(r!.headers['webhook-timestamp'])).toBeCloseTo(Date.now() / 1000, -1);
    expect(r!.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    expect(r!.headers['content-type']).toBe('application/json');
    expect(r!.verified).toEqual(JSON.parse(body));
  });

  it('a body signed with another secret does not verify at the receiver', async () => {
    await sendWebhook({ ...base(), secret: `whsec_${Buffer.from('another secret, not the receiver one').toString('base64')}` });
    expect(received[0]!.verified).toMatch(/^invalid: /);
  });

  it('5xx and 429 are retryable (429 with its Retry-After); 4xx is permanent with the receiver\'s words', async () => {
    answers.push((res) => res.writeHead(503, { 'content-type': 'text/plain' }).end('down for maintenance'));
    const e503 = await failure(sendWebhook(base()));
    expect(e503).toMatchObject({ retryable: true, status: 503, ambiguous: false });
    expect(e503.message).toBe('The webhook receiver answered 503: down for maintenance');

    answers.push((res) => res.writeHead(429, { 'retry-after': '17' }).end());
    expect(await failure(sendWebhook(base()))).toMatchObject({ retryable: true, status: 429, retryAfterMs: 17_000 });

    answers.push((res) => res.writeHead(422, { 'content-type': 'application/json' }).end('{"error":"unknown schedule"}'));
    const e422 = await failure(sendWebhook(base()));
    expect(e422).toMatchObject({ retryable: false, status: 422 });
    expect(e422.message).toBe('The webhook receiver answered 422: {"error":"unknown schedule"}');
  });

  it('follows no redirect: a 3xx is a permanent failure naming where it pointed', async () => {
    answers.push((res) => res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end());
    const e = await failure(sendWebhook(base()));
    expect(e).toMatchObject({ retryable: false, status: 302 });
    expect(e.message).toContain('a redirect to http://169.254.169.254/latest/meta-data/; redirects are not followed');
    expect(received).toHaveLength(1);
  });

  it('a receiver that takes the body and never answers: the answer is lost (ambiguous) after the timeout', async () => {
    answers.push(() => { /* never answers */ });
    const started = Date.now();
    const e = await failure(sendWebhook({ ...base(), timeoutMs: 400 }));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(e.ambiguous).toBe(true);
    expect(e.message).toMatch(/no answer within 0.4 s/);
    expect(received).toHaveLength(1);
  });

  it('a connection dropped after the body arrived is ambiguous; a refused connection is retryable, not ambiguous', async () => {
    answers.push((res) => res.socket?.destroy());
    expect(await failure(sendWebhook(base()))).toMatchObject({ ambiguous: true });

    const refused = await failure(sendWebhook({ ...base(), url: 'https://127.0.0.1:1/x' }));
    expect(refused).toMatchObject({ ambiguous: false, retryable: true });
  });

  it('an untrusted certificate is refused before any byte is sent', async () => {
    const e = await failure(sendWebhook({ ...base(), ca: undefined }));
    expect(e.ambiguous).toBe(false);
    expect(received).toHaveLength(0);
  });

  it('production rules: a name resolving to any internal address is refused permanently, and nothing is sent', async () => {
    const resolve = async () => [{ address: '93.184.216.34', family: 4 }, { address: '::ffff:127.0.0.1', family: 6 }];
    const e = await failure(sendWebhook({ ...base(), url: `https://hooks.test:${port}/x`, allowPrivate: false, resolve }));
    expect(e).toMatchObject({ retryable: false });
    expect(e.message).toBe('Refused: hooks.test resolves to ::ffff:127.0.0.1 is a loopback address (webhooks may only reach public addresses)');
    expect(received).toHaveLength(0);
  });

  it('pins the checked address: the request goes to the address resolved once, whatever the name resolves to later (rebinding)', async () => {
    let calls = 0;
    // The first answer is what was checked; a rebinding DNS would answer differently on the connect.
    const resolve = async () => (calls++ === 0 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '10.9.9.9', family: 4 }]);
    const answer = await sendWebhook({ ...base(), url: `https://hooks.test:${port}/pinned`, resolve });
    expect(calls).toBe(1);
    expect(answer.address).toBe('127.0.0.1');
    expect(received[0]!.headers.host).toBe(`hooks.test:${port}`);
    // The certificate is still checked against the URL's host name (SNI hooks.test).
    expect(received[0]!.verified).toEqual(JSON.parse(body));
  });

  it('an unknown host is permanent; a DNS failure of the moment is retryable', async () => {
    expect(await failure(resolvePinnedAddress('nowhere.invalid', true, async () => { throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }); })))
      .toMatchObject({ retryable: false });
    expect(await failure(resolvePinnedAddress('hooks.test', true, async () => { throw Object.assign(new Error('getaddrinfo EAI_AGAIN'), { code: 'EAI_AGAIN' }); })))
      .toMatchObject({ retryable: true });
  });
});
