/**
 * Issue 22: the subscriptions to a report's exports ask every few seconds whether their viewer may
 * still read it (ExportService.mayRead, fresh). Asked at once by the subscriptions of one viewer,
 * the question is read once (platform/single-flight.ts), and a grant given afterwards is seen by
 * the very next question. Over the real PostgreSQL of a test app.
 */
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../server/src/features/auth/viewer.js';
import type { ExportEntity } from '../server/src/features/exports/export.entity.js';
import { ExportService } from '../server/src/features/exports/export.service.js';
import { SingleFlight } from '../server/src/platform/single-flight.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let app: TestApp;
let admin: string;
let report: string;

beforeAll(async () => {
  app = await startTestApp({ seedRows: 100 });
  admin = await app.token('acme', 'admin', 'ada@acme');
  const created = await app.gql('mutation($i: CreateReportInput!) { createReport(input: $i) { id } }', {
    i: { name: 'Private', isPublic: false, definition: { source: 'usage_events', measures: [{ fn: 'COUNT', alias: 'n' }] } },
  }, admin);
  expect(created.errors).toBeUndefined();
  report = created.data!.createReport.id;
  // Signed in once, so a grant may name them.
  await app.gql('{ me { userId } }', {}, await app.token('acme', 'viewer', 'vic@acme'));
}, 120_000);
afterAll(async () => app?.close());

describe('fresh readability checks of exports', () => {
  it('are read once for one viewer and report when asked at once, and see a grant given since', async () => {
    const flights = new SingleFlight<boolean>();
    // mayRead's fresh path reads through the entity manager and the flights only.
    const service = new ExportService(app.runtime.orm.em, {} as never, {} as never, {} as never, {} as never, {} as never, null, flights);
    const vic: Viewer = { tenantId: 'acme', userId: 'vic@acme', role: 'viewer' } as Viewer;
    const record = { tenantId: 'acme', reportId: report, auditQuery: null } as unknown as ExportEntity;
    const ask = () => Promise.all(Array.from({ length: 20 }, () => service.mayRead(vic, record, true)));

    expect(await ask()).toEqual(Array(20).fill(false));
    expect([flights.started, flights.joined]).toEqual([1, 19]);

    const granted = await app.gql('mutation($id: ID!) { grantAccess(objectType: REPORT, objectId: $id, principal: { userId: "vic@acme" }, level: VIEW) { id } }', { id: report }, admin);
    expect(granted.errors?.[0]?.message).toBeUndefined();
    expect(await ask()).toEqual(Array(20).fill(true));
    expect([flights.started, flights.joined]).toEqual([2, 38]);

    // Another viewer's question is its own.
    const otto: Viewer = { tenantId: 'acme', userId: 'otto@acme', role: 'viewer' } as Viewer;
    expect(await service.mayRead(otto, record, true)).toBe(false);
    expect(flights.started).toBe(3);
  });
});
