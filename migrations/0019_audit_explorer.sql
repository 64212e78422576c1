-- Audit explorer (issue 21): filters, an outcome per entry, and exports whose source is the audit
-- log instead of a report.

-- SUCCESS for everything recorded so far (writes are audited in their own transaction, so an entry
-- exists only for a change that happened); DENIED or FAILURE for refused or failed reads.
ALTER TABLE audit_log ADD COLUMN outcome text NOT NULL DEFAULT 'SUCCESS' CHECK (outcome IN ('SUCCESS', 'DENIED', 'FAILURE'));

-- One index per filter the explorer offers, each ending in id so a filtered page is a keyset range
-- scan (newest first) whatever else is filtered.
CREATE INDEX audit_log_tenant_actor_idx ON audit_log (tenant_id, actor, id DESC);
CREATE INDEX audit_log_tenant_action_idx ON audit_log (tenant_id, action, id DESC);
CREATE INDEX audit_log_tenant_target_idx ON audit_log (tenant_id, target_type, target_id, id DESC);
CREATE INDEX audit_log_tenant_created_idx ON audit_log (tenant_id, created_at DESC, id DESC);

-- An export made from the audit data (features/audit/audit-export.ts): `{"view": "LOG" |
-- "USER_ACTIVITY" | "COMPLIANCE", "filter": {...}}`. NULL: an export of a report, as before. Such
-- an export has no report, so `definition` holds '{}'.
ALTER TABLE exports ADD COLUMN audit_query jsonb CHECK (audit_query IS NULL OR jsonb_typeof(audit_query) = 'object');

-- A bearer token's first use is recorded once (`auth.token_use`, target_id: a fingerprint of the
-- token, never the token): the user-activity report's sign-ins, however many processes saw it.
CREATE UNIQUE INDEX audit_log_token_use_idx ON audit_log (tenant_id, target_id) WHERE action = 'auth.token_use';
