/**
 * Where a run's alert condition is judged: in `execution__settle`, once its export COMPLETED (its
 * rows counted, its measure taken by the export run: exports/alert-measure.ts). The verdict is
 * recorded on the execution (schedule_executions.condition) in the same transaction that reads the
 * previous one, under a per-schedule advisory lock, so two runs settling at once still see each
 * other in order (notifyOnce and CHANGE read the previous verdict). A run whose condition does not
 * hold, or still holds after a notified run, ends SKIPPED_CONDITION and sends nothing.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { evaluateCondition, storedAlertCondition, type AlertMeasure, type ConditionResult } from './alert-condition.js';

/** true: deliver the run (no condition, or met and armed); false: recorded as SKIPPED_CONDITION. */
export async function passesCondition(em: EntityManager, input: { scheduleId: string; executionId: string; exportId: string; condition: unknown; now?: Date }): Promise<boolean> {
  const condition = storedAlertCondition(input.condition);
  if (!condition) return true;
  return em.transactional(async (tx) => {
    const sql = <T>(query: string, params: unknown[]) => tx.getConnection().execute<T[]>(query, params, 'all', tx.getTransactionContext());
    await sql('SELECT pg_advisory_xact_lock(hashtext(?))', [`condition:${input.scheduleId}`]);
    const [facts] = await sql<{ rows_total: number | null; row_count: number | null; alert_measure: AlertMeasure | null }>(
      'SELECT rows_total, row_count, alert_measure FROM exports WHERE id = ?', [input.exportId]);
    const [previous] = await sql<{ condition: ConditionResult }>(
      `SELECT condition FROM schedule_executions WHERE schedule_id = ? AND id <> ? AND condition IS NOT NULL
        ORDER BY (condition->>'evaluatedAt') DESC LIMIT 1`, [input.scheduleId, input.executionId]);
    const measure = facts?.alert_measure && facts.alert_measure.column === condition.column ? facts.alert_measure : null;
    const rowCount = Number(facts?.rows_total ?? facts?.row_count ?? 0);
    const result = evaluateCondition(condition, rowCount, measure, previous?.condition ?? null, input.now ?? new Date());
    if (result.notified) {
      await sql('UPDATE schedule_executions SET condition = ?::jsonb WHERE id = ?', [JSON.stringify(result), input.executionId]);
      return true;
    }
    await sql(`UPDATE schedule_executions SET condition = ?::jsonb, status = 'SKIPPED_CONDITION', completed_at = now(), error = ? WHERE id = ? AND status = 'RUNNING'`,
      [JSON.stringify(result), `Condition ${result.summary}`.slice(0, 1000), input.executionId]);
    return false;
  });
}
