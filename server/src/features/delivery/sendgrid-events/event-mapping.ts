/**
 * SendGrid Event Webhook events → what they mean for a delivery and the suppression list. Pure.
 * https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/event
 * Our custom argument `delivery_id` (sendgrid-transport.ts) comes back on every event as a
 * top-level field, which is how an event finds its delivery record.
 */
import type { ProviderStatus } from '../../schedules/schedule.entity.js';
import type { SuppressionReason } from '../suppressions/suppression.service.js';

export interface DeliveryEvent {
  deliveryId: string;
  email: string;
  status: ProviderStatus;
  /** The provider's words: bounce reason, drop reason; null for delivered and spam reports. */
  detail: string | null;
  at: Date;
  /** Tenant-wide suppression this event calls for, if any. */
  suppress: SuppressionReason | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The events we act on, in the order they came. Others (processed, deferred, open, click,
 * unsubscribe groups…) and events without our delivery_id (mail not sent by a schedule) are left out.
 * A `blocked` bounce is the receiving server refusing for now (reputation, rate): recorded, but not
 * a reason to stop mailing the address, unlike a hard bounce.
 */
export function deliveryEvents(payload: unknown): DeliveryEvent[] {
  if (!Array.isArray(payload)) throw new Error('expected a JSON array of events');
  const out: DeliveryEvent[] = [];
  for (const raw of payload) {
    if (!raw || typeof raw !== 'object') continue;
    const e = raw as Record<string, unknown>;
    const deliveryId = typeof e.delivery_id === 'string' && UUID.test(e.delivery_id) ? e.delivery_id.toLowerCase() : null;
    const email = typeof e.email === 'string' ? e.email.trim() : '';
    if (!deliveryId || !email) continue;
    const at = typeof e.timestamp === 'number' && Number.isFinite(e.timestamp) ? new Date(e.timestamp * 1000) : new Date();
    const reason = typeof e.reason === 'string' && e.reason.trim() ? e.reason.trim().slice(0, 1000) : null;
    switch (e.event) {
      case 'delivered':
        out.push({ deliveryId, email, status: 'DELIVERED', detail: null, at, suppress: null });
        break;
      case 'bounce': {
        const blocked = e.type === 'blocked';
        out.push({ deliveryId, email, status: 'BOUNCED', detail: reason ?? (typeof e.status === 'string' ? e.status : null), at, suppress: blocked ? null : 'BOUNCED' });
        break;
      }
      case 'dropped':
        out.push({ deliveryId, email, status: 'DROPPED', detail: reason, at, suppress: 'DROPPED' });
        break;
      case 'spamreport':
        out.push({ deliveryId, email, status: 'SPAM_REPORT', detail: null, at, suppress: 'SPAM_REPORT' });
        break;
      default:
        break;
    }
  }
  return out;
}

/** Worse news wins: a late "delivered" never hides a bounce or a spam report. */
const RANK: Record<ProviderStatus, number> = { DELIVERED: 0, BOUNCED: 1, DROPPED: 1, SPAM_REPORT: 2 };

export function laterStatus(current: ProviderStatus | null, next: ProviderStatus): ProviderStatus {
  return current !== null && RANK[current] > RANK[next] ? current : next;
}
