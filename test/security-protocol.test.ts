/**
 * Issue 8, scenarios 17 and 18 against a real server in production mode: every way a JWT can be
 * forged or stale is UNAUTHENTICATED; graphql-ws answers protocol abuse with its named close codes
 * and ends a session when its token expires; abusive operations (deep, aliased, batched, huge
 * pages) are refused before any resolver runs, over HTTP and over WebSocket alike; introspection
 * and field suggestions are off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { issueToken } from '../server/src/features/auth/tokens.js';
import { errorCode, startTestApp, type TestApp } from './support/test-app.js';
import { rawSocket as openRawSocket, type RawSocket } from './support/raw-socket.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ seedRows: 2_000, env: { NODE_ENV: 'production', GRAPHQL_MAX_DEPTH: '6', RATE_LIMIT_PER_MINUTE: '100000' } });
});
afterAll(async () => app?.close());

const REPORTS = '{ reports { totalCount } }';
const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const claims = (extra: Record<string, unknown> = {}) => ({ sub: 'mallory', tenant: 'acme', role: 'admin', iat: now(), exp: now() + 3600, ...extra });
const secret = () => new TextEncoder().encode(app.config.jwtSecret!);
/** A token signed by hand: any header, any claims, HMAC with any key. */
function hsToken(header: object, payload: object, key: string | Buffer, alg: 'sha256' | 'sha512' = 'sha256'): string {
  const body = `${b64(header)}.${b64(payload)}`;
  return `${body}.${createHmac(alg, key).update(body).digest('base64url')}`;
}

