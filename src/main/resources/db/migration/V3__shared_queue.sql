-- LabExport schema, version 3: the shared job queue of the lab mode (docs/decisions/0110, 0111). Runs unchanged on
-- H2 and PostgreSQL.

-- The host a job was created on: with user_id, what tells "mine" from a colleague's job in a shared list.
ALTER TABLE export_job ADD COLUMN created_host VARCHAR(255);
-- Who runs the job now ("host:pid"), and when that process last said it is alive. A processing job whose
-- heartbeat is older than the stale limit is taken over by another worker.
ALTER TABLE export_job ADD COLUMN claimed_by VARCHAR(300);
ALTER TABLE export_job ADD COLUMN heartbeat_at TIMESTAMP(6) WITH TIME ZONE;
-- How many times a process has started or resumed the job.
ALTER TABLE export_job ADD COLUMN attempts INT DEFAULT 0 NOT NULL;

-- Workers take the oldest pending job; windows poll for what changed since their last look.
CREATE INDEX export_job_queue_idx ON export_job (status, created_at);
CREATE INDEX export_job_updated_idx ON export_job (updated_at);

-- A file uploaded to the lab bucket when it was added: where a worker on another machine reads it.
ALTER TABLE data_file ADD COLUMN stored_at VARCHAR(4000);
