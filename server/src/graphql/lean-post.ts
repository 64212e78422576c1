/**
 * POST /graphql from node:http straight to Apollo, without Express: what nearly every request to
 * the API is. Express's router, body parser and response helpers were a quarter of the API's floor
 * (p95 of 200 concurrent `{ __typename }`: 88 → 64 ms, same rounds) and a sixth of 200 concurrent
 * previews' p95 (2026-12-08, bench/previews.ts).
 *
 * Only the plain shape is taken here: POST to exactly /graphql, `Content-Type: application/json`
 * (UTF-8), a Content-Length within HTTP_MAX_BODY_KB, no Content-Encoding, from an address with
 * failure budget left. Anything else (GET, another type, charset or encoding, a chunked or empty
 * body, an address over its budget) goes through Express as before (edge-limits.ts), which answers
 * every edge case. What the client gets is the same either way: the security headers, the request
 * id, the edge's refusals (malformed JSON, oversized documents) in the same shape, the failure
 * budget counted for the same statuses, then Apollo with the same context. Express's answer added
 * an ETag, which no client of a POST uses.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { BadUserInputError } from '../errors.js';
import { errorFields, type Logger } from '../platform/logger.js';
import { countFailure, refuse, type DocumentCheck } from './edge-limits.js';
import type { FailureBudget } from './failure-budget.js';
import { assignRequestId } from './observability.js';

export interface LeanPostOptions<C extends BaseContext> {
  apollo: ApolloServer<C>;
  /** The operation's context, as the Express path builds it. */
  context: (req: IncomingMessage, res: ServerResponse, clientAddress: string) => Promise<C>;
  /** The client's address as Express computes `req.ip` (proxy-trust.ts clientAddress). */
  clientAddress: (req: IncomingMessage) => string;
  budget: FailureBudget;
  /** The edge's document check (edge-limits.ts documentCheck), shared with the Express path. */
  checkDocument: DocumentCheck;
  maxBodyBytes: number;
  log: Logger;
}

/** What body-parser reads without converting: application/json, UTF-8 or no charset named. */
const PLAIN_JSON = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/** True when the request has the shape this path takes (see the module comment). */
function plainPost(req: IncomingMessage, maxBodyBytes: number): boolean {
  if (req.method !== 'POST' || req.url !== '/graphql') return false;
  const type = req.headers['content-type'];
  if (type === undefined || !PLAIN_JSON.test(type)) return false;
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return false;
  const length = Number(req.headers['content-length']);
  return Number.isInteger(length) && length > 0 && length <= maxBodyBytes;
}

/** As body-parser decodes a body: a byte order mark dropped, malformed sequences replaced. One for all: decode() without `stream` keeps no state. */
const UTF8 = new TextDecoder('utf-8');

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return UTF8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
}

/**
 * The handler to put in front of Express: true when it took the request (the security headers are
 * set by `headers` first, as Express's first middleware sets them); false: hand it to Express.
 */
export function leanPost<C extends BaseContext>(
  options: LeanPostOptions<C>,
  headers: (req: IncomingMessage, res: ServerResponse, next: () => void) => void,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const { apollo, budget, log } = options;

  async function answer(req: IncomingMessage, res: ServerResponse, address: string): Promise<void> {
    let text: string;
    try {
      text = await readBody(req);
    } catch {
      res.destroy(); // the client left mid-body: nobody to answer
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    // body-parser's strict mode: an object or an array, nothing else.
    if (body === null || typeof body !== 'object') return refuse(req, res, 400, new BadUserInputError('Malformed JSON body'));
    if (options.checkDocument(req, res, (body as { query?: unknown }).query)) return;
    const requestHeaders = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) requestHeaders.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers: requestHeaders, search: '', body },
      context: () => options.context(req, res, address),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.setHeader('Content-Length', Buffer.byteLength(response.body.string));
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  return (req, res) => {
    if (!plainPost(req, options.maxBodyBytes)) return false;
    const address = options.clientAddress(req);
    if (budget.retryAfter(address) > 0) return false;
    headers(req, res, () => {
      assignRequestId(req, res);
      countFailure(res, budget, address);
      answer(req, res, address).catch((error: unknown) => {
        // As Express's last handler answers what escaped a route (app.ts).
        log.error('request failed', errorFields(error));
        if (res.headersSent) {
          res.destroy();
          return;
        }
        const body = JSON.stringify({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
        res.statusCode = 500;
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.setHeader('Content-Length', Buffer.byteLength(body));
        res.end(body);
      });
    });
    return true;
  };
}
