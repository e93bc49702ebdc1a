-- Fanout's history: every scan and http run and its results.
-- Portable SQL (SQLite and PostgreSQL): BIGINT, INTEGER, TEXT, BOOLEAN; times are ISO-8601 UTC text
-- (e.g. 2026-11-30T09:00:00.000Z) so they sort and read as written; ids come from the counters table.

CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO counters (name, value) VALUES ('run', 0);

CREATE TABLE runs (
    id        BIGINT PRIMARY KEY,
    kind      TEXT NOT NULL,                 -- scan | http
    job       TEXT NOT NULL,                 -- a readable one-line description of the job
    job_key   TEXT NOT NULL,                 -- what makes two runs the same job: targets and probe settings
    job_json  TEXT NOT NULL,                 -- the job's options as given
    started   TEXT NOT NULL,
    finished  TEXT,                          -- null while running (or killed)
    targets   BIGINT NOT NULL,               -- targets in the job
    results   BIGINT NOT NULL DEFAULT 0,     -- results recorded
    counts    TEXT NOT NULL DEFAULT '{}',    -- JSON object: outcome -> count
    complete  BOOLEAN NOT NULL DEFAULT FALSE -- every target was checked
);
CREATE INDEX runs_by_job ON runs (job_key, id);

-- The columns of `fanout scan` CSV; latency in microseconds (null when unknown).
CREATE TABLE tcp_results (
    run_id     BIGINT NOT NULL REFERENCES runs (id),
    seq        BIGINT NOT NULL,              -- order of arrival within the run
    host       TEXT NOT NULL,
    ip         TEXT NOT NULL,
    port       INTEGER NOT NULL,
    service    TEXT NOT NULL,
    state      TEXT NOT NULL,                -- open | closed | filtered | error
    latency_us BIGINT,
    banner     TEXT,
    error      TEXT,
    PRIMARY KEY (run_id, host, port)
);

-- The columns of `fanout http` CSV; status null where no response came.
CREATE TABLE http_results (
    run_id         BIGINT NOT NULL REFERENCES runs (id),
    seq            BIGINT NOT NULL,
    url            TEXT NOT NULL,
    status         INTEGER,
    latency_us     BIGINT,
    final_url      TEXT,
    content_length BIGINT,
    error          TEXT,
    PRIMARY KEY (run_id, url)
);
