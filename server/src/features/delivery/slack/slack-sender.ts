/**
 * Posting one run to one Slack channel with @slack/web-api: a summary message (chat.postMessage),
 * then the chart image and the file with Slack's external upload flow (filesUploadV2:
 * files.getUploadURLExternal, a POST of the bytes to the URL Slack gave, files.completeUploadExternal).
 *
 * The WebClient makes no retries of its own and rejects rate-limited calls: our delivery ledger
 * decides (a 429's Retry-After becomes DeliverySendError.retryAfterMs, which the worker honours).
 * Slack's `error` string (channel_not_found, not_in_channel, invalid_auth…) is kept in the message.
 */
import { ErrorCode, LogLevel, WebClient, type KnownBlock, type Logger } from '@slack/web-api';
import { DeliverySendError } from '../send-error.js';
import { isNeverConnectedCode, isTransientNetworkCode } from '../email/transport.js';

/** Slack `error` strings worth another try; every other one is permanent. */
const RETRYABLE_SLACK_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited', 'rate_limited', 'team_added_to_org']);

const SILENT: Logger = {
  debug: () => {}, info: () => {}, warn: () => {}, error: () => {},
  setLevel: () => {}, getLevel: () => LogLevel.ERROR, setName: () => {},
};

export function slackClient(token: string, apiUrl: string, timeoutMs = 30_000): WebClient {
  const base = apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`;
  // Its own warnings would repeat what the ledger records and logs for every failed attempt.
  return new WebClient(token, { slackApiUrl: base, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: timeoutMs, logger: SILENT });
}

export interface SlackFile {
  filename: string;
  title: string;
  data: Buffer;
}

export interface SlackPost {
  /** Channel id (C…) or name (#reports). */
  channel: string;
  /** Plain-text fallback (notifications). */
  text: string;
  blocks: KnownBlock[];
  files: SlackFile[];
  /** `channelId:ts` of a summary already posted by an earlier attempt: not posted again. */
  posted: string | null;
  /** Called as soon as the summary is posted, before the uploads, so a retry does not repeat it. */
  onPosted: (posted: string) => Promise<void>;
}

/** Posts the summary (unless `posted`) and uploads the files; returns `channelId:ts` of the summary. */
export async function postToSlack(client: WebClient, post: SlackPost): Promise<string> {
  let posted = post.posted;
  try {
    if (!posted) {
      const answer = await client.chat.postMessage({ channel: post.channel, text: post.text, blocks: post.blocks, unfurl_links: false, unfurl_media: false });
      posted = `${answer.channel}:${answer.ts}`;
      await post.onPosted(posted);
    }
    if (post.files.length) {
      const channelId = posted.split(':')[0]!;
      await client.filesUploadV2({ channel_id: channelId, file_uploads: post.files.map((f) => ({ file: f.data, filename: f.filename, title: f.title })) });
    }
    return posted;
  } catch (error) {
    throw slackSendError(error);
  }
}

/** A Slack failure as the ledger needs it (retryable, permanent, or the answer lost). */
export function slackSendError(error: unknown): DeliverySendError {
  if (error instanceof DeliverySendError) return error;
  const e = error as { code?: string; message: string; retryAfter?: number; statusCode?: number; data?: { error?: string }; original?: NodeJS.ErrnoException };
  switch (e.code) {
    case ErrorCode.RateLimitedError:
      return new DeliverySendError(`Slack rate-limited the request (Retry-After ${e.retryAfter ?? '?'} s)`, true, 429, (e.retryAfter ?? 1) * 1000);
    case ErrorCode.PlatformError: {
      const code = e.data?.error ?? 'unknown_error';
      return new DeliverySendError(`Slack refused: ${code}`, RETRYABLE_SLACK_ERRORS.has(code));
    }
    case ErrorCode.HTTPError: {
      const status = e.statusCode ?? 0;
      return new DeliverySendError(`Slack answered HTTP ${status}`, status === 408 || status >= 500, status);
    }
    case ErrorCode.RequestError: {
      const original = e.original;
      const code = networkCode(original);
      // Refused before connecting: Slack never saw it. Otherwise the answer, not the request, may be what was lost.
      if (isNeverConnectedCode(code)) return new DeliverySendError(`Slack could not be reached: ${original?.message ?? e.message}`, true);
      return new DeliverySendError(`Slack's answer was lost: ${original?.message ?? e.message}`, isTransientNetworkCode(code), undefined, undefined, true);
    }
    default:
      // The upload POST to Slack's URL reports a non-200 as a plain Error: worth another try.
      return new DeliverySendError(`Slack upload failed: ${e.message}`, true);
  }
}

/** The socket error code of a failed fetch: on the error, its `cause`, or the first of an AggregateError's. */
function networkCode(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== 'object' || depth > 4) return undefined;
  const e = error as { code?: unknown; cause?: unknown; errors?: unknown[] };
  if (typeof e.code === 'string') return e.code;
  return networkCode(e.cause, depth + 1) ?? (Array.isArray(e.errors) ? networkCode(e.errors[0], depth + 1) : undefined);
}
