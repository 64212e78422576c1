/**
 * The email a schedule sends, as a transport-neutral model, and the pure renderers that build it.
 *
 * Everything a user can type (report and schedule names, subject and message templates, file
 * names) is HTML-escaped in the HTML part and stripped of control characters in the subject, so a
 * report called `<script>…` shows up as text and a subject template cannot inject a header.
 * Links (download, unsubscribe, schedule) must be http(s); anything else is a bug and throws.
 * The HTML is deliberately old-fashioned: tables for layout, inline styles, no external CSS or
 * remote images (the report's chart travels inside the message, referenced by `cid:`), so that it
 * renders the same in Outlook, Gmail and Apple Mail.
 */
import { localeFormat } from '../../exports/writers/locale-format.js';
import { DEFAULT_LOCALE } from '../../exports/run-locale.js';

export interface EmailAttachment {
  fileName: string;
  contentType: string;
  content: Buffer;
  /** Set for an image the HTML shows (`<img src="cid:…">`): sent inline with this Content-ID, not as a file. */
  contentId?: string;
}

export interface EmailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments: EmailAttachment[];
  /** Extra MIME headers (e.g. List-Unsubscribe). ASCII values only; transports reject reserved names. */
  headers?: Record<string, string>;
  /** Idempotency key, sent as SendGrid custom_args.delivery_id and as X-Reportcast-Delivery header in .eml */
  deliveryId: string;
}

export interface ReportEmailInput {
  /** The run's report parameters as given (reports/parameters/bind.ts describeParameterValues), listed with the details. */
  parameters?: { label: string; value: string }[];
  reportName: string;
  scheduleName: string;
  tenantId: string;
  /** e.g. '2026-03-02 09:00 → 2026-03-09 09:00 America/New_York' */
  periodLabel: string;
  /** Rows in the exported file. */
  rowCount: number;
  /** Rows the report had before the row limit. */
  totalRows: number;
  truncated: boolean;
  /** Rows shown in the file when the PDF cap applies. */
  pdfShown?: number;
  format: string;
  fileName: string;
  fileSize: number;
  /** null → link */
  attachment: Buffer | null;
  contentType: string;
  downloadUrl: string | null;
  linkExpiresAt: Date | null;
  unsubscribeUrl: string;
  subjectTemplate?: string | null;
  /** User text, with placeholders {report} {period} {schedule} {rows} */
  messageTemplate?: string | null;
  /** Zone for the link's expiry time (default UTC); the schedule's zone reads best. */
  timeZone?: string;
  /** The run's locale (default en-US): how counts, sizes and times in the email are written. */
  locale?: string;
  /**
   * The file opens only with a password. The email says so, and never carries the password: it is
   * agreed with the sender another way (a file and its password never travel in the same message).
   */
  passwordProtected?: boolean;
  /** The report's chart as PNG (charts/chart-image.service.ts), shown in the HTML body as an inline image; null: none. */
  chart?: EmailChart | null;
}

export interface EmailChart {
  png: Buffer;
  /** CSS px the HTML shows it at. */
  width: number;
  height: number;
  alt: string;
}

/** The Content-ID of the chart's inline image (unique within its message, which is all it must be). */
export const CHART_CONTENT_ID = 'report-chart@reportcast';

/** What a protected file's email says about the password (and all it says). */
export const PROTECTED_FILE_NOTE = 'The file is protected with the password agreed with the sender; the password is not in this email.';

export interface FailureEmailInput {
  scheduleName: string;
  reportName: string;
  tenantId: string;
  scheduledFor: Date;
  timeZone: string;
  reason: string;
  autoPaused: boolean;
  scheduleUrl?: string;
  /** How the scheduled time is written (default en-US). */
  locale?: string;
}

/** Longest subject we produce; SendGrid and most clients cope with far more, readers do not. */
const MAX_SUBJECT_LENGTH = 200;

