import { describe, expect, it } from 'vitest';
import { renderReadyNotice, type NoticeRow } from './ready-notice.js';

const row = (over: Partial<NoticeRow> = {}): NoticeRow => ({
  id: 'd-1', status: 'PENDING', target: 'erin@example.com', export_id: 'x-1', tenant_id: 'acme', report_name: 'Usage <Summary>',
  export_status: 'COMPLETED', format: 'CSV', file_name: 'usage.csv', row_count: 42, error_message: null, storage_key: 'k',
  locale: 'en-US', time_zone: 'America/New_York', completed_at: new Date('2026-12-07T14:30:00Z'), ...over,
});

describe('renderReadyNotice', () => {
  it('a completed export: the link, its expiry and the finish time in the export\'s stated zone', () => {
    const m = renderReadyNotice(row(), 'reports@x.test', 'https://r.test/exports/x-1/download?token=t&a=1', new Date('2026-12-14T14:30:00Z'), 'https://r.test/#/exports');
    expect(m.subject).toBe('Your export is ready: Usage <Summary>');
    expect(m.to).toBe('erin@example.com');
    expect(m.deliveryId).toBe('d-1');
    expect(m.text).toContain('Download it: https://r.test/exports/x-1/download?token=t&a=1');
    expect(m.text).toMatch(/finished at .*9:30.* \(America\/New_York\): 42 rows in usage\.csv/);
    expect(m.html).toContain('href="https://r.test/exports/x-1/download?token=t&amp;a=1"');
    expect(m.html).toContain('Usage &lt;Summary&gt;');
    expect(m.html).not.toContain('<Summary>');
  });
  it('a failed export: the reason and where to retry, no download link', () => {
    const m = renderReadyNotice(row({ export_status: 'FAILED', error_message: 'The analytics query failed (ClickHouse error 241 MEMORY_LIMIT_EXCEEDED)', storage_key: null }), 'reports@x.test', null, null, 'https://r.test/#/exports');
    expect(m.subject).toBe('Your export failed: Usage <Summary>');
    expect(m.text).toContain('Reason: The analytics query failed (ClickHouse error 241 MEMORY_LIMIT_EXCEEDED)');
    expect(m.text).toContain('You can retry it from https://r.test/#/exports.');
    expect(m.text).not.toContain('Download it');
  });
  it('a report name cannot add header lines', () => {
    expect(renderReadyNotice(row({ report_name: 'A\r\nBcc: x@evil.test' }), 'f@x.test', null, null, 'u').subject).toBe('Your export is ready: A Bcc: x@evil.test');
  });
});
