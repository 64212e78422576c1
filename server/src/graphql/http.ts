/**
 * The GraphQL endpoint: Apollo Server over express at /graphql and graphql-ws on the same path.
 * Authentication, depth/cost limits and rate limiting happen here, before any resolver runs.
 */
import type { Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin, type GraphQLRequestContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import {
  GraphQLError, NoSchemaIntrospectionCustomRule, getOperationAST, specifiedRules, validate,
  type DocumentNode, type GraphQLSchema,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { FormattedExecutionResult } from 'graphql';
import { HeaderMap } from '@apollo/server';
import type { Config } from '../config.js';
import { bearerChallenge } from '../features/auth/bearer-challenge.js';
import type { TrustFn } from '../platform/proxy-trust.js';
import { documentCheck, httpEdge, parseWithinLimits } from './edge-limits.js';
import { leanPost } from './lean-post.js';
import { FailureBudget } from './failure-budget.js';
import { createEdgeWebSocketServer, initReceived, markAuthenticated, socketFailed, type EdgeSocket } from './ws-edge.js';
import { createContext, type AppContext, type ContextDeps, type RequestInfo } from '../context.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { clientAddress } from '../platform/proxy-trust.js';
import { BadUserInputError, DomainError, ErrorCode, QueryTooComplexError, RateLimitedError, ServiceUnavailableError, formatError, isDatabaseUnavailable } from '../errors.js';
import { bearerToken } from '../features/auth/tokens.js';
import { VerifiedTokens } from '../features/auth/verified-tokens.js';
import type { Viewer } from '../features/auth/viewer.js';
import { errorFields, type Logger } from '../platform/logger.js';
import { operationChecker, type OperationLimits } from './operation-limits.js';
import { inMemoryRateLimit, type RateLimit } from './shared-rate-limiter.js';
import { onceAt } from './timer.js';
import { AdmissionAbortedError, TenantQueueFullError, type GateTicket, type TenantGate } from './tenant-gate.js';

export interface GraphQLEndpointOptions {
  schema: GraphQLSchema;
  httpServer: Server;
  deps: ContextDeps;
  jwtSecret: string;
  introspection: boolean;
  /** "Did you mean …?" hints in validation errors (they reveal the schema). */
  fieldSuggestions: boolean;
  exposeInternals: boolean;
  limits: OperationLimits;
  requestsPerMinute: number;
  /** The tenant budget shared with other processes (shared-rate-limiter.ts); default: this process's own. */
  rateLimit?: RateLimit;
  /** The origin of absolute links for a request (proxy-trust.ts linkOrigin): never its Host header. */
  linkOrigin: (req: IncomingMessage) => string;
  /** Whose forwarded headers to believe (TRUST_PROXY): the client address of WebSocket requests. */
  trust: TrustFn;
  /** Caps on the work a client causes before it is authenticated (edge-limits.ts, ws-edge.ts). */
  edge: Config['edge'];
  log: Logger;
  /**
   * Per-tenant admission of HTTP operations (tenant-gate.ts): after authentication, rate limit and
   * operation limits, before execution. Absent: not gated. WebSocket subscriptions are not gated.
   */
  admission?: TenantGate;
  /** More Apollo plugins (request logging and metrics: observability.ts). */
  plugins?: ApolloServerPlugin<AppContext>[];
}

function requestInfo(req: IncomingMessage, linkOrigin: (req: IncomingMessage) => string, ip: string): RequestInfo {
  const header = (name: string) => {
    const v = req.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  return {
    ip,
    userAgent: header('user-agent') ?? null,
    baseUrl: linkOrigin(req),
    fromBrowser: header('x-reportcast-client') === 'web',
  };
}

export interface GraphQLEndpoint {
  /** Mount at /graphql: the edge limits (edge-limits.ts), then Apollo. */
  middleware: (express.RequestHandler | express.ErrorRequestHandler)[];
  /**
   * The plain JSON POSTs to /graphql without Express (lean-post.ts), given the security headers'
   * handler: true when it took the request, false to hand it to Express (and `middleware`).
   */
  lean(headers: (req: IncomingMessage, res: ServerResponse, next: () => void) => void): (req: IncomingMessage, res: ServerResponse) => boolean;
  /** Open WebSocket connections. */
  webSocketCount(): number;
  stop(): Promise<void>;
}

async function viewerFromHeader(header: string | undefined, tokens: VerifiedTokens): Promise<Viewer | null> {
  if (!header) return null;
  const token = bearerToken(header);
  try {
    if (!token) throw new GraphQLError('Authorization must be "Bearer <token>"');
    return (await tokens.verify(token)).viewer;
  } catch (error) {
    const message = error instanceof DomainError || error instanceof GraphQLError ? error.message : 'Invalid token';
    // RFC 6750: a 401 names the scheme; a bearer token that was sent and refused is invalid_token.
    const headers = new HeaderMap([['www-authenticate', bearerChallenge(token ? { description: message } : undefined)]]);
    throw new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401, headers } } });
  }
}

