/**
 * What a run says to Slack and to a webhook receiver, from the same facts the email uses. Pure.
 *
 * The webhook body is versioned JSON (`type: "report.delivered"`); the Slack message is Block Kit
 * text (mrkdwn, with the user's words escaped) and a plain-text fallback for notifications. A run
 * an alert sent says so in both (`Alert: <verdict>.`, as the email does); the webhook carries the
 * recorded verdict as `data.condition` (null for a schedule without a condition).
 */
import type { KnownBlock } from '@slack/web-api';
import { alertVerdict, type ConditionResult } from '../schedules/alert-condition.js';

export interface RunFacts {
  scheduleId: string;
  scheduleName: string;
  reportName: string;
  executionId: string;
  scheduledFor: Date;
  triggeredBy: string;
  /** Human period, in the schedule's zone (as the email says it). */
  periodLabel: string;
  /** The run's window, when it has one (ISO instants). */
  periodStart: string | null;
  periodEnd: string | null;
  timeZone: string;
  /** The report's parameter values, by name. */
  parameters: Record<string, unknown>;
  rowCount: number;
  totalRows: number;
  truncated: boolean;
  format: string;
  fileName: string;
  fileSize: number;
  contentType: string;
  sha256: string | null;
  passwordProtected: boolean;
  /** An expiring link to the file; null when there is no file. */
  downloadUrl: string | null;
  linkExpiresAt: Date | null;
  /** The alert condition's verdict when the schedule has one (the run was sent because it held); null: none. */
  condition: ConditionResult | null;
}

export function webhookBody(facts: RunFacts, deliveryId: string, at: Date): string {
  return JSON.stringify({
    type: 'report.delivered',
    timestamp: at.toISOString(),
    deliveryId,
    data: {
      schedule: { id: facts.scheduleId, name: facts.scheduleName },
      report: { name: facts.reportName },
      execution: { id: facts.executionId, scheduledFor: facts.scheduledFor.toISOString(), triggeredBy: facts.triggeredBy },
      period: { start: facts.periodStart, end: facts.periodEnd, timeZone: facts.timeZone, label: facts.periodLabel },
      parameters: facts.parameters,
      rowCount: facts.rowCount,
      totalRows: facts.totalRows,
      truncated: facts.truncated,
      condition: facts.condition,
      file: {
        name: facts.fileName, format: facts.format, contentType: facts.contentType, size: facts.fileSize, sha256: facts.sha256,
        passwordProtected: facts.passwordProtected,
        downloadUrl: facts.downloadUrl, downloadUrlExpiresAt: facts.linkExpiresAt?.toISOString() ?? null,
      },
    },
  });
}

/** Slack mrkdwn control characters (&, <, >) escaped, so a report name cannot forge a link or a mention. */
export function slackEscape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export interface SlackSummary {
  text: string;
  blocks: KnownBlock[];
}

/** `fileAttached`: the file follows as an upload; otherwise the link (if any) is in the message. */
export function slackSummary(facts: RunFacts, fileAttached: boolean, locale: string): SlackSummary {
  const rows = new Intl.NumberFormat(locale).format(facts.rowCount);
  const rowsLine = facts.truncated ? `${rows} of ${new Intl.NumberFormat(locale).format(facts.totalRows)} rows (truncated)` : `${rows} rows`;
  const title = `${facts.reportName} — ${facts.scheduleName}`;
  const params = Object.entries(facts.parameters);
  const alert = alertVerdict(facts.condition);
  const lines = [
    ...(alert ? [`*${slackEscape(alert)}*`] : []),
    `*Period:* ${slackEscape(facts.periodLabel)}`,
    `*Rows:* ${rowsLine}`,
    ...(params.length ? [`*Parameters:* ${params.map(([k, v]) => `${slackEscape(k)} = ${slackEscape(Array.isArray(v) ? v.join(', ') : String(v))}`).join('; ')}`] : []),
  ];
  let fileLine: string;
  if (fileAttached) fileLine = `*File:* ${slackEscape(facts.fileName)} (${formatBytes(facts.fileSize)}), attached below`;
  else if (facts.downloadUrl) fileLine = `*File:* <${facts.downloadUrl}|${slackEscape(facts.fileName)}> (${formatBytes(facts.fileSize)}; the link expires ${facts.linkExpiresAt!.toISOString().replace('T', ' ').slice(0, 16)} UTC)`;
  else fileLine = '*File:* none';
  if (facts.passwordProtected) fileLine += ' — password-protected';
  return {
    text: `${alert ? `${alert} ` : ''}${title}: ${rowsLine}, ${facts.periodLabel}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: title.slice(0, 150), emoji: true } },
      { type: 'section', text: { type: 'mrkdwn', text: [...lines, fileLine].join('\n') } },
    ],
  };
}
