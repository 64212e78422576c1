/**
 * How every destination (email, Slack, webhook) reports a failed send to the delivery ledger
 * (delivery.service.ts): `retryable` decides whether the job backs off and tries again (429, 5xx,
 * network) or the delivery fails at once; `ambiguous` means the request may have been accepted but
 * the answer was lost (UNCERTAIN, never resent automatically); `retryAfterMs` is the peer's
 * Retry-After, which the worker honours before its own backoff (jobs/worker.ts).
 */
export class DeliverySendError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    /** From a Retry-After header, when the peer sent one. */
    readonly retryAfterMs?: number,
    /** The request may have reached the peer and been accepted, but no answer came back. */
    readonly ambiguous = false,
  ) {
    super(message);
    this.name = 'DeliverySendError';
  }
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | string[] | undefined | null, now = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
