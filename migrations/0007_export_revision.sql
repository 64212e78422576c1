-- A number that grows with every change to an export row, so a reader holding two copies of the
-- same export (a list fetched over HTTP, an event pushed over the socket) keeps the newer one.
-- Timestamps cannot order them: updated_at is a transaction's start time, set by different
-- processes on different clocks, and two changes often fall in the same millisecond. The row lock
-- an UPDATE takes makes the increments serial.
ALTER TABLE exports ADD COLUMN revision integer NOT NULL DEFAULT 0;

CREATE FUNCTION reportcast_export_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.revision := OLD.revision + 1;
  RETURN NEW;
END $$;

CREATE TRIGGER exports_revision BEFORE UPDATE ON exports
  FOR EACH ROW EXECUTE FUNCTION reportcast_export_revision();
