import { describe, expect, it } from 'vitest';
import type { RunFacts } from '../destination-content.js';
import { ADAPTIVE_CARD_VERSION, teamsEscape, teamsMessage, TEAMS_MESSAGE_LIMIT_BYTES } from './teams-card.js';
import { redactTeamsUrl } from './teams-sender.js';

const facts: RunFacts = {
  scheduleId: 's1', scheduleName: 'Weekly *bold* [link](x)', reportName: 'Ventes — 東京', executionId: 'e1',
  scheduledFor: new Date('2026-12-07T00:00:00Z'), triggeredBy: 'SCHEDULE',
  periodLabel: '30/11/2026 09:00 → 07/12/2026 09:00 Asia/Tokyo', periodStart: '2026-11-30T00:00:00Z', periodEnd: '2026-12-07T00:00:00Z', timeZone: 'Asia/Tokyo',
  parameters: { region: ['EU', 'JP'] }, rowCount: 1234, totalRows: 5000, truncated: true,
  format: 'CSV', fileName: 'ventes.csv', fileSize: 2048, contentType: 'text/csv', sha256: 'ab', passwordProtected: false,
  downloadUrl: 'https://reports.test/exports/x/download?t=1', linkExpiresAt: new Date('2026-12-14T00:00:00Z'), condition: null,
};

/** What Teams requires of a message with an Adaptive Card: the envelope, the card's type, version, body and actions. */
function assertCardShape(message: any): any {
  expect(message.type).toBe('message');
  expect(message.attachments).toHaveLength(1);
  const [attachment] = message.attachments;
  expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
  const card = attachment.content;
  expect(card.type).toBe('AdaptiveCard');
  expect(card.version).toMatch(/^1\.[0-5]$/);
  expect(Array.isArray(card.body) && card.body.length > 0).toBe(true);
  expect(Array.isArray(card.actions)).toBe(true);
  for (const element of [...card.body, ...card.actions]) expect(typeof element.type).toBe('string');
  return card;
}

describe('teamsMessage', () => {
  it('carries the title, the period in the run\'s zone, the rows with the truncation, the parameters and a Download action', () => {
    const { message } = teamsMessage(facts, 'en-US', null);
    const card = assertCardShape(JSON.parse(JSON.stringify(message)));
    expect(card.body.some((b: any) => b.type === 'Image')).toBe(false);
    expect(card.version).toBe(ADAPTIVE_CARD_VERSION);
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', text: 'Ventes — 東京', weight: 'Bolder' });
    // Markdown in user text is escaped: no bold, no link.
    expect(card.body[1].text).toBe('Weekly \\*bold\\* \\[link\\]\\(x\\)');
    const f = Object.fromEntries(card.body[2].facts.map((x: any) => [x.title, x.value]));
    expect(f).toEqual({
      Period: '30/11/2026 09:00 → 07/12/2026 09:00 Asia/Tokyo', Rows: '1,234 of 5,000 (truncated by the row limit)', Truncated: 'yes',
      Parameters: 'region = EU, JP', File: 'ventes\\.csv (2.0 KB)', 'Link expires': '2026-12-14 00:00 UTC',
    });
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Download', url: facts.downloadUrl }]);
  });

  it('shows the chart as an Image fetched from our URL, however large the PNG: the message stays small', () => {
    const url = 'https://reports.test/exports/x/chart.png?token=v1.abc.def';
    const { message, bytes } = teamsMessage(facts, 'de-DE', { url, alt: 'Rows by day' });
    const card = assertCardShape(message);
    expect(card.body.at(-1)).toEqual({ type: 'Image', url, altText: 'Rows by day', size: 'Stretch' });
    expect(JSON.stringify(message)).not.toContain('data:image');
    expect(bytes).toBe(Buffer.byteLength(JSON.stringify(message)));
    expect(bytes).toBeLessThanOrEqual(TEAMS_MESSAGE_LIMIT_BYTES);
    expect(card.body[2].facts[1].value).toBe('1.234 of 5.000 (truncated by the row limit)');
  });

  it('says the alert\'s verdict under the title when an alert sent the run, and nothing of it otherwise', () => {
    const condition = {
      kind: 'FIRST_ROW' as const, met: true, armed: true, notified: true, rowCount: 3, column: 'events', comparison: 'ABOVE' as const, observed: 120, threshold: 100,
      previous: null, changePercent: null, summary: 'events of the first row = 120, above 100?: met', evaluatedAt: '2026-12-07T00:00:00.000Z',
    };
    const card = assertCardShape(teamsMessage({ ...facts, condition }, 'en-US', null).message);
    expect(card.body[2]).toEqual({ type: 'TextBlock', text: 'Alert: events of the first row = 120, above 100?: met\\.', color: 'Attention', weight: 'Bolder', wrap: true });
    expect(card.body[3].type).toBe('FactSet');
    // Recorded but not the reason for sending (notifyOnce, already notified): no alert line.
    const quiet = assertCardShape(teamsMessage({ ...facts, condition: { ...condition, notified: false } }, 'en-US', null).message);
    expect(quiet.body.some((b: any) => /Alert/.test(String(b.text)))).toBe(false);
  });

  it('has no Download action when the run has no file link', () => {
    const card = assertCardShape(teamsMessage({ ...facts, downloadUrl: null, linkExpiresAt: null, truncated: false }, 'en-US', null).message);
    expect(card.actions).toEqual([]);
    expect(card.body[2].facts.find((x: any) => x.title === 'Truncated').value).toBe('no');
  });
});

describe('teamsEscape and redactTeamsUrl', () => {
  it('escapes Markdown and keeps other text', () => {
    expect(teamsEscape('a_b #1 > 2 東京')).toBe('a\\_b \\#1 \\> 2 東京');
  });
  it('shows the origin and a digest, never the path or query that carry the credential', () => {
    const url = 'https://contoso.webhook.office.com/webhookb2/abc@def/IncomingWebhook/SECRET123/xyz';
    const redacted = redactTeamsUrl(url);
    expect(redacted).toMatch(/^https:\/\/contoso\.webhook\.office\.com\/…\([0-9a-f]{8}\)$/);
    expect(redacted).not.toContain('SECRET');
    expect(redactTeamsUrl(url)).toBe(redacted);
    expect(redactTeamsUrl(`${url}2`)).not.toBe(redacted);
  });
});
