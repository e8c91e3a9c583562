-- Candidates proposed by the mine stage (and by public submissions), grouped for review: one row per
-- (company, category, country, city) still open, with every source that backs it in candidate_source.
CREATE TABLE candidate (
    id            INTEGER      PRIMARY KEY AUTOINCREMENT,
    status        VARCHAR(10)  NOT NULL,              -- PENDING | APPROVED | REJECTED | MERGED
    version       INTEGER      NOT NULL DEFAULT 1,    -- optimistic lock: every decision bumps it
    origin        VARCHAR(12)  NOT NULL,              -- MINED | SUBMISSION
    company       TEXT,
    category      TEXT,
    country       VARCHAR(2),
    city          TEXT         NOT NULL DEFAULT '',
    year          INTEGER,
    quote         TEXT,
    score         REAL         NOT NULL DEFAULT 0,
    lat           REAL,
    lon           REAL,
    precision     VARCHAR(8),
    note          TEXT,
    datapoint_id  INTEGER,
    reason        TEXT,
    decided_by    TEXT,
    decided_at    VARCHAR(40),
    created_at    VARCHAR(40)  NOT NULL,
    updated_at    VARCHAR(40)  NOT NULL
);
-- At most one open mined group per key: new sources join it.
CREATE UNIQUE INDEX candidate_open_group ON candidate (company, category, country, city)
    WHERE status = 'PENDING' AND origin = 'MINED';
CREATE INDEX candidate_status ON candidate (status, score DESC);

-- A source backing a candidate: the snapshot (or, for a submission not yet archived, the capture) and the quote.
CREATE TABLE candidate_source (
    id            INTEGER      PRIMARY KEY AUTOINCREMENT,
    candidate_id  INTEGER      NOT NULL REFERENCES candidate (id),
    mined_key     TEXT,                                -- company|category|country|city, for idempotent mining
    snapshot_id   VARCHAR(36),
    capture_id    VARCHAR(36)  NOT NULL,
    url           TEXT         NOT NULL,
    quote         TEXT,
    quote_start   INTEGER,
    quote_end     INTEGER,
    year          INTEGER,
    score         REAL,
    created_at    VARCHAR(40)  NOT NULL
);
-- Mining a snapshot twice adds nothing.
CREATE UNIQUE INDEX candidate_source_mined ON candidate_source (snapshot_id, mined_key) WHERE mined_key IS NOT NULL;
CREATE INDEX candidate_source_candidate ON candidate_source (candidate_id);

-- The approved dataset: one row per point of presence (DESIGN.md "Data point").
CREATE TABLE datapoint (
    id                  INTEGER      PRIMARY KEY AUTOINCREMENT,
    version             INTEGER      NOT NULL DEFAULT 1,
    company             TEXT         NOT NULL,
    category            TEXT         NOT NULL,
    secondary_category  TEXT,
    label               TEXT,
    country             VARCHAR(2)   NOT NULL,
    city                TEXT         NOT NULL DEFAULT '',
    address             TEXT,
    lat                 REAL,
    lon                 REAL,
    precision           VARCHAR(8)   NOT NULL,         -- exact | city | country
    year_started        INTEGER,
    year_ended          INTEGER,
    description         TEXT,
    topics              TEXT         NOT NULL DEFAULT '[]',
    created_by          TEXT         NOT NULL,
    created_at          VARCHAR(40)  NOT NULL,
    updated_at          VARCHAR(40)  NOT NULL
);

CREATE TABLE datapoint_source (
    id                  INTEGER      PRIMARY KEY AUTOINCREMENT,
    datapoint_id        INTEGER      NOT NULL REFERENCES datapoint (id),
    snapshot_id         VARCHAR(36),
    capture_id          VARCHAR(36),
    url                 TEXT         NOT NULL,
    title               TEXT,
    publisher           TEXT,
    snapshot_timestamp  VARCHAR(14),
    quote               TEXT,
    added_at            VARCHAR(40)  NOT NULL
);
CREATE UNIQUE INDEX datapoint_source_once ON datapoint_source (datapoint_id, url, IFNULL(snapshot_id, ''), IFNULL(quote, ''));

-- Every review decision, append-only: who, when, what, and the fields before and after.
CREATE TABLE audit_log (
    id            INTEGER      PRIMARY KEY AUTOINCREMENT,
    at            VARCHAR(40)  NOT NULL,
    actor         TEXT         NOT NULL,
    action        VARCHAR(16)  NOT NULL,
    candidate_id  INTEGER,
    datapoint_id  INTEGER,
    detail        TEXT         NOT NULL               -- JSON: version, reason, changes {field: [before, after]}
);
CREATE INDEX audit_log_candidate ON audit_log (candidate_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Public submissions: what was suggested and from where (the address is hashed), for rate limits and follow-up.
CREATE TABLE submission (
    id            INTEGER      PRIMARY KEY AUTOINCREMENT,
    candidate_id  INTEGER      NOT NULL REFERENCES candidate (id),
    capture_id    VARCHAR(36)  NOT NULL,
    client_hash   VARCHAR(64)  NOT NULL,
    fields        TEXT         NOT NULL,
    created_at    VARCHAR(40)  NOT NULL
);
CREATE INDEX submission_client ON submission (client_hash, created_at);
