/**
 * PreviewService's compiled queries per shared (frozen) definition and masking: what reaches the
 * store for the requests of a burst, and what must not be shared (another masking, another time
 * window, another page, a definition of the caller's own). The store records what it is asked and
 * answers with fixed rows: the engine's side is covered by the end-to-end previews tests.
 */
import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import type { AnalyticsStore, QueryParams, QueryResult } from '../../platform/analytics-store.js';
import { deepFrozen } from '../../platform/deep-frozen.js';
import { decodeCursor, encodeCursor } from '../../graphql/connection.js';
import type { ColumnMasking } from '../catalog/masking.js';
import type { MaskingPolicyService } from '../catalog/masking-policy.service.js';
import type { Viewer } from '../auth/viewer.js';
import type { ReportDefinition } from './definition.js';
import { PreviewService } from './preview.service.js';

const HOURLY: ReportDefinition = {
  source: 'usage_events',
  dimensions: [{ field: 'timestamp', grain: 'HOUR', alias: 'hour' }, { field: 'user_id' }],
  measures: [{ fn: 'COUNT', alias: 'events' }],
  timeRange: { last: { n: 7, unit: 'DAY' } },
  orderBy: [{ key: 'hour', direction: 'DESC' }],
  timeZone: 'Asia/Kathmandu',
  rowLimit: 1000,
};
const VIEWER: Viewer = { tenantId: 'acme', userId: 'u1', role: 'viewer' };
const masking = (pii: 'CLEAR' | 'HASHED'): ColumnMasking =>
  deepFrozen({ role: 'viewer', modes: { PUBLIC: 'CLEAR', INTERNAL: 'CLEAR', PII: pii }, classes: {}, innerKeyHex: 'aa'.repeat(64), outerKeyHex: 'bb'.repeat(64) });

/** Records each query; a count answers 120, a page answers one row at 2026-12-07 10:00 UTC. */
function recordingStore(): AnalyticsStore & { asked: { sql: string; params: QueryParams | undefined }[] } {
  const asked: { sql: string; params: QueryParams | undefined }[] = [];
  const page: QueryResult = deepFrozen({ columns: [], rows: [['2026-12-07 10:00:00.000', 'ab12', 3]] });
  return {
    asked,
    kind: 'chdb',
    database: 'analytics',
    async query(sql: string, params?: QueryParams) {
      asked.push({ sql, params });
      return sql.startsWith('SELECT count()') ? { columns: [], rows: [[120]] } : page;
    },
  } as unknown as AnalyticsStore & { asked: typeof asked };
}

function service(store: AnalyticsStore, answer: ColumnMasking) {
  const maskingService = { maskingFor: async () => answer } as unknown as MaskingPolicyService;
  return new PreviewService(store, { maxRowLimit: 1_000_000, maxRangeDays: 366 }, maskingService);
}

describe('PreviewService: compiled once per shared definition and masking', () => {
  it('requests given the same frozen definition and masking send the same query objects; their instants are zoned text, formatted once', async () => {
    const store = recordingStore();
    const previews = service(store, masking('CLEAR'));
    const shared = deepFrozen(structuredClone(HOURLY));
    const [a, b] = [await previews.preview(VIEWER, shared, 50), await previews.preview(VIEWER, shared, 50)];
    expect(store.asked).toHaveLength(4);
    const [countA, pageA, countB, pageB] = store.asked;
    expect(countB!.sql).toBe(countA!.sql);
    expect(countB!.params).toBe(countA!.params);
    expect(pageB!.params).toBe(pageA!.params);
    expect(a.rows).toEqual([['2026-12-07T15:45:00.000+05:45', 'ab12', 3]]);
    expect(b.rows).toBe(a.rows);
    expect(b.columns).toBe(a.columns);
    expect(a.totalCount).toBe(120);
  });

  it('another page size is another page query; the count is shared', async () => {
    const store = recordingStore();
    const previews = service(store, masking('CLEAR'));
    const shared = deepFrozen(structuredClone(HOURLY));
    await previews.preview(VIEWER, shared, 50);
    await previews.preview(VIEWER, shared, 20);
    const [count50, page50, count20, page20] = store.asked;
    expect(count20!.params).toBe(count50!.params);
    expect(page20!.params).not.toBe(page50!.params);
    expect(page50!.params).toMatchObject({ page_limit: 50, page_offset: 0 });
    expect(page20!.params).toMatchObject({ page_limit: 20, page_offset: 0 });
  });

  it('another masking of the same definition compiles anew: a hashed column is not read in clear', async () => {
    const store = recordingStore();
    const shared = deepFrozen(structuredClone(HOURLY));
    await service(store, masking('CLEAR')).preview(VIEWER, shared, 50);
    await service(store, masking('HASHED')).preview(VIEWER, shared, 50);
    const [clear, , hashed] = store.asked;
    expect(hashed!.sql).not.toBe(clear!.sql);
    expect(hashed!.params).toHaveProperty('mask_ikey');
    expect(clear!.params).not.toHaveProperty('mask_ikey');
  });

  it('another time window (a later page\'s cursor from days before) is compiled for its own window', async () => {
    const store = recordingStore();
    const previews = service(store, masking('CLEAR'));
    const shared = deepFrozen(structuredClone(HOURLY));
    const first = await previews.preview(VIEWER, shared, 50);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const cursor = decodeCursor(first.pageInfo.endCursor!, (v): v is { o: number; a: string; h: string; c: number } => typeof v === 'object' && v !== null);
    await previews.preview(VIEWER, shared, 50, encodeCursor(cursor));
    const threeDaysBefore = encodeCursor({ ...cursor, a: new Date(Date.parse(cursor.a) - 3 * 86_400_000).toISOString() });
    await previews.preview(VIEWER, shared, 50, threeDaysBefore);
    const pages = store.asked.filter((q) => !q.sql.startsWith('SELECT count()'));
    expect(pages).toHaveLength(3);
    // Same window, same compiled query (offset 50 now); three days earlier: its own bounds.
    expect(pages[1]!.params!.from).toBe(pages[0]!.params!.from);
    expect(pages[2]!.params!.from).not.toBe(pages[0]!.params!.from);
    expect(Date.parse(String(pages[0]!.params!.from)) - Date.parse(String(pages[2]!.params!.from))).toBe(3 * 86_400_000);
  });

  it('a definition of the caller\'s own (not frozen) is compiled for each request', async () => {
    const store = recordingStore();
    const previews = service(store, masking('CLEAR'));
    await previews.preview(VIEWER, structuredClone(HOURLY), 50);
    await previews.preview(VIEWER, structuredClone(HOURLY), 50);
    const [countA, , countB] = store.asked;
    expect(countB!.sql).toBe(countA!.sql);
    expect(countB!.params).not.toBe(countA!.params);
  });
});
