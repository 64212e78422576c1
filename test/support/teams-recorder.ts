/**
 * A stand-in for Microsoft Teams incoming-webhook / Workflows URLs on 127.0.0.1: records every
 * POST (path, headers, parsed JSON body, when) and answers 200 "1" as incoming webhooks do, or what
 * a test queued for that path: a status with a body and headers (a 429 with Retry-After, a 400
 * with Teams' words), or a dropped connection after the request was read (the lost answer).
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TeamsCall {
  path: string;
  headers: IncomingHttpHeaders;
  body: any;
  bytes: number;
  status: number;
  receivedAt: Date;
}

export type TeamsAnswer = { status: number; body?: string; headers?: Record<string, string> } | 'drop';

export interface TeamsRecorder {
  /** http://127.0.0.1:PORT */
  base: string;
  calls: TeamsCall[];
  /** The next POST to `path` gets `answer` (queued per path). */
  answerNext(path: string, answer: TeamsAnswer): void;
  close(): Promise<void>;
}

export async function startTeamsRecorder(): Promise<TeamsRecorder> {
  const calls: TeamsCall[] = [];
  const queued = new Map<string, TeamsAnswer[]>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const path = req.url ?? '/';
      let body: any;
      try { body = JSON.parse(raw.toString('utf8')); } catch { body = raw.toString('utf8'); }
      const call: TeamsCall = { path, headers: req.headers, body, bytes: raw.length, status: 200, receivedAt: new Date() };
      calls.push(call);
      const answer = queued.get(path)?.shift();
      if (answer === 'drop') { call.status = 0; req.socket.destroy(); return; }
      call.status = answer?.status ?? 200;
      res.writeHead(call.status, { 'content-type': 'text/plain; charset=utf-8', ...answer?.headers }).end(answer?.body ?? '1');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    answerNext(path, answer) {
      if (!queued.has(path)) queued.set(path, []);
      queued.get(path)!.push(answer);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
