/**
 * Sign-ins as the audit log knows them: the first request a bearer token authenticates is recorded
 * once as `auth.token_use` (target: a SHA-256 fingerprint of the token, never the token itself).
 * Tokens are issued outside Reportcast (or by the dev-token route), so their first use is the
 * closest thing to a login it sees. A unique index makes "once" hold across processes; the
 * in-process set only saves the round trip for tokens already recorded.
 */
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer.js';
import type { RequestInfo } from './audit.service.js';

/** Fingerprints remembered per process before the set starts over (a recorded token just costs one no-op INSERT again). */
const REMEMBERED = 10_000;

export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 32);
}

export class TokenUses {
  /**
   * Tokens recorded, by the token itself: every request of a recorded token (nearly all) is
   * answered without hashing it (SHA-256 per request showed in a burst's profile). The tokens are
   * held in memory already (verified-tokens.ts).
   */
  private readonly seen = new Set<string>();

  constructor(private readonly em: EntityManager) {}

  async note(viewer: Viewer, token: string, request: RequestInfo): Promise<void> {
    const key = `${viewer.tenantId}\n${token}`;
    if (this.seen.has(key)) return;
    const fingerprint = tokenFingerprint(token);
    await this.em.fork().getConnection().execute(
      `INSERT INTO audit_log (tenant_id, actor, action, target_type, target_id, details, ip, user_agent)
       VALUES (?, ?, 'auth.token_use', 'token', ?, ?::jsonb, ?, ?)
       ON CONFLICT (tenant_id, target_id) WHERE action = 'auth.token_use' DO NOTHING`,
      [viewer.tenantId, viewer.userId, fingerprint, JSON.stringify({ role: viewer.role }), request.ip, request.userAgent?.slice(0, 500) ?? null]);
    if (this.seen.size >= REMEMBERED) this.seen.clear();
    this.seen.add(key);
  }
}