const PLACEHOLDER = /\{([a-z]+)\}/g;

/**
 * Replaces `{report}`, `{period}`, `{schedule}`, `{rows}` (any key of `values`) in user text.
 * Unknown placeholders are left as written. The result is plain text: callers escape it for HTML.
 */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(PLACEHOLDER, (match, key: string) =>
    Object.prototype.hasOwnProperty.call(values, key) ? values[key]! : match,
  );
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

// C0/C1 controls, DEL and the Unicode line/paragraph separators.
const CONTROL_CHARS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g;

/** One line, no control characters (so no CR/LF header injection), collapsed spaces, bounded. */
function cleanSubject(subject: string): string {
  const cleaned = subject.replace(CONTROL_CHARS, ' ').replace(/\s+/g, ' ').trim();
  const chars = Array.from(cleaned);
  return chars.length <= MAX_SUBJECT_LENGTH ? cleaned : chars.slice(0, MAX_SUBJECT_LENGTH - 1).join('') + '…';
}

/** User text for a body: normalised line ends, no control characters except newlines and tabs. */
function cleanBodyText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029]/g, '')
    .trim();
}

function assertHttpUrl(url: string, what: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${what} is not a valid URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`${what} must be http(s), got ${parsed.protocol}`);
  }
  return url;
}

/** A count written for `locale` (default en-US): `12,345`, de-DE `12.345`. */
export function formatCount(n: number, locale: string = DEFAULT_LOCALE): string {
  return localeFormat(locale).number(Math.max(0, Math.trunc(n)));
}

export function formatRows(n: number, locale: string = DEFAULT_LOCALE): string {
  return `${formatCount(n, locale)} ${n === 1 ? 'row' : 'rows'}`;
}

/** 1536 → `1.5 KB` (de-DE `1,5 KB`); binary units, one decimal from KB up. */
export function formatBytes(bytes: number, locale: string = DEFAULT_LOCALE): string {
  return localeFormat(locale).bytes(bytes);
}

/** `2026-03-10 14:00 UTC`, or `2026-03-10 10:00 (America/New_York)` with a zone; written for `locale`. */
function formatInstant(at: Date, timeZone: string | undefined, locale: string): string {
  const zone = timeZone ?? 'UTC';
  const wall = localeFormat(locale).dateTime(at.getTime(), zone);
  return zone === 'UTC' ? `${wall} UTC` : `${wall} (${zone})`;
}

/**
 * The "Showing N of M rows" note, or null when everything is in the file.
 * Rows shown are the PDF cap when it applies, else the exported rows; the total is the report's.
 */
export function rowsNote(input: Pick<ReportEmailInput, 'rowCount' | 'totalRows' | 'truncated' | 'pdfShown' | 'locale'>): string | null {
  const locale = input.locale ?? DEFAULT_LOCALE;
  const exported = Math.max(0, input.rowCount);
  const shown = input.pdfShown !== undefined ? Math.min(Math.max(0, input.pdfShown), exported) : exported;
  const total = Math.max(exported, input.totalRows);
  if (shown < total) return `Showing ${formatCount(shown, locale)} of ${formatCount(total, locale)} rows.`;
  if (input.truncated) return `Showing the first ${formatRows(shown, locale)}; the report has more.`;
  return null;
}

// --- HTML building blocks -------------------------------------------------------------------------

const FONT = "font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;";
const MUTED = '#6b7280';
const TEXT = '#111827';
const ACCENT = '#1d4ed8';

function htmlDocument(title: string, preheader: string, rows: string[]): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="x-apple-disable-message-reformatting">',
    `<title>${escapeHtml(title)}</title>`,
    '</head>',
    '<body style="margin:0;padding:0;background-color:#f3f4f6;">',
    // The preview line inbox lists show next to the subject; hidden in the message itself.
    `<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">${escapeHtml(preheader)}</div>`,
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f3f4f6;">',
    '<tr><td align="center" style="padding:24px 12px;">',
    '<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background-color:#ffffff;border:1px solid #e5e7eb;border-radius:6px;">',
    ...rows,
    '</table>',
    '</td></tr>',
    '</table>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

