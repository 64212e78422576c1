/**
 * Email through SendGrid's v3 Mail Send API with @sendgrid/mail.
 *
 * Each transport owns a fresh MailService and @sendgrid/client Client: the package's default
 * export is a process-wide singleton, and tests (or two configurations) must not share its API key
 * or base URL.
 *
 * @sendgrid/client quirks this file works around:
 * - `setApiKey()` resets the request base URL to the region's host (https://api.sendgrid.com/), so
 *   the configured base URL must be set after the key, never before (`setDataResidency()` would
 *   reset it too; we do not call it).
 * - The base URL goes to axios as `baseURL` and is joined with `/v3/mail/send`, so a base URL with a
 *   path prefix (`http://host/sendgrid`) works, with or without a trailing slash.
 * - axios honours HTTP(S)_PROXY from the environment; for a loopback base URL (tests, a local
 *   relay) the proxy is turned off so the request cannot leave the machine.
 * - @sendgrid/mail also sends a message's custom `headers` as HTTP request headers to the API, so
 *   they are validated (ASCII, no reserved names such as Authorization) before sending.
 * - @sendgrid/client is not a direct dependency of the server package, so it is loaded from
 *   @sendgrid/mail's own dependency tree: the exact Client class MailService was built against.
 */
import { createRequire } from 'node:module';
import { MailService } from '@sendgrid/mail';
import type { EmailMessage } from './message.js';
import { parseMailbox } from './compose.js';
import {
  EmailSendError,
  isNeverConnectedCode,
  isRetryableStatus,
  isTransientNetworkCode,
  validateExtraHeaders,
  type EmailSendResult,
  type EmailTransport,
} from './transport.js';

type SendGridClient = Parameters<MailService['setClient']>[0];
type ClientRequestDefaults = Parameters<SendGridClient['setDefaultRequest']>[0];

const requireFromMail = createRequire(createRequire(import.meta.url).resolve('@sendgrid/mail'));
const { Client } = requireFromMail('@sendgrid/client') as { Client: new () => SendGridClient };

export const SENDGRID_DEFAULT_BASE_URL = 'https://api.sendgrid.com';
/** SendGrid's limit for a whole message, attachments (base64) included. */
export const SENDGRID_MAX_MESSAGE_BYTES = 30 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 30_000;

