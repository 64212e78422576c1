import { describe, it, expect } from 'vitest';
import { SignJWT, generateKeyPair, type JWTPayload } from 'jose';
import { ErrorCode, UnauthenticatedError } from '../../errors.js';
import { bearerToken, isTenantId, issueToken, verifyToken } from './tokens.js';
import type { Viewer } from './viewer.js';

const SECRET = 'test-secret-that-is-at-least-32-characters-long';
const OTHER_SECRET = 'another-secret-that-is-at-least-32-characters';
const encoder = new TextEncoder();

const VIEWER: Viewer = { userId: 'user-1', tenantId: 'acme', role: 'editor' };

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** A correctly HS256-signed token with arbitrary claims (so only claim validation can reject it). */
async function signClaims(claims: JWTPayload, opts: { secret?: string; alg?: string } = {}): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: opts.alg ?? 'HS256', typ: 'JWT' })
    .sign(encoder.encode(opts.secret ?? SECRET));
}

const validClaims = (): JWTPayload => ({
  sub: 'user-1',
  tenant: 'acme',
  role: 'viewer',
  iat: nowSeconds(),
  exp: nowSeconds() + 3600,
});

async function expectUnauthenticated(promise: Promise<unknown>, message?: string): Promise<UnauthenticatedError> {
  const error = await promise.then(
    () => {
      throw new Error('expected verifyToken to reject');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UnauthenticatedError);
  const typed = error as UnauthenticatedError;
  expect(typed.code).toBe(ErrorCode.UNAUTHENTICATED);
  expect(typed.code).toBe('UNAUTHENTICATED');
  if (message !== undefined) expect(typed.message).toBe(message);
  return typed;
}

describe('issueToken / verifyToken round trip', () => {
  it('verifies an issued token back to the same viewer', async () => {
    const token = await issueToken(SECRET, { ...VIEWER, ttlSeconds: 3600 });
    await expect(verifyToken(SECRET, token)).resolves.toEqual(VIEWER);
  });

  it('round trips every role', async () => {
    for (const role of ['viewer', 'editor', 'admin'] as const) {
      const token = await issueToken(SECRET, { ...VIEWER, role, ttlSeconds: 60 });
      expect((await verifyToken(SECRET, token)).role).toBe(role);
    }
  });

  it('issues an HS256 JWT with sub, tenant, role, iat and exp', async () => {
    const before = nowSeconds();
    const token = await issueToken(SECRET, { ...VIEWER, ttlSeconds: 600 });
    const [header, payload, signature] = token.split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    expect(claims).toMatchObject({ sub: 'user-1', tenant: 'acme', role: 'editor' });
    expect(claims.iat).toBeGreaterThanOrEqual(before);
    expect(claims.exp - claims.iat).toBeGreaterThanOrEqual(599);
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(601);
    expect(signature).not.toBe('');
  });

  it('accepts a hand-signed HS256 token with valid claims', async () => {
    const token = await signClaims(validClaims());
    await expect(verifyToken(SECRET, token)).resolves.toEqual({ userId: 'user-1', tenantId: 'acme', role: 'viewer' });
  });
});

describe('issueToken', () => {
  it.each(['', 'Acme', 'has space', '-leading-dash', 'a'.repeat(64), 'semi;colon'])(
    'refuses the invalid tenant id %j',
    async (tenantId) => {
      await expect(issueToken(SECRET, { ...VIEWER, tenantId, ttlSeconds: 60 })).rejects.toThrow(/invalid tenant id/);
    },
  );
});

describe('issueToken refuses a user id no token may carry', () => {
  it.each(['', 'a\u0000', '\ud800'])('%j', async (userId) => {
    await expect(issueToken(SECRET, { ...VIEWER, userId, ttlSeconds: 60 })).rejects.toThrow(/invalid user id/);
  });
});

describe('isTenantId', () => {
  it.each(['acme', 'a', '0', 'tenant_1', 'tenant-2', 'a'.repeat(63)])('accepts %j', (value) => {
    expect(isTenantId(value)).toBe(true);
  });

  it.each(['', 'ACME', 'Acme', 'a b', ' acme', '_acme', '-acme', 'a'.repeat(64), 'ac.me', 42, null, undefined, {}])(
    'rejects %j',
    (value) => {
      expect(isTenantId(value)).toBe(false);
    },
  );
});

describe('verifyToken rejects', () => {
  it('a token signed with another secret', async () => {
    const token = await issueToken(OTHER_SECRET, { ...VIEWER, ttlSeconds: 3600 });
    await expectUnauthenticated(verifyToken(SECRET, token), 'Invalid token');
  });

  it('an unsigned alg:none token', async () => {
    const token = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(validClaims())}.`;
    await expectUnauthenticated(verifyToken(SECRET, token), 'Invalid token');
  });

  it('an HS512 token signed with the right secret', async () => {
    const token = await signClaims(validClaims(), { alg: 'HS512' });
    await expectUnauthenticated(verifyToken(SECRET, token), 'Invalid token');
  });

  it('an RS256 token', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT(validClaims()).setProtectedHeader({ alg: 'RS256', typ: 'JWT' }).sign(privateKey);
    await expectUnauthenticated(verifyToken(SECRET, token), 'Invalid token');
  });

  it('an RS256-headed token carrying an HMAC signature made with the secret (algorithm confusion)', async () => {
    const hs = await signClaims(validClaims());
    const [, payload, signature] = hs.split('.');
    const token = `${b64url({ alg: 'RS256', typ: 'JWT' })}.${payload}.${signature}`;
    await expectUnauthenticated(verifyToken(SECRET, token), 'Invalid token');
  });

  it('an expired token issued with a negative ttl, with the message "Token expired"', async () => {
    const token = await issueToken(SECRET, { ...VIEWER, ttlSeconds: -60 });
    await expectUnauthenticated(verifyToken(SECRET, token), 'Token expired');
  });

  it('a hand-crafted token whose exp is in the past, with the message "Token expired"', async () => {
    const token = await signClaims({ ...validClaims(), iat: nowSeconds() - 7200, exp: nowSeconds() - 3600 });
    await expectUnauthenticated(verifyToken(SECRET, token), 'Token expired');
  });

  it('a token without sub', async () => {
    const { sub: _sub, ...claims } = validClaims();
    await expectUnauthenticated(verifyToken(SECRET, await signClaims(claims)), 'Token lacks a valid sub, tenant or role claim');
  });

  it('a token with an empty sub', async () => {
    await expectUnauthenticated(verifyToken(SECRET, await signClaims({ ...validClaims(), sub: '' })));
  });

  it('a token whose sub is not a string', async () => {
    // jose itself refuses a non-string sub; either way it must be UNAUTHENTICATED.
    await expectUnauthenticated(verifyToken(SECRET, await signClaims({ ...validClaims(), sub: 42 as unknown as string })));
  });

  it.each([
    ['a NUL', 'user\u0000-1'],
    ['a lone high surrogate', 'user-\ud800'],
    ['a lone low surrogate', '\udc00user'],
  ])('a token whose sub holds text PostgreSQL cannot store (%s)', async (_label, sub) => {
    await expectUnauthenticated(verifyToken(SECRET, await signClaims({ ...validClaims(), sub })), 'Token lacks a valid sub, tenant or role claim');
  });

  it('accepts a sub with well-formed non-ASCII text (a surrogate pair)', async () => {
    await expect(verifyToken(SECRET, await signClaims({ ...validClaims(), sub: 'zoë 📈' }))).resolves.toMatchObject({ userId: 'zoë 📈' });
  });

  it('a token without tenant', async () => {
    const { tenant: _tenant, ...claims } = validClaims();
    await expectUnauthenticated(verifyToken(SECRET, await signClaims(claims)), 'Token lacks a valid sub, tenant or role claim');
  });

  it.each([
    ['uppercase', 'ACME'],
    ['spaces', 'ac me'],
    ['too long', 'a'.repeat(64)],
    ['empty', ''],
    ['a number', 7],
    ['an array', ['acme']],
  ])('a token with a bad tenant (%s)', async (_label, tenant) => {
    await expectUnauthenticated(
      verifyToken(SECRET, await signClaims({ ...validClaims(), tenant })),
      'Token lacks a valid sub, tenant or role claim',
    );
  });

  it('accepts the longest allowed tenant (63 characters)', async () => {
    const tenant = 'a'.repeat(63);
    await expect(verifyToken(SECRET, await signClaims({ ...validClaims(), tenant }))).resolves.toMatchObject({ tenantId: tenant });
  });

  it('a token with role "superuser"', async () => {
    await expectUnauthenticated(
      verifyToken(SECRET, await signClaims({ ...validClaims(), role: 'superuser' })),
      'Token lacks a valid sub, tenant or role claim',
    );
  });

  it('a token with a differently-cased role ("Admin")', async () => {
    await expectUnauthenticated(verifyToken(SECRET, await signClaims({ ...validClaims(), role: 'Admin' })));
  });

  it('a token without role', async () => {
    const { role: _role, ...claims } = validClaims();
    await expectUnauthenticated(verifyToken(SECRET, await signClaims(claims)));
  });

  it('a token whose payload was tampered with (tenant changed, signature kept)', async () => {
    const token = await issueToken(SECRET, { ...VIEWER, ttlSeconds: 3600 });
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    expect(claims.tenant).toBe('acme');
    const forged = `${header}.${b64url({ ...claims, tenant: 'globex' })}.${signature}`;
    await expectUnauthenticated(verifyToken(SECRET, forged), 'Invalid token');
  });

  it('a token whose role was escalated in the payload (signature kept)', async () => {
    const token = await issueToken(SECRET, { ...VIEWER, role: 'viewer', ttlSeconds: 3600 });
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = `${header}.${b64url({ ...claims, role: 'admin' })}.${signature}`;
    await expectUnauthenticated(verifyToken(SECRET, forged), 'Invalid token');
  });

  it.each(['', 'garbage', 'a.b.c', '...', 'Bearer x', 'eyJhbGciOiJIUzI1NiJ9', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0', '\u0000\u0001'])(
    'the garbage string %j',
    async (token) => {
      await expectUnauthenticated(verifyToken(SECRET, token), 'Invalid token');
    },
  );
});

describe('bearerToken', () => {
  it('extracts the token from "Bearer <token>"', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
  });

  it.each(['bearer abc', 'BEARER abc', 'bEaReR abc'])('matches the scheme case-insensitively (%j)', (header) => {
    expect(bearerToken(header)).toBe('abc');
  });

  it('tolerates extra spaces between scheme and token', () => {
    expect(bearerToken('Bearer    abc')).toBe('abc');
  });

  it('tolerates trailing whitespace', () => {
    expect(bearerToken('Bearer abc   ')).toBe('abc');
  });

  it('accepts a tab as the separator', () => {
    expect(bearerToken('Bearer\tabc')).toBe('abc');
  });

  it.each([undefined, null, ''])('returns null for a missing header (%j)', (header) => {
    expect(bearerToken(header)).toBeNull();
  });

  it('returns null for another scheme ("Basic x")', () => {
    expect(bearerToken('Basic x')).toBeNull();
  });

  it('returns null for two tokens ("Bearer a b")', () => {
    expect(bearerToken('Bearer a b')).toBeNull();
  });

  it.each(['Bearer', 'Bearer ', 'Bearer   '])('returns null for a scheme without a token (%j)', (header) => {
    expect(bearerToken(header)).toBeNull();
  });

  it('returns null when the scheme is glued to the token ("Bearerabc")', () => {
    expect(bearerToken('Bearerabc')).toBeNull();
  });

  it('returns null for a bare token without a scheme', () => {
    expect(bearerToken('abc.def.ghi')).toBeNull();
  });
});
