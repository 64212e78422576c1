/**
 * One convention for every BAD_USER_INPUT, whatever raises it (a resolver, a service, the
 * operation limits, GraphQL's variable coercion), checked against a real server:
 * - the path starts at the argument of the field that was called (for a variable GraphQL could
 *   not coerce, at the variable, which the SDK names after the argument), dotted, with list
 *   indexes as segments: `input.definition.measures.0.field`, `timezone`, `first`;
 * - the HTTP status is 400 when the request was refused before anything executed (the answer has
 *   no `data`), 200 when a resolver refused it (`data` is there, null).
 * Each path's first segment is checked against the field's arguments in the schema, so a new
 * convention cannot creep back in. The SDK reports the same path and status.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { buildSchema, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_FILE } from '../server/src/schema.js';
import { createReportcastClient, ReportcastError, type TypedDocumentNode } from '../sdk/src/index.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let app: TestApp;
let admin: string;
let reportId: string;
let scheduleId: string;
const schema = buildSchema(readFileSync(SCHEMA_FILE, 'utf8'));
const COUNT_ONLY = { source: 'usage_events', measures: [{ fn: 'COUNT' }] };

/** [what, root field, query, variables, expected path, expected status] */
type Case = [string, string, string, () => Record<string, unknown>, string, 200 | 400];
const CASES: Case[] = [
  ['createReport: unknown column', 'Mutation.createReport', 'mutation($input: CreateReportInput!) { createReport(input: $input) { id } }',
    () => ({ input: { name: 'Paths', definition: { source: 'usage_events', measures: [{ fn: 'AVG', field: 'nope' }] } } }), 'input.definition.measures.0.field', 200],
  ['createReport: blank name', 'Mutation.createReport', 'mutation($input: CreateReportInput!) { createReport(input: $input) { id } }',
    () => ({ input: { name: '  ', definition: COUNT_ONLY } }), 'input.name', 200],
  ['updateReport: unknown source', 'Mutation.updateReport', 'mutation($id: ID!, $input: UpdateReportInput!) { updateReport(id: $id, input: $input) { id } }',
    () => ({ id: reportId, input: { definition: { source: 'nowhere', measures: [{ fn: 'COUNT' }] } } }), 'input.definition.source', 200],
  ['previewReport: unknown dimension', 'Query.previewReport', 'query($input: PreviewReportInput!) { previewReport(input: $input) { totalCount } }',
    () => ({ input: { definition: { source: 'usage_events', dimensions: [{ field: 'nope' }] } } }), 'input.definition.dimensions.0.field', 200],
  ['createSchedule: unknown zone', 'Mutation.createSchedule', 'mutation($input: CreateScheduleInput!) { createSchedule(input: $input) { id } }',
    () => ({ input: { reportId, name: 'Paths', cron: '0 9 * * *', timezone: 'Mars/Olympus', recipients: ['a@example.com'] } }), 'input.timezone', 200],
  ['upcomingRuns: unknown zone', 'Query.upcomingRuns', 'query { upcomingRuns(cron: "0 9 * * *", timezone: "Mars/Olympus", count: 2) { utc } }',
    () => ({}), 'timezone', 200],
  ['backfillSchedule: from after to', 'Mutation.backfillSchedule', 'mutation($id: ID!) { backfillSchedule(id: $id, from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z") { id } }',
    () => ({ id: scheduleId }), 'from', 200],
  ['createExport: unknown zone option', 'Mutation.createExport', 'mutation($input: CreateExportInput!) { createExport(input: $input) { id } }',
    () => ({ input: { reportId, format: 'CSV', options: { timeZone: 'Nowhere/City' } } }), 'input.options.timeZone', 200],
  ['reports: a cursor it did not issue', 'Query.reports', 'query { reports(first: 2, after: "not-a-cursor") { totalCount } }',
    () => ({}), 'after', 200],
  ['reports: page over 500', 'Query.reports', 'query { reports(first: 501) { totalCount } }', () => ({}), 'first', 400],
  ['schedule executions: nested page over 500', 'Query.schedule', 'query($id: ID!) { schedule(id: $id) { executions(first: 501) { totalCount } } }',
    () => ({ id: scheduleId }), 'first', 400],
  ['previewReport: page over 500 inside the input', 'Query.previewReport', 'query($input: PreviewReportInput!) { previewReport(input: $input) { totalCount } }',
    () => ({ input: { definition: COUNT_ONLY, first: 100_000 } }), 'input.first', 400],
  ['createReport: a NUL in the name', 'Mutation.createReport', 'mutation($input: CreateReportInput!) { createReport(input: $input) { id } }',
    () => ({ input: { name: 'a\u0000b', definition: COUNT_ONLY } }), 'input.name', 400],
  ['createReport: an enum value GraphQL cannot coerce', 'Mutation.createReport', 'mutation($input: CreateReportInput!) { createReport(input: $input) { id } }',
    () => ({ input: { name: 'Coerce', definition: { source: 'usage_events', measures: [{ fn: 'MEDIAN' }] } } }), 'input.definition.measures.0.fn', 400],
];

