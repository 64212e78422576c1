import { describe, expect, it } from 'vitest';
import { chartImageUrl, chartKeyOf, fileKeptUntil, fileKeyOfChart } from './chart-file.js';
import { checkDownloadToken } from './download-token.js';

describe('the chart image beside an export file', () => {
  it('is keyed beside the file, and the file is found from the chart key', () => {
    const file = 'exports/acme/6f1c2b1e-0d2a-4c55-9a55-2f1e0c7b9a01.csv';
    expect(chartKeyOf(file)).toBe(`${file}.chart.png`);
    expect(fileKeyOfChart(chartKeyOf(file))).toBe(file);
    expect(fileKeyOfChart(file)).toBeNull();
    expect(fileKeyOfChart('.chart.png')).toBeNull();
  });

  it('has a URL on our route whose chart token expires with the file', () => {
    const completed = new Date('2026-12-01T10:00:00Z');
    const expiresAt = fileKeptUntil(completed, 7);
    expect(expiresAt.toISOString()).toBe('2026-12-08T10:00:00.000Z');
    const id = '6f1c2b1e-0d2a-4c55-9a55-2f1e0c7b9a01';
    const url = new URL(chartImageUrl('https://reports.test', 's3cret', { exportId: id, tenantId: 'acme', expiresAt }));
    expect(`${url.origin}${url.pathname}`).toBe(`https://reports.test/exports/${id}/chart.png`);
    const token = url.searchParams.get('token');
    expect(checkDownloadToken('s3cret', token, id, new Date('2026-12-08T09:59:59Z'), 'chart')).toMatchObject({ ok: true, tenantId: 'acme' });
    expect(checkDownloadToken('s3cret', token, id, new Date('2026-12-08T10:00:00Z'), 'chart')).toEqual({ ok: false, expired: true });
    expect(checkDownloadToken('s3cret', token, id, new Date('2026-12-02T00:00:00Z'))).toEqual({ ok: false, expired: false });
  });
});
