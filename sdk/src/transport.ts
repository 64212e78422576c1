/**
 * The wire: an urql Client (HTTP POST for queries and mutations, no cache: an SDK call always asks
 * the server) and a graphql-ws client for subscriptions on the same path, both authenticated with
 * the caller's bearer token. Every failure leaves here as a ReportcastError; queries and idempotent
 * mutations are retried when the failure is transient.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Client, fetchExchange, subscriptionExchange } from '@urql/core';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { Kind, type DocumentNode } from 'graphql';
import { onEnd, pipe, subscribe } from 'wonka';
import { pushIterator } from './async-queue.js';
import { fromCombinedError, ReportcastError } from './errors.js';
import { DEFAULT_RETRY, retryDelayMs, withRetry, type RetryHooks, type RetryOptions } from './retry.js';

/**
 * An operation's variables (urql's definition). The SDK's public declarations name no urql or
 * wonka type: wonka's declarations need the DOM library, which a Node project does not have.
 */
export type AnyVariables = { [prop: string]: any } | void | undefined;

export type TokenSource = { token: string; getToken?: never } | { getToken: () => string | Promise<string>; token?: never };

export type ReportcastClientOptions = TokenSource & {
  /** The server's origin (`https://reports.example.com`) or its GraphQL endpoint (`…/graphql`). */
  url: string;
  /** Retry policy for queries and idempotent mutations; `false` never retries. */
  retry?: Partial<RetryOptions> | false;
  /** Called before each retry (for logging). */
  onRetry?: RetryHooks['onRetry'];
  /** A fetch implementation; the global one by default. */
  fetch?: typeof fetch;
  /** A WebSocket constructor; the global one, else the `ws` package (a dependency, used on Node 20). */
  webSocketImpl?: unknown;
  /** Extra headers sent with every HTTP request. */
  headers?: Record<string, string>;
};

export interface OperationOptions {
  /** Safe to send twice: a transient failure is retried like a query's. */
  idempotent?: boolean;
}

function operationName(document: DocumentNode): string | undefined {
  for (const def of document.definitions) if (def.kind === Kind.OPERATION_DEFINITION) return def.name?.value;
  return undefined;
}

/**
 * `http://host:4000`, `http://host:4000/`, `…/graphql` and `…/graphql/` all mean the endpoint at
 * /graphql, written without a trailing slash: the WebSocket server matches its path exactly, so
 * `/graphql/` would be refused there (400) though HTTP routing forgives it.
 */
export function graphqlEndpoint(url: string): string {
  const parsed = new URL(url);
  const path = parsed.pathname.replace(/\/+$/, '');
  parsed.pathname = path.endsWith('/graphql') ? path : `${path}/graphql`;
  return parsed.toString();
}

/** The subscription socket's address for an HTTP(S) endpoint: same host and path, ws(s) scheme. */
export function webSocketEndpoint(endpoint: string): string {
  const parsed = new URL(endpoint);
  parsed.protocol = parsed.protocol === 'https:' ? 'wss:' : 'ws:';
  return parsed.toString();
}

/** How often graphql-ws reopens a dropped or refused socket before the subscription fails. */
export const SOCKET_RETRY_ATTEMPTS = 5;

export class Transport {
  readonly endpoint: string;
  private readonly urql: Client;
  private readonly retry: RetryOptions;
  private readonly fetchImpl: typeof fetch;
  private ws: Promise<WsClient> | null = null;

  constructor(private readonly options: ReportcastClientOptions) {
    if (typeof options.token !== 'string' && typeof options.getToken !== 'function') {
      throw new TypeError('createReportcastClient needs `token` or `getToken`');
    }
    this.endpoint = graphqlEndpoint(options.url);
    this.retry = options.retry === false ? { ...DEFAULT_RETRY, retries: 0 } : { ...DEFAULT_RETRY, ...options.retry };
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.urql = new Client({
      url: this.endpoint,
      // Apollo Server refuses simple GET requests (CSRF prevention); POST everything.
      preferGetMethod: false,
      requestPolicy: 'network-only',
      fetch: (input, init) => this.authorizedFetch(input, init),
      exchanges: [
        fetchExchange,
        subscriptionExchange({
          forwardSubscription: (request) => ({
            subscribe: (sink) => {
              let dispose: (() => void) | null = null;
              let closed = false;
              this.socket().then(
                (ws) => {
                  if (!closed) dispose = ws.subscribe({ ...request, query: request.query ?? '' }, sink);
                },
                (error: unknown) => sink.error(error),
              );
              return { unsubscribe: () => { closed = true; dispose?.(); } };
            },
          }),
        }),
      ],
    });
  }

  async token(): Promise<string> {
    return this.options.token ?? (await this.options.getToken!());
  }

