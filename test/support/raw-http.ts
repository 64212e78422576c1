/**
 * One HTTP request through node:http rather than fetch: a server that refuses a large body answers
 * before it has read it and closes the connection, which fetch reports as a network error while
 * still uploading. Here the answer wins: an error after the response arrived is ignored.
 */
import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json(): any;
}

export interface RawRequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Connect from this local address (any 127.x.y.z on Linux): a client address of its own. */
  localAddress?: string;
}

export function rawRequest(url: string, options: RawRequestOptions = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(url, { method: options.method ?? 'POST', headers: options.headers, localAddress: options.localAddress }, (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body, json: () => JSON.parse(body) }));
      res.on('error', reject);
    });
    req.on('error', (error) => { if (!answered) reject(error); });
    if (options.body !== undefined) req.end(options.body);
    else req.end();
  });
}
