/**
 * The in-process side of subscriptions: events arriving over LISTEN/NOTIFY (platform/events.ts)
 * are routed to the subscriptions they concern, by export and by tenant. An event therefore costs
 * its own followers only: with 500 subscribers over 50 exports, 10 per event, not 500 (a single
 * topic woke every subscription for every event, each to filter it out).
 */
import type { AppEvent } from '../platform/events.js';

export type EventListener = (event: AppEvent) => void;

/** What a subscription listens to: one export, or everything in one tenant. */
export type EventKey = { exportId: string } | { tenantId: string };

const keyOf = (key: EventKey) => ('exportId' in key ? `export:${key.exportId}` : `tenant:${key.tenantId}`);

export class EventRouter {
  private readonly listeners = new Map<string, Set<EventListener>>();
  private count = 0;

  publish(event: AppEvent): void {
    if (event.type === 'resync') {
      for (const set of this.listeners.values()) for (const listener of set) listener(event);
      return;
    }
    this.deliver(keyOf({ exportId: event.id }), event);
    this.deliver(keyOf({ tenantId: event.tenantId }), event);
  }

  /** Returns the function that stops listening (idempotent). */
  listen(key: EventKey, listener: EventListener): () => void {
    const k = keyOf(key);
    let set = this.listeners.get(k);
    if (!set) this.listeners.set(k, (set = new Set()));
    set.add(listener);
    this.count++;
    return () => {
      const current = this.listeners.get(k);
      if (!current?.delete(listener)) return;
      this.count--;
      if (current.size === 0) this.listeners.delete(k);
    };
  }

  /** Subscriptions currently listening in this process (a leak shows up here). */
  size(): number {
    return this.count;
  }

  private deliver(key: string, event: AppEvent): void {
    const set = this.listeners.get(key);
    if (!set) return;
    for (const listener of set) listener(event);
  }
}

export const eventRouter = new EventRouter();

/** GraphQL subscriptions currently listening in this process. */
export function subscriberCount(): number {
  return eventRouter.size();
}
