import { describe, expect, it } from 'vitest';
import { deliveryEvents, laterStatus } from './event-mapping.js';

const ID = '3f0e8f7a-5b2c-4d7e-9a51-1c2b3d4e5f60';

describe('SendGrid events → delivery status and suppression', () => {
  it('maps delivered, bounce, dropped and spamreport; skips the rest and events without our delivery_id', () => {
    const events = deliveryEvents([
      { email: 'a@x.test', event: 'processed', delivery_id: ID, timestamp: 1_800_000_000 },
      { email: 'a@x.test', event: 'delivered', delivery_id: ID, timestamp: 1_800_000_001 },
      { email: 'b@x.test', event: 'bounce', type: 'bounce', reason: '550 5.1.1 user unknown', delivery_id: ID, timestamp: 1_800_000_002 },
      { email: 'c@x.test', event: 'bounce', type: 'blocked', reason: '421 try later', delivery_id: ID, timestamp: 1_800_000_003 },
      { email: 'd@x.test', event: 'dropped', reason: 'Bounced Address', delivery_id: ID, timestamp: 1_800_000_004 },
      { email: 'e@x.test', event: 'spamreport', delivery_id: ID.toUpperCase(), timestamp: 1_800_000_005 },
      { email: 'f@x.test', event: 'open', delivery_id: ID },
      { email: 'g@x.test', event: 'bounce', reason: 'not ours' },
      { email: 'h@x.test', event: 'bounce', delivery_id: 'x; DROP TABLE deliveries' },
      null,
      'junk',
    ]);
    expect(events.map((e) => [e.email, e.status, e.detail, e.suppress])).toEqual([
      ['a@x.test', 'DELIVERED', null, null],
      ['b@x.test', 'BOUNCED', '550 5.1.1 user unknown', 'BOUNCED'],
      ['c@x.test', 'BOUNCED', '421 try later', null],
      ['d@x.test', 'DROPPED', 'Bounced Address', 'DROPPED'],
      ['e@x.test', 'SPAM_REPORT', null, 'SPAM_REPORT'],
    ]);
    expect(events[0]!.at.toISOString()).toBe(new Date(1_800_000_001_000).toISOString());
    expect(events.every((e) => e.deliveryId === ID)).toBe(true);
  });

  it('refuses a body that is not an array of events', () => {
    expect(() => deliveryEvents({ event: 'bounce' })).toThrow(/array/);
  });

  it('worse news wins over a later, milder event', () => {
    expect(laterStatus(null, 'DELIVERED')).toBe('DELIVERED');
    expect(laterStatus('DELIVERED', 'SPAM_REPORT')).toBe('SPAM_REPORT');
    expect(laterStatus('SPAM_REPORT', 'DELIVERED')).toBe('SPAM_REPORT');
    expect(laterStatus('BOUNCED', 'DELIVERED')).toBe('BOUNCED');
    expect(laterStatus('BOUNCED', 'DROPPED')).toBe('DROPPED');
  });
});