const BODY_TEXT = `${FONT}font-size:15px;line-height:22px;color:${TEXT};`;
const SMALL_TEXT = `${FONT}font-size:13px;line-height:19px;color:${MUTED};`;

function cell(content: string, style = BODY_TEXT, padding = '0 28px 16px 28px'): string {
  return `<tr><td style="padding:${padding};${style}">${content}</td></tr>`;
}

function eyebrow(text: string): string {
  return cell(escapeHtml(text), `${FONT}font-size:12px;line-height:16px;color:${MUTED};text-transform:uppercase;letter-spacing:1px;`, '24px 28px 6px 28px');
}

function heading(text: string): string {
  return cell(escapeHtml(text), `${FONT}font-size:22px;line-height:28px;font-weight:bold;color:${TEXT};`);
}

/** Multi-line user text: escaped, with line breaks kept. */
function paragraph(text: string): string {
  return cell(escapeHtml(text).replace(/\n/g, '<br>'));
}

function detailsTable(pairs: Array<[string, string]>): string {
  const body = pairs
    .map(
      ([label, value]) =>
        `<tr><td valign="top" style="padding:4px 12px 4px 0;${FONT}font-size:14px;line-height:20px;color:${MUTED};white-space:nowrap;">${escapeHtml(label)}</td>` +
        `<td valign="top" style="padding:4px 0;${FONT}font-size:14px;line-height:20px;color:${TEXT};">${escapeHtml(value)}</td></tr>`,
    )
    .join('');
  return `<tr><td style="padding:0 28px 16px 28px;"><table role="presentation" cellpadding="0" cellspacing="0" border="0">${body}</table></td></tr>`;
}

function noteBox(text: string): string {
  return (
    `<tr><td style="padding:0 28px 16px 28px;"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">` +
    `<tr><td style="padding:10px 12px;background-color:#fef3c7;border-left:4px solid #f59e0b;${FONT}font-size:14px;line-height:20px;color:#78350f;">${escapeHtml(text)}</td></tr>` +
    `</table></td></tr>`
  );
}

function button(label: string, href: string): string {
  return (
    `<tr><td style="padding:0 28px 12px 28px;"><table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr>` +
    `<td style="border-radius:4px;background-color:${ACCENT};">` +
    `<a href="${escapeHtml(href)}" target="_blank" style="display:inline-block;padding:10px 18px;${FONT}font-size:15px;font-weight:bold;color:#ffffff;text-decoration:none;border-radius:4px;">${escapeHtml(label)}</a>` +
    `</td></tr></table></td></tr>`
  );
}

/** The chart's inline image at its CSS size, shrinking with narrow screens. */
function chartImage(chart: EmailChart): string {
  return (
    `<tr><td style="padding:0 28px 16px 28px;">` +
    `<img src="cid:${CHART_CONTENT_ID}" width="${chart.width}" height="${chart.height}" alt="${escapeHtml(chart.alt)}" ` +
    `style="display:block;width:100%;max-width:${chart.width}px;height:auto;border:0;${FONT}font-size:13px;color:${MUTED};">` +
    `</td></tr>`
  );
}

function footer(html: string): string {
  return `<tr><td style="padding:16px 28px 24px 28px;border-top:1px solid #e5e7eb;${FONT}font-size:12px;line-height:18px;color:${MUTED};">${html}</td></tr>`;
}

function link(href: string, label: string): string {
  return `<a href="${escapeHtml(href)}" target="_blank" style="color:${ACCENT};text-decoration:underline;">${escapeHtml(label)}</a>`;
}

// --- Report email ---------------------------------------------------------------------------------

