import { describe, expect, it } from 'vitest';
import { fillTemplate, formatBytes, renderFailureEmail, renderReportEmail, rowsNote, type ReportEmailInput } from './message.js';

const FROM = 'Reportcast <reports@reportcast.test>';
const TO = 'admin@acme.example.com';
const PDF = Buffer.from('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj << >> endobj\n%%EOF\n', 'latin1');

function input(overrides: Partial<ReportEmailInput> = {}): ReportEmailInput {
  return {
    reportName: 'Usage Summary',
    scheduleName: 'Weekly Usage Summary Email',
    tenantId: 'acme',
    periodLabel: '2026-03-02 09:00 → 2026-03-09 09:00 America/New_York',
    rowCount: 742,
    totalRows: 742,
    truncated: false,
    format: 'PDF',
    fileName: 'usage-summary_2026-03-09_09h00.pdf',
    fileSize: PDF.length,
    attachment: PDF,
    contentType: 'application/pdf',
    downloadUrl: null,
    linkExpiresAt: null,
    unsubscribeUrl: 'http://reports.test/unsubscribe?token=abc.def&x=1',
    ...overrides,
  };
}

describe('fillTemplate', () => {
  it('replaces known placeholders, every occurrence, and leaves unknown ones as written', () => {
    const values = { report: 'Usage', period: 'last week', schedule: 'Weekly', rows: '12' };
    expect(fillTemplate('{report} for {period} ({rows} rows, {schedule}) {report}', values)).toBe('Usage for last week (12 rows, Weekly) Usage');
    expect(fillTemplate('{unknown} {Report} { report } {report', values)).toBe('{unknown} {Report} { report } {report');
    expect(fillTemplate('no placeholders', values)).toBe('no placeholders');
  });

  it('does not re-expand placeholders that appear inside substituted values', () => {
    expect(fillTemplate('{report}', { report: '{period}', period: 'X' })).toBe('{period}');
  });

  it('ignores inherited object keys', () => {
    expect(fillTemplate('{constructor} {toString}', {})).toBe('{constructor} {toString}');
  });
});

