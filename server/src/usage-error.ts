/** A mistake in how a command was called or configured: printed as one line, no stack. */
export class UsageError extends Error {
  override name = 'UsageError';
}
