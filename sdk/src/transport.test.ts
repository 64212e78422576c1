/**
 * Retry behaviour against a real local HTTP server that answers what we script: 429 with
 * Retry-After then 200, 503 then 200, a dropped connection then 200, and mutations that must not
 * be repeated.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createReportcastClient } from './client.js';
import { ReportcastError } from './errors.js';

type Reply = (req: IncomingMessage, res: ServerResponse) => void;

let server: Server;
let url: string;
let script: Reply[] = [];
const seen: { at: number; body: { operationName?: string; query: string }; authorization?: string }[] = [];

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => (_req, res) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};
const text = (status: number, body: string): Reply => (_req, res) => {
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end(body);
};
const drop: Reply = (req) => req.socket.destroy();
const rateLimited = (seconds: number) =>
  json(429, { errors: [{ message: `Too many requests; retry after ${seconds}s`, extensions: { code: 'RATE_LIMITED', retryAfterSeconds: seconds } }] }, { 'retry-after': String(seconds) });
const me = json(200, { data: { me: { userId: 'u', tenantId: 'acme', role: 'admin' } } });
const deleted = json(200, { data: { deleteReport: 'r1' } });
const paused = json(200, { data: { pauseSchedule: { id: 's1', status: 'PAUSED' } } });

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      seen.push({ at: Date.now(), body: JSON.parse(raw || '{}'), authorization: req.headers.authorization });
      const reply = script.shift() ?? text(500, 'script exhausted');
      reply(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  script = [];
  seen.length = 0;
});

const client = (retry: Parameters<typeof createReportcastClient>[0]['retry'] = { baseDelayMs: 20, maxDelayMs: 100 }) =>
  createReportcastClient({ url, token: 'secret-token', retry });

async function caught(promise: Promise<unknown>): Promise<ReportcastError> {
  const error = await promise.then(() => new Error('expected a rejection'), (e: unknown) => e);
  expect(error).toBeInstanceOf(ReportcastError);
  return error as ReportcastError;
}

describe('queries are retried on transient failures', () => {
  it('429 RATE_LIMITED waits Retry-After, then succeeds', async () => {
    script = [rateLimited(1), me];
    const retries: number[] = [];
    const sdk = createReportcastClient({ url, token: 't', retry: { baseDelayMs: 20 }, onRetry: ({ delayMs }) => retries.push(delayMs) });
    expect(await sdk.me()).toEqual({ userId: 'u', tenantId: 'acme', role: 'admin' });
    expect(seen).toHaveLength(2);
    expect(retries).toEqual([1000]);
    // Only a lower bound: the second request must not come before Retry-After elapsed.
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(950);
    expect(seen.every((s) => s.body.operationName === 'Me' && s.authorization === 'Bearer t')).toBe(true);
  });

  it('a 429 without a GraphQL body still honours the Retry-After header', async () => {
    script = [(_req, res) => { res.writeHead(429, { 'content-type': 'text/plain', 'retry-after': '1' }); res.end('slow down'); }, me];
    const t0 = Date.now();
    expect(await client().me()).not.toBeNull();
    expect(seen).toHaveLength(2);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
  });

  it('503 and a dropped connection back off and succeed', async () => {
    script = [text(503, 'upstream unavailable'), drop, me];
    expect(await client().me()).not.toBeNull();
    expect(seen).toHaveLength(3);
  });

  it('gives up after the configured retries with the last error', async () => {
    script = [text(503, 'a'), text(503, 'b'), text(503, 'c'), me];
    const error = await caught(client({ retries: 2, baseDelayMs: 10 }).me());
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.status).toBe(503);
    expect(seen).toHaveLength(3);
  });

  it('does not wait for a Retry-After longer than maxRetryAfterMs', async () => {
    script = [rateLimited(120), me];
    const error = await caught(client({ baseDelayMs: 10, maxRetryAfterMs: 5_000 }).me());
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 120, status: 429 });
    expect(seen).toHaveLength(1);
  });

  it('never retries errors that repeating cannot fix', async () => {
    script = [json(200, { errors: [{ message: 'Report x not found', path: ['report'], extensions: { code: 'NOT_FOUND' } }], data: null }), me];
    const error = await caught(client().reports.get('x'));
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'Report x not found', operationName: 'GetReport' });
    expect(seen).toHaveLength(1);
  });

  it('retry: false sends once', async () => {
    script = [text(503, 'down'), me];
    expect((await caught(client(false).me())).code).toBe('NETWORK_ERROR');
    expect(seen).toHaveLength(1);
  });
});

describe('mutations', () => {
  it('a non-idempotent mutation is sent once, whatever the failure', async () => {
    for (const reply of [text(503, 'down'), drop, rateLimited(1)]) {
      script = [reply, deleted];
      seen.length = 0;
      const error = await caught(client().reports.delete('r1'));
      expect(['NETWORK_ERROR', 'RATE_LIMITED']).toContain(error.code);
      expect(error.operationName).toBe('DeleteReport');
      expect(seen).toHaveLength(1);
    }
  });

  it('an idempotent mutation (pause) is retried like a query', async () => {
    script = [text(503, 'down'), paused];
    expect(await client().schedules.pause('s1')).toEqual({ id: 's1', status: 'PAUSED' });
    expect(seen).toHaveLength(2);
    expect(seen.every((s) => s.body.operationName === 'PauseSchedule')).toBe(true);
  });
});

describe('BAD_USER_INPUT', () => {
  it('carries the field path and every field problem', async () => {
    script = [json(200, { data: null, errors: [{ message: 'Invalid report: name must be 1 to 200 characters', path: ['createReport'], extensions: {
      code: 'BAD_USER_INPUT', field: 'name', errors: [{ path: 'name', message: 'must be 1 to 200 characters' }, { path: 'definition.source', message: 'unknown table' }],
    } }] })];
    const error = await caught(client().reports.create({ name: '', definition: { source: 'x' } }));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.path).toBe('name');
    expect(error.fieldErrors).toEqual([{ path: 'name', message: 'must be 1 to 200 characters' }, { path: 'definition.source', message: 'unknown table' }]);
  });
});

describe('endpoints and socket reconnection', () => {
  it('reads an origin, a trailing slash and /graphql with or without one as the same endpoint, for HTTP and WebSocket', async () => {
    const { graphqlEndpoint, webSocketEndpoint } = await import('./transport.js');
    for (const given of ['http://h:4000', 'http://h:4000/', 'http://h:4000/graphql', 'http://h:4000/graphql/', 'http://h:4000/graphql//']) {
      expect(graphqlEndpoint(given)).toBe('http://h:4000/graphql');
    }
    expect(graphqlEndpoint('https://h/api/')).toBe('https://h/api/graphql');
    expect(webSocketEndpoint('https://h/api/graphql')).toBe('wss://h/api/graphql');
    expect(webSocketEndpoint('http://h:4000/graphql')).toBe('ws://h:4000/graphql');
  });

  it('reopens a refused or dropped socket; a 4403 only when getToken can bring a fresh token', async () => {
    const { shouldReopenSocket } = await import('./transport.js');
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { type: 'error' });
    expect(shouldReopenSocket(refused, false)).toBe(true);
    expect(shouldReopenSocket({ code: 1006, reason: '' }, false)).toBe(true);
    expect(shouldReopenSocket({ code: 4403, reason: 'Token expired' }, true)).toBe(true);
    expect(shouldReopenSocket({ code: 4403, reason: 'Forbidden' }, false)).toBe(false);
  });
});
