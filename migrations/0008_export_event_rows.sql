-- Export events carry the row's new state (all of it but the report definition and options, which
-- no event reader needs), so an API process can send it to its subscribers without reading the row
-- back: before, every event cost each API process a query and a round trip of latency, under load
-- (dozens of running exports reporting progress) the bulk of its queries. NOTIFY payloads are
-- capped at 8000 bytes: an event whose row would not fit (a very long error message) goes without
-- it, and readers fall back to reading the row.
CREATE OR REPLACE FUNCTION reportcast_export_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed exports%ROWTYPE := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  event jsonb := jsonb_build_object(
    'type', 'export', 'id', changed.id, 'tenantId', changed.tenant_id,
    'status', CASE WHEN TG_OP = 'DELETE' THEN 'DELETED' ELSE changed.status END);
  with_row text;
BEGIN
  IF TG_OP <> 'DELETE' THEN
    with_row := (event || jsonb_build_object('row', to_jsonb(NEW) - 'definition' - 'options'))::text;
    IF octet_length(with_row) <= 7900 THEN
      PERFORM pg_notify('reportcast_events', with_row);
      RETURN NULL;
    END IF;
  END IF;
  PERFORM pg_notify('reportcast_events', event::text);
  RETURN NULL;
END $$;
