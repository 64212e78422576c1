/**
 * Plain JSON POSTs to /graphql skip Express (server/src/graphql/lean-post.ts); everything else goes
 * through it. Both paths must answer alike: each request here is sent twice, once as a plain POST
 * (a Content-Length: the lean path) and once chunked (no Content-Length: Express), and the answers
 * compared: status, body, security headers, request id. Express adds an ETag to what Apollo
 * answers through it and the lean path does not, which tells the two apart; the edge's refusals
 * are written by the same function on both paths (edge-limits.ts refuse).
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.js';

let app: TestApp;
let viewer: string;

beforeAll(async () => {
  app = await startTestApp({ seedRows: 100 });
  viewer = await app.token('acme', 'viewer');
});
afterAll(async () => app?.close());

interface Answer { status: number; headers: Record<string, string | string[] | undefined>; body: string }

/** POSTs `body` to /graphql, whole (Content-Length) or in two chunks (Transfer-Encoding: chunked). */
function send(body: Buffer, headers: Record<string, string>, chunked: boolean): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (chunked) {
      const half = Math.floor(body.length / 2);
      req.write(body.subarray(0, half));
      req.end(body.subarray(half));
    } else req.end(body);
  });
}

async function both(body: string | Buffer, headers: Record<string, string> = {}, answeredBy: 'apollo' | 'edge' = 'apollo') {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const lean = await send(bytes, headers, false);
  const express = await send(bytes, headers, true);
  // Which path answered: Express tags what Apollo sends through it, the lean path does not.
  expect(lean.headers.etag).toBeUndefined();
  if (answeredBy === 'apollo') expect(express.headers.etag).toBeDefined();
  for (const name of ['content-security-policy', 'x-frame-options', 'x-content-type-options', 'referrer-policy', 'cross-origin-opener-policy', 'content-type', 'www-authenticate', 'retry-after']) {
    expect([name, lean.headers[name]]).toEqual([name, express.headers[name]]);
  }
  expect(lean.headers['content-security-policy']).toContain("default-src 'self'");
  expect(lean.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$|^[A-Za-z0-9._:-]+$/);
  expect(express.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$|^[A-Za-z0-9._:-]+$/);
  expect(lean.status).toBe(express.status);
  expect(JSON.parse(lean.body)).toEqual(JSON.parse(express.body));
  return lean;
}

const gql = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });

describe('POST /graphql: the lean path answers as Express does', () => {
  it('an operation, with its data', async () => {
    const answer = await both(gql('{ me { userId role } }'), { authorization: `Bearer ${viewer}` });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ data: { me: { userId: 'viewer@acme', role: 'viewer' } } });
  });

  it('a refused token: 401 with its challenge', async () => {
    const answer = await both(gql('{ me { userId } }'), { authorization: 'Bearer forged' });
    expect(answer.status).toBe(401);
    expect(answer.headers['www-authenticate']).toMatch(/^Bearer /);
    expect(JSON.parse(answer.body).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('a body that is not JSON, and JSON that is not an object', async () => {
    for (const body of ['{"query": "{ me { userId } }"', '42', '"{ me { userId } }"', 'null']) {
      const answer = await both(body, { authorization: `Bearer ${viewer}` }, 'edge');
      expect([body, answer.status, JSON.parse(answer.body).errors[0].extensions.code]).toEqual([body, 400, 'BAD_USER_INPUT']);
    }
  });

  it('a body that starts with a byte order mark', async () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(gql('{ me { userId } }'))]);
    const answer = await both(body, { authorization: `Bearer ${viewer}` });
    expect(JSON.parse(answer.body)).toEqual({ data: { me: { userId: 'viewer@acme' } } });
  });

  it('a document over the token limit: QUERY_TOO_COMPLEX before parsing', async () => {
    const answer = await both(gql(`{ me { userId ${'__typename '.repeat(20_000)} } }`), { authorization: `Bearer ${viewer}` }, 'edge');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it("keeps a client's sane request id", async () => {
    const lean = await send(Buffer.from(gql('{ __typename }')), { 'x-request-id': 'trace-42' }, false);
    expect(lean.headers['x-request-id']).toBe('trace-42');
    expect(lean.headers.etag).toBeUndefined();
  });
});
