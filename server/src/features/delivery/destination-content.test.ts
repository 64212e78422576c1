/**
 * What a run says to a webhook receiver and to Slack (destination-content.ts): the webhook body's
 * versioned shape, every fact carried through; Slack's summary for an attached file, a link, no
 * file, a truncated result and a protected file; a report name cannot forge a Slack link.
 */
import { describe, expect, it } from 'vitest';
import { slackEscape, slackSummary, webhookBody, type RunFacts } from './destination-content.js';

const facts: RunFacts = {
  scheduleId: 's-1', scheduleName: 'Weekly', reportName: 'Usage Summary', executionId: 'e-1',
  scheduledFor: new Date('2026-12-07T09:00:00Z'), triggeredBy: 'SCHEDULE',
  periodLabel: 'Nov 30 – Dec 6, 2026 (Europe/Berlin)', periodStart: '2026-11-29T23:00:00.000Z', periodEnd: '2026-12-06T23:00:00.000Z', timeZone: 'Europe/Berlin',
  parameters: { platform: ['web', 'ios'], min: 3 },
  rowCount: 12_345, totalRows: 12_345, truncated: false,
  format: 'CSV', fileName: 'usage.csv', fileSize: 2_500_000, contentType: 'text/csv', sha256: 'ab'.repeat(32), passwordProtected: false,
  downloadUrl: 'https://reports.example.com/exports/x/download?t=1', linkExpiresAt: new Date('2026-12-14T09:00:00Z'), condition: null,
};
/** The verdict of a run an alert sent (alert-condition.ts evaluateCondition). */
const verdict = {
  kind: 'ANY_ROW' as const, met: true, armed: true, notified: true, rowCount: 3, column: 'events', comparison: 'BELOW' as const, observed: 2, threshold: 5,
  previous: null, changePercent: null, summary: 'events of any row (min) = 2, below 5?: met', evaluatedAt: '2026-12-07T09:00:30.000Z',
};
const section = (s: ReturnType<typeof slackSummary>) => (s.blocks[1] as { text: { text: string } }).text.text;

describe('webhookBody', () => {
  it('is the versioned report.delivered event with every fact', () => {
    const body = JSON.parse(webhookBody(facts, 'd-1', new Date('2026-12-07T09:01:02Z')));
    expect(body).toEqual({
      type: 'report.delivered', timestamp: '2026-12-07T09:01:02.000Z', deliveryId: 'd-1',
      data: {
        schedule: { id: 's-1', name: 'Weekly' }, report: { name: 'Usage Summary' },
        execution: { id: 'e-1', scheduledFor: '2026-12-07T09:00:00.000Z', triggeredBy: 'SCHEDULE' },
        period: { start: '2026-11-29T23:00:00.000Z', end: '2026-12-06T23:00:00.000Z', timeZone: 'Europe/Berlin', label: 'Nov 30 – Dec 6, 2026 (Europe/Berlin)' },
        parameters: { platform: ['web', 'ios'], min: 3 },
        rowCount: 12_345, totalRows: 12_345, truncated: false, condition: null,
        file: { name: 'usage.csv', format: 'CSV', contentType: 'text/csv', size: 2_500_000, sha256: 'ab'.repeat(32), passwordProtected: false,
          downloadUrl: 'https://reports.example.com/exports/x/download?t=1', downloadUrlExpiresAt: '2026-12-14T09:00:00.000Z' },
      },
    });
  });

  it('says null for a run without a window or a link', () => {
    const body = JSON.parse(webhookBody({ ...facts, periodStart: null, periodEnd: null, downloadUrl: null, linkExpiresAt: null, sha256: null }, 'd-2', new Date(0)));
    expect(body.data.period).toMatchObject({ start: null, end: null });
    expect(body.data.file).toMatchObject({ downloadUrl: null, downloadUrlExpiresAt: null, sha256: null });
  });

  it('carries the alert\'s verdict as data.condition', () => {
    expect(JSON.parse(webhookBody({ ...facts, condition: verdict }, 'd-3', new Date(0))).data.condition).toEqual(verdict);
  });
});

describe('slackSummary', () => {
  it('says the alert\'s verdict first, in the section and the notification text', () => {
    const s = slackSummary({ ...facts, condition: verdict }, true, 'en-US');
    expect(s.text).toBe('Alert: events of any row (min) = 2, below 5?: met. Usage Summary — Weekly: 12,345 rows, Nov 30 – Dec 6, 2026 (Europe/Berlin)');
    expect(section(s).split('\n')[0]).toBe('*Alert: events of any row (min) = 2, below 5?: met.*');
    expect(section(slackSummary({ ...facts, condition: { ...verdict, notified: false } }, true, 'en-US'))).not.toContain('Alert');
  });

  it('an attached file: title, period, rows in the locale, parameters, the file with its size', () => {
    const s = slackSummary(facts, true, 'de-DE');
    expect(s.text).toBe('Usage Summary — Weekly: 12.345 rows, Nov 30 – Dec 6, 2026 (Europe/Berlin)');
    expect(s.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Usage Summary — Weekly', emoji: true } });
    expect(section(s).split('\n')).toEqual([
      '*Period:* Nov 30 – Dec 6, 2026 (Europe/Berlin)',
      '*Rows:* 12.345 rows',
      '*Parameters:* platform = web, ios; min = 3',
      '*File:* usage.csv (2.4 MB), attached below',
    ]);
  });

  it('a link with its expiry in UTC, truncated rows, a protected file; no parameters line without parameters', () => {
    const s = slackSummary({ ...facts, parameters: {}, rowCount: 1000, totalRows: 5000, truncated: true, passwordProtected: true, fileSize: 2048 }, false, 'en-US');
    expect(section(s).split('\n')).toEqual([
      '*Period:* Nov 30 – Dec 6, 2026 (Europe/Berlin)',
      '*Rows:* 1,000 of 5,000 rows (truncated)',
      '*File:* <https://reports.example.com/exports/x/download?t=1|usage.csv> (2.0 KB; the link expires 2026-12-14 09:00 UTC) — password-protected',
    ]);
  });

  it('no file at all; a small file in bytes', () => {
    expect(section(slackSummary({ ...facts, downloadUrl: null, linkExpiresAt: null }, false, 'en-US'))).toContain('*File:* none');
    expect(section(slackSummary({ ...facts, fileSize: 512 }, true, 'en-US'))).toContain('usage.csv (512 B), attached below');
  });

  it('escapes the user\'s words so they cannot forge a link or a mention', () => {
    expect(slackEscape('a <https://evil|click> & <!channel>')).toBe('a &lt;https://evil|click&gt; &amp; &lt;!channel&gt;');
    const s = slackSummary({ ...facts, fileName: '<x|y>.csv', periodLabel: '<!here>', parameters: { '<k>': '<v>' } }, true, 'en-US');
    expect(section(s)).not.toMatch(/<(?!https)/);
    expect(section(s)).toContain('&lt;!here&gt;');
    expect(section(s)).toContain('&lt;k&gt; = &lt;v&gt;');
  });

  it('cuts a long title to Slack\'s 150 characters in the header', () => {
    const s = slackSummary({ ...facts, reportName: 'R'.repeat(200) }, true, 'en-US');
    expect((s.blocks[0] as { text: { text: string } }).text.text).toHaveLength(150);
  });
});
