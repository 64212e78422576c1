import { describe, it, expect, vi } from 'vitest';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import {
  BadUserInputError, DomainError, ErrorCode, ForbiddenError, NotFoundError, QueryTooComplexError,
  RateLimitedError, UnauthenticatedError, formatError, toGraphQLError, type FormatErrorOptions,
} from './errors.js';

const FORMATTED: GraphQLFormattedError = {
  message: 'whatever graphql-js said',
  locations: [{ line: 2, column: 3 }],
  path: ['reports', 0, 'name'],
  extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['Error: boom', '    at x.ts:1:1'] },
};

function options(exposeInternals = false) {
  const log = vi.fn<(error: unknown) => void>();
  return { exposeInternals, log } satisfies FormatErrorOptions;
}

function format(error: unknown, opts = options(), formatted = FORMATTED) {
  return formatError(formatted, error, opts);
}

describe('formatError: domain errors', () => {
  it('maps BadUserInputError to BAD_USER_INPUT with errors[] and field', () => {
    const fieldErrors = [
      { path: 'definition.measures', message: 'at least one measure' },
      { path: 'definition.source', message: 'unknown source' },
    ];
    expect(format(new BadUserInputError('Invalid report', fieldErrors))).toEqual({
      message: 'Invalid report',
      locations: FORMATTED.locations,
      path: FORMATTED.path,
      extensions: { code: 'BAD_USER_INPUT', errors: fieldErrors, field: 'definition.measures' },
    });
  });

  it('maps BadUserInputError without field errors to an empty errors[] and no field', () => {
    const result = format(new BadUserInputError('Bad'));
    expect(result.extensions).toEqual({ code: 'BAD_USER_INPUT', errors: [], field: undefined });
  });

  it('maps UnauthenticatedError to UNAUTHENTICATED', () => {
    const result = format(new UnauthenticatedError());
    expect(result.message).toBe('A valid bearer token is required');
    expect(result.extensions).toEqual({ code: 'UNAUTHENTICATED' });
  });

  it('keeps a custom UnauthenticatedError message', () => {
    expect(format(new UnauthenticatedError('Token expired')).message).toBe('Token expired');
  });

  it('maps ForbiddenError to FORBIDDEN', () => {
    const result = format(new ForbiddenError());
    expect(result.message).toBe('Your role does not allow this');
    expect(result.extensions).toEqual({ code: 'FORBIDDEN' });
  });

  it('maps NotFoundError to NOT_FOUND, naming the entity and id', () => {
    const result = format(new NotFoundError('Report', 'r_1'));
    expect(result.message).toBe('Report r_1 not found');
    expect(result.extensions).toEqual({ code: 'NOT_FOUND' });
  });

  it('words NotFoundError without an id', () => {
    expect(format(new NotFoundError('Schedule')).message).toBe('Schedule not found');
  });

  it('maps RateLimitedError to RATE_LIMITED with retryAfterSeconds', () => {
    const result = format(new RateLimitedError(17));
    expect(result.message).toBe('Too many requests; retry after 17s');
    expect(result.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 17 });
  });

  it('maps QueryTooComplexError to QUERY_TOO_COMPLEX with its details', () => {
    const result = format(new QueryTooComplexError('Query too complex', { cost: 25_000, maxCost: 20_000 }));
    expect(result.message).toBe('Query too complex');
    expect(result.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', cost: 25_000, maxCost: 20_000 });
  });

  it('does not let details override the code', () => {
    const result = format(new QueryTooComplexError('x', { depth: 13 }));
    expect(result.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('keeps locations and path of the formatted error', () => {
    const result = format(new ForbiddenError());
    expect(result.locations).toEqual(FORMATTED.locations);
    expect(result.path).toEqual(FORMATTED.path);
  });

  it('drops other extensions (e.g. stacktrace) of the formatted error', () => {
    expect(format(new ForbiddenError()).extensions).not.toHaveProperty('stacktrace');
  });

  it('unwraps a DomainError wrapped in a GraphQLError as originalError', () => {
    const wrapped = new GraphQLError('Unexpected error.', { originalError: new NotFoundError('Report', 'r_9') });
    const result = format(wrapped);
    expect(result.message).toBe('Report r_9 not found');
    expect(result.extensions).toEqual({ code: 'NOT_FOUND' });
  });

  it('unwraps a doubly wrapped DomainError', () => {
    const inner = new GraphQLError('inner', { originalError: new RateLimitedError(3) });
    const outer = new GraphQLError('outer', { originalError: inner });
    expect(format(outer).extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 3 });
  });

  it('does not log domain errors', () => {
    const opts = options();
    format(new ForbiddenError(), opts);
    format(new GraphQLError('x', { originalError: new BadUserInputError('y') }), opts);
    expect(opts.log).not.toHaveBeenCalled();
  });

  it('maps a custom DomainError subclass to its own code', () => {
    class Custom extends DomainError {
      readonly code = ErrorCode.FORBIDDEN;
      override extensions() {
        return { hint: 'ask an admin' };
      }
    }
    expect(format(new Custom('nope'))).toMatchObject({ message: 'nope', extensions: { code: 'FORBIDDEN', hint: 'ask an admin' } });
  });
});

describe('formatError: internal errors', () => {
  const secret = new Error('relation missing: SELECT * FROM secret WHERE tenant = 42');

  it('answers an unknown Error with INTERNAL_SERVER_ERROR and a generic message', () => {
    const result = format(secret, options(false));
    expect(result.message).toBe('Internal server error');
    expect(result.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it('does not leak the internal message or stack anywhere in the answer', () => {
    const text = JSON.stringify(format(secret, options(false)));
    expect(text).not.toContain('SELECT');
    expect(text).not.toContain('secret');
    expect(text).not.toContain('stacktrace');
  });

  it('does not leak the message of an unknown error wrapped in a GraphQLError', () => {
    const wrapped = new GraphQLError(secret.message, { originalError: secret });
    const text = JSON.stringify(format(wrapped, options(false), { ...FORMATTED, message: secret.message }));
    expect(text).not.toContain('SELECT');
  });

  it('exposes the internal message when exposeInternals is true', () => {
    const result = format(secret, options(true));
    expect(result.message).toBe(secret.message);
    expect(result.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it('uses the generic message for a thrown non-Error even when exposing internals', () => {
    expect(format('a string was thrown', options(true)).message).toBe('Internal server error');
  });

  it('keeps locations and path for internal errors', () => {
    const result = format(secret);
    expect(result.locations).toEqual(FORMATTED.locations);
    expect(result.path).toEqual(FORMATTED.path);
  });

  it('logs the original internal error once', () => {
    const opts = options();
    format(new GraphQLError('wrapped', { originalError: secret }), opts);
    expect(opts.log).toHaveBeenCalledTimes(1);
    expect(opts.log).toHaveBeenCalledWith(secret);
  });

  it('treats a formatted error without a code as internal', () => {
    const opts = options();
    const result = format(new Error('boom'), opts, { message: 'boom' });
    expect(result).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(opts.log).toHaveBeenCalledTimes(1);
  });
});

describe('formatError: errors raised before execution', () => {
  const validation: GraphQLFormattedError = {
    message: 'Cannot query field "nope" on type "Query".',
    locations: [{ line: 1, column: 3 }],
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED', stacktrace: ['GraphQLError: ...'] },
  };

  it('passes a GRAPHQL_VALIDATION_FAILED error through with its message and code', () => {
    const error = new GraphQLError(validation.message);
    expect(format(error, options(), validation)).toEqual({
      message: validation.message,
      locations: validation.locations,
      path: undefined,
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('does not log client errors', () => {
    const opts = options();
    format(new GraphQLError(validation.message), opts, validation);
    expect(opts.log).not.toHaveBeenCalled();
  });

  it('maps Apollo BAD_REQUEST to BAD_USER_INPUT, and names the field of a variable coercion error', () => {
    const batch = { message: 'Operation batching disabled.', extensions: { code: 'BAD_REQUEST' } };
    expect(format(new GraphQLError(batch.message), options(), batch).extensions).toEqual({ code: 'BAD_USER_INPUT' });
    const coercion = { message: 'Variable "$input" got invalid value 5 at "input.name"; String cannot represent a non string value: 5', extensions: { code: 'BAD_USER_INPUT' } };
    expect(format(new GraphQLError(coercion.message), options(), coercion).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.name' });
    const missing = { message: 'Variable "$id" of required type "ID!" was not provided.', extensions: { code: 'BAD_USER_INPUT' } };
    expect(format(new GraphQLError(missing.message), options(), missing).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it.each(['GRAPHQL_PARSE_FAILED', 'BAD_USER_INPUT', 'PERSISTED_QUERY_NOT_FOUND'])('passes %s through too', (code) => {
    const formatted = { message: 'client error', extensions: { code } };
    expect(format(new GraphQLError('client error'), options(), formatted)).toMatchObject({ message: 'client error', extensions: { code } });
  });
});

describe('formatError: type-graphql argument validation', () => {
  const validationErrors = [
    { property: 'name', constraints: { maxLength: 'name is too long', isNotEmpty: 'name is empty' }, children: [] },
    { property: 'email', constraints: { isEmail: 'email must be an email' }, children: [] },
  ] as unknown as ValidationError[];

  it('maps ArgumentValidationError to BAD_USER_INPUT with per-field errors', () => {
    const result = format(new ArgumentValidationError(validationErrors));
    expect(result).toMatchObject({
      message: 'Invalid arguments',
      extensions: {
        code: 'BAD_USER_INPUT',
        field: 'name',
        errors: [
          { path: 'name', message: 'name is too long' },
          { path: 'name', message: 'name is empty' },
          { path: 'email', message: 'email must be an email' },
        ],
      },
    });
  });

  it('unwraps an ArgumentValidationError thrown inside a resolver', () => {
    const wrapped = new GraphQLError('Argument Validation Error', { originalError: new ArgumentValidationError(validationErrors) });
    expect(format(wrapped).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
  });
});

describe('toGraphQLError', () => {
  it('carries the code and extensions of a domain error', () => {
    const error = toGraphQLError(new RateLimitedError(5));
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.message).toBe('Too many requests; retry after 5s');
    expect(error.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 5 });
  });
});

describe('formatError: the database is unreachable', () => {
  it('answers SERVICE_UNAVAILABLE for refused, dropped and restarting connections, without internals', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const shuttingDown = Object.assign(new Error('the database system is shutting down'), { code: '57P03' });
    const wrapped = new Error('select "r0".* from "reports" as "r0" - Connection terminated unexpectedly');
    const aggregate = Object.assign(new Error(''), { errors: [Object.assign(new Error('x'), { code: 'ECONNREFUSED' })] });
    for (const error of [refused, shuttingDown, wrapped, aggregate, new GraphQLError('wrapped', { originalError: refused })]) {
      const opts = options();
      const out = format(error, opts);
      expect(out.extensions).toEqual({ code: ErrorCode.SERVICE_UNAVAILABLE, retryAfterSeconds: 5 });
      expect(out.message).toBe('The database is unavailable; try again shortly');
      expect(opts.log).not.toHaveBeenCalled();
    }
  });

  it('leaves other failures internal', () => {
    const out = format(Object.assign(new Error('duplicate key value'), { code: '23505' }));
    expect(out.extensions).toEqual({ code: ErrorCode.INTERNAL_SERVER_ERROR });
  });
});