beforeAll(async () => {
  app = await startTestApp({ seedRows: 2_000 });
  admin = await app.token('acme', 'admin');
  const created = await app.gql<{ createReport: { id: string } }>('mutation($input: CreateReportInput!) { createReport(input: $input) { id } }',
    { input: { name: 'Error paths', definition: COUNT_ONLY } }, admin);
  reportId = created.data!.createReport.id;
  const schedule = await app.gql<{ createSchedule: { id: string } }>('mutation($input: CreateScheduleInput!) { createSchedule(input: $input) { id } }',
    { input: { reportId, name: 'Error paths', cron: '0 9 * * *', recipients: ['a@example.com'] } }, admin);
  scheduleId = schedule.data!.createSchedule.id;
});
afterAll(async () => {
  await app?.close();
});

describe('BAD_USER_INPUT paths and statuses', () => {
  it.each(CASES)('%s', async (_what, field, query, variables, path, status) => {
    const res = await app.gql(query, variables(), admin);
    expect(res.errors?.[0]?.extensions?.code, JSON.stringify(res.errors)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions!.field).toBe(path);
    expect(res.status).toBe(status);
    // The status follows from where it was refused: no `data` at all means nothing executed.
    expect(res.status === 400).toBe(res.data === undefined);
    // Every listed problem follows the convention: rooted at an argument of the field, dotted, indexes as segments.
    const [typeName, fieldName] = field.split('.') as [string, string];
    const rootArguments = (schema.getType(typeName) as import('graphql').GraphQLObjectType).getFields()[fieldName]!.args.map((a) => a.name);
    const nested = path === 'first' ? ['first'] : [];
    const problems = (res.errors![0]!.extensions!.errors as { path: string }[] | undefined) ?? [{ path }];
    for (const problem of problems) {
      expect([...rootArguments, ...nested], problem.path).toContain(problem.path.split('.')[0]);
      expect(problem.path).not.toMatch(/\[|\]/);
    }
  });

  it('the SDK reports the same path and status', async () => {
    const client = createReportcastClient({ url: app.url, token: admin, retry: false });
    try {
      const resolverError = await client.reports.create({ name: 'Paths', definition: { source: 'usage_events', measures: [{ fn: 'AVG', field: 'nope' }] } }).catch((e: unknown) => e);
      expect(resolverError).toBeInstanceOf(ReportcastError);
      expect(resolverError).toMatchObject({ code: 'BAD_USER_INPUT', path: 'input.definition.measures.0.field' });
      // A small selection, so the page size (not the cost of the SDK's full fragments) is what is refused.
      const pageOf: TypedDocumentNode<{ reports: { totalCount: number } }, { n: number }> = parse('query($n: Int) { reports(first: $n) { totalCount } }');
      const limitError = await client.query(pageOf, { n: 501 }).catch((e: unknown) => e);
      expect(limitError).toMatchObject({ code: 'BAD_USER_INPUT', path: 'first', status: 400 });
    } finally {
      await client.close();
    }
  });
});
