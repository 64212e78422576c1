/**
 * The in-process side of subscriptions: events arriving over LISTEN/NOTIFY (platform/events.ts)
 * are published here, and each GraphQL subscription filters them for its viewer.
 */
import { createPubSub } from '@graphql-yoga/subscription';
import type { AppEvent } from '../platform/events.js';

export const pubSub = createPubSub<{ events: [AppEvent] }>();
