-- Compressed and password-protected files, and file-name templates (issue 16).
--
-- exports: what the file was packaged as. `compression` is GZIP (`name.csv.gz`) or ZIP
-- (`name.zip` holding `name.csv`); `password_protected` says the file needs a password to open
-- (PDF: its own AES-256 encryption; CSV, XLSX, JSON: an AES-256 ZIP). The password itself is never
-- in this table: an on-demand export's travels only in its job's payload, sealed with SECRETS_KEY
-- (AES-256-GCM), and goes with the job; a scheduled export's is read from its schedule at run time.
-- `file_name_template` is the schedule's template as it was when the run was enqueued.
ALTER TABLE exports
  ADD COLUMN compression text CHECK (compression IN ('GZIP', 'ZIP')),
  ADD COLUMN password_protected boolean NOT NULL DEFAULT false,
  ADD COLUMN file_name_template text;

-- schedules: the same three choices for every run. `password_ciphertext` is the password sealed
-- with SECRETS_KEY (AES-256-GCM, bound to the schedule's id): never the password in clear, and
-- never returned by the API (only whether there is one).
ALTER TABLE schedules
  ADD COLUMN compression text CHECK (compression IN ('GZIP', 'ZIP')),
  ADD COLUMN password_ciphertext text,
  ADD COLUMN file_name_template text CHECK (char_length(file_name_template) <= 300);
