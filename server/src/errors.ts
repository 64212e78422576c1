/**
 * The one enum of error codes, the typed domain errors services throw, and the one place they
 * become GraphQL errors. Anything that is not a DomainError is an internal failure: logged in full,
 * answered with a generic message outside development (no stack traces, no SQL).
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { isDatabaseUnavailable } from './platform/database-errors.js';

export { isDatabaseUnavailable };

export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  RATE_LIMITED = 'RATE_LIMITED',
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  /** A per-tenant quota (features/quotas) would be exceeded: `extensions.quota`, `.limit`, `.current`. */
  QUOTA_EXCEEDED = 'QUOTA_EXCEEDED',
  /** A backing service (the metadata database) cannot be reached: retry shortly (HTTP 503). */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

export interface FieldError {
  path: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  /** Extra, safe-to-show details merged into `extensions`. */
  extensions(): Record<string, unknown> {
    return {};
  }
}

export class BadUserInputError extends DomainError {
  readonly code = ErrorCode.BAD_USER_INPUT;
  constructor(message: string, readonly fieldErrors: FieldError[] = []) {
    super(message);
  }
  override extensions() {
    return { errors: this.fieldErrors, field: this.fieldErrors[0]?.path };
  }
}

/**
 * A report that schedules still export is not deleted by accident: BAD_USER_INPUT at `force`,
 * naming the schedules (`extensions.schedules`) that `deleteReport(id, force: true)` would delete.
 */
export class ReportHasSchedulesError extends BadUserInputError {
  constructor(readonly schedules: { id: string; name: string }[]) {
    super(
      `The report has ${schedules.length} schedule${schedules.length === 1 ? '' : 's'} (${schedules.map((s) => `"${s.name}"`).join(', ')}); delete them first or pass force: true to delete them with it`,
      [{ path: 'force', message: `would delete ${schedules.length} schedule${schedules.length === 1 ? '' : 's'}` }],
    );
  }
  override extensions() {
    return { ...super.extensions(), schedules: this.schedules };
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code = ErrorCode.UNAUTHENTICATED;
  constructor(message = 'A valid bearer token is required') {
    super(message);
  }
}

export class ForbiddenError extends DomainError {
  readonly code = ErrorCode.FORBIDDEN;
  constructor(message = 'Your role does not allow this') {
    super(message);
  }
}

/** Also what another tenant's object looks like: never FORBIDDEN, so existence does not leak. */
export class NotFoundError extends DomainError {
  readonly code = ErrorCode.NOT_FOUND;
  constructor(entity: string, id?: string) {
    super(id ? `${entity} ${id} not found` : `${entity} not found`);
  }
}

export class RateLimitedError extends DomainError {
  readonly code = ErrorCode.RATE_LIMITED;
  constructor(readonly retryAfterSeconds: number, reason = 'Too many requests') {
    super(`${reason}; retry after ${retryAfterSeconds}s`);
  }
  override extensions() {
    return { retryAfterSeconds: this.retryAfterSeconds };
  }
}

/**
 * A tenant quota would be exceeded (features/quotas/quotas.ts): nothing was written. `limit` is the
 * tenant's quota, `current` its use before this request.
 */
export class QuotaExceededError extends DomainError {
  readonly code = ErrorCode.QUOTA_EXCEEDED;
  constructor(readonly quota: string, readonly limit: number, readonly current: number, message: string) {
    super(message);
  }
  override extensions() {
    return { quota: this.quota, limit: this.limit, current: this.current };
  }
}

export class QueryTooComplexError extends DomainError {
  readonly code = ErrorCode.QUERY_TOO_COMPLEX;
  constructor(message: string, readonly details: Record<string, number>) {
    super(message);
  }
  override extensions() {
    return this.details;
  }
}

export class ServiceUnavailableError extends DomainError {
  readonly code = ErrorCode.SERVICE_UNAVAILABLE;
  constructor(readonly retryAfterSeconds = 5) {
    super('The database is unavailable; try again shortly');
  }
  override extensions() {
    return { retryAfterSeconds: this.retryAfterSeconds };
  }
}

export function toGraphQLError(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, { extensions: { code: error.code, ...error.extensions() } });
}

/** Finds the domain error behind a resolver failure (GraphQL wraps thrown errors). */
function unwrap(error: unknown): unknown {
  if (error instanceof GraphQLError && error.originalError) return unwrap(error.originalError);
  return error;
}

/**
 * The field path of a graphql-js variable coercion error, in the one path form every
 * BAD_USER_INPUT uses (dotted, list indexes as segments):
 * `Variable "$input" got invalid value "X" at "input.measures[0].fn"; …` → `input.measures.0.fn`;
 * without `at`, the variable.
 */
function variableErrorPath(message: string): string | null {
  const m = /^Variable "\$([A-Za-z_][A-Za-z0-9_]*)"[^;]*?(?: at "([^"]+)")?;/.exec(message) ?? /^Variable "\$([A-Za-z_][A-Za-z0-9_]*)"/.exec(message);
  return m ? (m[2] ?? m[1]!).replace(/\[(\d+)\]/g, '.$1') : null;
}

export interface FormatErrorOptions {
  exposeInternals: boolean;
  log: (error: unknown) => void;
}

/** Apollo `formatError`: the single mapping from thrown errors to the wire. */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  options: FormatErrorOptions,
): GraphQLFormattedError {
  let original = unwrap(error);
  if (!(original instanceof DomainError) && isDatabaseUnavailable(original)) original = new ServiceUnavailableError();
  const base = { locations: formatted.locations, path: formatted.path };
  if (original instanceof DomainError) {
    return { ...base, message: original.message, extensions: { code: original.code, ...original.extensions() } };
  }
  if (original instanceof ArgumentValidationError) {
    const fieldErrors = original.extensions.validationErrors.flatMap((v) =>
      Object.values(v.constraints ?? {}).map((message) => ({ path: v.property, message })),
    );
    return {
      ...base,
      message: 'Invalid arguments',
      extensions: { code: ErrorCode.BAD_USER_INPUT, errors: fieldErrors, field: fieldErrors[0]?.path },
    };
  }
  const code = formatted.extensions?.code;
  // Errors Apollo/graphql-js raise before execution (parse, validation, variable coercion) are the
  // client's fault and carry no internals. Apollo's BAD_REQUEST (a malformed HTTP request, a batch
  // when batching is off) is the contract's BAD_USER_INPUT.
  if (typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
    if (code === 'BAD_REQUEST' || code === ErrorCode.BAD_USER_INPUT) {
      const field = variableErrorPath(formatted.message);
      return { ...base, message: formatted.message, extensions: { code: ErrorCode.BAD_USER_INPUT, ...(field ? { field } : {}) } };
    }
    return { ...base, message: formatted.message, extensions: { code } };
  }
  options.log(original);
  return {
    ...base,
    message: options.exposeInternals && original instanceof Error ? original.message : 'Internal server error',
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
