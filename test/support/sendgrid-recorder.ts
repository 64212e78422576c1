/**
 * A stand-in for SendGrid's v3 Mail Send API on 127.0.0.1: records every request and answers
 * `POST /v3/mail/send` with 202 and an `X-Message-Id` header, or with queued error statuses
 * (SendGrid-style JSON error bodies) to exercise retries. Point SendGridTransport's baseUrl (or
 * SENDGRID_API_URL) at `baseUrl`.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/v3/mail/send`. */
  path: string;
  /** Node's lower-cased header names. */
  headers: IncomingHttpHeaders;
  /** Parsed JSON, or null when the body was empty or not JSON. */
  body: unknown;
  rawBody: string;
  /** What the recorder answered. */
  status: number;
  /** The X-Message-Id it answered with (202 only). */
  messageId: string | null;
  receivedAt: Date;
}

export type RecorderStatus = 202 | 400 | 401 | 403 | 413 | 429 | 500;

export interface SendGridRecorder {
  baseUrl: string;
  requests: RecordedRequest[];
  /** The next `times` (default 1) mail sends get `status`; queued after any already queued. */
  respondWith(status: RecorderStatus, times?: number): void;
  /** The next `times` (default 1) mail sends get no answer at all (until close), to test timeouts. */
  stall(times?: number): void;
  /**
   * The next `times` (default 1) mail sends are accepted (recorded as 202, as SendGrid would queue
   * them) but the connection is dropped before the answer: the "lost 202".
   */
  acceptThenDrop(times?: number): void;
  /** Seconds ahead of now in the X-RateLimit-Reset of 429 answers (default 1). */
  rateLimitResetSeconds: number;
  close(): Promise<void>;
}

const ERROR_BODIES: Record<Exclude<RecorderStatus, 202>, { message: string; field: string | null; help: string | null }> = {
  400: { message: 'The from object must be provided for every email send.', field: 'from', help: 'http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html#message.from' },
  401: { message: 'The provided authorization grant is invalid, expired, or revoked', field: null, help: null },
  403: { message: 'access forbidden', field: null, help: null },
  413: { message: 'The JSON payload you have included in your request is too large.', field: null, help: null },
  429: { message: 'too many requests', field: null, help: null },
  500: { message: 'internal server error', field: null, help: null },
};

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export async function startSendGridRecorder(): Promise<SendGridRecorder> {
  const requests: RecordedRequest[] = [];
  const queue: Array<RecorderStatus | 'stall' | 'drop'> = [];
  let resetSeconds = 1;
  let sequence = 0;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let body: unknown = null;
      try {
        body = rawBody ? JSON.parse(rawBody) : null;
      } catch {
        body = null;
      }
      const path = req.url ?? '/';
      const record: RecordedRequest = {
        method: req.method ?? 'GET', path, headers: req.headers, body, rawBody, status: 0, messageId: null, receivedAt: new Date(),
      };
      requests.push(record);

      if (path.split('?')[0] !== '/v3/mail/send') {
        record.status = 404;
        return json(res, 404, { errors: [{ message: 'not found', field: null, help: null }] });
      }
      if (req.method !== 'POST') {
        record.status = 405;
        return json(res, 405, { errors: [{ message: 'method not allowed', field: null, help: null }] });
      }
      const next = queue.shift() ?? 202;
      if (next === 'stall') return; // never answered; close() drops the socket
      if (next === 'drop') {
        record.status = 202;
        record.messageId = `rec${++sequence}_${randomBytes(8).toString('hex')}`;
        req.socket.destroy();
        return;
      }
      record.status = next;
      if (next === 202) {
        record.messageId = `rec${++sequence}_${randomBytes(8).toString('hex')}`;
        res.writeHead(202, { 'X-Message-Id': record.messageId, 'Content-Length': 0 });
        return res.end();
      }
      const headers: Record<string, string> =
        next === 429
          ? { 'X-RateLimit-Limit': '600', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(Math.ceil(Date.now() / 1000) + resetSeconds) }
          : {};
      json(res, next, { errors: [ERROR_BODIES[next]] }, headers);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    get rateLimitResetSeconds() {
      return resetSeconds;
    },
    set rateLimitResetSeconds(seconds: number) {
      resetSeconds = seconds;
    },
    requests,
    respondWith(status, times = 1) {
      for (let i = 0; i < times; i++) queue.push(status);
    },
    stall(times = 1) {
      for (let i = 0; i < times; i++) queue.push('stall');
    },
    acceptThenDrop(times = 1) {
      for (let i = 0; i < times; i++) queue.push('drop');
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