describe('renderReportEmail', () => {
  it('defaults the subject to "<report> — <period>" and carries addresses and the delivery id', () => {
    const m = renderReportEmail(input(), FROM, TO, 'delivery-1');
    expect(m.subject).toBe('Usage Summary — 2026-03-02 09:00 → 2026-03-09 09:00 America/New_York');
    expect(m).toMatchObject({ from: FROM, to: TO, deliveryId: 'delivery-1' });
    expect(m.headers).toEqual({ 'List-Unsubscribe': '<http://reports.test/unsubscribe?token=abc.def&x=1>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
  });

  it('fills a subject template, cleans it to one line, and falls back on a blank one', () => {
    const m = renderReportEmail(input({ subjectTemplate: '[{schedule}] {report}: {rows} rows\r\nBcc: evil@x.test' }), FROM, TO, 'd');
    expect(m.subject).toBe('[Weekly Usage Summary Email] Usage Summary: 742 rows Bcc: evil@x.test');
    expect(m.subject).not.toMatch(/[\r\n]/);
    expect(renderReportEmail(input({ subjectTemplate: '   ' }), FROM, TO, 'd').subject).toMatch(/^Usage Summary — /);
    const long = renderReportEmail(input({ subjectTemplate: 'x'.repeat(500) }), FROM, TO, 'd').subject;
    expect(Array.from(long).length).toBeLessThanOrEqual(200);
  });

  it('names the report, period, row count and schedule in both parts', () => {
    const m = renderReportEmail(input({ rowCount: 1234, totalRows: 1234 }), FROM, TO, 'd');
    for (const part of [m.text, m.html]) {
      expect(part).toContain('Usage Summary');
      expect(part).toContain('2026-03-02 09:00 → 2026-03-09 09:00 America/New_York');
      expect(part).toContain('1,234 rows');
      expect(part).toContain('Weekly Usage Summary Email');
      expect(part).not.toMatch(/Showing/);
    }
    expect(renderReportEmail(input({ rowCount: 1, totalRows: 1 }), FROM, TO, 'd').text).toContain('Rows: 1 row\n');
  });

  it('says "Showing N of M rows" when the row limit truncated the report', () => {
    const m = renderReportEmail(input({ rowCount: 1000, totalRows: 4321, truncated: true }), FROM, TO, 'd');
    expect(m.text).toContain('Showing 1,000 of 4,321 rows.');
    expect(m.html).toContain('Showing 1,000 of 4,321 rows.');
  });

  it('says how many rows the PDF shows when its cap applies', () => {
    const m = renderReportEmail(input({ rowCount: 5000, totalRows: 5000, pdfShown: 1000 }), FROM, TO, 'd');
    expect(m.text).toContain('Showing 1,000 of 5,000 rows.');
    expect(m.html).toContain('Showing 1,000 of 5,000 rows.');
  });

  it('rowsNote covers the edge cases', () => {
    expect(rowsNote({ rowCount: 10, totalRows: 10, truncated: false })).toBeNull();
    expect(rowsNote({ rowCount: 10, totalRows: 10, truncated: false, pdfShown: 10 })).toBeNull();
    expect(rowsNote({ rowCount: 10, totalRows: 10, truncated: true })).toBe('Showing the first 10 rows; the report has more.');
    expect(rowsNote({ rowCount: 20, totalRows: 95, truncated: true, pdfShown: 5 })).toBe('Showing 5 of 95 rows.');
    expect(rowsNote({ rowCount: 0, totalRows: 0, truncated: false })).toBeNull();
  });

  it('attaches the file and says so', () => {
    const m = renderReportEmail(input(), FROM, TO, 'd');
    expect(m.attachments).toEqual([{ fileName: 'usage-summary_2026-03-09_09h00.pdf', contentType: 'application/pdf', content: PDF }]);
    expect(m.text).toContain(`Attached: usage-summary_2026-03-09_09h00.pdf (PDF, ${formatBytes(PDF.length)})`);
    expect(m.html).toContain('The report is attached');
    expect(m.text).not.toMatch(/download/i);
  });

  it('links the file with its expiry when it is not attached', () => {
    const url = 'https://bucket.s3.amazonaws.com/exports/x.pdf?X-Amz-Signature=abc&X-Amz-Expires=86400';
    const m = renderReportEmail(
      input({ attachment: null, downloadUrl: url, linkExpiresAt: new Date('2026-03-10T14:00:00Z'), fileSize: 42 * 1024 * 1024 }),
      FROM, TO, 'd',
    );
    expect(m.attachments).toEqual([]);
    expect(m.text).toContain('Download usage-summary_2026-03-09_09h00.pdf (PDF, 42.0 MB):');
    expect(m.text).toContain(url);
    expect(m.text).toContain('This link expires on 2026-03-10 14:00 UTC.');
    expect(m.html).toContain(`href="${url.replaceAll('&', '&amp;')}"`);
    expect(m.html).toContain('This link expires on 2026-03-10 14:00 UTC.');
    expect(m.text).not.toMatch(/Attached:/);
    const zoned = renderReportEmail(
      input({ attachment: null, downloadUrl: url, linkExpiresAt: new Date('2026-03-10T14:00:00Z'), timeZone: 'America/New_York' }),
      FROM, TO, 'd',
    );
    expect(zoned.text).toContain('This link expires on 2026-03-10 10:00 (America/New_York).');
  });

  it('has an unsubscribe link in the HTML and the text', () => {
    const m = renderReportEmail(input(), FROM, TO, 'd');
    expect(m.text).toContain('Unsubscribe: http://reports.test/unsubscribe?token=abc.def&x=1');
    expect(m.html).toMatch(/<a href="http:\/\/reports\.test\/unsubscribe\?token=abc\.def&amp;x=1"[^>]*>Unsubscribe<\/a>/);
  });

  it('escapes user text: no markup from report names, schedule names, file names or the message', () => {
    const m = renderReportEmail(
      input({
        reportName: '<script>alert(1)</script> & "Co"',
        scheduleName: '<img src=x onerror=alert(2)>',
        fileName: '<b>file</b>.pdf',
        messageTemplate: 'Hi <b>team</b>,\nhere is {report} for {period}.\n<a href="javascript:alert(3)">x</a>',
        subjectTemplate: '<i>{report}</i>',
      }),
      FROM, TO, 'd',
    );
    expect(m.html).not.toMatch(/<script|<img|<b>|<i>|href="javascript:/i);
    expect(m.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;');
    expect(m.html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(m.html).toContain('Hi &lt;b&gt;team&lt;/b&gt;,<br>here is &lt;script&gt;');
    // The text part is plain text: the user's words as written.
    expect(m.text).toContain('Hi <b>team</b>,\nhere is <script>alert(1)</script> & "Co" for 2026-03-02');
    expect(m.subject).toBe('<i><script>alert(1)</script> & "Co"</i>');
  });

  it('rejects non-http links', () => {
    expect(() => renderReportEmail(input({ unsubscribeUrl: 'javascript:alert(1)' }), FROM, TO, 'd')).toThrow(/http/);
    expect(() => renderReportEmail(input({ attachment: null, downloadUrl: 'data:text/html,x' }), FROM, TO, 'd')).toThrow(/http/);
  });

  it('produces simple email-client-safe HTML: a document, tables, inline styles, no <style> or scripts', () => {
    const { html } = renderReportEmail(input(), FROM, TO, 'd');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toMatch(/<table role="presentation"/);
    expect(html).not.toMatch(/<style|<script|<link|class="/i);
    // Balanced tables/rows/cells.
    for (const tag of ['table', 'tr', 'td', 'a']) {
      const open = html.match(new RegExp(`<${tag}[\\s>]`, 'g'))?.length ?? 0;
      const close = html.match(new RegExp(`</${tag}>`, 'g'))?.length ?? 0;
      expect(open, tag).toBe(close);
    }
  });
});

describe('renderFailureEmail', () => {
  const base = {
    scheduleName: 'Weekly <Usage>',
    reportName: 'Usage Summary',
    tenantId: 'acme',
    scheduledFor: new Date('2026-03-09T13:00:00Z'),
    timeZone: 'America/New_York',
    reason: 'ClickHouse timed out <after 60 s>',
    autoPaused: false,
  };

  it('names the schedule, the slot in its zone and the reason, escaped', () => {
    const m = renderFailureEmail(base, FROM, 'owner@acme.example.com', 'failure-1');
    expect(m.subject).toBe('Scheduled report failed: Weekly <Usage>');
    expect(m.to).toBe('owner@acme.example.com');
    expect(m.deliveryId).toBe('failure-1');
    expect(m.attachments).toEqual([]);
    expect(m.text).toContain('Scheduled for: 2026-03-09 09:00 (America/New_York)');
    expect(m.text).toContain('Reason: ClickHouse timed out <after 60 s>');
    expect(m.html).toContain('ClickHouse timed out &lt;after 60 s&gt;');
    expect(m.html).toContain('Weekly &lt;Usage&gt;');
    expect(m.html).not.toContain('<Usage>');
    expect(m.text).not.toMatch(/paused/i);
  });

  it('says when the schedule was paused, and links it', () => {
    const m = renderFailureEmail({ ...base, autoPaused: true, scheduleUrl: 'http://reports.test/schedules/1' }, FROM, 'o@x.test', 'f');
    expect(m.subject).toBe('Schedule paused: Weekly <Usage>');
    expect(m.text).toMatch(/has been paused/);
    expect(m.html).toMatch(/has been paused/);
    expect(m.text).toContain('Open the schedule: http://reports.test/schedules/1');
    expect(m.html).toContain('href="http://reports.test/schedules/1"');
  });
});

describe('the email in the run\'s locale', () => {
  const big = { rowCount: 12345, totalRows: 20000, fileSize: 1536 * 1024, attachment: null, downloadUrl: 'http://reports.test/d/1', linkExpiresAt: new Date('2026-12-06T19:59:00Z'), timeZone: 'Europe/Berlin' };

  it('de-DE: counts, sizes and the link expiry written the German way', () => {
    const m = renderReportEmail(input({ ...big, locale: 'de-DE', subjectTemplate: '{report}: {rows} rows' }), FROM, TO, 'd');
    expect(m.subject).toBe('Usage Summary: 12.345 rows');
    expect(m.text).toContain('1,5 MB');
    expect(m.text).toContain('Showing 12.345 of 20.000 rows.');
    expect(m.text).toContain('This link expires on 06.12.2026, 20:59 (Europe/Berlin).');
    expect(m.html).toContain('1,5 MB');
  });

  it('fr-FR groups with narrow no-break spaces; ja-JP writes year-first dates', () => {
    expect(renderReportEmail(input({ ...big, locale: 'fr-FR' }), FROM, TO, 'd').text).toContain('Showing 12\u202f345 of 20\u202f000 rows.');
    expect(renderReportEmail(input({ ...big, locale: 'ja-JP' }), FROM, TO, 'd').text).toContain('This link expires on 2026/12/06 20:59 (Europe/Berlin).');
  });

  it('en-US (the default) is what it always was', () => {
    const m = renderReportEmail(input(big), FROM, TO, 'd');
    expect(m.text).toContain('Showing 12,345 of 20,000 rows.');
    expect(m.text).toContain('1.5 MB');
    expect(m.text).toContain('This link expires on 2026-12-06 20:59 (Europe/Berlin).');
    expect(formatBytes(1536, 'de-DE')).toBe('1,5 KB');
    expect(rowsNote({ rowCount: 1, totalRows: 1001, truncated: false, locale: 'de-DE' })).toBe('Showing 1 of 1.001 rows.');
  });

  it('the failure email writes the slot for the locale', () => {
    const m = renderFailureEmail({ scheduleName: 'S', reportName: 'R', tenantId: 'acme', scheduledFor: new Date('2026-12-06T08:00:00Z'), timeZone: 'Europe/Berlin', reason: 'x', autoPaused: false, locale: 'de-DE' }, FROM, TO, 'f');
    expect(m.text).toContain('Scheduled for: 06.12.2026, 09:00 (Europe/Berlin)');
  });
});

describe('a password-protected file', () => {
  const zip = Buffer.from('PK\u0003\u0004 encrypted entry', 'latin1');
  const protectedInput = (overrides: Partial<ReportEmailInput> = {}) => input({
    format: 'CSV', fileName: 'usage-summary_2026-03-09_09h00.zip', contentType: 'application/zip', attachment: zip, fileSize: zip.length, passwordProtected: true, ...overrides,
  });

  it('says it is protected with the password agreed with the sender, attached or linked, in text and HTML', () => {
    for (const message of [
      renderReportEmail(protectedInput(), FROM, TO, 'd1'),
      renderReportEmail(protectedInput({ attachment: null, downloadUrl: 'http://reports.test/exports/1/download?token=t', linkExpiresAt: new Date('2026-03-10T09:00:00Z') }), FROM, TO, 'd2'),
    ]) {
      expect(message.text).toContain('The file is protected with the password agreed with the sender; the password is not in this email.');
      expect(message.html).toContain('protected with the password agreed with the sender');
    }
    const attached = renderReportEmail(protectedInput(), FROM, TO, 'd1');
    expect(attached.attachments).toEqual([{ fileName: 'usage-summary_2026-03-09_09h00.zip', contentType: 'application/zip', content: zip }]);
  });

  it('says nothing of a password for an unprotected file', () => {
    const message = renderReportEmail(input(), FROM, TO, 'd1');
    expect(message.text).not.toMatch(/password/i);
    expect(message.html).not.toMatch(/password/i);
  });
});

describe('report email parameters (issue 19)', () => {
  it('lists the run\'s parameter values in the text and the HTML details, every script as given', () => {
    const parameters = [
      { label: 'Parameter: Platform', value: 'ios, web' },
      { label: 'Parameter: City', value: '東京 Αθήνα Москва القاهرة 🚀' },
      { label: 'Parameter: Period', value: '2026-12-01 to 2026-12-07 (both days included)' },
    ];
    const m = renderReportEmail(input({ parameters }), FROM, TO, 'd');
    for (const p of parameters) {
      expect(m.text).toContain(`${p.label}: ${p.value}`);
      expect(m.html).toContain(p.label);
      expect(m.html).toContain(p.value);
    }
    // Without parameters nothing is added.
    expect(renderReportEmail(input(), FROM, TO, 'd').text).not.toContain('Parameter:');
    // A value cannot add header-like lines.
    const sneaky = renderReportEmail(input({ parameters: [{ label: 'Parameter: X', value: 'a\r\nBcc: evil@x.test' }] }), FROM, TO, 'd');
    expect(sneaky.text).not.toMatch(/^Bcc:/m);
  });
});
