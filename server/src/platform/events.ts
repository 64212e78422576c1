/**
 * Cross-process events over PostgreSQL LISTEN/NOTIFY. The database publishes them: a trigger on
 * exports (migration 0006) NOTIFYs in the transaction that changes a row, so an event arrives when
 * its change is committed, whichever process made it. Every API process listens and fans out to
 * its GraphQL subscribers. A payload says which export changed and, when it fits (NOTIFY payloads
 * are capped at 8000 bytes), its new row; without the row, receivers read it.
 */
import pg from 'pg';
import type { Logger } from './logger.js';

export const EVENTS_CHANNEL = 'reportcast_events';

export interface ExportEvent {
  type: 'export';
  id: string;
  tenantId: string;
  status: string;
  /**
   * The row as committed (column names; without the report definition and options), when it fit
   * in the payload (migration 0008): readers use it instead of reading the row back.
   */
  row?: Record<string, unknown>;
}

/**
 * The listener's connection was lost and is back: NOTIFYs sent meanwhile never arrived, so every
 * follower re-reads what it follows (a subscriber must not wait forever for a COMPLETED it missed).
 */
export interface ResyncEvent {
  type: 'resync';
  /** When the connection was lost (this process's clock): what changed after it may be unheard. */
  since: Date;
}

export type AppEvent = ExportEvent | ResyncEvent;

export interface EventBus {
  /** Returns an unsubscribe function. */
  subscribe(handler: (event: AppEvent) => void): () => void;
  close(): Promise<void>;
}

export class PgEventBus implements EventBus {
  private listener: pg.Client | null = null;
  private readonly handlers = new Set<(event: AppEvent) => void>();
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  /** When a connection was lost (or first failed); the next LISTEN that succeeds announces a resync. */
  private lostAt: Date | null = null;

  constructor(private readonly databaseUrl: string, private readonly log: Logger) {}

  subscribe(handler: (event: AppEvent) => void): () => void {
    this.handlers.add(handler);
    if (!this.listener && !this.reconnectTimer) void this.listen();
    return () => this.handlers.delete(handler);
  }

  /** Resolves once LISTEN is in place, so events published after it are not missed. */
  async ready(): Promise<void> {
    if (!this.listener) await this.listen();
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    this.listener = client;
    client.on('notification', (msg) => {
      if (msg.channel !== EVENTS_CHANNEL || !msg.payload) return;
      let event: AppEvent;
      try {
        event = JSON.parse(msg.payload) as AppEvent;
      } catch {
        return;
      }
      for (const handler of this.handlers) handler(event);
    });
    // A dropped connection would silently stop all subscriptions: reconnect with a pause.
    client.on('error', (error) => {
      this.log.warn('event listener lost its connection; reconnecting', { error: error.message });
      this.scheduleReconnect();
    });
    client.on('end', () => this.scheduleReconnect());
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
      if (this.lostAt && this.listener === client) {
        const since = this.lostAt;
        this.lostAt = null;
        this.log.info('event listener reconnected; subscriptions re-read their exports', { since: since.toISOString() });
        for (const handler of this.handlers) handler({ type: 'resync', since });
      }
    } catch (error) {
      this.log.warn('event listener could not connect; retrying', { error: (error as Error).message });
      this.scheduleReconnect();
    }
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    this.lostAt ??= new Date();
    const old = this.listener;
    this.listener = null;
    old?.removeAllListeners();
    void old?.end().catch(() => undefined);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.closed && this.handlers.size > 0) void this.listen();
    }, 1000);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const listener = this.listener;
    this.listener = null;
    listener?.removeAllListeners();
    await listener?.end().catch(() => undefined);
  }
}
