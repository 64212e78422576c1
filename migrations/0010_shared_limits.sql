-- Limits that hold across processes: every API and worker process reads and writes them here, so N
-- processes share one budget per tenant instead of each keeping its own (N times the budget).
-- Both tables are UNLOGGED: their rows only matter while the server runs (a token bucket refills
-- within a minute; a slot is held by a live session), so they need no WAL, and a PostgreSQL crash
-- that empties them loses nothing worth keeping.

-- Per-key token buckets (graphql/shared-rate-limiter.ts), kept as GCRA: one number per key, the
-- instant the bucket is full again ("theoretical arrival time", microseconds since the epoch). A
-- key without a row, or whose tat has passed, has a full bucket. `taken` and `at` are what the last
-- upsert took and its clock: RETURNING sees only the new row, and DO UPDATE reads the clock the
-- INSERT computed from EXCLUDED.at. fillfactor leaves room for HOT updates: the row of a busy
-- tenant is rewritten on every lease.
CREATE UNLOGGED TABLE rate_limit_buckets (
  key text PRIMARY KEY,
  tat bigint NOT NULL,
  taken integer NOT NULL,
  at bigint NOT NULL
) WITH (fillfactor = 50);

-- Analytics query slots per tenant (platform/pg-tenant-slots.ts): one row per query that holds a
-- slot (granted_at set) or waits for one, in arrival order (id). `owner` names the process: the key
-- of a session-level advisory lock its slot connection holds. When a process dies its session
-- ends, the lock goes with it, and its rows are ignored and deleted by the next taker that finds
-- the tenant full: a crash cannot leak a slot.
CREATE UNLOGGED TABLE analytics_slots (
  id bigserial PRIMARY KEY,
  tenant text NOT NULL,
  owner integer NOT NULL,
  queued_at timestamptz NOT NULL DEFAULT now(),
  granted_at timestamptz
);
CREATE INDEX analytics_slots_tenant_idx ON analytics_slots (tenant, id);

-- Joins the queue (p_ticket null) or asks again (p_ticket from an earlier call) and grants a slot
-- when fewer than p_limit tickets are granted or queued ahead: first come, first served across
-- processes. A transaction-level advisory lock per tenant makes count-and-grant one step (plpgsql
-- runs each statement with a fresh snapshot, so the count sees every grant committed before it).
-- A ticket that vanished (its owner looked dead while its connection was being replaced) queues
-- again at the back.
CREATE FUNCTION reportcast_slot_take(p_tenant text, p_owner integer, p_limit integer, p_ticket bigint)
RETURNS TABLE (ticket bigint, granted boolean) LANGUAGE plpgsql AS $$
DECLARE
  v_ticket bigint := p_ticket;
  v_granted timestamptz;
  v_ahead integer;
BEGIN
  PERFORM pg_advisory_xact_lock(1380143956, hashtext(p_tenant));
  IF v_ticket IS NOT NULL THEN
    SELECT s.granted_at INTO v_granted FROM analytics_slots s WHERE s.id = v_ticket;
    IF NOT FOUND THEN
      v_ticket := NULL;
    ELSIF v_granted IS NOT NULL THEN
      RETURN QUERY SELECT v_ticket, true;
      RETURN;
    END IF;
  END IF;
  IF v_ticket IS NULL THEN
    INSERT INTO analytics_slots (tenant, owner) VALUES (p_tenant, p_owner) RETURNING id INTO v_ticket;
  END IF;
  SELECT count(*) INTO v_ahead FROM analytics_slots s
    WHERE s.tenant = p_tenant AND s.id <> v_ticket AND (s.granted_at IS NOT NULL OR s.id < v_ticket);
  IF v_ahead >= p_limit THEN
    -- Full, or someone is ahead: forget the tickets of processes that are gone, then count again.
    -- Only here, so the common case never reads pg_locks.
    DELETE FROM analytics_slots s WHERE s.tenant = p_tenant AND NOT EXISTS (
      SELECT 1 FROM pg_locks l
      WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND l.classid = 1380143955 AND l.objid = s.owner::oid);
    SELECT count(*) INTO v_ahead FROM analytics_slots s
      WHERE s.tenant = p_tenant AND s.id <> v_ticket AND (s.granted_at IS NOT NULL OR s.id < v_ticket);
  END IF;
  IF v_ahead < p_limit THEN
    UPDATE analytics_slots SET granted_at = now() WHERE id = v_ticket;
    RETURN QUERY SELECT v_ticket, true;
  ELSE
    RETURN QUERY SELECT v_ticket, false;
  END IF;
END $$;
