/**
 * The previews phase's clients (bench/previews.ts), in a process of their own as browsers would
 * be: the parent sends a burst (requests to send at once), this process sends them all, and
 * answers with each request's time and the errors. Keeps the clients' HTTP and JSON work off the
 * server's event loop, so the figures are the server's.
 *
 * Two HTTP clients: node:http with a keep-alive agent (the default: llhttp, a few objects per
 * request), and fetch (undici's WHATWG layer: streams, Headers, Response per request). On this
 * 2-core machine the clients share the CPU with the server and the engine, and fetch's 200
 * requests cost the server's side of a burst more than the server's own work for them would
 * suggest (`pnpm bench previews --compare-fetch` measures both in the same rounds); the lean
 * client is what measures the server, as browsers on their own machines would.
 */
import { Agent, request } from 'node:http';

export type ClientKind = 'http' | 'fetch';
export interface ClientRequest { token: string; query: string; variables: Record<string, unknown>; field: string }
export interface Burst { id: number; url: string; requests: ClientRequest[]; client?: ClientKind }
export interface BurstResult { id: number; times: number[]; errors: number; firstError: string | null }

type Sent = { ms: number; error: string | null };

/** The answer's GraphQL body checked the same way by both clients: data for the field, no errors. */
function checked(status: number, text: string, field: string): string | null {
  try {
    const body = JSON.parse(text) as { data?: Record<string, unknown>; errors?: { message: string }[] };
    if (body.errors || !body.data?.[field]) return body.errors?.[0]?.message ?? `HTTP ${status}`;
    return null;
  } catch {
    return `HTTP ${status}: not JSON`;
  }
}

async function sendWithFetch(url: string, r: ClientRequest): Promise<Sent> {
  const t0 = performance.now();
  try {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${r.token}` },
      body: JSON.stringify({ query: r.query, variables: r.variables }),
    });
    const error = checked(res.status, await res.text(), r.field);
    return { ms: performance.now() - t0, error };
  } catch (error) {
    return { ms: performance.now() - t0, error: (error as Error).message };
  }
}

// One socket per request in flight, kept between bursts as a browser keeps its connections.
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

function sendWithHttp(url: string, r: ClientRequest): Promise<Sent> {
  const t0 = performance.now();
  const body = JSON.stringify({ query: r.query, variables: r.variables });
  return new Promise((resolve) => {
    const req = request(`${url}/graphql`, {
      method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${r.token}` },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ ms: performance.now() - t0, error: checked(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'), r.field) }));
      res.on('error', (e) => resolve({ ms: performance.now() - t0, error: e.message }));
    });
    req.on('error', (e) => resolve({ ms: performance.now() - t0, error: e.message }));
    req.end(body);
  });
}

process.on('message', (burst: Burst) => {
  const send = burst.client === 'fetch' ? sendWithFetch : sendWithHttp;
  void Promise.all(burst.requests.map((r) => send(burst.url, r))).then((done) => {
    const errors = done.filter((d) => d.error !== null);
    const result: BurstResult = { id: burst.id, times: done.map((d) => d.ms), errors: errors.length, firstError: errors[0]?.error ?? null };
    process.send!(result);
  });
});
