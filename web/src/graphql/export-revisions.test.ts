import { describe, expect, it } from 'vitest';
import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { Observable } from 'rxjs';
import { EXPORTS_CHANGED, EXPORTS_LIST } from '../components/exports/documents';
import { keepNewerExports, type CachedExports } from './export-revisions';
import { withExportRevisions } from './client';
import type { ExportStatus } from '../generated/graphql';

const progress = (percent: number | null) => ({ __typename: 'ExportProgress' as const, percent, rowsWritten: 400, rowsTotal: 1000 });
const listRow = (revision: number, status: ExportStatus, executionTimeMs: number | null = null) => ({
  __typename: 'Export' as const, id: 'e1', revision, status, format: 'CSV' as const, reportName: 'Usage', reportId: 'r1', reportReadable: true, schedule: null, rowCount: null, fileSize: null,
  downloadUrl: null, fileName: null, executionTimeMs, triggeredBy: 'MANUAL' as const, initiatedBy: 'u', createdAt: '2026-11-29T12:00:00.000Z',
  completedAt: null, expiresAt: null, fileExpiredAt: null, truncated: false, error: null, progress: progress(status === 'PROCESSING' ? 40 : null),
});
const list = (...rows: ReturnType<typeof listRow>[]) => ({
  exports: { __typename: 'ExportConnection' as const, totalCount: rows.length, edges: rows.map((node) => ({ __typename: 'ExportEdge' as const, node })) },
});
const failedEvent = (revision: number) => ({
  exportsChanged: {
    __typename: 'Export' as const, id: 'e1', revision, status: 'FAILED' as const, rowCount: null, fileSize: null, downloadUrl: null, fileName: null, executionTimeMs: 12,
    completedAt: '2026-11-29T12:00:01.000Z', expiresAt: null, error: { __typename: 'ExportError' as const, errorCode: 'EXPORT_FAILED' as const, message: 'The export storage is not writable (ENOTDIR)' },
    progress: progress(null),
  },
});

/** A client whose server answers each request with the next queued result. */
function clientAnswering(results: unknown[]) {
  const server = new ApolloLink(() => new Observable((observer) => {
    observer.next({ data: results.shift() as Record<string, unknown> });
    observer.complete();
  }));
  return new ApolloClient({ link: withExportRevisions(server), cache: new InMemoryCache() });
}

describe('exports arriving out of order', () => {
  it('a list answered before the export failed does not undo the event that said so', async () => {
    const variables = { filter: {} };
    const client = clientAnswering([list(listRow(1, 'PENDING')), list(listRow(2, 'PROCESSING'))]);
    await client.query({ query: EXPORTS_LIST, variables });
    client.writeQuery({ query: EXPORTS_CHANGED, data: failedEvent(3) });
    // The refetch the server answered at revision 2 lands last.
    await client.query({ query: EXPORTS_LIST, variables, fetchPolicy: 'network-only' });
    const row = client.readQuery({ query: EXPORTS_LIST, variables })!.exports.edges[0]!.node;
    expect(row).toMatchObject({ revision: 3, status: 'FAILED', executionTimeMs: 12, triggeredBy: 'MANUAL', progress: { percent: null } });
    expect(row.error?.message).toBe('The export storage is not writable (ENOTDIR)');
  });

  it('a newer list read replaces the cached export', async () => {
    const variables = { filter: {} };
    const client = clientAnswering([list(listRow(4, 'FAILED', 99))]);
    client.writeQuery({ query: EXPORTS_CHANGED, data: failedEvent(3) });
    const { data } = await client.query({ query: EXPORTS_LIST, variables, fetchPolicy: 'network-only' });
    expect(data!.exports.edges[0]!.node).toMatchObject({ revision: 4, executionTimeMs: 99 });
  });
});

describe('keepNewerExports', () => {
  const cache = (revisions: Record<string, number>, fields: Record<string, Record<string, unknown>> = {}): CachedExports => ({
    revision: (id) => revisions[id],
    fields: (id) => fields[id],
  });

  it('returns the same object when nothing is older', () => {
    const data = { a: [{ __typename: 'Export', id: 'x', revision: 2, status: 'PENDING' }], b: { __typename: 'Report', id: 'r' } };
    expect(keepNewerExports(data, cache({ x: 2 }))).toBe(data);
    expect(keepNewerExports(data, cache({}))).toBe(data);
  });

  it('replaces an older export, wherever it sits, by the cached fields it has', () => {
    const data = { page: { edges: [{ node: { __typename: 'Export', id: 'x', revision: 1, status: 'PROCESSING', createdAt: 't', progress: { percent: 40, etaSeconds: 9 } } }] } };
    const out = keepNewerExports(data, cache({ x: 5 }, { x: { __typename: 'Export', id: 'x', revision: 5, status: 'COMPLETED', progress: { percent: 100 } } }));
    expect(out.page.edges[0]?.node).toEqual({ __typename: 'Export', id: 'x', revision: 5, status: 'COMPLETED', createdAt: 't', progress: { percent: 100, etaSeconds: 9 } });
    expect(data.page.edges[0]!.node.status).toBe('PROCESSING'); // the input is not mutated
  });

  it('keeps the older copy of a normalized child, which the store holds only as a reference', () => {
    const data = { export: { __typename: 'Export', id: 'x', revision: 1, status: 'PENDING', schedule: { __typename: 'Schedule', id: 's', name: 'Weekly' } } };
    const out = keepNewerExports(data, cache({ x: 2 }, { x: { revision: 2, status: 'COMPLETED', schedule: { __ref: 'Schedule:s' } } }));
    expect(out.export).toEqual({ __typename: 'Export', id: 'x', revision: 2, status: 'COMPLETED', schedule: { __typename: 'Schedule', id: 's', name: 'Weekly' } });
  });

  it('leaves exports without a revision alone', () => {
    const data = { export: { __typename: 'Export', id: 'x', status: 'PENDING' } };
    expect(keepNewerExports(data, cache({ x: 9 }, { x: { status: 'FAILED' } }))).toBe(data);
  });
});
