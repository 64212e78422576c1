/**
 * A faulty network between Reportcast and s3rver: an HTTP proxy that forwards every request, logs
 * it, and drops the connection of the requests `failing` picks (S3 unreachable, for those).
 *
 * It also answers AbortMultipartUpload (deletes the upload's parts, 204) and ListMultipartUploads
 * the way S3 does, from s3rver's own files: s3rver 3.7 implements neither (405 / 501). With them,
 * "no orphaned parts" can be checked on disk.
 */
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface ProxiedRequest {
  method: string;
  url: string;
  /** The proxy dropped the connection instead of forwarding. */
  dropped: boolean;
  /** As sent (lower-case names): what the server-side encryption tests check. */
  headers: IncomingHttpHeaders;
}

export interface S3Proxy {
  endpoint: string;
  requests: ProxiedRequest[];
  /** Requests for which this returns true get their connection dropped. */
  failing: ((req: IncomingMessage) => boolean) | null;
  /** Multipart uploads s3rver still holds parts for, in `bucket`. */
  pendingUploads(bucket: string): string[];
  close(): Promise<void>;
}

export async function startS3Proxy(target: string, s3rverDir: string): Promise<S3Proxy> {
  const upstream = new URL(target);
  const uploadsDir = (bucket: string) => join(s3rverDir, bucket, '._S3rver_uploads');
  const proxy: S3Proxy = {
    endpoint: '',
    requests: [],
    failing: null,
    pendingUploads: (bucket) => (existsSync(uploadsDir(bucket)) ? readdirSync(uploadsDir(bucket)) : []),
    close: async () => undefined,
  };
  const server = createServer((req, res) => {
    const dropped = proxy.failing?.(req) ?? false;
    proxy.requests.push({ method: req.method ?? '', url: req.url ?? '', dropped, headers: { ...req.headers } });
    if (dropped) {
      req.socket.destroy();
      return;
    }
    const url = new URL(req.url ?? '/', target);
    const uploadId = url.searchParams.get('uploadId');
    if (req.method === 'DELETE' && uploadId && /^[0-9a-f]+$/.test(uploadId)) {
      const bucket = url.pathname.split('/')[1] ?? '';
      rmSync(join(uploadsDir(bucket), uploadId), { recursive: true, force: true });
      req.resume();
      res.writeHead(204).end();
      return;
    }
    if (req.method === 'GET' && url.searchParams.has('uploads') && /^\/[^/]+\/?$/.test(url.pathname)) {
      const bucket = url.pathname.split('/')[1] ?? '';
      const prefix = url.searchParams.get('prefix') ?? '';
      const uploads = proxy.pendingUploads(bucket).map((id) => {
        const dir = join(uploadsDir(bucket), id);
        return { id, key: readFileSync(join(dir, 'key'), 'utf8'), initiated: statSync(dir).mtime };
      }).filter((u) => u.key.startsWith(prefix));
      const xml = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      const body = `<?xml version="1.0" encoding="UTF-8"?><ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">`
        + `<Bucket>${xml(bucket)}</Bucket><Prefix>${xml(prefix)}</Prefix><IsTruncated>false</IsTruncated>`
        + uploads.map((u) => `<Upload><Key>${xml(u.key)}</Key><UploadId>${u.id}</UploadId><Initiated>${u.initiated.toISOString()}</Initiated></Upload>`).join('')
        + '</ListMultipartUploadsResult>';
      req.resume();
      res.writeHead(200, { 'Content-Type': 'application/xml' }).end(body);
      return;
    }
    const forward = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () => new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  return proxy;
}
