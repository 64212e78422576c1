/**
 * HS256 JWTs. Verification pins the algorithm, so `alg: none` and RS/ES tokens are refused, and
 * requires the claims a viewer is made of, and an expiry (a token without one would never end).
 */
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { UnauthenticatedError } from '../../errors.js';
import { unstorableTextProblem } from '../../storable-text.js';
import { emailOfClaims, isRole, type Role, type Viewer } from './viewer.js';

const ALG = 'HS256';
const TENANT_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export interface IssueTokenInput {
  tenantId: string;
  role: Role;
  userId: string;
  ttlSeconds: number;
  /** The person's address, carried as the `email` claim (notifyWhenReady mails it). */
  email?: string;
}

export function isTenantId(value: unknown): value is string {
  return typeof value === 'string' && TENANT_PATTERN.test(value);
}

export async function issueToken(secret: string, input: IssueTokenInput): Promise<string> {
  if (!isTenantId(input.tenantId)) throw new Error(`invalid tenant id "${input.tenantId}"`);
  // verifySession would refuse it: do not issue a token that can never be used.
  if (!input.userId || unstorableTextProblem(input.userId)) throw new Error('invalid user id: empty, or holding a NUL or a lone surrogate');
  return new SignJWT({ tenant: input.tenantId, role: input.role, ...(input.email ? { email: input.email } : {}) })
    .setProtectedHeader({ alg: ALG, typ: 'JWT' })
    .setSubject(input.userId)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + input.ttlSeconds)
    .sign(key(secret));
}

export async function verifyToken(secret: string, token: string): Promise<Viewer> {
  return (await verifySession(secret, token)).viewer;
}

/** The viewer and when its token stops being valid (a WebSocket ends its subscriptions then). */
export async function verifySession(secret: string, token: string): Promise<{ viewer: Viewer; expiresAt: Date | null }> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, key(secret), { algorithms: [ALG], requiredClaims: ['exp'] }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new UnauthenticatedError('Token expired');
    throw new UnauthenticatedError('Invalid token');
  }
  const { sub, tenant, role, email } = payload as { sub?: unknown; tenant?: unknown; role?: unknown; email?: unknown };
  // `sub` is stored (created_by, audit actor): text PostgreSQL cannot store makes the token
  // invalid, rather than every write of its holder an internal error. Tenant and role are
  // patterns and names, which admit neither.
  if (typeof sub !== 'string' || sub === '' || unstorableTextProblem(sub) || !isTenantId(tenant) || !isRole(role)) {
    throw new UnauthenticatedError('Token lacks a valid sub, tenant or role claim');
  }
  const expiresAt = typeof payload.exp === 'number' ? new Date(payload.exp * 1000) : null;
  const address = emailOfClaims(email, sub);
  return { viewer: { userId: sub, tenantId: tenant, role, ...(address ? { email: address } : {}) }, expiresAt };
}

/** `Bearer <token>` → token; anything else → null. */
export function bearerToken(header: string | undefined | null): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1] ?? null;
}
