/**
 * Authentication and roles over real HTTP and WebSocket: every way a token can be wrong is
 * UNAUTHENTICATED, insufficient roles are FORBIDDEN, and graphql-ws refuses bad tokens with 4403.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { errorCode, startTestApp, type TestApp } from './support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ seedRows: 5_000 });
});
afterAll(async () => app?.close());

const REPORTS = '{ reports { totalCount } }';

function b64(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('HTTP authentication', () => {
  it('answers me with null and refuses protected fields without a token', async () => {
    const me = await app.gql('{ me { userId } }');
    expect(me.data?.me).toBeNull();
    const res = await app.gql(REPORTS);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    expect(res.data).toBeNull();
  });

  it('identifies the viewer from a valid token', async () => {
    const res = await app.gql('{ me { userId tenantId role } }', {}, await app.token('globex', 'editor', 'eve'));
    expect(res.data?.me).toEqual({ userId: 'eve', tenantId: 'globex', role: 'editor' });
  });

  const secret = () => new TextEncoder().encode(app.config.jwtSecret!);
  const bad: [string, () => Promise<string>][] = [
    ['garbage', async () => 'not.a.token'],
    ['alg none', async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'x', tenant: 'acme', role: 'admin', exp: 9_999_999_999 })}.`],
    ['another secret', async () => new SignJWT({ tenant: 'acme', role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime('1h').sign(new TextEncoder().encode('another-secret-another-secret-another'))],
    ['expired', async () => new SignJWT({ tenant: 'acme', role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(secret())],
    ['missing role', async () => new SignJWT({ tenant: 'acme' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime('1h').sign(secret())],
    ['unknown role', async () => new SignJWT({ tenant: 'acme', role: 'root' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime('1h').sign(secret())],
  ];
  for (const [name, make] of bad) {
    it(`rejects a token: ${name}`, async () => {
      const res = await app.gql(REPORTS, {}, await make());
      expect(res.status).toBe(401);
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
      expect(res.data ?? null).toBeNull();
    });
  }

  it('rejects an Authorization header that is not a bearer token', async () => {
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic dXNlcjpwYXNz' },
      body: JSON.stringify({ query: REPORTS }),
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('roles', () => {
  const create = `mutation($input: CreateReportInput!) { createReport(input: $input) { id } }`;
  const input = { name: 'Role check', definition: { source: 'usage_events', measures: [{ fn: 'COUNT' }] } };

  it('lets a viewer read but not write', async () => {
    const viewer = await app.token('acme', 'viewer');
    expect((await app.gql(REPORTS, {}, viewer)).data?.reports.totalCount).toBeGreaterThanOrEqual(1);
    const res = await app.gql(create, { input }, viewer);
    expect(errorCode(res)).toBe('FORBIDDEN');
    expect((await app.gql('{ reports { edges { node { name } } } }', {}, viewer)).data?.reports.edges.map((e: any) => e.node.name)).not.toContain('Role check');
  });

  it('lets an editor write', async () => {
    const res = await app.gql(create, { input }, await app.token('acme', 'editor'));
    expect(res.errors).toBeUndefined();
    expect(res.data?.createReport.id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('graphql-ws authentication', () => {
  function connect(authorization?: string) {
    return createClient({
      url: app.url.replace('http', 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      connectionParams: authorization ? { authorization } : {},
      retryAttempts: 0,
      lazy: true,
    });
  }

  it('runs operations for a valid token from connection_init', async () => {
    const client = connect(`Bearer ${await app.token('initech', 'viewer', 'ivy')}`);
    const result = await new Promise<any>((resolve, reject) => {
      client.subscribe({ query: '{ me { userId tenantId } }' }, { next: resolve, error: reject, complete: () => undefined });
    });
    expect(result.data.me).toEqual({ userId: 'ivy', tenantId: 'initech' });
    await client.dispose();
  });

  for (const [name, header] of [['missing', undefined], ['invalid', 'Bearer nope'], ['not bearer', 'Token abc']] as const) {
    it(`closes with 4403 for a ${name} token`, async () => {
      const client = connect(header);
      const closeCode = await new Promise<number>((resolve) => {
        client.on('closed', (event) => resolve((event as { code: number }).code));
        client.subscribe({ query: '{ me { userId } }' }, { next: () => undefined, error: () => undefined, complete: () => undefined });
      });
      expect(closeCode).toBe(4403);
      await client.dispose();
    });
  }
});

describe('developer sign-in endpoint', () => {
  it('does not exist outside development mode without a configured secret', async () => {
    const res = await fetch(`${app.url}/auth/dev-token`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant: 'acme', role: 'admin' }),
    });
    expect(res.status).toBe(404);
    const options = await fetch(`${app.url}/auth/options`);
    expect(options.status).toBe(200);
    expect(await options.json()).toEqual({ devSignIn: false });
  });
});
