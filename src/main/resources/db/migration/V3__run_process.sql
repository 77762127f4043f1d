-- The servebench process recording a run (on the host in runs.host), so a run whose process died
-- without saying how the run ended (kill -9, power loss) can be told from one still going: such a
-- run is still 'running' here, but its process is gone. The start time guards against a reused pid.
-- Both NULL on runs recorded before this migration: those cannot be judged and stay as they are.
ALTER TABLE runs ADD COLUMN process_id BIGINT;
ALTER TABLE runs ADD COLUMN process_started_ms BIGINT;
