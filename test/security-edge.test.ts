/**
 * Issue 15, class 3: bounded work before authentication. Each form of the attack is refused with
 * its typed answer (HTTP status and extensions.code, or WebSocket close code), nothing is written,
 * and the server answers normally afterwards. Then: failures from one address, of any kind and over
 * either path, spend one budget; past it, that address gets 429 with Retry-After on both paths
 * (its WebSocket upgrade included), before its body is read or its token checked, while other
 * addresses are unaffected.
 *
 * The app trusts the loopback proxy (TRUST_PROXY=loopback), so each case can speak from an address
 * of its own through X-Forwarded-For and keep its failures out of the others' budgets.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { errorCode, startTestApp, type TestApp } from './support/test-app.js';
import { rawSocket, sendFrame, upgradeRefusal } from './support/raw-socket.js';
import { rawRequest, type RawResponse } from './support/raw-http.js';
import { rowCounts } from './support/row-counts.js';

let app: TestApp;
let editor: string;
const BUDGET = 5;

beforeAll(async () => {
  app = await startTestApp({
    seedRows: 1_000,
    env: {
      TRUST_PROXY: 'loopback', FAILED_REQUESTS_PER_MINUTE: String(BUDGET), WS_AUTH_TIMEOUT_MS: '500',
      // Room for a document of 100k tokens, so the token count is what refuses it.
      GRAPHQL_MAX_DOCUMENT_KB: '512', RATE_LIMIT_PER_MINUTE: '100000',
    },
  });
  editor = await app.token('acme', 'editor');
});
afterAll(async () => app?.close());

let nextAddress = 10;
/** A client address of its own (TEST-NET-2), so one case's failures do not spend another's budget. */
const freshAddress = () => `198.51.100.${nextAddress++}`;

