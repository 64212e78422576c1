/**
 * Telling "the database could not be reached" (refused, dropped, restarting) from other failures:
 * the API answers those SERVICE_UNAVAILABLE instead of a 500, and export errors say so instead of
 * quoting the driver's message (which carries the statement).
 */
/** Postgres SQLSTATEs of a lost or refused connection (class 08) and of a server shutting down or starting. */
const UNAVAILABLE_SQLSTATES = new Set(['08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03']);
const UNAVAILABLE_NET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
const UNAVAILABLE_MESSAGES = /Connection terminated|Timeout acquiring a connection|Client has encountered a connection error|the database system is (starting up|shutting down)/i;

/**
 * True when a failure means the metadata database could not be reached (refused, dropped,
 * restarting), as opposed to a bug: such failures answer SERVICE_UNAVAILABLE, not a 500.
 * Follows `cause` chains (MikroORM wraps driver errors).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (UNAVAILABLE_SQLSTATES.has(e.code) || UNAVAILABLE_NET_CODES.has(e.code))) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  // AggregateError from a connect to several addresses (127.0.0.1 and ::1).
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}