  /** fetch with the bearer token (fetched per request, so a rotating getToken is honoured). */
  async authorizedFetch(input: Parameters<typeof fetch>[0], init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    for (const [name, value] of Object.entries(this.options.headers ?? {})) headers.set(name, value);
    headers.set('authorization', `Bearer ${await this.token()}`);
    return this.fetchImpl(input, { ...init, headers });
  }

  /** fetch without the bearer header: download links carry their own authorisation. */
  plainFetch(url: string): Promise<Response> {
    return this.fetchImpl(url);
  }

  private socket(): Promise<WsClient> {
    this.ws ??= (async () => {
      const webSocketImpl = this.options.webSocketImpl ?? (globalThis as { WebSocket?: unknown }).WebSocket ?? (await loadWs());
      const rotating = typeof this.options.getToken === 'function';
      return createWsClient({
        url: webSocketEndpoint(this.endpoint),
        webSocketImpl,
        lazy: true,
        // Called on every (re)connection: a rotating getToken hands each socket a fresh token.
        connectionParams: async () => ({ authorization: `Bearer ${await this.token()}` }),
        retryAttempts: SOCKET_RETRY_ATTEMPTS,
        retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, retryDelayMs(retries, undefined, this.retry))),
        shouldRetry: (event) => shouldReopenSocket(event, rotating),
      });
    })();
    return this.ws;
  }

  async query<D, V extends AnyVariables>(document: TypedDocumentNode<D, V>, variables: V): Promise<D> {
    return this.withRetry(() => this.once(document, variables, 'query'));
  }

  async mutate<D, V extends AnyVariables>(document: TypedDocumentNode<D, V>, variables: V, options: OperationOptions = {}): Promise<D> {
    const run = () => this.once(document, variables, 'mutation');
    return options.idempotent ? this.withRetry(run) : run();
  }

  /** Transient failures retried per the client's policy (also for download links, which are idempotent GETs). */
  withRetry<T>(attempt: () => Promise<T>): Promise<T> {
    return withRetry(attempt, this.retry, { onRetry: this.options.onRetry });
  }

  private async once<D, V extends AnyVariables>(document: TypedDocumentNode<D, V>, variables: V, kind: 'query' | 'mutation'): Promise<D> {
    const name = operationName(document);
    const result = kind === 'query' ? await this.urql.query(document, variables).toPromise() : await this.urql.mutation(document, variables).toPromise();
    if (result.error) throw fromCombinedError(result.error, name);
    if (!result.data) throw new ReportcastError('INTERNAL_SERVER_ERROR', `${name ?? 'operation'} returned no data`, { operationName: name });
    return result.data;
  }

  /** Each result of a subscription; an error result ends the iteration with a ReportcastError. */
  subscribe<D, V extends AnyVariables>(document: TypedDocumentNode<D, V>, variables: V): AsyncIterableIterator<D> {
    const name = operationName(document);
    return pushIterator<D>((sink) => {
      const { unsubscribe } = pipe(
        this.urql.subscription(document, variables),
        onEnd(() => sink.complete()),
        subscribe((result) => {
          if (result.error) sink.error(fromCombinedError(result.error, name));
          else if (result.data) sink.next(result.data);
        }),
      );
      return unsubscribe;
    });
  }

  /** Closes the subscription socket, if one was opened. */
  async close(): Promise<void> {
    const ws = this.ws;
    this.ws = null;
    if (ws) await (await ws.catch(() => null))?.dispose();
  }
}

function isCloseEvent(value: unknown): value is { code: number; reason: string } {
  return typeof value === 'object' && value !== null && 'code' in value && 'reason' in value;
}

/**
 * Whether graphql-ws should reopen the socket after `event` (it has already given up on the codes
 * that no retry can fix, such as 4400 and 4401). A refused or dropped connection (an error event,
 * or a close) is worth another attempt. 4403 is the server refusing the token, at connection_init
 * or when it expires mid-subscription: with `getToken` the next attempt carries a fresh one; a
 * fixed `token` would be refused again, so it fails at once as UNAUTHENTICATED.
 */
export function shouldReopenSocket(event: unknown, rotatingToken: boolean): boolean {
  if (isCloseEvent(event)) return event.code !== 4403 || rotatingToken;
  return true;
}

/**
 * Node 20 has no global WebSocket: fall back to the `ws` package (a dependency of the SDK). The
 * specifier is a variable so browser bundlers, where the global exists, do not try to bundle it.
 */
async function loadWs(): Promise<unknown> {
  const name = 'ws';
  try {
    const mod = (await import(name)) as { default?: unknown; WebSocket?: unknown };
    return mod.default ?? mod.WebSocket;
  } catch (cause) {
    throw new ReportcastError('NETWORK_ERROR', 'No WebSocket implementation: install the `ws` package or pass `webSocketImpl`', { cause });
  }
}
