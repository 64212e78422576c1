/**
 * How an email leaves the process: SendGrid when an API key is configured, else SMTP when SMTP_URL is set, otherwise an outbox
 * directory of `.eml` files. Both throw EmailSendError, whose `retryable` flag decides whether the
 * delivery job backs off and tries again (429, 5xx, timeouts, network) or fails at once (other 4xx,
 * a message the provider will never accept).
 */
import type { EmailMessage } from './message.js';
import { DeliverySendError } from '../send-error.js';

export interface EmailSendResult {
  /** SendGrid's X-Message-Id, or the .eml's Message-ID (without angle brackets); null if none came back. */
  providerMessageId: string | null;
  /** Where the message went when that is a place: the outbox file's path. */
  location?: string;
}

export interface EmailTransport {
  readonly kind: 'sendgrid' | 'smtp' | 'outbox';
  send(message: EmailMessage): Promise<EmailSendResult>;
}

/** An email transport's failure; see DeliverySendError for what its flags tell the ledger. */
export class EmailSendError extends DeliverySendError {
  constructor(message: string, retryable: boolean, status?: number, retryAfterMs?: number, ambiguous = false) {
    super(message, retryable, status, retryAfterMs, ambiguous);
    this.name = 'EmailSendError';
  }
}

/** HTTP statuses worth another try: rate limited, request timeout, server side. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || (status >= 500 && status <= 599);
}

/** Socket, DNS and timeout error codes from Node, undici and axios: the request may not have arrived. */
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN',
  'EHOSTUNREACH', 'EHOSTDOWN', 'ENETUNREACH', 'ENETDOWN', 'ENETRESET', 'ESOCKETTIMEDOUT',
  'ERR_NETWORK', 'ERR_SOCKET_CONNECTION_TIMEOUT', 'ERR_STREAM_PREMATURE_CLOSE',
  'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_SOCKET',
]);

export function isTransientNetworkCode(code: unknown): boolean {
  return typeof code === 'string' && TRANSIENT_CODES.has(code);
}

/** Failures before a connection existed: the provider cannot have seen the request. */
const NEVER_CONNECTED_CODES = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'EHOSTDOWN', 'ENETUNREACH', 'ENETDOWN',
  'UND_ERR_CONNECT_TIMEOUT', 'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

export function isNeverConnectedCode(code: unknown): boolean {
  // TLS handshake failures (certificate codes) also happen before a byte of the request is sent.
  return typeof code === 'string' && (NEVER_CONNECTED_CODES.has(code) || /CERT|TLS|SSL/.test(code));
}

/**
 * Headers a message may not set itself: the ones the transports write (addressing, MIME
 * structure, our idempotency header) and the ones SendGrid reserves. Note that @sendgrid/mail
 * also sends a message's custom headers as HTTP request headers to the API, so request-level
 * names (Authorization, Host, …) must never come from a message either.
 */
const RESERVED_HEADERS = new Set([
  'from', 'to', 'cc', 'bcc', 'reply-to', 'subject', 'date', 'message-id', 'mime-version',
  'content-type', 'content-transfer-encoding', 'content-disposition', 'content-length',
  'x-reportcast-delivery', 'received', 'dkim-signature', 'x-sg-id', 'x-sg-eid',
  'authorization', 'host', 'accept', 'user-agent', 'on-behalf-of', 'connection', 'transfer-encoding',
  'cookie', 'proxy-authorization',
]);

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const HEADER_VALUE = /^[\x20-\x7E\t]*$/;

/**
 * Checks a message's extra headers: RFC 7230 token names, printable ASCII values (no CR/LF, so no
 * header injection; ASCII because they also travel as HTTP headers), no reserved names.
 */
export function validateExtraHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  if (!headers) return {};
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) throw new EmailSendError(`invalid email header name "${name}"`, false);
    if (RESERVED_HEADERS.has(name.toLowerCase())) throw new EmailSendError(`email header "${name}" is reserved`, false);
    if (typeof value !== 'string' || !HEADER_VALUE.test(value) || value.length > 900) {
      throw new EmailSendError(`email header "${name}" must be printable ASCII on one line`, false);
    }
    out[name] = value;
  }
  return out;
}