function rateKey(viewer: Viewer | null, clientKey: string): string {
  return viewer ? `tenant:${viewer.tenantId}` : `anon:${clientKey}`;
}

/** An HTTP request's place at the tenant gate: the client's disconnect, and its ticket once it asked. */
interface Admission {
  /** Aborted when the client goes away before its answer: a waiting operation leaves the queue. */
  signal: AbortSignal;
  ticket: GateTicket | null;
}

type HttpContext = AppContext & { clientKey: string; admission: Admission };

/**
 * Waits for the tenant's turn (tenant-gate.ts). The ticket is released when the answer is sent
 * (willSendResponse), or at the latest when the response closes, so an operation that fails
 * anywhere still gives its place back.
 */
async function admit(gate: TenantGate, tenantId: string, admission: Admission): Promise<void> {
  try {
    admission.ticket = gate.enter(tenantId, admission.signal);
  } catch (error) {
    if (error instanceof TenantQueueFullError) throw new RateLimitedError(1, 'Too many operations of this tenant waiting');
    throw error;
  }
  try {
    await admission.ticket.admitted;
  } catch (error) {
    // The client left (or the request ended) while waiting: nobody reads this answer.
    if (!(error instanceof AdmissionAbortedError)) throw error;
    throw new GraphQLError('The client closed the request while it waited', { extensions: { code: 'CLIENT_CLOSED_REQUEST', http: { status: 499 } } });
  }
}

/**
 * Waits for the audit entries of the operation's reads (audit.service.ts deferReadEntries). One
 * that cannot be written withholds the whole answer, as a read failing on its own entry would:
 * no read's data leaves unaudited.
 */
async function answerOnlyAudited(context: HttpContext, response: GraphQLRequestContext<HttpContext>['response'], options: GraphQLEndpointOptions): Promise<void> {
  try {
    await context.readEntriesWritten();
  } catch (error) {
    const formatted = formatError({ message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }, error, {
      exposeInternals: options.exposeInternals,
      log: (e) => options.log.error('a read could not be recorded in the audit log; its answer is withheld', errorFields(e)),
    });
    response.body = { kind: 'single', singleResult: { errors: [formatted] } };
    const unavailable = formatted.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE;
    response.http.status = unavailable ? 503 : 500;
    if (unavailable) response.http.headers.set('retry-after', '5');
  }
}

function limitsPlugin(options: GraphQLEndpointOptions, limiter: RateLimit, checkOperation: ReturnType<typeof operationChecker>): ApolloServerPlugin<HttpContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, contextValue }) {
          if (!operation) return;
          const retryAfter = await limiter.take(rateKey(contextValue.viewer, contextValue.clientKey));
          if (retryAfter > 0) throw new RateLimitedError(retryAfter);
          checkOperation(operation, document, request.variables);
          // Last, so a refused operation holds no place; unauthenticated requests fail fast ungated.
          if (options.admission && contextValue.viewer) await admit(options.admission, contextValue.viewer.tenantId, contextValue.admission);
        },
        async executionDidStart({ contextValue, response }) {
          return {
            async executionDidEnd() {
              // Executed: the tenant's place goes to its next operation now, then the answer waits
              // for its reads' audit entries (httpContext defers them), which use no place's worth
              // of CPU or engine.
              contextValue.admission.ticket?.release();
              await answerOnlyAudited(contextValue, response, options);
            },
          };
        },
        async willSendResponse({ response, errors, contextValue }) {
          contextValue.admission.ticket?.release();
          const limited = errors?.map((e) => e.originalError).find((e) => e instanceof RateLimitedError);
          if (limited) {
            response.http.status = 429;
            response.http.headers.set('retry-after', String(limited.retryAfterSeconds));
          } else if (
            // Refused before execution (no data at all): a request error, 400. A resolver's
            // BAD_USER_INPUT stays a 200 with errors, as GraphQL clients expect.
            response.body.kind === 'single' && !('data' in response.body.singleResult && response.body.singleResult.data !== undefined) &&
            errors?.some((e) => e.originalError instanceof QueryTooComplexError || e.originalError instanceof BadUserInputError)
          ) {
            response.http.status = 400;
          } else if (errors?.some((e) => e.originalError instanceof ServiceUnavailableError || isDatabaseUnavailable(e.originalError))) {
            response.http.status = 503;
            response.http.headers.set('retry-after', '5');
          }
        },
      };
    },
  };
}