export function renderReportEmail(input: ReportEmailInput, from: string, to: string, deliveryId: string): EmailMessage {
  const unsubscribeUrl = assertHttpUrl(input.unsubscribeUrl, 'unsubscribeUrl');
  const downloadUrl = input.downloadUrl === null ? null : assertHttpUrl(input.downloadUrl, 'downloadUrl');
  const reportName = cleanSubject(input.reportName) || 'Report';
  const scheduleName = cleanSubject(input.scheduleName) || 'Schedule';
  const period = cleanSubject(input.periodLabel);
  const format = input.format.toUpperCase();
  const fileName = input.fileName.replace(CONTROL_CHARS, '');
  const locale = input.locale ?? DEFAULT_LOCALE;
  const rows = formatRows(input.rowCount, locale);
  const values = { report: reportName, period, schedule: scheduleName, rows: formatCount(input.rowCount, locale) };

  const subjectTemplate = input.subjectTemplate?.trim() ? input.subjectTemplate : null;
  const subject = cleanSubject(subjectTemplate ? fillTemplate(subjectTemplate, values) : `${reportName} — ${period}`) || reportName;
  const userMessage = input.messageTemplate?.trim() ? cleanBodyText(fillTemplate(input.messageTemplate, values)) : null;
  const note = rowsNote(input);
  const size = formatBytes(input.fileSize, locale);
  const fileLine = `${fileName} (${format}, ${size})`;
  const expiry = input.linkExpiresAt ? formatInstant(input.linkExpiresAt, input.timeZone, locale) : null;

  // What the file is and how to get it: attached, a link, or (should not happen) neither.
  let deliveryText: string;
  let deliveryHtml: string[];
  const attachments: EmailAttachment[] = [];
  if (input.attachment) {
    attachments.push({ fileName, contentType: input.contentType, content: input.attachment });
    deliveryText = `Attached: ${fileLine}`;
    deliveryHtml = [cell(`The report is attached: <strong>${escapeHtml(fileName)}</strong> (${escapeHtml(format)}, ${escapeHtml(size)}).`)];
  } else if (downloadUrl) {
    const expiresText = expiry ? `This link expires on ${expiry}.` : '';
    deliveryText = [`Download ${fileLine}:`, downloadUrl, expiresText].filter(Boolean).join('\n');
    deliveryHtml = [
      cell(`The file is available to download: <strong>${escapeHtml(fileName)}</strong> (${escapeHtml(format)}, ${escapeHtml(size)}).`),
      button(`Download ${format}`, downloadUrl),
      cell(
        `${expiry ? `${escapeHtml(expiresText)} ` : ''}If the button does not work, copy this address into your browser:<br>` +
          `<span style="word-break:break-all;">${link(downloadUrl, downloadUrl)}</span>`,
        SMALL_TEXT,
      ),
    ];
  } else {
    deliveryText = `The file ${fileLine} could not be attached; open Reportcast to download it.`;
    deliveryHtml = [cell(escapeHtml(deliveryText))];
  }
  // The chart: an inline part the HTML references by cid: (mail clients show no SVG, and most block
  // remote images), so it shows without loading anything.
  const chartHtml: string[] = [];
  if (input.chart) {
    attachments.push({ fileName: 'chart.png', contentType: 'image/png', content: input.chart.png, contentId: CHART_CONTENT_ID });
    chartHtml.push(chartImage(input.chart));
  }
  if (input.passwordProtected) {
    deliveryText += `\n${PROTECTED_FILE_NOTE}`;
    deliveryHtml.push(cell(`🔒 ${escapeHtml(PROTECTED_FILE_NOTE)}`));
  }

  const details: Array<[string, string]> = [
    ['Period', period],
    ['Rows', rows],
    ['Schedule', scheduleName],
    ...(input.parameters ?? []).map((p): [string, string] => [cleanSubject(p.label), cleanSubject(p.value)]),
  ];

  const text = [
    reportName,
    '',
    ...(userMessage ? [userMessage, ''] : []),
    `Period: ${period}`,
    `Rows: ${rows}`,
    ...(note ? [note] : []),
    `Schedule: ${scheduleName}`,
    ...(input.parameters ?? []).map((p) => `${cleanSubject(p.label)}: ${cleanSubject(p.value)}`),
    '',
    deliveryText,
    '',
    '--',
    `You receive this email as a recipient of the schedule "${scheduleName}" in Reportcast.`,
    `Unsubscribe: ${unsubscribeUrl}`,
    '',
  ].join('\n');

  const html = htmlDocument(subject, `${period} · ${rows}${note ? ` · ${note}` : ''}`, [
    eyebrow('Reportcast · Scheduled report'),
    heading(reportName),
    ...(userMessage ? [paragraph(userMessage)] : []),
    ...chartHtml,
    detailsTable(details),
    ...(note ? [noteBox(note)] : []),
    ...deliveryHtml,
    footer(
      `You receive this email as a recipient of the schedule “${escapeHtml(scheduleName)}” in Reportcast. ` +
        `${link(unsubscribeUrl, 'Unsubscribe')} from this schedule.`,
    ),
  ]);

  return {
    from,
    to,
    subject,
    text,
    html,
    attachments,
    // RFC 8058 one-click: mail providers POST `List-Unsubscribe=One-Click` to the URL (unsubscribe.ts).
    headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    deliveryId,
  };
}

