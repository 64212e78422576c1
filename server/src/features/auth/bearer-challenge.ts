/**
 * The `WWW-Authenticate` challenge of a 401 (RFC 6750 §3): it names the scheme the client must use,
 * and, when a bearer token was sent and refused, says so with `error="invalid_token"`. Without a
 * token (or with another scheme, e.g. Basic) there is no error code: the client simply lacks
 * credentials, which RFC 6750 answers with the bare challenge.
 */
export const REALM = 'reportcast';

/** error_description allows printable ASCII except `"` and `\` (RFC 6750 §3). */
function quotable(text: string): string {
  return text.replace(/[^\x20-\x21\x23-\x5B\x5D-\x7E]/g, '').slice(0, 200);
}

export function bearerChallenge(refused?: { description: string }): string {
  if (!refused) return `Bearer realm="${REALM}"`;
  return `Bearer realm="${REALM}", error="invalid_token", error_description="${quotable(refused.description)}"`;
}
