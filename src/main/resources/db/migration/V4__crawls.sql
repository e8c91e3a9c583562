-- Crawl definitions (from config/crawls/*.yaml and POST /api/crawls), their runs, and each run's frontier.
CREATE TABLE crawl (
    name        VARCHAR(100) PRIMARY KEY,
    definition  TEXT         NOT NULL,            -- JSON of the definition as given
    source      VARCHAR(10)  NOT NULL,            -- FILE | API
    updated_at  VARCHAR(40)  NOT NULL
);

CREATE TABLE crawl_run (
    id          INTEGER      PRIMARY KEY AUTOINCREMENT,
    crawl       VARCHAR(100) NOT NULL,
    status      VARCHAR(10)  NOT NULL,            -- RUNNING | FINISHED | FAILED
    started_at  VARCHAR(40)  NOT NULL,
    ended_at    VARCHAR(40),
    error       TEXT,
    robots_note TEXT                               -- when robots.txt was overridden: the operator's reason
);
CREATE INDEX crawl_run_crawl ON crawl_run (crawl, id);

-- The persisted frontier: one row per URL a run discovered, by its normalised form (so a restart resumes,
-- and no URL is captured twice in a run).
CREATE TABLE frontier (
    run_id      INTEGER      NOT NULL REFERENCES crawl_run (id),
    url_key     TEXT         NOT NULL,            -- the normalised URL
    url         TEXT         NOT NULL,
    host        TEXT         NOT NULL,
    depth       INTEGER      NOT NULL,
    via         VARCHAR(10)  NOT NULL,            -- SEED | SITEMAP | FEED | LINK
    status      VARCHAR(12)  NOT NULL,            -- PENDING | QUEUED | DONE | BLOCKED | FAILED
    capture_id  VARCHAR(36),
    outcome     VARCHAR(10),                      -- NEW | CHANGED | UNCHANGED | GONE | FAILED (when DONE/FAILED)
    error       TEXT,
    updated_at  VARCHAR(40)  NOT NULL,
    PRIMARY KEY (run_id, url_key)
);
CREATE INDEX frontier_status ON frontier (run_id, status, host);
