-- Experiments group runs: a repeat's n runs, an ablation's runs per condition, a sweep's runs.
-- The experiment's own analysis (CIs, p-values, verdicts) is stored as JSON next to its inputs.
CREATE TABLE experiments (
    id            VARCHAR(64) NOT NULL PRIMARY KEY,
    kind          VARCHAR(16) NOT NULL,
    status        VARCHAR(16) NOT NULL,
    created_ms    BIGINT      NOT NULL,
    params_json   TEXT        NOT NULL,
    result_json   TEXT
);

ALTER TABLE runs ADD COLUMN experiment_id VARCHAR(64) REFERENCES experiments (id);
-- Which group of the experiment the run belongs to: a condition name, a target name, a sweep level.
ALTER TABLE runs ADD COLUMN group_label TEXT;
ALTER TABLE runs ADD COLUMN run_index INTEGER;

CREATE INDEX runs_experiment ON runs (experiment_id);
