/**
 * The in-process side of subscriptions: events arriving over LISTEN/NOTIFY (platform/events.ts)
 * are published here, and each GraphQL subscription filters them for its viewer.
 */
import { getEventListeners, setMaxListeners } from 'node:events';
import { createPubSub } from '@graphql-yoga/subscription';
import type { AppEvent } from '../platform/events.js';

const EVENTS_TOPIC = 'events';
// Our own target, so the number of live subscriptions can be read (a leak shows up here). One
// listener per open subscription: hundreds are normal, not a leak (Node warns past 10).
const target = new EventTarget();
setMaxListeners(0, target);

export const pubSub = createPubSub<{ events: [AppEvent] }>({ eventTarget: target as never });

/** GraphQL subscriptions currently listening in this process. */
export function subscriberCount(): number {
  return getEventListeners(target, EVENTS_TOPIC).length;
}
