/**
 * What a run says to Microsoft Teams: one message with an Adaptive Card (the shape Teams incoming
 * webhooks and Workflows "post to a channel when a webhook request is received" both take): the
 * title, the alert's verdict when an alert sent the run, the period in the run's zone, the row
 * count (and whether the row limit cut it), the parameters, the chart as an image, and a
 * "Download" button with the file's expiring link. Pure.
 *
 * The chart is an `Image` whose `url` is ours (HTTPS in production: `GET /exports/:id/chart.png`
 * with a signed token, exports/chart-file.ts), as Teams expects: the PNG itself (~70 KB) cannot
 * travel in a message Teams limits to about 28 KB, not even as a data: URI.
 * Text is plain TextBlock text: Adaptive Cards render a subset of Markdown in it, so the user's
 * words have their Markdown characters escaped.
 */
import { alertVerdict } from '../../schedules/alert-condition.js';
import type { RunFacts } from '../destination-content.js';

/** Teams' limit on one incoming-webhook message, with room for the envelope it adds (the card stays far below it). */
export const TEAMS_MESSAGE_LIMIT_BYTES = 28_000;
/** The schema version Teams renders for webhook cards (1.5 is not everywhere yet). */
export const ADAPTIVE_CARD_VERSION = '1.4';

export interface TeamsChart {
  /** Where Teams fetches the PNG (chart-file.ts chartImageUrl). */
  url: string;
  alt: string;
}

export interface AdaptiveCardElement {
  type: string;
  [key: string]: unknown;
}

export interface AdaptiveCard {
  $schema: string;
  type: 'AdaptiveCard';
  version: string;
  body: AdaptiveCardElement[];
  actions: AdaptiveCardElement[];
  msteams: { width: 'Full' };
}

export interface TeamsMessage {
  type: 'message';
  attachments: { contentType: 'application/vnd.microsoft.card.adaptive'; contentUrl: null; content: AdaptiveCard }[];
}

/** Markdown that TextBlocks would render (emphasis, links, lists, headings), escaped with backslashes. */
export function teamsEscape(text: string): string {
  return text.replace(/([\\`*_{}[\]()#+\-.!|>~<])/g, '\\$1');
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export interface TeamsCardResult {
  message: TeamsMessage;
  /** UTF-8 bytes of the JSON body. */
  bytes: number;
}

export function teamsMessage(facts: RunFacts, locale: string, chart: TeamsChart | null): TeamsCardResult {
  const n = new Intl.NumberFormat(locale);
  const rows = facts.truncated ? `${n.format(facts.rowCount)} of ${n.format(facts.totalRows)} (truncated by the row limit)` : n.format(facts.rowCount);
  const params = Object.entries(facts.parameters);
  const facts_ = [
    { title: 'Period', value: teamsEscape(facts.periodLabel) },
    { title: 'Rows', value: rows },
    { title: 'Truncated', value: facts.truncated ? 'yes' : 'no' },
    ...(params.length ? [{ title: 'Parameters', value: params.map(([k, v]) => `${teamsEscape(k)} = ${teamsEscape(Array.isArray(v) ? v.join(', ') : String(v))}`).join('; ') }] : []),
    { title: 'File', value: `${teamsEscape(facts.fileName)} (${formatBytes(facts.fileSize)})${facts.passwordProtected ? ', password-protected' : ''}` },
    ...(facts.linkExpiresAt ? [{ title: 'Link expires', value: `${facts.linkExpiresAt.toISOString().replace('T', ' ').slice(0, 16)} UTC` }] : []),
  ];
  const alert = alertVerdict(facts.condition);
  const body: AdaptiveCardElement[] = [
    { type: 'TextBlock', text: teamsEscape(facts.reportName), size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' },
    { type: 'TextBlock', text: teamsEscape(facts.scheduleName), isSubtle: true, spacing: 'None', wrap: true },
    ...(alert ? [{ type: 'TextBlock', text: teamsEscape(alert), color: 'Attention', weight: 'Bolder', wrap: true }] : []),
    { type: 'FactSet', facts: facts_ },
    ...(chart ? [{ type: 'Image', url: chart.url, altText: chart.alt.slice(0, 200) || 'Chart', size: 'Stretch' }] : []),
  ];
  const actions: AdaptiveCardElement[] = facts.downloadUrl ? [{ type: 'Action.OpenUrl', title: 'Download', url: facts.downloadUrl }] : [];
  const message: TeamsMessage = {
    type: 'message',
    attachments: [{
      contentType: 'application/vnd.microsoft.card.adaptive',
      contentUrl: null,
      content: {
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        type: 'AdaptiveCard',
        version: ADAPTIVE_CARD_VERSION,
        body,
        actions,
        msteams: { width: 'Full' },
      },
    }],
  };
  return { message, bytes: Buffer.byteLength(JSON.stringify(message), 'utf8') };
}
