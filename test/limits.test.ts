/**
 * Guard rails of the API: depth and cost limits, per-tenant rate limiting, and what production
 * mode hides (introspection, internal error details).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from './support/test-app.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({
    seedRows: 2_000,
    env: { NODE_ENV: 'production', GRAPHQL_MAX_DEPTH: '4', GRAPHQL_MAX_COST: '200', RATE_LIMIT_PER_MINUTE: '40' },
  });
});
afterAll(async () => app?.close());

describe('query depth and cost', () => {
  it('refuses a query deeper than the limit with QUERY_TOO_COMPLEX', async () => {
    const token = await app.token('acme', 'viewer');
    const res = await app.gql('{ reports { edges { node { definition { dimensions { field } } } } } }', {}, token);
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('QUERY_TOO_COMPLEX');
    expect(res.errors![0]!.extensions).toMatchObject({ depth: 6, maxDepth: 4 });
    expect(res.data ?? null).toBeNull();
  });

  it('costs list fields by their first argument, from literals and variables', async () => {
    const token = await app.token('globex', 'viewer');
    const cheap = await app.gql('{ reports(first: 10) { edges { node { id name } } } }', {}, token);
    expect(cheap.errors).toBeUndefined();
    const costly = await app.gql('query($n: Int) { reports(first: $n) { edges { node { id name } } } }', { n: 100 }, token);
    expect(errorCode(costly)).toBe('QUERY_TOO_COMPLEX');
    expect(costly.errors![0]!.extensions!.cost).toBeGreaterThan(200);
  });
});

describe('rate limiting', () => {
  it('limits each tenant separately, with RATE_LIMITED, 429 and a retry-after hint', async () => {
    const initech = await app.token('initech', 'viewer');
    let limited;
    for (let i = 0; i < 60 && !limited; i++) {
      const res = await app.gql('{ me { tenantId } }', {}, initech);
      if (res.errors) limited = res;
    }
    expect(limited).toBeDefined();
    expect(limited!.status).toBe(429);
    expect(errorCode(limited!)).toBe('RATE_LIMITED');
    expect(limited!.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another tenant is unaffected.
    const acme = await app.gql('{ me { tenantId } }', {}, await app.token('acme', 'viewer'));
    expect(acme.data?.me.tenantId).toBe('acme');
  });
});

describe('production mode', () => {
  it('disables introspection', async () => {
    const res = await app.gql('{ __schema { types { name } } }', {}, await app.token('acme', 'admin'));
    expect(res.errors?.[0]?.message).toMatch(/introspection/i);
  });

  it('answers an internal failure without SQL, stack or engine details', async () => {
    const token = await app.token('acme', 'admin');
    await app.runtime.analytics.exec(`DROP TABLE ${app.runtime.analytics.database}.device_metrics`);
    const res = await app.gql('query($d: ReportDefinitionInput!) { previewReport(input: { definition: $d }) { totalCount } }',
      { d: { source: 'device_metrics', measures: [{ fn: 'COUNT' }] } }, token);
    expect(errorCode(res)).toBe('INTERNAL_SERVER_ERROR');
    expect(res.errors![0]!.message).toBe('Internal server error');
    const body = JSON.stringify(res);
    expect(body).not.toMatch(/SELECT|device_metrics|stacktrace|Code: \d+/);
  });
});
