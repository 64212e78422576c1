import { describe, expect, it } from 'vitest';
import { checkDownloadToken, signDownloadToken, verifyDownloadToken } from './download-token.js';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const EXPORT_A = '6f1c2b1e-0d2a-4c55-9a55-2f1e0c7b9a01';
const EXPORT_B = '0c7b9a01-2f1e-4c55-9a55-6f1c2b1e0d2a';
const NOW = new Date('2026-03-01T12:00:00Z');
const inOneHour = new Date(NOW.getTime() + 3600_000);

function token(overrides: Partial<{ exportId: string; tenantId: string; expiresAt: Date }> = {}, secret = SECRET) {
  return signDownloadToken(secret, { exportId: EXPORT_A, tenantId: 'acme', expiresAt: inOneHour, ...overrides });
}

/** Re-encodes the payload with a change, keeping the original MAC. */
function tamper(t: string, change: (claims: Record<string, unknown>) => void): string {
  const [version, payload, mac] = t.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  change(claims);
  return `${version}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${mac}`;
}

describe('download tokens', () => {
  it('round-trips: the token yields its tenant for its export until it expires', () => {
    const t = token();
    expect(t).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyDownloadToken(SECRET, t, EXPORT_A, NOW)).toEqual({ tenantId: 'acme', issuedTo: null });
    expect(verifyDownloadToken(Buffer.from(SECRET), t, EXPORT_A, NOW)).toEqual({ tenantId: 'acme', issuedTo: null });
    // Real clock: a token for an hour from now is valid now.
    const live = signDownloadToken(SECRET, { exportId: EXPORT_A, tenantId: 'acme', expiresAt: new Date(Date.now() + 3600_000) });
    expect(verifyDownloadToken(SECRET, live, EXPORT_A)).toEqual({ tenantId: 'acme', issuedTo: null });
  });

  it('carries who it was issued to, for the audit log', () => {
    const t = signDownloadToken(SECRET, { exportId: EXPORT_A, tenantId: 'acme', expiresAt: new Date(NOW.getTime() + 60_000), issuedTo: 'ann@acme' });
    expect(verifyDownloadToken(SECRET, t, EXPORT_A, NOW)).toEqual({ tenantId: 'acme', issuedTo: 'ann@acme' });
  });

  it('is bound to its purpose: a chart-image token never downloads the file, a download token never serves the chart', () => {
    const chart = signDownloadToken(SECRET, { exportId: EXPORT_A, tenantId: 'acme', expiresAt: inOneHour }, 'chart');
    expect(checkDownloadToken(SECRET, chart, EXPORT_A, NOW, 'chart')).toEqual({ ok: true, tenantId: 'acme', issuedTo: null });
    expect(checkDownloadToken(SECRET, chart, EXPORT_A, NOW)).toEqual({ ok: false, expired: false });
    expect(checkDownloadToken(SECRET, token(), EXPORT_A, NOW, 'chart')).toEqual({ ok: false, expired: false });
    // Same claims, so the payloads are equal: only the MAC context tells them apart.
    expect(chart.split('.')[1]).toBe(token().split('.')[1]);
    expect(chart.split('.')[2]).not.toBe(token().split('.')[2]);
  });

  it('is bound to the export id', () => {
    expect(verifyDownloadToken(SECRET, token(), EXPORT_B, NOW)).toBeNull();
    expect(verifyDownloadToken(SECRET, token(), '', NOW)).toBeNull();
  });

  it('tells an expired genuine token from an invalid one, and never an expired forged one', () => {
    const old = token({ expiresAt: new Date(NOW.getTime() - 1000) });
    expect(checkDownloadToken(SECRET, old, EXPORT_A, NOW)).toEqual({ ok: false, expired: true });
    expect(checkDownloadToken(SECRET, token(), EXPORT_A, NOW)).toEqual({ ok: true, tenantId: 'acme', issuedTo: null });
    // Another secret, another export, a flipped MAC character: invalid, whatever the expiry says.
    expect(checkDownloadToken('another secret', old, EXPORT_A, NOW)).toEqual({ ok: false, expired: false });
    expect(checkDownloadToken(SECRET, old, EXPORT_B, NOW)).toEqual({ ok: false, expired: false });
    const flipped = old.slice(0, -2) + (old.at(-2) === 'A' ? 'B' : 'A') + old.at(-1);
    expect(checkDownloadToken(SECRET, flipped, EXPORT_A, NOW)).toEqual({ ok: false, expired: false });
    expect(checkDownloadToken(SECRET, old, EXPORT_A, new Date(Number.NaN))).toEqual({ ok: false, expired: false });
  });

  it('enforces expiry', () => {
    const t = token();
    expect(verifyDownloadToken(SECRET, t, EXPORT_A, new Date(inOneHour.getTime() - 1000))).not.toBeNull();
    expect(verifyDownloadToken(SECRET, t, EXPORT_A, inOneHour)).toBeNull();
    expect(verifyDownloadToken(SECRET, t, EXPORT_A, new Date(inOneHour.getTime() + 1))).toBeNull();
    expect(verifyDownloadToken(SECRET, token({ expiresAt: new Date(NOW.getTime() - 1000) }), EXPORT_A, NOW)).toBeNull();
    // Expiry is rounded down to the second, never up.
    const odd = token({ expiresAt: new Date(inOneHour.getTime() + 999) });
    expect(verifyDownloadToken(SECRET, odd, EXPORT_A, new Date(inOneHour.getTime() + 500))).toBeNull();
  });

  it('rejects tampered claims', () => {
    const t = token();
    expect(verifyDownloadToken(SECRET, tamper(t, (c) => (c.t = 'globex')), EXPORT_A, NOW)).toBeNull();
    expect(verifyDownloadToken(SECRET, tamper(t, (c) => (c.e = EXPORT_B)), EXPORT_B, NOW)).toBeNull();
    expect(verifyDownloadToken(SECRET, tamper(t, (c) => (c.x = (c.x as number) + 86400)), EXPORT_A, NOW)).toBeNull();
    // Sanity: the untampered re-encoding still verifies, so the nulls above are the MAC at work.
    expect(verifyDownloadToken(SECRET, tamper(t, () => undefined), EXPORT_A, NOW)).toEqual({ tenantId: 'acme', issuedTo: null });
    // Flipping the MAC, or a non-canonical spelling of it, fails too.
    const [v, p, mac] = t.split('.') as [string, string, string];
    const flipped = Buffer.from(mac, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(verifyDownloadToken(SECRET, `${v}.${p}.${flipped.toString('base64url')}`, EXPORT_A, NOW)).toBeNull();
    expect(verifyDownloadToken(SECRET, `${v}.${p}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`, EXPORT_A, NOW)).toBeNull();
    expect(verifyDownloadToken(SECRET, `v2.${p}.${mac}`, EXPORT_A, NOW)).toBeNull();
  });

  it('rejects tokens made with another secret', () => {
    expect(verifyDownloadToken(SECRET, token({}, 'another-secret-another-secret-another'), EXPORT_A, NOW)).toBeNull();
    expect(verifyDownloadToken('another-secret', token(), EXPORT_A, NOW)).toBeNull();
    expect(verifyDownloadToken('', token(), EXPORT_A, NOW)).toBeNull();
  });

  it('answers null, never throws, for garbage', () => {
    const valid = token();
    const garbage: unknown[] = [
      undefined, null, 42, {}, ['a'], '', '.', '..', '...', 'v1', 'v1..', 'v1.x.y', 'v1.x.y.z',
      'not a token', '💥', 'v1.%%%.%%%', `v1.${'A'.repeat(5000)}.${'A'.repeat(43)}`, valid + '.', '.' + valid,
      valid.replace('v1.', 'v1.=='), `v1.${Buffer.from('not json').toString('base64url')}.${valid.split('.')[2]}`,
      `v1.${Buffer.from('null').toString('base64url')}.${'A'.repeat(43)}`,
    ];
    for (const input of garbage) {
      expect(() => verifyDownloadToken(SECRET, input, EXPORT_A, NOW)).not.toThrow();
      expect(verifyDownloadToken(SECRET, input, EXPORT_A, NOW)).toBeNull();
    }
    expect(verifyDownloadToken(SECRET, valid, EXPORT_A, new Date(Number.NaN))).toBeNull();
    expect(verifyDownloadToken(undefined as unknown as string, valid, EXPORT_A, NOW)).toBeNull();
  });

  it('refuses to sign without a secret, ids or a valid expiry', () => {
    expect(() => token({}, '')).toThrow();
    expect(() => token({ exportId: '' })).toThrow();
    expect(() => token({ tenantId: '' })).toThrow();
    expect(() => token({ expiresAt: new Date(Number.NaN) })).toThrow();
  });
});
