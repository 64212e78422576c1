/**
 * POST /auth/dev-token {tenant, role, user?} → {token}: the SPA's sign-in on a developer's machine.
 * Only in development mode without a configured JWT_SECRET (the embedded default): anywhere else
 * it answers 404, as if it did not exist, and tokens come from the identity provider or the CLI.
 */
import type { Request, Response } from 'express';
import { issueToken, isTenantId } from './tokens.js';
import { isRole } from './viewer.js';
import { unstorableTextProblem } from '../../storable-text.js';

export interface DevTokenOptions {
  enabled: boolean;
  secret: string;
  ttlSeconds: number;
}

export function devTokenHandler(options: DevTokenOptions) {
  return async (req: Request, res: Response): Promise<void> => {
    if (!options.enabled) {
      res.status(404).json({ error: 'not found' });
      return;
    }
    const { tenant, role, user } = (req.body ?? {}) as { tenant?: unknown; role?: unknown; user?: unknown };
    if (!isTenantId(tenant) || !isRole(role) || (user !== undefined && (typeof user !== 'string' || user.length < 1 || user.length > 200 || unstorableTextProblem(user)))) {
      res.status(400).json({ error: 'tenant (lower-case id), role (viewer|editor|admin) and optional user are required' });
      return;
    }
    const userId = typeof user === 'string' ? user : `${role}@${tenant}`;
    res.json({ token: await issueToken(options.secret, { tenantId: tenant, role, userId, ttlSeconds: options.ttlSeconds }), tenant, role, user: userId });
  };
}
