/**
 * Bearer tokens already verified by this process, kept until they expire, so a burst of requests
 * with one token (200 previews from a dashboard) checks its HMAC once instead of 200 times (the
 * signature check was ~9% of the API's CPU under such a burst, bench/previews.ts).
 *
 * Why this is safe: the key is the whole token, signature included, and the signing secret does
 * not change while the process runs, so a token that verified once verifies again; the viewer
 * (tenant, user, role) is read from that token's own claims, so no entry can answer for another
 * token, user, tenant or role. The time checks jose made are made again on every hit (exp, and
 * nbf when the token has one), so an expired token is refused exactly when verification would
 * refuse it. Nothing revokes a token before its exp today; a denylist, if one is added, must be
 * consulted on hits too. Only successes are kept (a flood of bad tokens costs no memory); the map
 * holds at most `max` tokens, dropping the oldest first.
 */
import { decodeJwt } from 'jose';
import { verifySession } from './tokens.js';
import type { Viewer } from './viewer.js';

export interface VerifiedSession {
  viewer: Viewer;
  expiresAt: Date | null;
}

interface Known {
  session: VerifiedSession;
  /** exp and nbf in seconds, as jose compares them. */
  exp: number;
  nbf: number | null;
}

export class VerifiedTokens {
  private readonly known = new Map<string, Known>();
  hits = 0;

  constructor(
    private readonly secret: string,
    private readonly max = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.known.size;
  }

  /** verifySession's answer (or its error), from memory when this token was verified before and its times still hold. */
  async verify(token: string): Promise<VerifiedSession> {
    const nowSeconds = Math.floor(this.now() / 1000);
    const hit = this.known.get(token);
    if (hit) {
      // jose: expired when exp <= now; not yet valid when nbf > now (no clock tolerance here either).
      if (hit.exp > nowSeconds && (hit.nbf === null || hit.nbf <= nowSeconds)) {
        this.hits++;
        return { viewer: { ...hit.session.viewer }, expiresAt: hit.session.expiresAt };
      }
      this.known.delete(token);
    }
    const session = await verifySession(this.secret, token);
    const { exp, nbf } = decodeJwt(token);
    // verifySession requires exp: a token without one never got here.
    if (typeof exp === 'number') {
      if (this.known.size >= this.max) this.known.delete(this.known.keys().next().value!);
      this.known.set(token, { session, exp, nbf: typeof nbf === 'number' ? nbf : null });
    }
    return { viewer: { ...session.viewer }, expiresAt: session.expiresAt };
  }
}
