-- One row per run (bench, predict, or one run of an experiment). Written when the run starts and
-- updated when it ends, so an interrupted run is still listed (status 'partial').
-- Portable SQL only: the same files migrate SQLite and PostgreSQL. Times are epoch milliseconds
-- (BIGINT) because the two databases disagree on timestamp types; ids are made by servebench.
CREATE TABLE runs (
    id                VARCHAR(64)  NOT NULL PRIMARY KEY,
    kind              VARCHAR(16)  NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    started_ms        BIGINT       NOT NULL,
    finished_ms       BIGINT,
    target_name       TEXT         NOT NULL,
    target_url        TEXT         NOT NULL,
    model             TEXT         NOT NULL,
    client_version    VARCHAR(64)  NOT NULL,
    java_version      TEXT         NOT NULL,
    host              TEXT         NOT NULL,
    environment_json  TEXT         NOT NULL,
    config_json       TEXT         NOT NULL,
    requests_file     TEXT
);

CREATE INDEX runs_started ON runs (started_ms);
CREATE INDEX runs_model ON runs (model);

-- Per-level aggregates: the figures people filter and compare on as columns, everything else in
-- metrics_json (the same JSON as summary.json's level metrics).
CREATE TABLE run_levels (
    run_id                  VARCHAR(64)      NOT NULL REFERENCES runs (id),
    position                INTEGER          NOT NULL,
    phase                   VARCHAR(16)      NOT NULL,
    name                    TEXT             NOT NULL,
    concurrency             INTEGER          NOT NULL,
    status                  VARCHAR(16)      NOT NULL,
    requests                INTEGER          NOT NULL,
    valid_requests          INTEGER          NOT NULL,
    success_rate            DOUBLE PRECISION NOT NULL,
    total_tokens_per_s      DOUBLE PRECISION NOT NULL,
    output_tokens_per_s     DOUBLE PRECISION NOT NULL,
    requests_per_s          DOUBLE PRECISION NOT NULL,
    latency_p50_s           DOUBLE PRECISION,
    latency_p99_s           DOUBLE PRECISION,
    ttft_p99_ms             DOUBLE PRECISION,
    tpot_p99_ms             DOUBLE PRECISION,
    metrics_json            TEXT             NOT NULL,
    PRIMARY KEY (run_id, position)
);
