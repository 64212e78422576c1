/**
 * Freezes a plain data value (objects and arrays, as JSON gives) all the way down, and returns it.
 * For values handed to many callers at once (a burst's shared report definition): a caller that
 * tries to change one fails loudly instead of changing it for the others.
 */
export function deepFrozen<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFrozen(inner);
  }
  return value;
}
