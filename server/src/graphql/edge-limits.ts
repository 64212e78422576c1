/**
 * Bounded work before authentication, on the HTTP path: what a request may cost us before we know
 * who sent it. In order, for every request to /graphql:
 *
 * 1. an address that spent its failure budget is refused (429, Retry-After) before its body is
 *    read or its token checked;
 * 2. the body is read up to HTTP_MAX_BODY_KB (413 beyond: body-parser stops reading at the limit,
 *    or at once when Content-Length says so);
 * 3. the document is measured (GRAPHQL_MAX_DOCUMENT_KB) and its tokens counted up to
 *    GRAPHQL_MAX_TOKENS before anything parses it (QUERY_TOO_COMPLEX, 400).
 *
 * Every answer of 400, 401, 413 or 415 (malformed, unauthenticated, oversized) counts against the
 * address's budget, whoever produced it: this module, Apollo (parse and validation errors, bad
 * request shapes) or the token check. The WebSocket path shares the document check (ws-edge.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import accepts from 'accepts';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { Lexer, Source, TokenKind, parse, type DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import { BadUserInputError, QueryTooComplexError, RateLimitedError, toGraphQLError, type DomainError } from '../errors.js';
import type { FailureBudget } from './failure-budget.js';

export interface DocumentLimits {
  maxDocumentBytes: number;
  maxTokens: number;
}

/**
 * Refuses a document that is too large or has too many tokens, without parsing it: the lexer stops
 * at the first token over the limit. A lexing error is left to the parser, which reports it with
 * its position.
 */
export function checkDocument(source: string, limits: DocumentLimits): void {
  // UTF-16 length is at most the UTF-8 length: measure exactly only when it might be over.
  if (source.length * 3 > limits.maxDocumentBytes) {
    const bytes = Buffer.byteLength(source, 'utf8');
    if (bytes > limits.maxDocumentBytes) {
      throw new QueryTooComplexError(`Document is ${bytes} bytes; at most ${limits.maxDocumentBytes} are allowed`, { documentBytes: bytes, maxDocumentBytes: limits.maxDocumentBytes });
    }
  }
  const lexer = new Lexer(new Source(source));
  let tokens = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) {
      if (++tokens > limits.maxTokens) break;
    }
  } catch {
    return;
  }
  if (tokens > limits.maxTokens) {
    throw new QueryTooComplexError(`Document has more than ${limits.maxTokens} tokens`, { maxTokens: limits.maxTokens });
  }
}

/** checkDocument, then parse with the same token limit (graphql-js stops there too). */
export function parseWithinLimits(source: string, limits: DocumentLimits): DocumentNode {
  checkDocument(source, limits);
  return parse(source, { maxTokens: limits.maxTokens });
}

/** HTTP statuses that spend an address's failure budget: malformed, unauthenticated, oversized. */
const FAILURE_STATUSES = new Set([400, 401, 413, 415]);

export interface HttpEdgeOptions {
  budget: FailureBudget;
  /** documentCheck(limits): shared with the lean path (lean-post.ts). */
  checkDocument: DocumentCheck;
  maxBodyBytes: number;
}

/** A GraphQL-shaped error answer for refusals that happen before Apollo sees the request (express or not). */
export function refuse(req: IncomingMessage, res: ServerResponse, status: number, error: DomainError): void {
  const type = accepts(req).type(['application/json', 'application/graphql-response+json']) || 'application/json';
  const body = JSON.stringify({ errors: [toGraphQLError(error).toJSON()] });
  res.statusCode = status;
  res.setHeader('Content-Type', `${type}; charset=utf-8`);
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

/** Counts the answer against the address's failure budget if it is one of FAILURE_STATUSES. */
export function countFailure(res: ServerResponse, budget: FailureBudget, address: string): void {
  res.on('finish', () => {
    if (FAILURE_STATUSES.has(res.statusCode)) budget.fail(address);
  });
}

/** Refuses a request's document (400) if it is over the limits; true when it answered. */
export type DocumentCheck = (req: IncomingMessage, res: ServerResponse, query: unknown) => boolean;

/**
 * The document check (checkDocument) of a request's `query`, answering QUERY_TOO_COMPLEX itself,
 * with the documents that passed remembered by their text: clients send the same few operations
 * over and over, and lexing each again showed in a burst's profile. Bounded by the documents'
 * total length. A query that is not a string is left to Apollo.
 */
export function documentCheck(limits: DocumentLimits): DocumentCheck {
  const passed = new LRUCache<string, true>({ max: 1000, maxSize: 4_000_000, sizeCalculation: (_ok, source) => source.length });
  return (req, res, query) => {
    if (typeof query !== 'string' || passed.has(query)) return false;
    try {
      checkDocument(query, limits);
    } catch (error) {
      if (error instanceof QueryTooComplexError) {
        refuse(req, res, 400, error);
        return true;
      }
      throw error;
    }
    passed.set(query, true);
    return false;
  };
}

/** The handlers to mount before Apollo's middleware at /graphql, in order. */
export function httpEdge(options: HttpEdgeOptions): (RequestHandler | ErrorRequestHandler)[] {
  const { budget } = options;
  const gate: RequestHandler = (req, res, next) => {
    const address = req.ip ?? 'unknown';
    const wait = budget.retryAfter(address);
    if (wait > 0) {
      // The body is not read: close the connection rather than drain it.
      res.set({ 'Retry-After': String(wait), Connection: 'close' });
      return refuse(req, res, 429, new RateLimitedError(wait, 'Too many failed requests from this address'));
    }
    countFailure(res, budget, address);
    next();
  };
  const document: RequestHandler = (req, res, next) => {
    const query: unknown = req.method === 'GET' ? req.query.query : (req.body as { query?: unknown } | undefined)?.query;
    if (!options.checkDocument(req, res, query)) next();
  };
  const bodyErrors: ErrorRequestHandler = (error: { type?: unknown; status?: unknown }, req, res, next) => {
    if (res.headersSent || typeof error?.type !== 'string') return next(error);
    if (error.type === 'entity.too.large') {
      res.set('Connection', 'close');
      return refuse(req, res, 413, new QueryTooComplexError(`Request body is larger than ${options.maxBodyBytes} bytes`, { maxBodyBytes: options.maxBodyBytes }));
    }
    const status = typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 400;
    refuse(req, res, status, new BadUserInputError(error.type === 'entity.parse.failed' ? 'Malformed JSON body' : 'Malformed request'));
  };
  return [gate, express.json({ limit: options.maxBodyBytes }), document, bodyErrors];
}