describe('17. JWT attacks are UNAUTHENTICATED over HTTP and WebSocket', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const attacks: [string, () => Promise<string>][] = [
    ['alg none, no signature', async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`],
    ['alg "None" with the real signature of the claims', async () => hsToken({ alg: 'None' }, claims(), app.config.jwtSecret!)],
    ['RS256 signed with an attacker key', async () => new SignJWT(claims()).setProtectedHeader({ alg: 'RS256' }).sign(privateKey)],
    ['alg confusion: HS256 keyed with an RSA public key', async () => hsToken({ alg: 'HS256', typ: 'JWT' }, claims(), publicPem)],
    ['alg confusion: RS256 header over an HMAC made with the real secret', async () => hsToken({ alg: 'RS256', typ: 'JWT' }, claims(), app.config.jwtSecret!)],
    ['HS512 with the real secret (algorithm not pinned)', async () => hsToken({ alg: 'HS512', typ: 'JWT' }, claims(), app.config.jwtSecret!, 'sha512')],
    ['wrong secret', async () => new SignJWT(claims()).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('x'.repeat(16) + 'another-secret-0123456789'))],
    ['expired', async () => new SignJWT(claims({ iat: now() - 7200, exp: now() - 60 })).setProtectedHeader({ alg: 'HS256' }).sign(secret())],
    ['not yet valid (nbf in the future)', async () => new SignJWT(claims({ nbf: now() + 600 })).setProtectedHeader({ alg: 'HS256' }).sign(secret())],
    ['no expiry at all', async () => new SignJWT({ sub: 'm', tenant: 'acme', role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).sign(secret())],
    ['missing tenant claim', async () => new SignJWT({ ...claims(), tenant: undefined }).setProtectedHeader({ alg: 'HS256' }).sign(secret())],
    ['tenant claim that is not a tenant id', async () => new SignJWT(claims({ tenant: "acme' OR '1'='1" })).setProtectedHeader({ alg: 'HS256' }).sign(secret())],
    ['malformed header (not JSON)', async () => `${b64('{"alg":"HS256"')}.${b64(claims())}.${'A'.repeat(43)}`],
    ['malformed header (not base64)', async () => `%%%.${b64(claims())}.sig`],
    ['two parts only', async () => `${b64({ alg: 'HS256' })}.${b64(claims())}`],
    ['payload tampered after signing (role escalated)', async () => {
      const real = await issueToken(app.config.jwtSecret!, { tenantId: 'acme', role: 'viewer', userId: 'v', ttlSeconds: 600 });
      const [h, p, s] = real.split('.');
      const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
      return `${h}.${b64({ ...payload, role: 'admin' })}.${s}`;
    }],
  ];

  for (const [name, make] of attacks) {
    it(`refuses: ${name}`, async () => {
      const token = await make();
      const res = await app.gql(REPORTS, {}, token);
      expect(res.status).toBe(401);
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
      expect(res.data ?? null).toBeNull();
      expect(await wsCloseCodeForToken(token)).toBe(4403);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// graphql-ws at the frame level
// ---------------------------------------------------------------------------------------------

/** A graphql-ws socket at the frame level to this file's server (test/support/raw-socket.ts). */
const rawSocket = (): Promise<RawSocket> => openRawSocket(app.url);

async function acked(token: string): Promise<RawSocket> {
  const s = await rawSocket();
  s.send({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } });
  await s.next('connection_ack');
  return s;
}

async function wsCloseCodeForToken(token: string): Promise<number> {
  const s = await rawSocket();
  s.send({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } });
  return (await s.closed).code;
}

/** The first error or next payload of one operation over an acknowledged socket. */
async function wsOperation(s: RawSocket, id: string, query: string, variables?: Record<string, unknown>) {
  s.send({ id, type: 'subscribe', payload: { query, variables } });
  const deadline = Date.now() + 15_000;
  for (;;) {
    const hit = s.messages.find((m) => m.id === id && (m.type === 'error' || m.type === 'next'));
    if (hit) return hit;
    if (Date.now() > deadline) throw new Error(`no answer for ${id}: ${JSON.stringify(s.messages)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('17. graphql-ws close codes', () => {
  it('4408 when no connection_init arrives in time', async () => {
    const s = await rawSocket();
    expect((await s.closed).code).toBe(4408);
  });

  it('acknowledges a connection_init sent on time even when the server then stalled past the deadline', async () => {
    const s = await rawSocket();
    s.send({ type: 'connection_init', payload: { authorization: `Bearer ${await app.token('acme', 'viewer')}` } });
    // The server runs in this process: block its event loop past WS_AUTH_TIMEOUT_MS (3 s) with the
    // connection_init unread. A plain timer would then fire before the read and close with 4408.
    const until = Date.now() + app.config.edge.wsAuthTimeoutMs + 500;
    while (Date.now() < until) { /* a CPU-bound stall, as on a loaded machine */ }
    expect((await s.next('connection_ack')).type).toBe('connection_ack');
    s.ws.close();
  });

  it('4429 for a second connection_init', async () => {
    const s = await acked(await app.token('acme', 'viewer'));
    s.send({ type: 'connection_init', payload: {} });
    expect((await s.closed).code).toBe(4429);
  });

  it('4403 for a missing or bad token', async () => {
    const s = await rawSocket();
    s.send({ type: 'connection_init', payload: {} });
    expect((await s.closed).code).toBe(4403);
    expect(await wsCloseCodeForToken('not-a-token')).toBe(4403);
  });

  it('4401 for subscribe before the acknowledgement', async () => {
    const s = await rawSocket();
    s.send({ id: '1', type: 'subscribe', payload: { query: '{ me { userId } }' } });
    expect((await s.closed).code).toBe(4401);
  });

  it('4400 for a malformed frame', async () => {
    const s = await acked(await app.token('acme', 'viewer'));
    s.send('{"type": "subscribe", "id": ');
    expect((await s.closed).code).toBe(4400);
    const t = await acked(await app.token('acme', 'viewer'));
    t.send({ type: 'subscribe', id: 7, payload: 'not an object' });
    expect((await t.closed).code).toBe(4400);
  });

  it('4409 for a second subscription with an id in use', async () => {
    const s = await acked(await app.token('acme', 'viewer'));
    s.send({ id: 'dup', type: 'subscribe', payload: { query: 'subscription { exportsChanged { id } }' } });
    s.send({ id: 'dup', type: 'subscribe', payload: { query: 'subscription { exportsChanged { id } }' } });
    expect((await s.closed).code).toBe(4409);
  });

  it('closes with 4403 when the token expires, ending its subscriptions', async () => {
    const token = await issueToken(app.config.jwtSecret!, { tenantId: 'acme', role: 'viewer', userId: 'short', ttlSeconds: 4 });
    const s = await acked(token);
    s.send({ id: 'live', type: 'subscribe', payload: { query: 'subscription { exportsChanged { id } }' } });
    const started = Date.now();
    const { code, reason } = await s.closed;
    expect(code).toBe(4403);
    expect(reason).toMatch(/expired/i);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

// ---------------------------------------------------------------------------------------------
// Abusive operations
// ---------------------------------------------------------------------------------------------

const DEEP = '{ exports { edges { node { schedule { executions { edges { node { id } } } } } } } }';
const aliased = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

async function reportCount(): Promise<number> {
  const rows = await app.runtime.orm.em.getConnection().execute<{ n: string }[]>('SELECT count(*) AS n FROM reports');
  return Number(rows[0]!.n);
}

describe('18. abusive operations are refused before any resolver runs', () => {
  it('a query deeper than the limit: QUERY_TOO_COMPLEX (HTTP 400)', async () => {
    const res = await app.gql(DEEP, {}, await app.token('acme', 'admin'));
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('QUERY_TOO_COMPLEX');
    expect(res.data ?? null).toBeNull();
  });

  it('a field aliased 1,000 times: QUERY_TOO_COMPLEX, and 1,000 aliased mutations write nothing', async () => {
    const token = await app.token('acme', 'admin');
    const started = performance.now();
    const res = await app.gql(aliased(1000, 'me { userId }'), {}, token);
    expect(errorCode(res)).toBe('QUERY_TOO_COMPLEX');
    expect(res.errors![0]!.extensions).toMatchObject({ aliases: 1000, maxAliases: 50 });
    const before = await reportCount();
    const mutation = `mutation { ${Array.from({ length: 1000 }, (_, i) => `r${i}: createReport(input: { name: "Alias ${i}", definition: { source: "usage_events", measures: [{ fn: COUNT }] } }) { id }`).join(' ')} }`;
    const writes = await app.gql(mutation, {}, token);
    expect(errorCode(writes)).toBe('QUERY_TOO_COMPLEX');
    expect(await reportCount()).toBe(before);
    // Generous: the point is that nothing ran, not a speed target.
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('a batch of 100 operations in one HTTP body is refused as a whole', async () => {
    const token = await app.token('acme', 'admin');
    const before = await reportCount();
    const batch = Array.from({ length: 100 }, (_, i) => ({
      query: 'mutation($i: CreateReportInput!) { createReport(input: $i) { id } }',
      variables: { i: { name: `Batch ${i}`, definition: { source: 'usage_events', measures: [{ fn: 'COUNT' }] } } },
    }));
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(batch),
    });
    expect(res.status).toBe(400);
    const body = await res.json() as any;
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await reportCount()).toBe(before);
  });

  it('first: 100000 is BAD_USER_INPUT naming the argument', async () => {
    const res = await app.gql('{ reports(first: 100000) { totalCount } }', {}, await app.token('acme', 'viewer'));
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions!.field).toBe('first');
    const preview = await app.gql('query($n: Int) { previewReport(input: { definition: { source: "usage_events", measures: [{ fn: COUNT }] }, first: $n }) { totalCount } }',
      { n: 100_000 }, await app.token('acme', 'viewer'));
    expect(errorCode(preview)).toBe('BAD_USER_INPUT');
    expect(preview.errors![0]!.extensions!.field).toBe('input.first');
    // Refused before execution: HTTP 400. A resolver's BAD_USER_INPUT stays a 200 with errors.
    expect(preview.status).toBe(400);
    const resolverLevel = await app.gql('mutation { createReport(input: { name: " ", definition: { source: "usage_events", measures: [{ fn: COUNT }] } }) { id } }', {}, await app.token('acme', 'editor'));
    expect(errorCode(resolverLevel)).toBe('BAD_USER_INPUT');
    expect(resolverLevel.status).toBe(200);
  });

  it('the same limits apply over graphql-ws, and the server answers normally afterwards', async () => {
    const s = await acked(await app.token('acme', 'admin'));
    const deep = await wsOperation(s, 'deep', `subscription { exportsChanged { schedule { executions { edges { node { export { id } } } } } } }`);
    expect(deep.type).toBe('error');
    expect(deep.payload[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    const aliases = await wsOperation(s, 'aliases', aliased(1000, 'me { userId }'));
    expect(aliases.payload[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    const page = await wsOperation(s, 'page', '{ reports(first: 100000) { totalCount } }');
    expect(page.payload[0].extensions.code).toBe('BAD_USER_INPUT');
    const introspection = await wsOperation(s, 'intro', '{ __schema { types { name } } }');
    expect(introspection.type).toBe('error');
    expect(JSON.stringify(introspection.payload)).toMatch(/introspection/i);
    const ok = await wsOperation(s, 'ok', '{ me { tenantId } }');
    expect(ok.payload.data.me.tenantId).toBe('acme');
    s.ws.close();
    expect((await app.gql('{ me { tenantId } }', {}, await app.token('acme', 'viewer'))).data?.me.tenantId).toBe('acme');
  });

  it('introspection and field suggestions are off in production', async () => {
    const token = await app.token('acme', 'admin');
    const intro = await app.gql('{ __type(name: "Report") { fields { name } } }', {}, token);
    expect(intro.errors?.[0]?.message).toMatch(/introspection/i);
    const typo = await app.gql('{ reprts { totalCount } }', {}, token);
    expect(typo.errors?.[0]?.message).toMatch(/Cannot query field "reprts"/);
    expect(JSON.stringify(typo.errors)).not.toMatch(/Did you mean|"reports"/);
    const s = await acked(token);
    const wsTypo = await wsOperation(s, 'typo', '{ reprts { totalCount } }');
    expect(JSON.stringify(wsTypo.payload)).not.toMatch(/Did you mean|"reports"/);
    s.ws.close();
  });
});
