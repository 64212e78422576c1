/**
 * Issue 15, classes 1 and 2 against a real server: a limit or an input check holds whatever form
 * the value arrives in (a literal, a variable, a variable's default, a nested input object, a
 * list, a JSON value or key, a named or inline fragment), over HTTP and over graphql-ws alike; the
 * refusal is the typed error with the path, and nothing is written (reports, schedules, executions,
 * exports, audit entries, jobs). Each table also runs the same operation with a harmless value,
 * which does write: the refused forms would have.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { startTestApp, type TestApp } from './support/test-app.js';
import { reportIdByName } from './support/exports.js';
import { wsClient } from './support/ws-client.js';

const MAX_COST = 1_000;
let app: TestApp;
let editor: string;
let reportId: string;

beforeAll(async () => {
  app = await startTestApp({ seedRows: 1_000, env: { RATE_LIMIT_PER_MINUTE: '100000', GRAPHQL_MAX_COST: String(MAX_COST) } });
  editor = await app.token('acme', 'editor');
  reportId = await reportIdByName(app, editor, 'Usage Summary');
});
afterAll(async () => app?.close());

const TABLES = ['reports', 'schedules', 'schedule_executions', 'exports', 'audit_log', 'graphile_worker._private_jobs'];

async function rowCounts(): Promise<Record<string, number>> {
  const conn = app.runtime.orm.em.getConnection();
  const counts: Record<string, number> = {};
  for (const t of TABLES) counts[t] = Number((await conn.execute<{ n: string }[]>(`SELECT count(*) AS n FROM ${t}`))[0]!.n);
  return counts;
}

interface Answer {
  status?: number;
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: Record<string, any> }[];
  /** The WebSocket's close code when the server ended the connection instead of answering. */
  closeCode?: number;
}

const TRANSPORTS = ['HTTP', 'WebSocket'] as const;
type Transport = (typeof TRANSPORTS)[number];

async function send(transport: Transport, query: string, variables: Record<string, unknown>, token: string): Promise<Answer> {
  if (transport === 'HTTP') return app.gql(query, variables, token);
  const client = wsClient(app.url, token);
  try {
    return await new Promise<Answer>((resolve) => {
      let answer: Answer = {};
      client.subscribe({ query, variables }, {
        next: (result) => { answer = result as Answer; },
        error: (e) => resolve(Array.isArray(e) ? { errors: e } : { closeCode: (e as { code?: number }).code }),
        complete: () => resolve(answer),
      });
    });
  } finally {
    await client.dispose();
  }
}

function expectRefused(answer: Answer, code: string, path?: string): void {
  const error = answer.errors?.[0];
  expect(error?.extensions?.code, JSON.stringify(answer)).toBe(code);
  expect(answer.data ?? null).toBeNull();
  if (answer.status !== undefined) expect(answer.status).toBe(400);
  if (path) {
    const ext = error!.extensions!;
    const paths = [ext.field, ...(ext.errors ?? []).map((e: { path: string }) => e.path)];
    expect(paths, JSON.stringify(ext)).toContain(path);
  }
}

