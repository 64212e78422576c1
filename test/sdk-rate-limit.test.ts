/**
 * RATE_LIMITED from the real server: the SDK waits the Retry-After the server sends and retries a
 * query, and hands a refused (never executed) non-idempotent mutation back to the caller at once.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createReportcastClient, ReportcastError, type ReportcastClient } from '../sdk/src/index.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// One token every 5 s: a refill between two back-to-back requests is out of reach even on a loaded machine.
const PER_MINUTE = 12;
let app: TestApp;
let client: ReportcastClient;
const retries: { delayMs: number; code: string }[] = [];

beforeAll(async () => {
  app = await startTestApp({ seedRows: 500, env: { RATE_LIMIT_PER_MINUTE: String(PER_MINUTE) } });
  client = createReportcastClient({
    url: app.url,
    token: await app.token('acme', 'editor'),
    onRetry: ({ delayMs, error }) => retries.push({ delayMs, code: (error as ReportcastError).code }),
  });
});
afterAll(async () => {
  await client?.close();
  await app?.close();
});

it('a query over the limit waits Retry-After and succeeds; a mutation over it fails at once', async () => {
  // Spend the burst with a mutation that runs (NOT_FOUND) until the server refuses one.
  const codes: string[] = [];
  let mutation: ReportcastError | null = null;
  for (let i = 0; i < 3 * PER_MINUTE && !mutation; i++) {
    const error = await client.reports.delete('00000000-0000-4000-8000-000000000000').then(() => null, (e: ReportcastError) => e);
    expect(error).toBeInstanceOf(ReportcastError);
    if (error!.code === 'RATE_LIMITED') mutation = error;
    else codes.push(error!.code);
  }
  expect(codes.length).toBeGreaterThanOrEqual(PER_MINUTE - 1);
  expect(new Set(codes)).toEqual(new Set(['NOT_FOUND']));
  expect(mutation).toMatchObject({ code: 'RATE_LIMITED', status: 429, operationName: 'DeleteReport' });
  expect((mutation as ReportcastError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
  expect(retries).toEqual([]);

  const started = Date.now();
  expect(await client.me()).toMatchObject({ tenantId: 'acme', role: 'editor' });
  expect(retries.length).toBeGreaterThanOrEqual(1);
  expect(retries.every((r) => r.code === 'RATE_LIMITED' && r.delayMs >= 1000)).toBe(true);
  expect(Date.now() - started).toBeGreaterThanOrEqual(retries[0]!.delayMs - 50);
});