const SUGGESTION = /\s*Did you mean .*$/s;

/** What a client may see of a validation error: no schema hints unless suggestions are on. */
function clientValidationErrors(errors: readonly GraphQLError[], suggestions: boolean): GraphQLError[] {
  return errors.map((e) => new GraphQLError(suggestions ? e.message : e.message.replace(SUGGESTION, ''), {
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
  }));
}

export async function createGraphQLEndpoint(options: GraphQLEndpointOptions): Promise<GraphQLEndpoint> {
  const { schema, httpServer, deps, jwtSecret, log } = options;
  const budget = new FailureBudget(options.edge.failedRequestsPerMinute);
  const documentLimits = { maxDocumentBytes: options.edge.maxDocumentBytes, maxTokens: options.edge.maxTokens };
  const wsServer = createEdgeWebSocketServer({
    server: httpServer, path: '/graphql', budget, trust: options.trust, maxMessageBytes: options.edge.wsMaxMessageBytes,
    initTimeoutMs: options.edge.wsAuthTimeoutMs, log,
  });
  const limiter = options.rateLimit ?? inMemoryRateLimit(options.requestsPerMinute);
  // One checker for both transports: what passed once passes again unwalked (operation-limits.ts).
  const checkOperation = operationChecker(schema, options.limits);
  // A token's signature is checked once per process, its times on every request (verified-tokens.ts).
  const verifiedTokens = new VerifiedTokens(jwtSecret);
  const validationRules = options.introspection ? specifiedRules : [...specifiedRules, NoSchemaIntrospectionCustomRule];
  const wsCleanup = useServer<{ authorization?: unknown }, { viewer?: Viewer; endSession?: () => void }>(
    {
      schema,
      // A socket that has not sent connection_init in WS_AUTH_TIMEOUT_MS is closed with 4408 (and
      // counted) by ws-edge.ts, which does not count the time this process spent stalled.
      connectionInitWaitTimeout: Infinity,
      // A bad or missing token is refused at connection_init: the socket closes with 4403. A valid
      // one holds until it expires: then the socket closes with 4403 too, ending its subscriptions.
      onConnect: async (ctx) => {
        initReceived(ctx.extra.socket);
        const auth = ctx.connectionParams?.authorization;
        const token = typeof auth === 'string' ? bearerToken(auth) : null;
        if (!token) return false;
        try {
          const session = await verifiedTokens.verify(token);
          ctx.extra.viewer = session.viewer;
          markAuthenticated(ctx.extra.socket);
          if (session.expiresAt) {
            ctx.extra.endSession = onceAt(session.expiresAt, () => ctx.extra.socket.close(CloseCode.Forbidden, 'Token expired'));
          }
          return true;
        } catch {
          return false;
        }
      },
      onClose: (ctx) => ctx.extra.endSession?.(),
      // graphql-ws runs none of Apollo's plugins: the same rate limit, introspection switch and
      // operation limits apply here, before anything executes.
      onSubscribe: async (ctx, _id, payload) => {
        let document: DocumentNode;
        try {
          // The same document limits as HTTP (edge-limits.ts).
          document = parseWithinLimits(payload.query, documentLimits);
        } catch (error) {
          socketFailed(ctx.extra.socket, budget);
          if (error instanceof DomainError) return [new GraphQLError(error.message, { originalError: error })];
          return [new GraphQLError(error instanceof GraphQLError ? error.message : 'Syntax error', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
        }
        const invalid = validate(schema, document, validationRules);
        if (invalid.length) return clientValidationErrors(invalid, options.fieldSuggestions);
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [new GraphQLError('Unable to identify operation', { extensions: { code: 'BAD_USER_INPUT' } })];
        const variables = payload.variables ?? {};
        try {
          const retryAfter = await limiter.take(rateKey(ctx.extra.viewer ?? null, ctx.extra.request.socket.remoteAddress ?? 'unknown'));
          if (retryAfter > 0) throw new RateLimitedError(retryAfter);
          checkOperation(operation, document, variables);
        } catch (error) {
          if (error instanceof DomainError) return [new GraphQLError(error.message, { originalError: error })];
          throw error;
        }
        return { schema, document, variableValues: variables, operationName: payload.operationName };
      },
      context: (ctx) => createContext(deps, ctx.extra.viewer ?? null, requestInfo(ctx.extra.request, options.linkOrigin, (ctx.extra.socket as EdgeSocket).clientAddress)),
      // Same error shape over WebSocket as over HTTP: extensions.code, no internals.
      onError: (_ctx, _id, _payload, errors) =>
        errors.map((e) => {
          const f = formatError(e.toJSON(), e, { exposeInternals: options.exposeInternals, log: (x) => log.error('subscription failed', errorFields(x)) });
          return new GraphQLError(f.message, { extensions: f.extensions });
        }),
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!('errors' in result) || !result.errors?.length) return result;
        return {
          ...result,
          errors: result.errors.map((e) => formatError(e.toJSON(), e, { exposeInternals: options.exposeInternals, log: (x) => log.error('subscription failed', errorFields(x)) })),
        };
      },
    },
    wsServer,
  );
  const apollo = new ApolloServer<HttpContext>({
    schema,
    introspection: options.introspection,
    hideSchemaDetailsFromClientErrors: !options.fieldSuggestions,
    // The edge counted the tokens already; this holds should anything reach Apollo another way.
    parseOptions: { maxTokens: options.edge.maxTokens },
    // The process owns shutdown order (HTTP, ORM, then Postgres); Apollo must not race it.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: options.exposeInternals,
    formatError: (formatted, error) =>
      formatError(formatted, error, {
        exposeInternals: options.exposeInternals,
        log: (e) => log.error('graphql request failed', errorFields(e)),
      }),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // No type or field sets cache hints, yet Apollo's default cache-control plugin hooks every
      // resolved field to compute them: for a preview page of 50 rows, that is hundreds of calls
      // per request for nothing (a burst's profile, issue 22).
      ApolloServerPluginCacheControlDisabled(),
      limitsPlugin(options, limiter, checkOperation),
      ...(options.plugins ?? []),
      { async serverWillStart() { return { async drainServer() { await wsCleanup.dispose(); } }; } },
    ],
  });
  await apollo.start();
  /** An HTTP operation's context, on either path (Express or lean-post.ts). */
  const httpContext = async (req: IncomingMessage, res: ServerResponse, ip: string): Promise<HttpContext> => {
    const viewer = await viewerFromHeader(req.headers.authorization, verifiedTokens);
    const request = requestInfo(req, options.linkOrigin, ip);
    // A token's first use is a sign-in for the user-activity report (audit/token-uses.ts).
    if (viewer && deps.tokenUses) await deps.tokenUses.note(viewer, bearerToken(req.headers.authorization!)!, request);
    const disconnected = new AbortController();
    const admission: Admission = { signal: disconnected.signal, ticket: null };
    if (res.closed) disconnected.abort();
    // Closed after the answer was written: give the place back should willSendResponse not have
    // run; closed before it: the client left, so a waiting operation leaves the queue (a running
    // one finishes and releases in willSendResponse).
    else res.once('close', () => (res.writableFinished ? admission.ticket?.release() : disconnected.abort()));
    // Read entries are waited for after execution (answerOnlyAudited), once the gate's place is back.
    const context = createContext(deps, viewer, request, { deferAuditedReads: true });
    // Added to the context itself: a spread would call its getters (context.ts makes them lazily).
    return Object.assign(context, { clientKey: ip, admission });
  };
  const apolloMiddleware = expressMiddleware(apollo, { context: ({ req, res }) => httpContext(req, res, req.ip ?? 'unknown') });
  const checkDocument = documentCheck(documentLimits);
  const maxBodyBytes = options.edge.httpMaxBodyBytes;
  const edge = httpEdge({ budget, checkDocument, maxBodyBytes });
  return {
    middleware: [...edge, apolloMiddleware],
    lean: (headers) => leanPost({
      apollo, context: httpContext, clientAddress: (req) => clientAddress(req, options.trust), budget, checkDocument, maxBodyBytes, log,
    }, headers),
    webSocketCount: () => wsServer.clients.size,
    stop: async () => {
      await apollo.stop();
      wsServer.close();
    },
  };
}

