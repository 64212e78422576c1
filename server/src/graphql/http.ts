/**
 * The GraphQL endpoint: Apollo Server over express at /graphql and graphql-ws on the same path.
 * Authentication, depth/cost limits and rate limiting happen here, before any resolver runs.
 */
import type { Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { FormattedExecutionResult } from 'graphql';
import { WebSocketServer } from 'ws';
import { createContext, type AppContext, type ContextDeps, type RequestInfo } from '../context.js';
import type { IncomingMessage } from 'node:http';
import { DomainError, ErrorCode, QueryTooComplexError, RateLimitedError, ServiceUnavailableError, formatError, isDatabaseUnavailable } from '../errors.js';
import { bearerToken, verifyToken } from '../features/auth/tokens.js';
import type { Viewer } from '../features/auth/viewer.js';
import { errorFields, type Logger } from '../platform/logger.js';
import { measureComplexity } from './complexity.js';
import { RateLimiter } from './rate-limiter.js';

export interface GraphQLEndpointOptions {
  schema: GraphQLSchema;
  httpServer: Server;
  deps: ContextDeps;
  jwtSecret: string;
  introspection: boolean;
  exposeInternals: boolean;
  maxDepth: number;
  maxCost: number;
  requestsPerMinute: number;
  /** PUBLIC_URL; null: links use the origin of each request. */
  publicUrl: string | null;
  log: Logger;
  /** More Apollo plugins (request logging and metrics: observability.ts). */
  plugins?: ApolloServerPlugin<AppContext>[];
}

function requestInfo(req: IncomingMessage, publicUrl: string | null, ip: string | undefined): RequestInfo {
  const header = (name: string) => {
    const v = req.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const proto = header('x-forwarded-proto')?.split(',')[0]?.trim() || ('encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http');
  const host = header('x-forwarded-host') ?? header('host') ?? 'localhost';
  return {
    ip: ip ?? req.socket.remoteAddress ?? null,
    userAgent: header('user-agent') ?? null,
    baseUrl: publicUrl ?? `${proto}://${host}`,
    fromBrowser: header('x-reportcast-client') === 'web',
  };
}

export interface GraphQLEndpoint {
  middleware: express.RequestHandler;
  stop(): Promise<void>;
}

async function viewerFromHeader(header: string | undefined, secret: string): Promise<Viewer | null> {
  if (!header) return null;
  const token = bearerToken(header);
  try {
    if (!token) throw new GraphQLError('Authorization must be "Bearer <token>"');
    return await verifyToken(secret, token);
  } catch (error) {
    const message = error instanceof DomainError || error instanceof GraphQLError ? error.message : 'Invalid token';
    throw new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
  }
}

function limitsPlugin(options: GraphQLEndpointOptions, limiter: RateLimiter): ApolloServerPlugin<AppContext & { clientKey: string }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, contextValue }) {
          if (!operation) return;
          const key = contextValue.viewer ? `tenant:${contextValue.viewer.tenantId}` : `anon:${contextValue.clientKey}`;
          const retryAfter = limiter.take(key);
          if (retryAfter > 0) throw new RateLimitedError(retryAfter);
          const fragments = Object.fromEntries(
            document.definitions.filter((d) => d.kind === 'FragmentDefinition').map((d) => [d.name.value, d]),
          );
          const { depth, cost } = measureComplexity(operation, fragments, request.variables ?? {});
          if (depth > options.maxDepth) {
            throw new QueryTooComplexError(`Query depth ${depth} exceeds the limit of ${options.maxDepth}`, { depth, maxDepth: options.maxDepth });
          }
          if (cost > options.maxCost) {
            throw new QueryTooComplexError(`Query cost ${cost} exceeds the limit of ${options.maxCost}`, { cost, maxCost: options.maxCost });
          }
        },
        async willSendResponse({ response, errors }) {
          const limited = errors?.map((e) => e.originalError).find((e) => e instanceof RateLimitedError);
          if (limited) {
            response.http.status = 429;
            response.http.headers.set('retry-after', String(limited.retryAfterSeconds));
          } else if (errors?.some((e) => e.originalError instanceof QueryTooComplexError)) {
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

export async function createGraphQLEndpoint(options: GraphQLEndpointOptions): Promise<GraphQLEndpoint> {
  const { schema, httpServer, deps, jwtSecret, log } = options;
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const wsCleanup = useServer<{ authorization?: unknown }, { viewer?: Viewer }>(
    {
      schema,
      // A bad or missing token is refused at connection_init: the socket closes with 4403.
      onConnect: async (ctx) => {
        const auth = ctx.connectionParams?.authorization;
        const token = typeof auth === 'string' ? bearerToken(auth) : null;
        if (!token) return false;
        try {
          ctx.extra.viewer = await verifyToken(jwtSecret, token);
          return true;
        } catch {
          return false;
        }
      },
      context: (ctx) => createContext(deps, ctx.extra.viewer ?? null, requestInfo(ctx.extra.request, options.publicUrl, undefined)),
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
  const limiter = new RateLimiter(options.requestsPerMinute);
  const apollo = new ApolloServer<AppContext & { clientKey: string }>({
    schema,
    introspection: options.introspection,
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
      limitsPlugin(options, limiter),
      ...(options.plugins ?? []),
      { async serverWillStart() { return { async drainServer() { await wsCleanup.dispose(); } }; } },
    ],
  });
  await apollo.start();
  const middleware = expressMiddleware(apollo, {
    context: async ({ req }) => ({
      ...createContext(deps, await viewerFromHeader(req.headers.authorization, jwtSecret), requestInfo(req, options.publicUrl, req.ip)),
      clientKey: req.ip ?? 'unknown',
    }),
  });
  return {
    middleware,
    stop: async () => {
      await apollo.stop();
      wsServer.close();
    },
  };
}

