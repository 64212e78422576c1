-- Retention (features/retention) finds what is due by age; without these it scans whole tables.
CREATE INDEX audit_log_created_idx ON audit_log (created_at);
CREATE INDEX schedule_executions_finished_idx ON schedule_executions ((coalesce(completed_at, created_at)))
  WHERE status NOT IN ('PENDING', 'RUNNING');
CREATE INDEX exports_finished_idx ON exports ((coalesce(completed_at, created_at)))
  WHERE status IN ('COMPLETED', 'FAILED', 'CANCELLED');