describe('class 1: cost and page size see the value the resolver gets, in every form', () => {
  // createSchedule would write a schedule (and its audit entry); its selection asks for a page of
  // executions. `first: 400` is a valid page but costs 1 + 400 × 4 > MAX_COST; `first: 100000` is
  // over the page size (and its clamped cost, 503, is under MAX_COST).
  const sel = (costly: boolean) => (costly ? '{ edges { node { id status } } }' : '{ totalCount }');
  const previewSel = (costly: boolean) => (costly ? '{ columns { name label type } }' : '{ totalCount }');
  const scheduleInput = (name: string) => ({ reportId, name, cron: '0 9 * * 1', recipients: ['ops@example.com'] });
  const M = 'mutation($i: CreateScheduleInput!';
  const forms: [string, (n: number, costly: boolean) => [string, Record<string, unknown>], string][] = [
    ['literal', (n, c) => [`${M}) { createSchedule(input: $i) { id executions(first: ${n}) ${sel(c)} } }`, {}], 'first'],
    ['variable', (n, c) => [`${M}, $n: Int) { createSchedule(input: $i) { id executions(first: $n) ${sel(c)} } }`, { n }], 'first'],
    ['variable default', (n, c) => [`${M}, $n: Int = ${n}) { createSchedule(input: $i) { id executions(first: $n) ${sel(c)} } }`, {}], 'first'],
    ['named fragment', (n, c) => [`${M}, $n: Int = ${n}) { createSchedule(input: $i) { id ...S } } fragment S on Schedule { executions(first: $n) ${sel(c)} }`, {}], 'first'],
    ['inline fragment', (n, c) => [`${M}, $n: Int = ${n}) { createSchedule(input: $i) { id ... on Schedule { executions(first: $n) ${sel(c)} } } }`, {}], 'first'],
    ['mutation in a fragment', (n, c) => [`${M}, $n: Int = ${n}) { ...W } fragment W on Mutation { createSchedule(input: $i) { id executions(first: $n) ${sel(c)} } }`, {}], 'first'],
    // previewReport writes nothing either way; its page size sits in a nested input object.
    ['nested input, as a variable default', (n, c) => [`query($p: PreviewReportInput = { reportId: "REPORT", first: ${n} }) { previewReport(input: $p) ${previewSel(c)} }`, {}], 'input.first'],
    ['variable inside a nested input', (n, c) => [`query($n: Int = ${n}) { previewReport(input: { reportId: "REPORT", first: $n }) ${previewSel(c)} }`, {}], 'input.first'],
  ];

  function operation(form: (n: number, costly: boolean) => [string, Record<string, unknown>], n: number, costly: boolean, name: string): [string, Record<string, unknown>] {
    const [query, variables] = form(n, costly);
    const withReport = query.replace('REPORT', reportId);
    return [withReport, withReport.includes('$i') ? { ...variables, i: scheduleInput(name) } : variables];
  }

  for (const transport of TRANSPORTS) {
    it.each(forms)(`${transport}: %s: cost over the limit is QUERY_TOO_COMPLEX, first over 500 BAD_USER_INPUT, nothing written`, async (_name, form, path) => {
      const before = await rowCounts();
      const costly = await send(transport, ...operation(form, 400, true, 'Refused'), editor);
      expectRefused(costly, 'QUERY_TOO_COMPLEX');
      expect(costly.errors![0]!.extensions!.cost).toBeGreaterThan(MAX_COST);
      expectRefused(await send(transport, ...operation(form, 100_000, false, 'Refused'), editor), 'BAD_USER_INPUT', path);
      expect(await rowCounts()).toEqual(before);
      // The same operation with a small page runs (and, for createSchedule, writes once).
      const ok = await send(transport, ...operation(form, 2, true, `Forms ${transport} ${_name}`), editor);
      expect(ok.errors, JSON.stringify(ok.errors)).toBeUndefined();
    });
  }
});

