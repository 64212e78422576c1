-- The delivery ledger records an attempt before the request leaves the process:
--   SENDING    claimed by a worker, the request about to go or in flight;
--   UNCERTAIN  the request may have reached the provider but no answer came back (connection
--              dropped, timeout, or the worker died mid-send). Never resent automatically: an
--              editor decides with resendFailedDeliveries (see README, "Delivery guarantees").
ALTER TABLE deliveries DROP CONSTRAINT deliveries_status_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_status_check
  CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'UNCERTAIN', 'UNSUBSCRIBED'));
-- When the current attempt began: how long a SENDING row has been in flight.
ALTER TABLE deliveries ADD COLUMN attempt_started_at timestamptz;
