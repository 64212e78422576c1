/**
 * A stand-in for Slack's Web API on 127.0.0.1: auth.test, chat.postMessage,
 * files.getUploadURLExternal, the upload URL it hands out, and files.completeUploadExternal, each
 * recorded with its form fields (JSON fields parsed) and bearer token. Queued answers exercise the
 * ledger: a 429 with Retry-After, `{ ok: false, error }`, or a dropped connection after the request
 * was read (the "lost answer"). Point SLACK_API_URL (or slackClient's apiUrl) at `apiUrl`.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackCall {
  /** `auth.test`, `chat.postMessage`, … or `upload` for a POST to an upload URL. */
  method: string;
  token: string | null;
  /** Form fields; `blocks`, `files` and other JSON fields parsed. */
  fields: Record<string, unknown>;
  /** The bytes POSTed to an upload URL. */
  upload?: Buffer;
  headers: IncomingHttpHeaders;
  /** What it answered: HTTP status, and Slack's `error` if any. */
  status: number;
  error: string | null;
  receivedAt: Date;
}

export type SlackAnswer = { rateLimited: number } | { error: string } | 'drop' | { httpStatus: number };

export interface SlackRecorder {
  /** e.g. http://127.0.0.1:PORT/api/ */
  apiUrl: string;
  calls: SlackCall[];
  /** Bytes of each upload, by file id. */
  uploads: Map<string, { filename: string; bytes: Buffer }>;
  /** The next call of `method` gets `answer` (queued per method). */
  answerNext(method: string, answer: SlackAnswer): void;
  /** Tokens auth.test accepts (others: invalid_auth). */
  validTokens: Set<string>;
  close(): Promise<void>;
}

const JSON_FIELDS = new Set(['blocks', 'attachments', 'files', 'metadata']);

export async function startSlackRecorder(): Promise<SlackRecorder> {
  const calls: SlackCall[] = [];
  const uploads = new Map<string, { filename: string; bytes: Buffer }>();
  const pendingFiles = new Map<string, string>();
  const queued = new Map<string, SlackAnswer[]>();
  const validTokens = new Set<string>();
  let nextId = 1;
  let base = '';
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      let raw = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', base);
      const auth = req.headers.authorization ?? null;
      const token = auth?.startsWith('Bearer ') ? auth.slice(7) : null;
      const isUpload = url.pathname.startsWith('/upload/');
      const method = isUpload ? 'upload' : url.pathname.replace(/^\/api\//, '');
      const fields: Record<string, unknown> = {};
      if (!isUpload) {
        const type = req.headers['content-type'] ?? '';
        const entries = type.includes('json') ? Object.entries(JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>) : [...new URLSearchParams(raw.toString('utf8'))];
        for (const [k, v] of entries) fields[k] = typeof v === 'string' && JSON_FIELDS.has(k) ? JSON.parse(v) : v;
      }
      if (isUpload && (req.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
        // The client POSTs the bytes as a multipart form (field "body"), as Slack's upload URL accepts.
        const form = await new Response(raw, { headers: { 'content-type': req.headers['content-type']! } }).formData();
        const part = form.get('body') ?? form.get('file');
        raw = part && typeof part !== 'string' ? Buffer.from(await part.arrayBuffer()) : Buffer.alloc(0);
      }
      const call: SlackCall = { method, token: token ?? (fields.token as string | undefined) ?? null, fields, headers: req.headers, status: 200, error: null, receivedAt: new Date() };
      if (isUpload) call.upload = raw;
      calls.push(call);
      const answer = queued.get(method)?.shift();
      const json = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) => {
        call.status = status;
        call.error = (body.error as string | undefined) ?? null;
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
      };
      if (answer === 'drop') { call.status = 0; req.socket.destroy(); return; }
      if (answer && 'rateLimited' in answer) return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(answer.rateLimited) });
      if (answer && 'error' in answer) return json(200, { ok: false, error: answer.error });
      if (answer && 'httpStatus' in answer) return json(answer.httpStatus, { ok: false });
      switch (method) {
        case 'auth.test':
          if (!call.token || !validTokens.has(call.token)) return json(200, { ok: false, error: 'invalid_auth' });
          return json(200, { ok: true, url: 'https://acme.slack.test/', team: 'Acme 東京', user: 'reportcast', team_id: 'T0ACME', user_id: 'U0BOT', bot_id: 'B0BOT' });
        case 'chat.postMessage': {
          const channel = String(fields.channel ?? '');
          if (channel === '#nowhere') return json(200, { ok: false, error: 'channel_not_found' });
          const id = channel.startsWith('#') ? `C${Buffer.from(channel.slice(1)).toString('hex').toUpperCase().slice(0, 10).padEnd(8, '0')}` : channel;
          return json(200, { ok: true, channel: id, ts: `1765000000.${String(nextId++).padStart(6, '0')}`, message: { text: fields.text } });
        }
        case 'files.getUploadURLExternal': {
          const fileId = `F${String(nextId++).padStart(8, '0')}`;
          pendingFiles.set(fileId, String(fields.filename));
          return json(200, { ok: true, upload_url: `${base}/upload/${fileId}`, file_id: fileId });
        }
        case 'upload': {
          const fileId = url.pathname.split('/').pop()!;
          if (!pendingFiles.has(fileId)) { call.status = 404; res.writeHead(404).end(); return; }
          uploads.set(fileId, { filename: pendingFiles.get(fileId)!, bytes: raw });
          call.status = 200;
          res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${raw.length}`);
          return;
        }
        case 'files.completeUploadExternal': {
          const files = (fields.files as { id: string; title?: string }[] | undefined) ?? [];
          if (files.some((f) => !uploads.has(f.id))) return json(200, { ok: false, error: 'file_not_found' });
          return json(200, { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? null, name: uploads.get(f.id)!.filename })) });
        }
        default:
          return json(200, { ok: false, error: 'unknown_method' });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${base}/api/`,
    calls,
    uploads,
    validTokens,
    answerNext(method, answer) {
      if (!queued.has(method)) queued.set(method, []);
      queued.get(method)!.push(answer);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
