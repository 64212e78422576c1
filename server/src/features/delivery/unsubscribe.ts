/**
 * One-click unsubscribe: a signed token names a schedule and a recipient; GET /unsubscribe with it
 * records the opt-out (later runs skip that recipient) and answers a small confirmation page.
 * Tokens do not expire: an old email's link must keep working.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '../../graphql/ids.js';
import { AuditService } from '../audit/audit.service.js';

const PREFIX = 'u1';

function mac(secret: string, scheduleId: string, email: string): string {
  return createHmac('sha256', secret).update(`unsubscribe:${scheduleId}:${email}`).digest('base64url');
}

export function signUnsubscribeToken(secret: string, scheduleId: string, email: string): string {
  const payload = Buffer.from(JSON.stringify({ s: scheduleId, e: email })).toString('base64url');
  return `${PREFIX}.${payload}.${mac(secret, scheduleId, email)}`;
}

export function verifyUnsubscribeToken(secret: string, token: unknown): { scheduleId: string; email: string } | null {
  if (typeof token !== 'string' || token.length > 2000) return null;
  const [prefix, payload, signature] = token.split('.');
  if (prefix !== PREFIX || !payload || !signature) return null;
  let claim: { s?: unknown; e?: unknown };
  try {
    claim = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { s?: unknown; e?: unknown };
  } catch {
    return null;
  }
  // Signed by us, but checked anyway: a malformed id must never reach SQL as a uuid cast error.
  if (!isUuid(claim.s) || typeof claim.e !== 'string' || claim.e.length > 254) return null;
  const expected = Buffer.from(mac(secret, claim.s, claim.e));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { scheduleId: claim.s, email: claim.e };
}

const STYLE = 'body{font-family:system-ui,sans-serif;max-width:560px;margin:64px auto;color:#1f2937}h1{font-size:22px}';
/**
 * The page is static text: the strictest policy there is, plus the hash of its one style element
 * (the app-wide policy allows no inline style).
 */
const PAGE_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><style>${STYLE}</style></head>
<body><h1>${title}</h1><p>${body}</p></body></html>`;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function unsubscribeHandler(deps: { em: EntityManager; secret: string }) {
  return async (req: Request, res: Response): Promise<void> => {
    res.setHeader('Content-Security-Policy', PAGE_CSP);
    const claim = verifyUnsubscribeToken(deps.secret, req.query.token);
    if (!claim) {
      res.status(404).type('html').send(page('Link not valid', 'This unsubscribe link is not valid.'));
      return;
    }
    const em = deps.em.fork();
    const audit = new AuditService(em, { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null });
    // The opt-out and its audit entry commit together or not at all.
    const rows = await em.transactional(async (tx) => {
      const found = await tx.getConnection().execute<{ name: string; tenant_id: string; added: boolean }[]>(
        `WITH s AS (SELECT id, name, tenant_id FROM schedules WHERE id = ?),
              ins AS (INSERT INTO schedule_unsubscribes (schedule_id, email) SELECT id, ? FROM s ON CONFLICT DO NOTHING RETURNING schedule_id)
         SELECT name, tenant_id, EXISTS (SELECT 1 FROM ins) AS added FROM s`, [claim.scheduleId, claim.email], 'all', tx.getTransactionContext());
      // The recipient is the actor: the link is their authority. A repeated click is not a new opt-out.
      if (found[0]?.added) {
        await audit.record({ tenantId: found[0].tenant_id, userId: claim.email }, 'schedule.unsubscribe', 'schedule', claim.scheduleId, { email: claim.email }, tx);
      }
      return found;
    });
    if (rows.length === 0) {
      res.status(404).type('html').send(page('Schedule not found', 'This schedule no longer exists; you will not receive it.'));
      return;
    }
    res.status(200).type('html').send(page('You are unsubscribed',
      `${escape(claim.email)} will no longer receive “${escape(rows[0]!.name)}”.`));
  };
}
