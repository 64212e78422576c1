/**
 * Bounded work before authentication, on the WebSocket path. The socket's every message is buffered
 * whole before graphql-ws sees it, so the frame cap (WS_MAX_MESSAGE_KB, ws `maxPayload`) is what
 * bounds an unauthenticated client's memory: ws refuses a larger message from its header, without
 * buffering it, and closes with 1009. The rest mirrors the HTTP path (edge-limits.ts): an address
 * that spent its failure budget gets a 429 to its upgrade request, and the ways a socket fails
 * (refused frames, protocol violations, a failed or missing connection_init) spend that budget.
 */
import type { Server } from 'node:http';
import { CloseCode } from 'graphql-ws';
import WebSocket, { WebSocketServer } from 'ws';
import type { Logger } from '../platform/logger.js';
import { clientAddress, type TrustFn } from '../platform/proxy-trust.js';
import type { FailureBudget } from './failure-budget.js';
import { afterResponsiveWait } from './timer.js';

/**
 * Close codes that mean the client misbehaved: ws's refusals of a frame (1002 protocol error,
 * 1007 invalid UTF-8, 1009 too big) and graphql-ws's (malformed message, subscribe before the
 * acknowledgement, no connection_init in time, an id reused, a second connection_init, a bad token).
 */
const FAILURE_CLOSE_CODES = new Set<number>([
  1002, 1007, 1009,
  CloseCode.BadRequest, CloseCode.Unauthorized, CloseCode.ConnectionInitialisationTimeout,
  CloseCode.SubscriberAlreadyExists, CloseCode.TooManyInitialisationRequests, CloseCode.Forbidden,
]);

/** ws reports a refused frame as an error whose code starts with WS_ERR_ (after closing the socket itself). */
function isFrameError(error: unknown): error is Error & { code: string } {
  const code: unknown = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('WS_ERR_');
}

export interface EdgeSocket extends WebSocket {
  /** The client's address (TRUST_PROXY-aware), whose budget this socket's failures spend. */
  clientAddress: string;
  /** Set once connection_init carried a valid token: its 4403 at expiry is not a failure. */
  authenticated: boolean;
  /** Ends the wait for connection_init (4408 when it runs out). */
  stopInitWait: () => void;
}

export interface WsEdgeOptions {
  server: Server;
  path: string;
  budget: FailureBudget;
  trust: TrustFn;
  maxMessageBytes: number;
  /** How long a socket may take to send connection_init (WS_AUTH_TIMEOUT_MS), stalls not counted. */
  initTimeoutMs: number;
  log: Logger;
}

export function createEdgeWebSocketServer(options: WsEdgeOptions): WebSocketServer {
  const { budget, log } = options;
  class Socket extends WebSocket implements EdgeSocket {
    clientAddress = 'unknown';
    authenticated = false;
    stopInitWait = () => undefined;

    override close(code?: number, reason?: string | Buffer): void {
      if (this.readyState === WebSocket.OPEN && code !== undefined && FAILURE_CLOSE_CODES.has(code) && !(code === CloseCode.Forbidden && this.authenticated)) {
        budget.fail(this.clientAddress);
      }
      super.close(code, reason);
    }

    // graphql-ws answers every socket 'error' with console.error and a stack trace; for a frame ws
    // refused (and already closed the socket over) that would let any client flood the output.
    override emit(event: string | symbol, ...args: unknown[]): boolean {
      if (event === 'error' && isFrameError(args[0])) {
        log.debug('websocket frame refused', { code: args[0].code, message: args[0].message, clientAddress: this.clientAddress });
        return true;
      }
      return super.emit(event, ...args);
    }
  }
  const wsServer = new WebSocketServer({
    server: options.server,
    path: options.path,
    WebSocket: Socket,
    maxPayload: options.maxMessageBytes,
    verifyClient: (info, accept) => {
      const wait = budget.retryAfter(clientAddress(info.req, options.trust));
      if (wait > 0) return accept(false, 429, 'Too Many Requests', { 'Retry-After': String(wait) });
      accept(true);
    },
  });
  // ws matches `path` exactly; `/graphql/` is the same endpoint (HTTP routing forgives the slash
  // too), so a client given a base URL ending in a slash does not get a 400 for its subscriptions.
  wsServer.shouldHandle = (req) => (req.url ?? '').split('?')[0]!.replace(/\/+$/, '') === options.path;
  // Registered before graphql-ws's own listener, so the socket knows its client from the start.
  // The connection_init deadline is ours, not graphql-ws's (whose is a plain setTimeout): a loaded
  // server that stalled past it would close sockets whose connection_init was already waiting to be
  // read (seen on CI as 4408 for a client that sent it at once). Stalled time does not count here.
  wsServer.on('connection', (socket, req) => {
    const edge = socket as EdgeSocket;
    edge.clientAddress = clientAddress(req, options.trust);
    edge.stopInitWait = afterResponsiveWait(options.initTimeoutMs, () => {
      if (edge.readyState === WebSocket.OPEN) edge.close(CloseCode.ConnectionInitialisationTimeout, 'Connection initialisation timeout');
    });
    edge.once('close', () => edge.stopInitWait());
  });
  return wsServer;
}

/**
 * Counts a failure on an open socket (e.g. a subscribe whose document does not parse); when that
 * spends the address's budget, closes the socket with 4429. Returns whether it closed.
 */
export function socketFailed(socket: WebSocket, budget: FailureBudget): boolean {
  const edge = socket as EdgeSocket;
  budget.fail(edge.clientAddress);
  const wait = budget.retryAfter(edge.clientAddress);
  if (wait === 0) return false;
  // Not through the counting close: this failure was counted above.
  WebSocket.prototype.close.call(socket, CloseCode.TooManyInitialisationRequests, `Too many failed requests; retry after ${wait}s`);
  return true;
}

/** connection_init arrived (graphql-ws closes a socket that sends anything else first but pings). */
export function initReceived(socket: WebSocket): void {
  (socket as EdgeSocket).stopInitWait();
}

export function markAuthenticated(socket: WebSocket): void {
  (socket as EdgeSocket).authenticated = true;
}
