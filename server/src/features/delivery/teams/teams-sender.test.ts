/**
 * The Teams POST against a local HTTP endpoint: the card as JSON, 200/202 accepted, a 4xx with
 * Teams' words, a 429's Retry-After, an old connector's 200 that reports a failure in its body, and
 * (in production) a loopback URL refused before any request.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliverySendError } from '../send-error.js';
import type { TeamsMessage } from './teams-card.js';
import { postToTeams } from './teams-sender.js';

let server: Server;
let base: string;
const seen: { path: string; type: string | undefined; body: any }[] = [];
const answers: Record<string, { status: number; body: string; headers?: Record<string, string> }> = {
  '/incoming': { status: 200, body: '1' },
  '/workflows': { status: 202, body: '' },
  '/bad': { status: 400, body: 'Bad payload received by generic incoming webhook.' },
  '/busy': { status: 429, body: 'slow down', headers: { 'retry-after': '7' } },
  '/legacy': { status: 200, body: 'Webhook message delivery failed with error: Microsoft Teams endpoint returned HTTP error 429 with ContextId tcid=0.' },
  '/legacy-gone': { status: 200, body: 'Webhook message delivery failed with error: Microsoft Teams endpoint returned HTTP error 404 with ContextId tcid=0.' },
};
const message: TeamsMessage = {
  type: 'message',
  attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.4', body: [{ type: 'TextBlock', text: 'Hi' }], actions: [], msteams: { width: 'Full' } } }],
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ path: req.url!, type: req.headers['content-type'], body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      const a = answers[req.url!]!;
      res.writeHead(a.status, a.headers).end(a.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const post = (path: string, allowPrivate = true) => postToTeams({ url: `${base}${path}`, message, allowPrivate, timeoutMs: 5000 });
async function failure(path: string, allowPrivate = true): Promise<DeliverySendError> {
  const error = await post(path, allowPrivate).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DeliverySendError);
  return error as DeliverySendError;
}

describe('postToTeams', () => {
  it('POSTs the card as JSON; 200 (incoming webhook) and 202 (Workflows) are accepted', async () => {
    expect(await post('/incoming')).toBe('HTTP 200 from 127.0.0.1');
    expect(await post('/workflows')).toBe('HTTP 202 from 127.0.0.1');
    expect(seen.at(-1)).toEqual({ path: '/workflows', type: 'application/json', body: message });
  });

  it('a 4xx fails at once with Teams\' words; a 429 is retried after its Retry-After', async () => {
    const bad = await failure('/bad');
    expect([bad.message, bad.retryable, bad.ambiguous]).toEqual(['Teams answered 400: Bad payload received by generic incoming webhook.', false, false]);
    const busy = await failure('/busy');
    expect([busy.retryable, busy.status, busy.retryAfterMs]).toEqual([true, 429, 7000]);
  });

  it('an old connector\'s 200 that reports a failure in its body is that failure', async () => {
    const throttled = await failure('/legacy');
    expect([throttled.retryable, throttled.status]).toEqual([true, 429]);
    expect(throttled.message).toMatch(/^Teams answered 200 but reported: Webhook message delivery failed/);
    const gone = await failure('/legacy-gone');
    expect([gone.retryable, gone.status]).toEqual([false, 404]);
  });

  it('in production a loopback URL is refused before any request', async () => {
    const count = seen.length;
    const refused = await failure('/incoming', false);
    expect(refused.retryable).toBe(false);
    expect(refused.message).toMatch(/^Refused: 127\.0\.0\.1 resolves to 127\.0\.0\.1 is a loopback address/);
    expect(seen).toHaveLength(count);
  });
});
