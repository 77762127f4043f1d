-- Accuracy checks (servebench eval, and experiment ablation --eval once per condition): one row per task of a
-- check, with the figures people compare as columns. The answers themselves stay in the check's results
-- folder (eval.json, failed-<task>.jsonl), like a run's requests.jsonl.
CREATE TABLE eval_results (
    eval_id          VARCHAR(64)      NOT NULL,
    task             TEXT             NOT NULL,
    created_ms       BIGINT           NOT NULL,
    experiment_id    VARCHAR(64) REFERENCES experiments (id),
    condition_label  TEXT,
    target_url       TEXT             NOT NULL,
    model            TEXT             NOT NULL,
    task_format      VARCHAR(16)      NOT NULL,
    task_file        TEXT             NOT NULL,
    items            INTEGER          NOT NULL,
    correct          INTEGER          NOT NULL,
    failed_requests  INTEGER          NOT NULL,
    accuracy         DOUBLE PRECISION NOT NULL,
    ci95_low         DOUBLE PRECISION NOT NULL,
    ci95_high        DOUBLE PRECISION NOT NULL,
    results_folder   TEXT             NOT NULL,
    PRIMARY KEY (eval_id, task)
);

CREATE INDEX eval_results_experiment ON eval_results (experiment_id);
