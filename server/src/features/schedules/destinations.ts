/**
 * A schedule's Slack channels and webhook URLs, checked at save: channel names or ids in Slack's
 * shape; webhook URLs https:// (http:// only outside production), and in production resolved now
 * with every address checked (delivery/webhooks/address-policy.ts), so an internal target is a
 * BAD_USER_INPUT here rather than a failure at the first run. The check is repeated at every send
 * (the DNS answer may change), where the connection is pinned to the address checked.
 */
import { randomBytes } from 'node:crypto';
import type { FieldError } from '../../errors.js';
import { webhookUrlProblem } from '../delivery/webhooks/address-policy.js';
import { resolvePinnedAddress } from '../delivery/webhooks/webhook-sender.js';
import { DeliverySendError } from '../delivery/send-error.js';

export interface DestinationRules {
  /** Outside production: http:// and private or loopback webhook targets are allowed. */
  allowPrivateWebhooks: boolean;
  /** DNS resolution for the SSRF check (tests); default node's. */
  resolve?: (host: string) => Promise<{ address: string; family: number }[]>;
}

export const MAX_SLACK_CHANNELS = 20;
export const MAX_WEBHOOK_URLS = 10;

/** A channel id (C0123ABCD, G…) or a #name (Slack: lower case letters, digits, - and _, up to 80). */
const SLACK_CHANNEL = /^(?:[CGD][A-Z0-9]{6,20}|#[\p{Ll}\p{Lo}\p{Lm}\p{M}\p{N}_-]{1,80})$/u;

export function normaliseSlackChannels(raw: string[], problems: FieldError[]): string[] {
  const out: string[] = [];
  raw.forEach((value, i) => {
    const trimmed = value.trim();
    const channel = /^[CGD][A-Z0-9]+$/.test(trimmed) ? trimmed : `#${trimmed.replace(/^#/, '').toLowerCase()}`;
    if (!SLACK_CHANNEL.test(channel)) problems.push({ path: `input.slackChannels.${i}`, message: `"${value}" is not a Slack channel id (C…) or #name` });
    else if (!out.includes(channel)) out.push(channel);
  });
  if (out.length > MAX_SLACK_CHANNELS) problems.push({ path: 'input.slackChannels', message: `at most ${MAX_SLACK_CHANNELS} channels` });
  return out;
}

export async function checkWebhookUrls(raw: string[], rules: DestinationRules, problems: FieldError[]): Promise<string[]> {
  const out: string[] = [];
  for (const [i, value] of raw.entries()) {
    const url = value.trim();
    const problem = webhookUrlProblem(url, { allowInsecure: rules.allowPrivateWebhooks });
    if (problem) {
      problems.push({ path: `input.webhookUrls.${i}`, message: problem });
      continue;
    }
    if (!rules.allowPrivateWebhooks) {
      try {
        await resolvePinnedAddress(new URL(url).hostname, false, rules.resolve);
      } catch (error) {
        // Only a refusal is a problem of the input; a DNS hiccup now is not a reason to refuse the save.
        if (error instanceof DeliverySendError && !error.retryable) {
          problems.push({ path: `input.webhookUrls.${i}`, message: error.message });
          continue;
        }
      }
    }
    if (!out.includes(url)) out.push(url);
  }
  if (out.length > MAX_WEBHOOK_URLS) problems.push({ path: 'input.webhookUrls', message: `at most ${MAX_WEBHOOK_URLS} URLs` });
  return out;
}

/** A new Standard Webhooks signing secret: `whsec_` + 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}
