/**
 * One signed webhook POST (Standard Webhooks: `webhook-id` = the delivery id, so a receiver that
 * dedupes on it sees a retried delivery once; `webhook-timestamp`; `webhook-signature` v1 HMAC with
 * the schedule's `whsec_…` secret, made by the `standardwebhooks` package).
 *
 * SSRF: in production the host is resolved here, every address is checked (address-policy.ts),
 * and the connection is made to the checked address (a `lookup` that answers with it), so a DNS
 * answer that changes between the check and the connect (rebinding) cannot redirect us. TLS is
 * still verified against the URL's host name. Redirects are never followed (node's https.request
 * does not), and the whole exchange has a 10 s budget.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { DeliverySendError, retryAfterMs } from '../send-error.js';
import { isNeverConnectedCode, isRetryableStatus, isTransientNetworkCode } from '../email/transport.js';
import { refusalOf } from './address-policy.js';

export interface WebhookRequest {
  url: string;
  /** `whsec_…` */
  secret: string;
  /** The delivery id: the `webhook-id` header. */
  id: string;
  body: string;
  /** Outside production: private and loopback targets are allowed. */
  allowPrivate: boolean;
  timeoutMs?: number;
  /** Trusted CA certificates for the receiver (tests' self-signed receiver); absent: the system's. */
  ca?: string | Buffer;
  /** DNS resolution (tests); default node's dns.lookup of every address. */
  resolve?: (host: string) => Promise<{ address: string; family: number }[]>;
  now?: Date;
}

export interface WebhookResult {
  status: number;
  /** The address we connected to. */
  address: string;
}

const defaultResolve = (host: string) => dnsLookup(host, { all: true, verbatim: true });

/** The host's addresses, each checked; the first one to connect to. Refusal is permanent. */
export async function resolvePinnedAddress(host: string, allowPrivate: boolean, resolve = defaultResolve): Promise<{ address: string; family: number }> {
  const bare = host.replace(/^\[|\]$/g, '');
  let addresses: { address: string; family: number }[];
  if (isIP(bare)) addresses = [{ address: bare, family: isIP(bare) }];
  else {
    try {
      addresses = await resolve(bare);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // NXDOMAIN is the receiver's configuration, not a passing failure.
      throw new DeliverySendError(`Could not resolve ${bare} (${code ?? (error as Error).message})`, code !== 'ENOTFOUND');
    }
  }
  if (addresses.length === 0) throw new DeliverySendError(`${bare} has no address`, false);
  if (!allowPrivate) {
    for (const { address } of addresses) {
      const refusal = refusalOf(address);
      if (refusal) throw new DeliverySendError(`Refused: ${bare} resolves to ${refusal} (webhooks may only reach public addresses)`, false);
    }
  }
  return addresses[0]!;
}

export function signWebhook(secret: string, id: string, at: Date, body: string): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, body),
  };
}

export async function sendWebhook(req: WebhookRequest): Promise<WebhookResult> {
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'Reportcast-Webhooks/1',
    ...signWebhook(req.secret, req.id, req.now ?? new Date(), req.body),
  };
  const answer = await postPinned({ ...req, headers, peer: 'The webhook receiver', what: 'Webhook request' });
  return { status: answer.status, address: answer.address };
}

/** One JSON POST to a URL whose addresses pass the SSRF rules; Teams (teams/teams-sender.ts) shares it. */
export interface PinnedPost {
  url: string;
  headers: Record<string, string>;
  body: string;
  allowPrivate: boolean;
  timeoutMs?: number;
  ca?: string | Buffer;
  resolve?: (host: string) => Promise<{ address: string; family: number }[]>;
  /** Who answers, in the failure's words: "The webhook receiver answered 410: …". */
  peer: string;
  /** What failed when no answer came: "Webhook request to host failed: …". */
  what: string;
}

/** The 2xx answer: status, the address reached, and the start of the body (4 KB). Anything else throws a DeliverySendError. */
export async function postPinned(req: PinnedPost): Promise<WebhookResult & { text: string }> {
  const url = new URL(req.url);
  const pinned = await resolvePinnedAddress(url.hostname, req.allowPrivate, req.resolve);
  const headers = req.headers;
  // Always the checked address, whatever the host name would resolve to now.
  const lookup: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
  const timeoutMs = req.timeoutMs ?? 10_000;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  let wrote = false;
  return new Promise<WebhookResult & { text: string }>((resolve, reject) => {
    const request = send(url, { method: 'POST', headers, lookup, ...(req.ca ? { ca: req.ca } : {}), ...(isIP(url.hostname.replace(/^\[|\]$/g, '')) ? {} : { servername: url.hostname }) }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => { if (size < 4096) { chunks.push(chunk); size += chunk.length; } });
      res.on('end', () => {
        clearTimeout(timer);
        const status = res.statusCode ?? 0;
        const text = Buffer.concat(chunks).toString('utf8').slice(0, 4096);
        if (status >= 200 && status < 300) return resolve({ status, address: pinned.address, text });
        const peer = text.slice(0, 500).trim();
        const words = `${req.peer} answered ${status}${peer ? `: ${peer}` : ''}`;
        if (status >= 300 && status < 400) return reject(new DeliverySendError(`${words} (a redirect to ${res.headers.location ?? '?'}; redirects are not followed)`, false, status));
        reject(new DeliverySendError(words, isRetryableStatus(status), status, status === 429 || status === 503 ? retryAfterMs(res.headers['retry-after']) : undefined));
      });
      res.on('error', (error) => fail(error));
    });
    const timer = setTimeout(() => request.destroy(Object.assign(new Error(`no answer within ${timeoutMs / 1000} s`), { code: 'ETIMEDOUT' })), timeoutMs);
    const fail = (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (error instanceof DeliverySendError) return reject(error);
      const code = error.code;
      // Once the body left, the receiver may have acted on it: the answer was lost, not the request.
      const ambiguous = wrote && !isNeverConnectedCode(code);
      reject(new DeliverySendError(`${req.what} to ${url.host} failed: ${error.message}`, ambiguous || isTransientNetworkCode(code) || isNeverConnectedCode(code), undefined, undefined, ambiguous));
    };
    request.on('error', fail);
    request.end(req.body, () => { wrote = true; });
  });
}
