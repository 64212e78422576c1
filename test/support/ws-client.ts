/**
 * graphql-ws from a test: subscribe with a token and collect what arrives, until a condition holds.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export function wsClient(httpUrl: string, token: string): Client {
  return createClient({
    url: httpUrl.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
}

export interface Collected<T> {
  values: T[];
  /** Resolves with all values so far once `done(value)` is true for one; rejects on error or timeout. */
  until(done: (value: T) => boolean, timeoutMs?: number): Promise<T[]>;
  errors: unknown[];
  stop(): void;
}

export function collect<T = any>(client: Client, query: string, variables: Record<string, unknown>, pick: (data: any) => T): Collected<T> {
  const values: T[] = [];
  const errors: unknown[] = [];
  const waiters: { done: (v: T) => boolean; resolve: (v: T[]) => void; reject: (e: unknown) => void }[] = [];
  const unsubscribe = client.subscribe(
    { query, variables },
    {
      next: (result) => {
        if (result.errors) {
          errors.push(result.errors);
          for (const w of waiters) w.reject(result.errors);
          return;
        }
        const value = pick(result.data);
        values.push(value);
        for (const w of [...waiters]) if (w.done(value)) w.resolve([...values]);
      },
      error: (e) => {
        errors.push(e);
        for (const w of waiters) w.reject(e);
      },
      complete: () => undefined,
    },
  );
  return {
    values,
    errors,
    stop: unsubscribe,
    until(done, timeoutMs = 60_000) {
      const hit = values.find(done);
      if (hit !== undefined) return Promise.resolve([...values]);
      if (errors.length) return Promise.reject(errors[0]);
      return new Promise<T[]>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out; got ${JSON.stringify(values.slice(-3))}`)), timeoutMs);
        waiters.push({
          done,
          resolve: (v) => { clearTimeout(timer); resolve(v); },
          reject: (e) => { clearTimeout(timer); reject(e); },
        });
      });
    },
  };
}
