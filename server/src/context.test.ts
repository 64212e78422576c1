/**
 * createContext makes the entity-manager fork and the services on first use, and keeps doing so
 * through the copy Apollo makes of a context for each operation (an own getter would be called by
 * that copy). The root entity manager is a counting stand-in: nothing here reaches a database.
 */
import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createContext, type ContextDeps } from './context.js';

function deps(): ContextDeps & { forks: number } {
  const counted = {
    forks: 0,
    em: {
      fork() {
        counted.forks++;
        return { forked: counted.forks } as unknown as EntityManager;
      },
    } as unknown as EntityManager,
    analytics: {} as ContextDeps['analytics'],
    limits: { maxRowLimit: 1000, maxRangeDays: 366 },
    exports: {} as ContextDeps['exports'],
    maskingSecret: 'x'.repeat(64),
  };
  return counted;
}

/** As Apollo's ApolloServer copies a context before executing an operation. */
const apolloCopy = <T extends object>(context: T): T => Object.assign(Object.create(Object.getPrototypeOf(context)) as T, context);

describe('createContext', () => {
  it('forks nothing for an operation that uses no service, even through Apollo\'s copy and the audit wait', async () => {
    const d = deps();
    const context = createContext(d, null, { ip: null, userAgent: null, baseUrl: 'http://x', fromBrowser: false }, { deferAuditedReads: true });
    const copy = apolloCopy(context);
    await copy.readEntriesWritten();
    expect(d.forks).toBe(0);
  });

  it('forks once on first use, shared by the copy, the services and later uses', () => {
    const d = deps();
    const context = createContext(d, null, { ip: null, userAgent: null, baseUrl: 'http://x', fromBrowser: false });
    const copy = apolloCopy(context);
    const first = copy.em;
    expect(d.forks).toBe(1);
    expect(context.em).toBe(first);
    expect(copy.services.reports).toBe(context.services.reports);
    expect(copy.services.audit).toBe(context.services.audit);
    expect(d.forks).toBe(1);
  });
});
