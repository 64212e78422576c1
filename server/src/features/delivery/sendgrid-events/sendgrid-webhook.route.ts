/**
 * POST /webhooks/sendgrid: SendGrid's signed Event Webhook. The signature (ECDSA P-256 over the
 * timestamp header followed by the raw body) is checked with @sendgrid/eventwebhook against the
 * key from SENDGRID_WEBHOOK_PUBLIC_KEY before anything is read; a forged or missing one is 403.
 * Each event naming one of our deliveries (custom argument delivery_id) updates that delivery's
 * provider status and, for a hard bounce, a drop or a spam report, puts the address on its
 * tenant's suppression list (audited, actor `sendgrid`). Answers 200 once recorded, so SendGrid
 * stops retrying; replays change nothing (the list and the statuses are idempotent).
 */
import type { Request, Response } from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import { EventWebhook, EventWebhookHeader } from '@sendgrid/eventwebhook';
import type { Logger } from '../../../platform/logger.js';
import { AuditService } from '../../audit/audit.service.js';
import type { ProviderStatus } from '../../schedules/schedule.entity.js';
import { addSuppression } from '../suppressions/suppression.service.js';
import { canonicalAddress } from '../email/address.js';
import { deliveryEvents, laterStatus, type DeliveryEvent } from './event-mapping.js';

export function sendgridWebhookHandler(deps: { em: EntityManager; publicKey: string | null; log: Logger }) {
  const verifier = new EventWebhook();
  const key = deps.publicKey
    ? verifier.convertPublicKeyToECDSA(`-----BEGIN PUBLIC KEY-----\n${deps.publicKey}\n-----END PUBLIC KEY-----`)
    : null;
  return async (req: Request, res: Response): Promise<void> => {
    if (!key) {
      res.status(404).json({ error: 'The SendGrid Event Webhook is not configured (SENDGRID_WEBHOOK_PUBLIC_KEY)' });
      return;
    }
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const signature = req.get(EventWebhookHeader.SIGNATURE());
    const timestamp = req.get(EventWebhookHeader.TIMESTAMP());
    let valid = false;
    try {
      valid = !!signature && !!timestamp && verifier.verifySignature(key, body, signature, timestamp);
    } catch {
      valid = false; // a malformed signature is as good as a wrong one
    }
    if (!valid) {
      deps.log.warn('sendgrid webhook: signature not valid', { ip: req.ip });
      res.status(403).json({ error: 'Signature not valid' });
      return;
    }
    let events: DeliveryEvent[];
    try {
      events = deliveryEvents(JSON.parse(body.toString('utf8')));
    } catch (error) {
      res.status(400).json({ error: `Not an event batch: ${(error as Error).message}` });
      return;
    }
    const em = deps.em.fork();
    const audit = new AuditService(em, { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null });
    let applied = 0;
    for (const event of events) {
      // One event, one transaction: its delivery status, suppression and audit entry land together.
      applied += await em.transactional(async (tx) => {
        const conn = tx.getConnection();
        const ctx = tx.getTransactionContext();
        const [delivery] = await conn.execute<{ id: string; tenant_id: string; target: string; provider_status: ProviderStatus | null; provider_detail: string | null; schedule_id: string | null }[]>(
          // LEFT JOIN: an export's own notice (notifyWhenReady) belongs to no execution, and may bounce too.
          `SELECT d.id, d.tenant_id, d.target, d.provider_status, d.provider_detail, e.schedule_id FROM deliveries d LEFT JOIN schedule_executions e ON e.id = d.execution_id
            WHERE d.id = ? AND d.channel = 'EMAIL' FOR UPDATE OF d`, [event.deliveryId], 'all', ctx);
        // Signed by SendGrid, but the address must still be the one we sent to.
        if (!delivery || canonicalAddress(delivery.target) !== canonicalAddress(event.email)) return 0;
        const status = laterStatus(delivery.provider_status, event.status);
        const kept = status !== event.status; // a late, milder event: the worse news and its words stay
        await conn.execute(
          `UPDATE deliveries SET provider_status = ?, provider_detail = ?, provider_event_at = ?, updated_at = now() WHERE id = ?`,
          [status, kept ? delivery.provider_detail : event.detail, event.at, delivery.id], 'all', ctx);
        if (event.suppress) {
          const added = await addSuppression(tx, { tenantId: delivery.tenant_id, email: delivery.target, scheduleId: null, reason: event.suppress, detail: event.detail, deliveryId: delivery.id });
          if (added) {
            await audit.record({ tenantId: delivery.tenant_id, userId: 'sendgrid' }, 'suppression.add', 'suppression', null,
              { email: canonicalAddress(delivery.target), reason: event.suppress, deliveryId: delivery.id, scheduleId: delivery.schedule_id }, tx);
          }
        }
        return 1;
      });
    }
    res.status(200).json({ received: events.length, applied });
  };
}
