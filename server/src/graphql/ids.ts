/**
 * Ids as clients send them. Anything that is not a UUID cannot name one of our rows, so lookups
 * answer NOT_FOUND without asking the database (and without a cast error from PostgreSQL).
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
