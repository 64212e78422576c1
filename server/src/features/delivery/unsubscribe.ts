/**
 * Unsubscribe, as RFC 8058 asks of bulk mail. Every report email carries
 *   List-Unsubscribe: <https://…/unsubscribe?token=…>
 *   List-Unsubscribe-Post: List-Unsubscribe=One-Click
 * A signed token names a schedule and a recipient; it does not expire (an old email's link must
 * keep working).
 * - POST with the body `List-Unsubscribe=One-Click` (what Gmail and Yahoo send, urlencoded or
 *   multipart): unsubscribes, 200.
 * - GET: a page with a button (a form POST of that same body) and changes nothing, so a mail
 *   scanner that opens links unsubscribes nobody.
 * - POST `action=resubscribe` (the button on the page once unsubscribed): subscribes again.
 * The opt-out is a suppression of that schedule (suppressions/suppression.service.ts), consulted
 * before every send. The pages are plain HTML with no script and no inline style, so the app's
 * strict Content-Security-Policy (platform/security-headers.ts) applies to them unchanged.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '../../graphql/ids.js';
import { AuditService } from '../audit/audit.service.js';
import { addSuppression, removeUnsubscribe, suppressionOf } from './suppressions/suppression.service.js';

const PREFIX = 'u1';
/** The one-click body's largest honest form is a small multipart; anything bigger is not one. */
const MAX_BODY_BYTES = 4096;

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

/** What a POST asks for: RFC 8058's one-click unsubscribe, the page's resubscribe, or neither. */
export function unsubscribeIntent(contentType: string | undefined, body: string): 'unsubscribe' | 'resubscribe' | null {
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) {
    // RFC 8058 §3.1 allows multipart: a part named List-Unsubscribe whose value is One-Click.
    if (/content-disposition:\s*form-data;\s*name="?List-Unsubscribe"?\s*\r?\n(?:[^\r\n]+\r?\n)*\r?\nOne-Click\r?\n/i.test(body)) return 'unsubscribe';
    if (/content-disposition:\s*form-data;\s*name="?action"?\s*\r?\n(?:[^\r\n]+\r?\n)*\r?\nresubscribe\r?\n/i.test(body)) return 'resubscribe';
    return null;
  }
  const form = new URLSearchParams(body.trim());
  if (form.get('List-Unsubscribe') === 'One-Click') return 'unsubscribe';
  if (form.get('action') === 'resubscribe') return 'resubscribe';
  return null;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, paragraphs: string[], form?: { token: string; field: [string, string]; button: string }): string {
  const formHtml = form
    ? `<form method="post" action="unsubscribe?token=${encodeURIComponent(form.token)}">` +
      `<input type="hidden" name="${form.field[0]}" value="${form.field[1]}"><button type="submit">${escape(form.button)}</button></form>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="robots" content="noindex"><title>${escape(title)}</title></head>` +
    `<body><main><h1>${escape(title)}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}${formHtml}</main></body></html>`;
}

const UNSUBSCRIBE_FIELD: [string, string] = ['List-Unsubscribe', 'One-Click'];
const RESUBSCRIBE_FIELD: [string, string] = ['action', 'resubscribe'];

async function readBody(req: Request): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function unsubscribeHandler(deps: { em: EntityManager; secret: string }) {
  return async (req: Request, res: Response): Promise<void> => {
    res.setHeader('Cache-Control', 'no-store');
    const claim = verifyUnsubscribeToken(deps.secret, req.query.token);
    const token = String(req.query.token ?? '');
    if (!claim) {
      res.status(404).type('html').send(page('Link not valid', ['This unsubscribe link is not valid.']));
      return;
    }
    const em = deps.em.fork();
    const [schedule] = await em.getConnection().execute<{ name: string; tenant_id: string }[]>(
      'SELECT name, tenant_id FROM schedules WHERE id = ?', [claim.scheduleId]);
    if (!schedule) {
      res.status(404).type('html').send(page('Schedule not found', ['This schedule no longer exists; you will not receive it.']));
      return;
    }
    const who = escape(claim.email);
    const what = `“${escape(schedule.name)}”`;

    if (req.method === 'GET') {
      // Looking changes nothing: link scanners and previews open this.
      const reason = await suppressionOf(em, schedule.tenant_id, claim.scheduleId, claim.email);
      if (reason === 'UNSUBSCRIBED') {
        res.status(200).type('html').send(page('You are unsubscribed', [`${who} does not receive ${what}.`], { token, field: RESUBSCRIBE_FIELD, button: 'Resubscribe' }));
      } else {
        res.status(200).type('html').send(page('Unsubscribe?', [`Stop sending ${what} to ${who}?`], { token, field: UNSUBSCRIBE_FIELD, button: 'Unsubscribe' }));
      }
      return;
    }

    const body = await readBody(req);
    const intent = body === null ? null : unsubscribeIntent(req.get('content-type'), body);
    if (!intent) {
      res.status(400).type('html').send(page('Nothing changed', ['This request did not ask to unsubscribe (expected List-Unsubscribe=One-Click).'], { token, field: UNSUBSCRIBE_FIELD, button: 'Unsubscribe' }));
      return;
    }
    const audit = new AuditService(em, { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null });
    // The recipient is the actor: the link is their authority. A repeated click is not a new event.
    // The change and its audit entry commit together or not at all.
    await em.transactional(async (tx) => {
      const changed = intent === 'unsubscribe'
        ? await addSuppression(tx, { tenantId: schedule.tenant_id, email: claim.email, scheduleId: claim.scheduleId, reason: 'UNSUBSCRIBED' })
        : await removeUnsubscribe(tx, claim.scheduleId, claim.email);
      if (changed) {
        await audit.record({ tenantId: schedule.tenant_id, userId: claim.email }, `schedule.${intent}`, 'schedule', claim.scheduleId, { email: claim.email }, tx);
      }
    });
    if (intent === 'unsubscribe') {
      res.status(200).type('html').send(page('You are unsubscribed', [`${who} will no longer receive ${what}.`, 'Changed your mind?'], { token, field: RESUBSCRIBE_FIELD, button: 'Resubscribe' }));
    } else {
      res.status(200).type('html').send(page('You are subscribed again', [`${who} will receive ${what} again.`], { token, field: UNSUBSCRIBE_FIELD, button: 'Unsubscribe' }));
    }
  };
}
