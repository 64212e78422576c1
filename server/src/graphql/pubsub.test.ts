import { describe, expect, it } from 'vitest';
import { EventRouter } from './pubsub.js';
import type { AppEvent } from '../platform/events.js';

const event = (id: string, tenantId: string, status = 'PROCESSING'): AppEvent => ({ type: 'export', id, tenantId, status });
const name = (e: AppEvent) => (e.type === 'resync' ? 'resync' : e.id);

describe('EventRouter', () => {
  it('delivers an event to its export\'s listeners and its tenant\'s, and to no one else', () => {
    const router = new EventRouter();
    const seen: string[] = [];
    router.listen({ exportId: 'e1' }, (e) => seen.push(`e1<-${name(e)}`));
    router.listen({ exportId: 'e2' }, (e) => seen.push(`e2<-${name(e)}`));
    router.listen({ tenantId: 'acme' }, (e) => seen.push(`acme<-${name(e)}`));
    router.listen({ tenantId: 'globex' }, (e) => seen.push(`globex<-${name(e)}`));
    router.publish(event('e1', 'acme'));
    expect(seen).toEqual(['e1<-e1', 'acme<-e1']);
  });

  it('delivers a resync (the listener reconnected) to every listener', () => {
    const router = new EventRouter();
    const seen: string[] = [];
    router.listen({ exportId: 'e1' }, (e) => seen.push(`e1<-${name(e)}`));
    router.listen({ tenantId: 'globex' }, (e) => seen.push(`globex<-${name(e)}`));
    router.publish({ type: 'resync', since: new Date() });
    expect(seen.sort()).toEqual(['e1<-resync', 'globex<-resync']);
  });

  it('counts listeners; stopping twice is harmless and forgets empty keys', () => {
    const router = new EventRouter();
    const stopA = router.listen({ exportId: 'e1' }, () => undefined);
    const stopB = router.listen({ exportId: 'e1' }, () => undefined);
    const stopC = router.listen({ tenantId: 'acme' }, () => undefined);
    expect(router.size()).toBe(3);
    stopA();
    stopA();
    expect(router.size()).toBe(2);
    stopB();
    stopC();
    expect(router.size()).toBe(0);
    expect((router as unknown as { listeners: Map<string, unknown> }).listeners.size).toBe(0);
  });

  it('the same event object reaches every listener (their shared read is keyed by it)', () => {
    const router = new EventRouter();
    const got: AppEvent[] = [];
    router.listen({ exportId: 'e1' }, (e) => got.push(e));
    router.listen({ exportId: 'e1' }, (e) => got.push(e));
    const e = event('e1', 'acme');
    router.publish(e);
    expect(got).toHaveLength(2);
    expect(got[0]).toBe(e);
    expect(got[1]).toBe(e);
  });
});