// --- Failure email --------------------------------------------------------------------------------

export function renderFailureEmail(input: FailureEmailInput, from: string, to: string, deliveryId: string): EmailMessage {
  const scheduleUrl = input.scheduleUrl ? assertHttpUrl(input.scheduleUrl, 'scheduleUrl') : null;
  const scheduleName = cleanSubject(input.scheduleName) || 'Schedule';
  const reportName = cleanSubject(input.reportName) || 'Report';
  const when = `${localeFormat(input.locale ?? DEFAULT_LOCALE).dateTime(input.scheduledFor.getTime(), input.timeZone)} (${input.timeZone})`;
  const reason = cleanBodyText(input.reason) || 'Unknown error';
  const subject = cleanSubject(`${input.autoPaused ? 'Schedule paused' : 'Scheduled report failed'}: ${scheduleName}`);
  const pausedText =
    'The schedule has failed too many times in a row and has been paused: no further runs will happen until you resume it.';
  const intro = `The run of “${scheduleName}” scheduled for ${when} failed after all retries; its recipients did not get the report.`;

  const text = [
    subject,
    '',
    intro,
    '',
    `Schedule: ${scheduleName}`,
    `Report: ${reportName}`,
    `Scheduled for: ${when}`,
    `Reason: ${reason}`,
    '',
    ...(input.autoPaused ? [pausedText, ''] : []),
    ...(scheduleUrl ? [`Open the schedule: ${scheduleUrl}`, ''] : []),
    '--',
    `You receive this email as the owner of the schedule "${scheduleName}" in Reportcast.`,
    '',
  ].join('\n');

  const html = htmlDocument(subject, intro, [
    eyebrow('Reportcast · Schedule failure'),
    heading(input.autoPaused ? 'Schedule paused' : 'Scheduled report failed'),
    cell(escapeHtml(intro)),
    detailsTable([
      ['Schedule', scheduleName],
      ['Report', reportName],
      ['Scheduled for', when],
    ]),
    cell(`<strong>Reason</strong><br>${escapeHtml(reason).replace(/\n/g, '<br>')}`, `${FONT}font-size:14px;line-height:20px;color:${TEXT};`),
    ...(input.autoPaused ? [noteBox(pausedText)] : []),
    ...(scheduleUrl ? [button('Open the schedule', scheduleUrl)] : []),
    footer(`You receive this email as the owner of the schedule “${escapeHtml(scheduleName)}” in Reportcast.`),
  ]);

  return { from, to, subject, text, html, attachments: [], deliveryId };
}
