/**
 * Posting one run's card to one Teams incoming-webhook or Workflows URL: a JSON POST through the
 * same SSRF-checked, address-pinned, no-redirect, 10 s exchange as our webhooks
 * (webhooks/webhook-sender.ts postPinned). Teams answers 200 (incoming webhooks) or 202
 * (Workflows); a 429's Retry-After is honoured by the ledger; other 4xx fail at once with Teams'
 * words. Old-style connectors sometimes answer 200 with the failure in the body ("Webhook message
 * delivery failed with error: Microsoft Teams endpoint returned HTTP error 429 …"): read as that
 * status. There is no idempotency key: a lost answer is UNCERTAIN, never resent on its own.
 */
import { createHash } from 'node:crypto';
import { isRetryableStatus } from '../email/transport.js';
import { DeliverySendError } from '../send-error.js';
import { postPinned } from '../webhooks/webhook-sender.js';
import type { TeamsMessage } from './teams-card.js';

export interface TeamsPost {
  url: string;
  message: TeamsMessage;
  allowPrivate: boolean;
  timeoutMs?: number;
  ca?: string | Buffer;
  resolve?: (host: string) => Promise<{ address: string; family: number }[]>;
}

/** The URL as the API and the ledger show it: scheme and host, the rest (which is the credential) replaced by a short digest. */
export function redactTeamsUrl(url: string): string {
  const digest = createHash('sha256').update(url).digest('hex').slice(0, 8);
  try {
    return `${new URL(url).origin}/…(${digest})`;
  } catch {
    return `…(${digest})`;
  }
}

/** Posts the card; returns "HTTP <status> from <address>". */
export async function postToTeams(post: TeamsPost): Promise<string> {
  const answer = await postPinned({
    url: post.url, body: JSON.stringify(post.message), allowPrivate: post.allowPrivate,
    headers: { 'content-type': 'application/json', 'user-agent': 'Reportcast-Teams/1' },
    peer: 'Teams', what: 'Teams request',
    ...(post.timeoutMs ? { timeoutMs: post.timeoutMs } : {}), ...(post.ca ? { ca: post.ca } : {}), ...(post.resolve ? { resolve: post.resolve } : {}),
  });
  const hidden = /returned HTTP error (\d{3})/i.exec(answer.text);
  if (/delivery failed/i.test(answer.text) || hidden) {
    const status = hidden ? Number(hidden[1]) : 0;
    throw new DeliverySendError(`Teams answered ${answer.status} but reported: ${answer.text.slice(0, 500).trim()}`, status === 0 || isRetryableStatus(status), status || undefined);
  }
  return `HTTP ${answer.status} from ${answer.address}`;
}
