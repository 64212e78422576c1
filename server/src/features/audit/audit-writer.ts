/**
 * Audit entries of reads (previews, report reads, refusals), written together: a group commit.
 *
 * With AUDIT_READS on, every preview wrote its own row with its own statement; 200 people opening
 * one dashboard meant 200 INSERTs queueing on the ORM's pool behind each other, and that queue
 * (not ClickHouse, whose result they shared) set their p95. Here each caller still waits until its
 * entry is committed (so a response never goes out for a read whose entry could be lost, by a
 * crash or a shutdown), but the entries that arrive while one INSERT runs go together in the next
 * one: one statement for a burst instead of one per request, and no added wait when the server is
 * idle (the first entry leaves on the next turn of the event loop).
 *
 * Nothing sits in memory without a caller waiting for it, and `close()` waits for the statements
 * in flight, so a graceful shutdown loses none. A failed INSERT fails every caller of its batch,
 * as a failed INSERT failed its one caller before.
 */

/** One row of audit_log as the writer inserts it. */
export interface AuditRow {
  tenantId: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  details: Record<string, unknown>;
  outcome: string;
  ip: string | null;
  userAgent: string | null;
}

type Sql = (query: string, params: unknown[]) => Promise<unknown>;

// jsonb_to_recordset keeps the array's order, so ids follow the order the entries arrived in.
const INSERT = `INSERT INTO audit_log (tenant_id, actor, action, target_type, target_id, details, outcome, ip, user_agent)
  SELECT x.tenant_id, x.actor, x.action, x.target_type, x.target_id, coalesce(x.details, '{}'::jsonb), x.outcome, x.ip, x.user_agent
  FROM jsonb_to_recordset(?::jsonb) AS x(tenant_id text, actor text, action text, target_type text, target_id text, details jsonb, outcome text, ip text, user_agent text)`;

interface Waiting {
  row: AuditRow;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class AuditWriter {
  private queue: Waiting[] = [];
  private running: Promise<void> | null = null;
  /** Statements sent and rows written (tests and the bench read them). */
  statements = 0;
  rows = 0;

  constructor(private readonly sql: Sql, private readonly maxRows = 500) {}

  /** Resolves once the entry is committed. */
  write(row: AuditRow): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      this.running ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    // One turn of the event loop: the entries of requests finishing together leave together.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxRows);
      try {
        await this.sql(INSERT, [JSON.stringify(batch.map(({ row: r }) => ({
          tenant_id: r.tenantId, actor: r.actor, action: r.action, target_type: r.targetType, target_id: r.targetId,
          details: r.details, outcome: r.outcome, ip: r.ip, user_agent: r.userAgent,
        })))]);
        this.statements++;
        this.rows += batch.length;
        for (const w of batch) w.resolve();
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    this.running = null;
  }

  /** Waits until every entry written so far is committed (or failed). */
  async close(): Promise<void> {
    while (this.running) await this.running;
  }
}
