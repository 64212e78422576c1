/**
 * How long a retried delivery waits before graphile-worker's own exponential backoff
 * (e^attempts seconds, added to the job's run_at when it records the failure): the peer's
 * Retry-After, when it gave one, plus jitter of up to half that backoff, so the deliveries of one
 * run that a provider turned away together (a 429 burst, an outage) do not all come back at the
 * same instant. Pure.
 */
export function retryDelaySeconds(attempts: number, retryAfterMs: number | undefined, random: () => number = Math.random): number {
  const backoff = Math.exp(Math.min(Math.max(attempts, 1), 10));
  return Math.max(0, retryAfterMs ?? 0) / 1000 + random() * backoff * 0.5;
}
