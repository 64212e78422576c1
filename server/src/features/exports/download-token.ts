/**
 * Download tokens for `GET /exports/:id/download?token=…`, the one download link for every store
 * (on S3 the route audits the download, then redirects to a short-lived presigned URL).
 *
 * Format: `v1.<payload>.<mac>`, where payload is base64url JSON `{"e": exportId, "t": tenantId,
 * "x": expiry in Unix seconds, "u"?: who the link was issued to (the audit log's actor)}` and mac is base64url HMAC-SHA256 over a domain-separated string
 * (so a MAC made with the same secret for another purpose, such as a JWT, can never verify here).
 *
 * The token names its export, so a token for export A does not download export B; the tenant it
 * carries is what the route scopes its lookup by. Verification never throws: any malformed,
 * tampered or foreign token is simply invalid, which the route answers with 404; a genuine one
 * past its expiry is 410 with a message saying so (checkDownloadToken).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const VERSION = 'v1';
/** What a token opens; each purpose MACs under its own context. */
export type TokenPurpose = 'download' | 'chart';
const MAC_CONTEXT: Record<TokenPurpose, string> = {
  download: 'reportcast/export-download-token/v1\n',
  chart: 'reportcast/export-chart-image-token/v1\n',
};
const MAC_BYTES = 32;
/** Far above any real token (ids are UUIDs); bounds the work done on hostile input. */
const MAX_TOKEN_LENGTH = 2048;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export interface DownloadTokenClaims {
  exportId: string;
  tenantId: string;
  expiresAt: Date;
  /** The user whose read issued the link; downloads are audited under this actor. */
  issuedTo?: string;
}

type Secret = string | Buffer;

function mac(secret: Secret, payload: string, purpose: TokenPurpose): Buffer {
  return createHmac('sha256', secret).update(MAC_CONTEXT[purpose]).update(payload).digest();
}

function secretUsable(secret: Secret): boolean {
  return (typeof secret === 'string' || Buffer.isBuffer(secret)) && secret.length > 0;
}

/** Throws on unusable input: signing is our own code calling, not a client. */
export function signDownloadToken(secret: Secret, claims: DownloadTokenClaims, purpose: TokenPurpose = 'download'): string {
  if (!secretUsable(secret)) throw new Error('download token secret must not be empty');
  const { exportId, tenantId, expiresAt, issuedTo } = claims;
  if (!exportId || !tenantId) throw new Error('download token needs an export id and a tenant id');
  const expiresMs = expiresAt instanceof Date ? expiresAt.getTime() : Number.NaN;
  if (!Number.isFinite(expiresMs)) throw new Error('download token needs a valid expiry');
  // Rounded down: a token never outlives the expiry it was asked for.
  const payload = Buffer.from(
    JSON.stringify({ e: exportId, t: tenantId, x: Math.floor(expiresMs / 1000), ...(issuedTo ? { u: issuedTo.slice(0, 200) } : {}) }),
  ).toString('base64url');
  const body = `${VERSION}.${payload}`;
  return `${body}.${mac(secret, body, purpose).toString('base64url')}`;
}

/** What a download token says: its claims, or why not (expired: genuine, ours, and too old). */
export type DownloadTokenCheck =
  | { ok: true; tenantId: string; issuedTo: string | null }
  | { ok: false; expired: boolean };

const INVALID: DownloadTokenCheck = { ok: false, expired: false };

/**
 * Checks a token for exactly this export at `now`. Never throws. `expired` is only ever true for a
 * token this secret signed for this export: telling its holder that the link is too old reveals
 * nothing they could not read from it, while anything else stays a bare "invalid".
 */
export function checkDownloadToken(
  secret: Secret,
  token: unknown,
  exportId: string,
  now: Date = new Date(),
  purpose: TokenPurpose = 'download',
): DownloadTokenCheck {
  try {
    if (!secretUsable(secret) || typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return INVALID;
    const parts = token.split('.');
    if (parts.length !== 3) return INVALID;
    const [version, payload, macText] = parts as [string, string, string];
    if (version !== VERSION || !BASE64URL.test(payload) || !BASE64URL.test(macText)) return INVALID;
    const given = Buffer.from(macText, 'base64url');
    // Canonical encoding only, so one token has exactly one spelling.
    if (given.length !== MAC_BYTES || given.toString('base64url') !== macText) return INVALID;
    if (!(purpose in MAC_CONTEXT)) return INVALID;
    const expected = mac(secret, `${version}.${payload}`, purpose);
    if (!timingSafeEqual(given, expected)) return INVALID;

    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof claims !== 'object' || claims === null) return INVALID;
    const { e, t, x, u } = claims as Record<string, unknown>;
    if (typeof e !== 'string' || typeof t !== 'string' || t === '' || typeof x !== 'number') return INVALID;
    if (!Number.isSafeInteger(x)) return INVALID;
    if (typeof exportId !== 'string' || e !== exportId) return INVALID;
    if (!(now instanceof Date) || Number.isNaN(now.getTime())) return INVALID;
    if (!(now.getTime() < x * 1000)) return { ok: false, expired: true };
    return { ok: true, tenantId: t, issuedTo: typeof u === 'string' && u !== '' ? u : null };
  } catch {
    return INVALID;
  }
}

/**
 * The token's tenant when it is genuine (this secret), unexpired at `now`, and for exactly this
 * export; null otherwise. Never throws.
 */
export function verifyDownloadToken(
  secret: Secret,
  token: unknown,
  exportId: string,
  now: Date = new Date(),
): { tenantId: string; issuedTo: string | null } | null {
  const checked = checkDownloadToken(secret, token, exportId, now);
  return checked.ok ? { tenantId: checked.tenantId, issuedTo: checked.issuedTo } : null;
}

/** The link a user or an email recipient downloads the file with: our route, with its token. */
export function downloadLinkUrl(baseUrl: string, secret: Secret, claims: DownloadTokenClaims): string {
  return `${baseUrl}/exports/${claims.exportId}/download?token=${encodeURIComponent(signDownloadToken(secret, claims))}`;
}
