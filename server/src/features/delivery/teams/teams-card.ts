/**
 * What a run says to Microsoft Teams: one message with an Adaptive Card (the shape Teams incoming
 * webhooks and Workflows "post to a channel when a webhook request is received" both take): the
 * title, the period in the run's zone, the row count (and whether the row limit cut it), the
 * parameters, the chart as an image, and a "Download" button with the file's expiring link. Pure.
 *
 * Teams refuses a message over about 28 KB, so the chart travels as a data: URI only when the whole
 * message still fits (TEAMS_MESSAGE_LIMIT_BYTES); otherwise the card says the chart was left out.
 * Text is plain TextBlock text: Adaptive Cards render a subset of Markdown in it, so the user's
 * words have their Markdown characters escaped.
 */
import type { RunFacts } from '../destination-content.js';

/** Teams' limit on one incoming-webhook message, with room for the envelope it adds. */
export const TEAMS_MESSAGE_LIMIT_BYTES = 28_000;
/** The schema version Teams renders for webhook cards (1.5 is not everywhere yet). */
export const ADAPTIVE_CARD_VERSION = '1.4';

export interface TeamsChart {
  png: Buffer;
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
  /** The chart went in as a data: URI. */
  chartIncluded: boolean;
  /** UTF-8 bytes of the JSON body. */
  bytes: number;
}

export function teamsMessage(facts: RunFacts, locale: string, chart: TeamsChart | null, limitBytes = TEAMS_MESSAGE_LIMIT_BYTES): TeamsCardResult {
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
  const head: AdaptiveCardElement[] = [
    { type: 'TextBlock', text: teamsEscape(facts.reportName), size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' },
    { type: 'TextBlock', text: teamsEscape(facts.scheduleName), isSubtle: true, spacing: 'None', wrap: true },
    { type: 'FactSet', facts: facts_ },
  ];
  const actions: AdaptiveCardElement[] = facts.downloadUrl ? [{ type: 'Action.OpenUrl', title: 'Download', url: facts.downloadUrl }] : [];
  const build = (image: AdaptiveCardElement | null): TeamsMessage => ({
    type: 'message',
    attachments: [{
      contentType: 'application/vnd.microsoft.card.adaptive',
      contentUrl: null,
      content: {
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        type: 'AdaptiveCard',
        version: ADAPTIVE_CARD_VERSION,
        body: image ? [...head, image] : head,
        actions,
        msteams: { width: 'Full' },
      },
    }],
  });
  const size = (m: TeamsMessage) => Buffer.byteLength(JSON.stringify(m), 'utf8');
  if (chart) {
    const withChart = build({ type: 'Image', url: `data:image/png;base64,${chart.png.toString('base64')}`, altText: chart.alt.slice(0, 200) || 'Chart', size: 'Stretch' });
    const bytes = size(withChart);
    if (bytes <= limitBytes) return { message: withChart, chartIncluded: true, bytes };
  }
  const note: AdaptiveCardElement | null = chart
    ? { type: 'TextBlock', text: `The chart (${formatBytes(chart.png.length)}) is left out: Teams takes messages up to ${Math.round(limitBytes / 1000)} KB. Download the file for the rows.`, isSubtle: true, wrap: true, size: 'Small' }
    : null;
  const message = build(note);
  return { message, chartIncluded: false, bytes: size(message) };
}