function post(address: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<RawResponse> {
  return rawRequest(`${app.url}/graphql`, { body, headers: { 'content-type': 'application/json', 'x-forwarded-for': address, ...headers } });
}

const CREATE = (name: string) => `mutation { createReport(input: { name: "${name}", definition: { source: "usage_events", measures: [{ fn: COUNT }] } }) { id } }`;
/** A mutation that would write a report, padded to over `tokens` tokens by nested list brackets (one token each). */
const paddedMutation = (tokens: number) => `mutation { createReport(input: { name: "padded", tags: ${'['.repeat(tokens / 2)}${']'.repeat(tokens / 2)}, definition: { source: "usage_events", measures: [{ fn: COUNT }] } }) { id } }`;

type Outcome = { status?: number; code?: string; closeCode?: number; extensions?: Record<string, unknown> };

const MB = 1024 * 1024;

const attacks: [string, (address: string) => Promise<Outcome>, Outcome][] = [
  ['one 20 MB connection_init before authenticating', async (address) => {
    const frame = Buffer.from(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${editor}`, pad: 'x'.repeat(20 * MB) } }));
    return { closeCode: await sendFrame(app.url, frame, { 'x-forwarded-for': address }) };
  }, { closeCode: 1009 }],
  ['one 200 KB message in 20 fragments of 10 KB (each frame small, the message not)', async (address) => {
    const s = await rawSocket(app.url, { 'x-forwarded-for': address });
    const text = JSON.stringify({ type: 'connection_init', payload: { pad: 'y'.repeat(200 * 1024) } });
    const step = Math.ceil(text.length / 20);
    for (let i = 0; i < text.length; i += step) s.ws.send(text.slice(i, i + step), { fin: i + step >= text.length });
    return { closeCode: (await s.closed).code };
  }, { closeCode: 1009 }],
  ['20 medium frames (60 KB, under the cap) before authenticating: closed at the first', async (address) => {
    const s = await rawSocket(app.url, { 'x-forwarded-for': address });
    for (let i = 0; i < 20; i++) s.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer forged', pad: 'z'.repeat(60 * 1024) } }));
    return { closeCode: (await s.closed).code };
  }, { closeCode: 4403 }],
  ['a socket that never authenticates', async (address) => {
    const s = await rawSocket(app.url, { 'x-forwarded-for': address });
    const started = Date.now();
    const { code } = await s.closed;
    expect(Date.now() - started).toBeLessThan(3_000);
    return { closeCode: code };
  }, { closeCode: 4408 }],
  ['a 5 MB HTTP body (a mutation padded past the body limit)', async (address) => {
    const res = await post(address, JSON.stringify({ query: CREATE('huge body'), variables: { pad: 'p'.repeat(5 * MB) } }));
    expect(res.headers.connection).toBe('close');
    return { status: res.status, code: res.json().errors[0].extensions.code, extensions: res.json().errors[0].extensions };
  }, { status: 413, code: 'QUERY_TOO_COMPLEX', extensions: { maxBodyBytes: MB } }],
  ['a mutation of 100k tokens over HTTP', async (address) => {
    const res = await post(address, JSON.stringify({ query: paddedMutation(100_000) }));
    return { status: res.status, code: res.json().errors[0].extensions.code, extensions: res.json().errors[0].extensions };
  }, { status: 400, code: 'QUERY_TOO_COMPLEX', extensions: { maxTokens: 10_000 } }],
  ['a 600 KB document of few tokens (one long comment) over HTTP', async (address) => {
    const res = await post(address, JSON.stringify({ query: `${CREATE('long comment')} # ${'c'.repeat(600 * 1024)}` }));
    return { status: res.status, code: res.json().errors[0].extensions.code, extensions: res.json().errors[0].extensions };
  }, { status: 400, code: 'QUERY_TOO_COMPLEX', extensions: { maxDocumentBytes: 512 * 1024 } }],
  ['a mutation of 100k tokens over WebSocket: the frame cap refuses it first', async (address) => {
    const s = await rawSocket(app.url, { 'x-forwarded-for': address });
    s.send({ type: 'connection_init', payload: { authorization: `Bearer ${editor}` } });
    await s.next('connection_ack');
    s.send({ id: '1', type: 'subscribe', payload: { query: paddedMutation(100_000) } });
    return { closeCode: (await s.closed).code };
  }, { closeCode: 1009 }],
  ['a mutation of 30k tokens in a 30 KB frame over WebSocket: the same token limit as HTTP', async (address) => {
    const s = await rawSocket(app.url, { 'x-forwarded-for': address });
    s.send({ type: 'connection_init', payload: { authorization: `Bearer ${editor}` } });
    await s.next('connection_ack');
    s.send({ id: '1', type: 'subscribe', payload: { query: paddedMutation(30_000) } });
    const error = await s.next('error');
    s.ws.close();
    return { code: error.payload[0].extensions.code, extensions: error.payload[0].extensions };
  }, { code: 'QUERY_TOO_COMPLEX', extensions: { maxTokens: 10_000 } }],
  ['a body that is not JSON', async (address) => {
    const res = await post(address, `{"query": "${CREATE('broken')}`);
    return { status: res.status, code: res.json().errors[0].extensions.code };
  }, { status: 400, code: 'BAD_USER_INPUT' }],
];

describe('15.3 bounded work before authentication: each form is refused, nothing is written', () => {
  for (const [name, attack, expected] of attacks) {
    it(name, async () => {
      const before = await rowCounts(app);
      const consoleError = vi.spyOn(console, 'error');
      try {
        const outcome = await attack(freshAddress());
        const { extensions, ...rest } = expected;
        expect(outcome).toMatchObject(rest);
        if (extensions) expect(outcome.extensions).toMatchObject(extensions);
        // ws reports a refused frame as a socket error; graphql-ws would print each one.
        expect(consoleError).not.toHaveBeenCalled();
      } finally {
        consoleError.mockRestore();
      }
      expect(await rowCounts(app)).toEqual(before);
      // And the server answers normally afterwards.
      const ok = await app.gql('{ me { userId } }', {}, editor);
      expect(ok.data?.me?.userId).toBe('editor@acme');
    });
  }
});

describe('15.3 failed requests from one address spend one budget, over HTTP and WebSocket alike', () => {
  it(`after ${BUDGET} failures of any kind, the address gets 429 with Retry-After on both paths; others do not`, async () => {
    const address = freshAddress();
    const failures: [string, () => Promise<unknown>][] = [
      ['a bad token over HTTP', async () => expect((await post(address, JSON.stringify({ query: '{ reports { totalCount } }' }), { authorization: 'Bearer forged' })).status).toBe(401)],
      ['a body that is not JSON', async () => expect((await post(address, '{"query":')).status).toBe(400)],
      ['a document that does not parse', async () => expect((await post(address, JSON.stringify({ query: '{ reports {' }))).status).toBe(400)],
      ['a bad token over WebSocket', async () => {
        const s = await rawSocket(app.url, { 'x-forwarded-for': address });
        s.send({ type: 'connection_init', payload: { authorization: 'Bearer forged' } });
        expect((await s.closed).code).toBe(4403);
      }],
      ['an oversized frame', async () => {
        const s = await rawSocket(app.url, { 'x-forwarded-for': address });
        s.send('x'.repeat(100 * 1024));
        expect((await s.closed).code).toBe(1009);
      }],
    ];
    expect(failures).toHaveLength(BUDGET);
    for (const [, fail] of failures) await fail();

    const before = await rowCounts(app);
    // Even a valid token is not looked at: the address is refused before its body is read.
    const refused = await post(address, JSON.stringify({ query: CREATE('after the budget') }), { authorization: `Bearer ${editor}` });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(errorCode(refused.json())).toBe('RATE_LIMITED');
    expect(refused.json().errors[0].extensions.retryAfterSeconds).toBe(retryAfter);

    const upgrade = await upgradeRefusal(app.url, { 'x-forwarded-for': address });
    expect(upgrade?.status).toBe(429);
    expect(Number(upgrade?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(await rowCounts(app)).toEqual(before);

    // Another address still gets through, on both paths.
    const other = freshAddress();
    const ok = await post(other, JSON.stringify({ query: '{ me { userId } }' }), { authorization: `Bearer ${editor}` });
    expect(ok.status).toBe(200);
    expect(await upgradeRefusal(app.url, { 'x-forwarded-for': other })).toBeNull();
  });

  it('a refused request is not itself a failure: the budget of a valid client is untouched by successes', async () => {
    const address = freshAddress();
    for (let i = 0; i < BUDGET * 3; i++) {
      const res = await post(address, JSON.stringify({ query: '{ me { userId } }' }), { authorization: `Bearer ${editor}` });
      expect(res.status).toBe(200);
    }
  });

  it('an authenticated socket that keeps sending unparseable documents is closed with 4429 once its budget is spent', async () => {
    const address = freshAddress();
    const s = await rawSocket(app.url, { 'x-forwarded-for': address });
    s.send({ type: 'connection_init', payload: { authorization: `Bearer ${editor}` } });
    await s.next('connection_ack');
    for (let i = 0; i < BUDGET - 1; i++) {
      s.send({ id: String(i), type: 'subscribe', payload: { query: '{ me {' } });
      expect((await s.next('error')).payload[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    }
    s.send({ id: 'last', type: 'subscribe', payload: { query: '{ me {' } });
    const { code, reason } = await s.closed;
    expect(code).toBe(4429);
    expect(reason).toMatch(/retry after \d+s/);
    expect(s.ws.readyState).toBe(WebSocket.CLOSED);
  });
});