describe('class 2: text PostgreSQL cannot store is BAD_USER_INPUT with its path, wherever it is', () => {
  const NUL = 'bad\u0000name';
  const LONE = 'bad\ud800name';
  const DEFINITION = { source: 'usage_events', measures: [{ fn: 'COUNT' }] };
  const CREATE = 'mutation($i: CreateReportInput!) { createReport(input: $i) { id } }';
  const create = (fields: Record<string, unknown>) => ({ i: { name: 'Text check', definition: DEFINITION, ...fields } });
  const withFilter = (filter: Record<string, unknown>) => create({ definition: { ...DEFINITION, filters: [filter] } });
  let existing = '';

  const cases: [string, () => [string, Record<string, unknown>], string][] = [
    ['report name, literal', () => ['mutation { createReport(input: { name: "bad\\u0000name", definition: { source: "usage_events", measures: [{ fn: COUNT }] } }) { id } }', {}], 'input.name'],
    ['report name, variable (NUL)', () => [CREATE, create({ name: NUL })], 'input.name'],
    ['report name, variable (lone surrogate)', () => [CREATE, create({ name: LONE })], 'input.name'],
    ['report name, variable default', () => ['mutation($n: String! = "bad\\u0000") { createReport(input: { name: $n, definition: { source: "usage_events" } }) { id } }', {}], 'input.name'],
    ['description of an update', () => ['mutation($id: ID!, $i: UpdateReportInput!) { updateReport(id: $id, input: $i) { id } }', { id: existing, i: { description: LONE } }], 'input.description'],
    ['nested definition string', () => [CREATE, withFilter({ field: 'user_id', op: 'EQ', value: LONE })], 'input.definition.filters.0.value'],
    ['nested definition list', () => [CREATE, withFilter({ field: 'user_id', op: 'IN', values: ['a', NUL] })], 'input.definition.filters.0.values.1'],
    ['list of tags', () => [CREATE, create({ tags: ['fine', LONE] })], 'input.tags.1'],
    ['nested input object (visualization axis label)', () => [CREATE, create({ visualization: { type: 'BAR', xAxisLabel: NUL } })], 'input.visualization.xAxisLabel'],
    ['list in a nested input object (visualization series)', () => [CREATE, create({ visualization: { type: 'BAR', series: ['count', LONE] } })], 'input.visualization.series.1'],
    ['named fragment', () => ['mutation($i: CreateReportInput!) { ...W } fragment W on Mutation { createReport(input: $i) { id } }', create({ name: NUL })], 'input.name'],
    ['inline fragment', () => ['mutation($i: CreateReportInput!) { ... on Mutation { createReport(input: $i) { id } } }', create({ name: LONE })], 'input.name'],
    ['schedule name', () => ['mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }', { i: { reportId, name: LONE, cron: '0 9 * * 1', recipients: ['ops@example.com'] } }], 'input.name'],
  ];

  beforeAll(async () => {
    const r = await app.gql(CREATE, create({ name: 'Existing' }), editor);
    existing = r.data!.createReport.id;
  });

  for (const transport of TRANSPORTS) {
    it.each(cases)(`${transport}: %s`, async (_name, operation, path) => {
      const before = await rowCounts();
      expectRefused(await send(transport, ...operation(), editor), 'BAD_USER_INPUT', path);
      expect(await rowCounts()).toEqual(before);
    });

    it(`${transport}: a lone surrogate cannot even be written in a literal: the parser refuses it`, async () => {
      const before = await rowCounts();
      const answer = await send(transport, 'mutation { createReport(input: { name: "bad\\ud800", definition: { source: "usage_events" } }) { id } }', {}, editor);
      expect(answer.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
      expect(await rowCounts()).toEqual(before);
    });

    it(`${transport}: a token whose sub claim holds a NUL or a lone surrogate is refused as unauthenticated`, async () => {
      const before = await rowCounts();
      for (const sub of ['mallory\u0000', 'mallory\ud800']) {
        // Signed by hand: issueToken itself refuses such a user id (a token nobody could use).
        const token = await new SignJWT({ tenant: 'acme', role: 'editor' }).setProtectedHeader({ alg: 'HS256' }).setSubject(sub)
          .setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(app.runtime.jwtSecret));
        const answer = await send(transport, CREATE, create({ name: `Claim ${transport}` }), token);
        if (transport === 'HTTP') {
          expect(answer.status).toBe(401);
          expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
        } else {
          expect(answer.closeCode).toBe(4403);
        }
      }
      expect(await rowCounts()).toEqual(before);
    });
  }

  it('the same operations with clean text write (and are audited): emoji, accents and control characters other than NUL are text', async () => {
    const before = await rowCounts();
    for (const transport of TRANSPORTS) {
      const res = await send(transport, CREATE, create({ name: `Clean ${transport} 📈 zoë \u0001`, tags: ['ok 😀'], visualization: { type: 'BAR', xAxisLabel: 'tïtle 📊 ✓' } }), editor);
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    }
    const after = await rowCounts();
    expect(after.reports).toBe(before.reports! + 2);
    expect(after.audit_log).toBe(before.audit_log! + 2);
  });
});
