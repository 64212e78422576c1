import 'reflect-metadata';
/**
 * The SDK's templates and parameter values (issue 19) against a real server: the gallery, a report
 * from the Custom range template, its preview with values, run-now with values, and a bad value
 * surfacing as a ReportcastError with its path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReportcastClient, ReportcastError, type ReportcastClient } from '../sdk/src/index.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let app: TestApp;
let client: ReportcastClient;

beforeAll(async () => {
  app = await startTestApp({ seedRows: 5_000 });
  client = createReportcastClient({ url: app.url, token: await app.token('acme', 'editor', 'sdk@acme') });
}, 120_000);

afterAll(async () => {
  client?.close();
  await app?.close();
});

describe('SDK templates and parameters', () => {
  it('lists the gallery, makes a report from a template and previews it with values', async () => {
    const templates = await client.templates.list();
    expect(templates.filter((t) => t.builtIn)).toHaveLength(12);
    const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    const report = await client.templates.createReport('builtin:custom-range:usage_events', 'SDK range', { parameterValues: { period: { from: day(6), to: day(1) } }, timeZone: 'UTC' });
    expect(report.definition.parameters?.map((p) => p.name)).toEqual(['period', 'platform']);
    const all = await client.reports.preview({ reportId: report.id }, { first: 50 });
    const ios = await client.reports.preview({ reportId: report.id }, { first: 50, parameterValues: { platform: ['ios'] } });
    expect(all.rows).toHaveLength(6);
    expect(ios.parameterValues).toEqual({ period: { from: day(6), to: day(1) }, platform: ['ios'] });
    const total = (rows: unknown[][]) => rows.reduce((s, r) => s + Number(r[1]), 0);
    expect(total(ios.rows)).toBeGreaterThan(0);
    expect(total(ios.rows)).toBeLessThan(total(all.rows));

    const saved = await client.templates.saveReport(report.id, 'SDK template');
    expect((await client.templates.list()).some((t) => t.id === saved.id)).toBe(true);
  });

  it('a bad value is a ReportcastError naming the parameter', async () => {
    const report = await client.templates.createReport('builtin:daily-summary:usage_events', 'SDK daily');
    const error = await client.reports.preview({ reportId: report.id }, { parameterValues: { platform: 'ios' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportcastError);
    expect((error as ReportcastError).code).toBe('BAD_USER_INPUT');
    expect((error as ReportcastError).fieldErrors.map((e) => e.path)).toEqual(['input.parameterValues.platform']);
  });
});
