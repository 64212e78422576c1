/**
 * The in-process side of subscriptions: events arriving over LISTEN/NOTIFY (platform/events.ts)
 * are published here, and each GraphQL subscription filters them for its viewer.
 */
import { setMaxListeners } from 'node:events';
import { createPubSub } from '@graphql-yoga/subscription';
import type { AppEvent } from '../platform/events.js';

// One listener per open subscription: hundreds are normal, not a leak (Node warns past 10).
const eventTarget = new EventTarget();
setMaxListeners(0, eventTarget);

export const pubSub = createPubSub<{ events: [AppEvent] }>({ eventTarget });
