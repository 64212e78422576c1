-- Export events come from the commit that makes them true: a row trigger queues the NOTIFY in the
-- same transaction as the change, so it is delivered exactly when the change becomes visible (no
-- extra round trip after the UPDATE, and no event lost when a process dies between its commit and
-- a separate publish), whichever process or statement made the change.
--
-- The payload says what changed, not the new state (NOTIFY payloads are capped at 8000 bytes):
-- receivers read the row, which also re-checks the tenant. Exports a schedule tick creates are not
-- announced on INSERT (one tick may create thousands at once); they are when they start.
CREATE FUNCTION reportcast_export_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed exports%ROWTYPE := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
BEGIN
  PERFORM pg_notify('reportcast_events', json_build_object(
    'type', 'export', 'id', changed.id, 'tenantId', changed.tenant_id,
    'status', CASE WHEN TG_OP = 'DELETE' THEN 'DELETED' ELSE changed.status END)::text);
  RETURN NULL;
END $$;

CREATE TRIGGER exports_event_insert AFTER INSERT ON exports
  FOR EACH ROW WHEN (NEW.triggered_by <> 'SCHEDULE') EXECUTE FUNCTION reportcast_export_event();

-- What a follower sees change: status, progress, attempts, the file going away.
CREATE TRIGGER exports_event_update AFTER UPDATE ON exports
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status
    OR OLD.rows_written IS DISTINCT FROM NEW.rows_written
    OR OLD.rows_total IS DISTINCT FROM NEW.rows_total
    OR OLD.attempts IS DISTINCT FROM NEW.attempts
    OR OLD.file_expired_at IS DISTINCT FROM NEW.file_expired_at)
  EXECUTE FUNCTION reportcast_export_event();

CREATE TRIGGER exports_event_delete AFTER DELETE ON exports
  FOR EACH ROW EXECUTE FUNCTION reportcast_export_event();