export interface SendGridTransportOptions {
  apiKey: string;
  /** Default https://api.sendgrid.com; tests point it at a local recorder. */
  baseUrl?: string;
  /** Per request; default 30 s. A timeout is retryable. */
  timeoutMs?: number;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export class SendGridTransport implements EmailTransport {
  readonly kind = 'sendgrid' as const;
  readonly baseUrl: string;
  private readonly mail: MailService;

  constructor(options: SendGridTransportOptions) {
    if (!options.apiKey?.trim()) throw new Error('SendGrid API key is empty');
    const baseUrl = options.baseUrl ?? SENDGRID_DEFAULT_BASE_URL;
    let parsed: URL;
    try {
      parsed = new URL(baseUrl);
    } catch {
      throw new Error(`SendGrid base URL is not a valid URL: ${baseUrl}`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new Error(`SendGrid base URL must be http(s), got ${parsed.protocol}`);
    }
    this.baseUrl = baseUrl;

    const client = new Client();
    // Order matters: setApiKey() overwrites the base URL with the region's default host.
    client.setApiKey(options.apiKey.trim());
    client.setDefaultRequest('baseUrl', baseUrl);
    // Guard against a future client resetting it elsewhere: tests must never reach the real API.
    const effective = (client.createRequest({ url: '/v3/mail/send', method: 'POST' }) as { baseURL?: unknown }).baseURL;
    if (effective !== baseUrl) throw new Error(`@sendgrid/client ignored the base URL (${String(effective)} instead of ${baseUrl})`);
    if (LOOPBACK_HOSTS.has(parsed.hostname)) {
      // axios option, passed through by the client's request defaults; not in its typings.
      client.setDefaultRequest({ proxy: false } as unknown as ClientRequestDefaults);
    }
    this.mail = new MailService();
    this.mail.setClient(client);
    this.mail.setTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  }

  async send(message: EmailMessage): Promise<EmailSendResult> {
    const headers = validateExtraHeaders(message.headers);
    const from = parseMailbox(message.from, 'from');
    const to = parseMailbox(message.to, 'to');
    // An image the HTML shows goes inline with its Content-ID (SendGrid v3: disposition + content_id).
    const attachments = message.attachments.map((a) => ({
      content: a.content.toString('base64'),
      filename: a.fileName,
      type: a.contentType,
      ...(a.contentId ? { disposition: 'inline', content_id: a.contentId } : { disposition: 'attachment' }),
    }));
    const size =
      attachments.reduce((sum, a) => sum + a.content.length, 0) +
      Buffer.byteLength(message.text) +
      Buffer.byteLength(message.html);
    if (size > SENDGRID_MAX_MESSAGE_BYTES) {
      throw new EmailSendError(
        `message is ${size} bytes, over SendGrid's ${SENDGRID_MAX_MESSAGE_BYTES}-byte limit: send a link instead of the attachment`,
        false,
        413,
      );
    }

    let response;
    try {
      [response] = await this.mail.send({
        // As parsed: an international domain goes in its ASCII form.
        to: to.name ? { name: to.name, email: to.address } : to.address,
        from: from.name ? { name: from.name, email: from.address } : from.address,
        subject: message.subject,
        text: message.text,
        html: message.html,
        ...(attachments.length ? { attachments } : {}),
        ...(Object.keys(headers).length ? { headers } : {}),
        customArgs: { delivery_id: message.deliveryId },
        // Keep download and unsubscribe links as we wrote them: click tracking would rewrite
        // presigned URLs through a redirect and let link scanners "click" unsubscribe tokens.
        trackingSettings: { clickTracking: { enable: false, enableText: false } },
      });
    } catch (error) {
      throw toSendError(error);
    }
    const id = headerValue(response.headers, 'x-message-id');
    return { providerMessageId: id ?? null };
  }
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const h = headers as { get?: (n: string) => unknown } & Record<string, unknown>;
  const value = typeof h.get === 'function' ? h.get(name) : h[name] ?? h[name.toLowerCase()];
  if (Array.isArray(value)) return value.length ? String(value[0]) : undefined;
  return value === undefined || value === null || value === '' ? undefined : String(value);
}

/** Retry-After (seconds or an HTTP date), else SendGrid's X-RateLimit-Reset (epoch seconds). */
function retryAfterMs(headers: unknown, now = Date.now()): number | undefined {
  const retryAfter = headerValue(headers, 'retry-after');
  if (retryAfter !== undefined) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const reset = headerValue(headers, 'x-ratelimit-reset');
  if (reset !== undefined && /^\d+$/.test(reset)) return Math.max(0, Number(reset) * 1000 - now);
  return undefined;
}

/** `errors[].message` of a SendGrid error body, when it has them. */
function providerMessages(body: unknown): string {
  if (body && typeof body === 'object' && Array.isArray((body as { errors?: unknown }).errors)) {
    const messages = ((body as { errors: Array<{ message?: unknown; field?: unknown }> }).errors)
      .map((e) => (typeof e?.message === 'string' ? (typeof e.field === 'string' && e.field ? `${e.field}: ${e.message}` : e.message) : null))
      .filter((m): m is string => !!m);
    if (messages.length) return messages.join('; ').slice(0, 500);
  }
  if (typeof body === 'string' && body.trim()) return body.trim().slice(0, 200);
  return '';
}

/**
 * Maps what @sendgrid/client rejects with to EmailSendError. The original error is deliberately not
 * kept as `cause`: axios errors carry the request config, Authorization header included.
 */
export function toSendError(error: unknown): EmailSendError {
  if (error instanceof EmailSendError) return error;
  const e = error as {
    code?: unknown;
    message?: unknown;
    isAxiosError?: boolean;
    response?: { status?: unknown; headers?: unknown; body?: unknown; data?: unknown };
  } | null;
  // ResponseError (status ≥ 400): numeric `code`, `response: { headers, body }`.
  // A plain axios error with a response (a 3xx not followed): `response.status`.
  const status =
    typeof e?.code === 'number' ? e.code : typeof e?.response?.status === 'number' ? e.response.status : undefined;
  if (status !== undefined) {
    const detail = providerMessages(e?.response?.body ?? e?.response?.data);
    const retryable = isRetryableStatus(status);
    return new EmailSendError(
      `SendGrid answered ${status}${detail ? `: ${detail}` : ''}`,
      retryable,
      status,
      retryable ? retryAfterMs(e?.response?.headers) : undefined,
    );
  }
  const message = typeof e?.message === 'string' && e.message ? e.message : String(error);
  const code = typeof e?.code === 'string' ? e.code : undefined;
  // No response. Refused or unresolved: SendGrid never saw the request, so a retry is safe.
  // Anything else (reset, hang-up, timeout) may have come after SendGrid accepted the message.
  if (isNeverConnectedCode(code)) {
    return new EmailSendError(`SendGrid request failed (${code}): ${message}`, true);
  }
  if (isTransientNetworkCode(code) || /timeout|socket hang up/i.test(message) || e?.isAxiosError) {
    return new EmailSendError(`SendGrid did not answer (${code ?? 'no response'}): ${message}; it may have accepted the message`, true, undefined, undefined, true);
  }
  // Thrown before any request, e.g. @sendgrid/helpers rejecting an address: retrying will not help.
  return new EmailSendError(`SendGrid message rejected before sending: ${message}`, false);
}
