/**
 * ReportcastError: every failure the SDK reports, with the server's GraphQL error code (or one of
 * the SDK's own for failures that never reached GraphQL), the path of the offending input field,
 * and the message. Built from urql's CombinedError in one place.
 */

/**
 * What the SDK reads of urql's CombinedError, stated here so the public declarations import
 * nothing from urql (whose wonka dependency's declarations need the DOM library).
 */
export interface WireError {
  message: string;
  graphQLErrors: readonly { message: string; extensions?: Record<string, unknown> }[];
  networkError?: Error;
  response?: unknown;
}

/**
 * Every code the server sends in `extensions.code`: its own (server/src/errors.ts), and the ones
 * Apollo Server raises before anything runs (a document that does not parse or validate, an
 * unknown persisted query, an operation name the document lacks).
 */
export const SERVER_ERROR_CODES = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'RATE_LIMITED',
  'QUERY_TOO_COMPLEX',
  'QUOTA_EXCEEDED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
] as const;

/** Codes the SDK raises itself: the request failed in transit, or an export did not produce a file. */
export const CLIENT_ERROR_CODES = ['NETWORK_ERROR', 'EXPORT_FAILED', 'EXPORT_CANCELLED', 'EXPORT_NOT_READY', 'DOWNLOAD_FAILED'] as const;

/** Every code a ReportcastError can carry. */
export const ERROR_CODES = [...SERVER_ERROR_CODES, ...CLIENT_ERROR_CODES] as const;

export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

export type ReportcastErrorCode = ServerErrorCode | ClientErrorCode;

/** One problem with an input, e.g. `{ path: 'input.definition.filters.0.values', message: '...' }`. */
export interface FieldProblem {
  path: string;
  message: string;
}

export interface ReportcastErrorDetails {
  /** The input field at fault (BAD_USER_INPUT), from the argument down, e.g. `input.definition.measures.0.field`. */
  path?: string;
  /** Every field problem the server listed (BAD_USER_INPUT). */
  fieldErrors?: FieldProblem[];
  /** The GraphQL operation that failed. */
  operationName?: string;
  /** HTTP status of the response, when there was one. */
  status?: number;
  /** RATE_LIMITED: seconds the server asked to wait (Retry-After). */
  retryAfterSeconds?: number;
  /** Everything else the server put in `extensions`. */
  extensions?: Record<string, unknown>;
  cause?: unknown;
}

export class ReportcastError extends Error {
  override readonly name = 'ReportcastError';
  readonly path: string | undefined;
  readonly fieldErrors: FieldProblem[];
  readonly operationName: string | undefined;
  readonly status: number | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly extensions: Record<string, unknown>;

  constructor(readonly code: ReportcastErrorCode, message: string, details: ReportcastErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.path = details.path;
    this.fieldErrors = details.fieldErrors ?? [];
    this.operationName = details.operationName;
    this.status = details.status;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.extensions = details.extensions ?? {};
  }
}

/** A code from ERROR_CODES (a server that sends anything else is answered as INTERNAL_SERVER_ERROR, its code kept in `extensions.code`). */
export function isErrorCode(value: unknown): value is ReportcastErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

function isFieldProblem(value: unknown): value is FieldProblem {
  const v = value as FieldProblem | null;
  return typeof v === 'object' && v !== null && typeof v.path === 'string' && typeof v.message === 'string';
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

function responseOf(error: WireError): { status?: number; retryAfter?: number } {
  const response = error.response as { status?: unknown; headers?: { get(name: string): string | null } } | undefined;
  if (!response || typeof response !== 'object') return {};
  return {
    status: typeof response.status === 'number' ? response.status : undefined,
    retryAfter: parseRetryAfter(response.headers?.get?.('retry-after')),
  };
}

/** graphql-ws closes the socket with 4401/4403 when connection_init carries no valid token. */
function closeCode(value: unknown): number | undefined {
  const code = (value as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

export function fromCombinedError(error: WireError, operationName?: string): ReportcastError {
  const { status, retryAfter } = responseOf(error);
  const first = error.graphQLErrors[0];
  if (first) {
    const extensions = { ...(first.extensions ?? {}) } as Record<string, unknown>;
    const code = isErrorCode(extensions.code) ? extensions.code : 'INTERNAL_SERVER_ERROR';
    const fieldErrors = Array.isArray(extensions.errors) ? extensions.errors.filter(isFieldProblem) : [];
    const path = typeof extensions.field === 'string' ? extensions.field : fieldErrors[0]?.path;
    const retryAfterSeconds = typeof extensions.retryAfterSeconds === 'number' ? extensions.retryAfterSeconds : retryAfter;
    return new ReportcastError(code, first.message, { path, fieldErrors, operationName, status, retryAfterSeconds, extensions, cause: error });
  }
  const network = error.networkError;
  const ws = closeCode(network);
  if (ws === 4401 || ws === 4403) {
    return new ReportcastError('UNAUTHENTICATED', 'The subscription socket refused the token', { operationName, cause: network });
  }
  if (status === 429) {
    return new ReportcastError('RATE_LIMITED', 'Too many requests', { operationName, status, retryAfterSeconds: retryAfter, cause: network });
  }
  const reason = network?.message || (ws !== undefined ? `socket closed with code ${ws}` : error.message);
  return new ReportcastError('NETWORK_ERROR', reason, { operationName, status, retryAfterSeconds: retryAfter, cause: network ?? error });
}
