/**
 * Request ids, request logs and request metrics. Every HTTP request gets an id (a sane incoming
 * `X-Request-Id` is kept, so a proxy's id follows the request through); the response echoes it.
 * GraphQL operations are logged and measured once each by the Apollo plugin, with the tenant, the
 * operation and its duration; other routes by the express middleware (path only: query strings
 * carry link tokens).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { OperationDefinitionNode } from 'graphql';
import type { RequestHandler } from 'express';
import type { AppContext } from '../context.js';
import type { Logger } from '../platform/logger.js';
import type { Metrics } from '../platform/metrics.js';

export const REQUEST_ID_HEADER = 'x-request-id';
const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's id: a sane incoming one, else a new one; set on the request (for the logs) and the answer. */
export function assignRequestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  const id = typeof incoming === 'string' && SANE_ID.test(incoming) ? incoming : randomUUID();
  req.headers[REQUEST_ID_HEADER] = id;
  res.setHeader('X-Request-Id', id);
  return id;
}

/** Assigns the request id (before anything else runs) and logs non-GraphQL requests when they finish. */
export function requestIdAndLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    const id = assignRequestId(req, res);
    if (req.path !== '/graphql') {
      const started = performance.now();
      res.on('finish', () => {
        const quiet = /^\/(healthz|readyz|metrics)$/.test(req.path) || res.statusCode === 304;
        (quiet ? log.debug : log.info)('http request', {
          requestId: id, method: req.method, path: req.path, status: res.statusCode, durationMs: Math.round(performance.now() - started),
        });
      });
    }
    next();
  };
}

/**
 * `query:reports,me`: the operation type and its root fields, sorted. Bounded by the schema (a
 * client-chosen operationName would give Prometheus unbounded label values).
 */
export function operationLabel(operation: OperationDefinitionNode | null | undefined): { type: string; operation: string } {
  if (!operation) return { type: 'unknown', operation: 'unknown' };
  const fields = operation.selectionSet.selections
    .map((s) => (s.kind === 'Field' ? s.name.value : s.kind === 'InlineFragment' ? '…' : `...${s.name.value}`))
    .filter((name, i, all) => all.indexOf(name) === i)
    .sort();
  const shown = fields.length > 4 ? [...fields.slice(0, 4), `+${fields.length - 4}`] : fields;
  return { type: operation.operation, operation: shown.join(',') || 'unknown' };
}

export function observabilityPlugin(log: Logger, metrics: Metrics): ApolloServerPlugin<AppContext> {
  return {
    async requestDidStart({ request }) {
      const started = performance.now();
      const requestId = request.http?.headers.get(REQUEST_ID_HEADER) ?? randomUUID();
      let label = { type: 'unknown', operation: 'unknown' };
      return {
        async didResolveOperation({ operation }) {
          label = operationLabel(operation);
        },
        async willSendResponse({ response, contextValue, operationName }) {
          const seconds = (performance.now() - started) / 1000;
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          const code = errors?.length ? String(errors[0]!.extensions?.code ?? 'INTERNAL_SERVER_ERROR') : null;
          const outcome = code ?? 'ok';
          metrics.graphqlRequests.inc({ ...label, outcome });
          metrics.graphqlDuration.observe(label, seconds);
          const fields = {
            requestId,
            tenant: contextValue?.viewer?.tenantId ?? null,
            user: contextValue?.viewer?.userId ?? null,
            type: label.type,
            operation: label.operation,
            operationName: operationName ?? null,
            outcome,
            durationMs: Math.round(seconds * 1000),
          };
          if (code === 'INTERNAL_SERVER_ERROR') log.warn('graphql', fields);
          else log.info('graphql', fields);
        },
      };
    },
  };
}
