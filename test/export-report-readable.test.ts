/**
 * An export says whether its viewer may open its report, so the Exports page links only to
 * reports that open: a viewer sees another user's private report's export, not the report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.js';

let app: TestApp;
beforeAll(async () => { app = await startTestApp({ seedRows: 500 }); }, 120_000);
afterAll(async () => app?.close());

const LIST = '{ exports(first: 50) { edges { node { id reportId reportReadable } } } }';

describe('Export.reportReadable', () => {
  it('is true for whoever may open the report and false for a viewer of a private one, and once it is deleted', async () => {
    const editor = await app.token('acme', 'editor', 'erin@acme');
    const viewer = await app.token('acme', 'viewer', 'vic@acme');
    const created = await app.gql(`mutation($i: CreateReportInput!) { createReport(input: $i) { id isPublic } }`, {
      i: { name: 'Private platforms', definition: { source: 'usage_events', dimensions: [{ field: 'platform' }] } },
    }, editor);
    expect(created.errors).toBeUndefined();
    const reportId = created.data!.createReport.id as string;
    expect(created.data!.createReport.isPublic).toBe(false);
    const exported = await app.gql(`mutation($r: ID!) { createExport(input: { reportId: $r, format: CSV }) { id } }`, { r: reportId }, editor);
    expect(exported.errors).toBeUndefined();
    const exportId = exported.data!.createExport.id as string;

    const row = async (token: string) => {
      const res = await app.gql(LIST, {}, token);
      expect(res.errors).toBeUndefined();
      return res.data!.exports.edges.map((e: any) => e.node).find((n: any) => n.id === exportId);
    };
    expect(await row(editor)).toEqual({ id: exportId, reportId, reportReadable: true });
    // Sharing (issue 19): an export of a report the viewer may not read is left out of their list.
    expect(await row(viewer)).toBeUndefined();
    expect((await app.gql('query($id: ID!) { export(id: $id) { id } }', { id: exportId }, viewer)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // And the report itself is NOT_FOUND to them.
    expect((await app.gql('query($id: ID!) { report(id: $id) { id } }', { id: reportId }, viewer)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await row(await app.token('acme', 'admin'))).toMatchObject({ reportReadable: true });

    expect((await app.gql('mutation($id: ID!) { deleteReport(id: $id) }', { id: reportId }, editor)).errors).toBeUndefined();
    expect(await row(editor)).toMatchObject({ reportId: null, reportReadable: false });
  });
});
