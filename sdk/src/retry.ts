/**
 * When and how long to retry. Only failures that say nothing was done are retried, and only for
 * operations that are safe to repeat: queries, and mutations marked idempotent. A RATE_LIMITED
 * answer waits what Retry-After says; anything else transient backs off exponentially with jitter.
 */
import { ReportcastError } from './errors.js';

export interface RetryOptions {
  /** Retries after the first attempt (0 disables retrying). Default 3. */
  retries: number;
  /** First backoff delay; doubles each retry. Default 300 ms. */
  baseDelayMs: number;
  /** Longest backoff delay. Default 10 s. */
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the error is thrown. Default 60 s. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { retries: 3, baseDelayMs: 300, maxDelayMs: 10_000, maxRetryAfterMs: 60_000 };

/** HTTP statuses of a gateway or server that is briefly unavailable. */
const TRANSIENT_STATUS = new Set([502, 503, 504]);

/** Transient: the request may succeed unchanged a moment later. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof ReportcastError)) return false;
  // SERVICE_UNAVAILABLE: the server is up but its database is not (HTTP 503 with Retry-After).
  if (error.code === 'RATE_LIMITED' || error.code === 'SERVICE_UNAVAILABLE') return true;
  if (error.code !== 'NETWORK_ERROR') return false;
  return error.status === undefined || TRANSIENT_STATUS.has(error.status);
}

/** The wait before retry number `retry` (0-based): Retry-After when given, else exponential backoff with equal jitter. */
export function retryDelayMs(retry: number, error: unknown, options: RetryOptions, random: () => number = Math.random): number {
  if (error instanceof ReportcastError && error.retryAfterSeconds !== undefined) return error.retryAfterSeconds * 1000;
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
  return ceiling / 2 + random() * (ceiling / 2);
}

export interface RetryHooks {
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (info: { retry: number; delayMs: number; error: unknown }) => void;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `attempt` until it succeeds, fails with a non-transient error, or the retries run out. */
export async function withRetry<T>(attempt: () => Promise<T>, options: RetryOptions, hooks: RetryHooks = {}): Promise<T> {
  const sleep = hooks.sleep ?? defaultSleep;
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (error) {
      if (retry >= options.retries || !isTransient(error)) throw error;
      const delayMs = retryDelayMs(retry, error, options);
      if (delayMs > options.maxRetryAfterMs) throw error;
      hooks.onRetry?.({ retry, delayMs, error });
      await sleep(delayMs);
    }
  }
}
