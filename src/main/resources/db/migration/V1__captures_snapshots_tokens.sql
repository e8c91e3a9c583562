-- Portable SQL (SQLite now, PostgreSQL later): text ids, ISO-8601 text instants, no engine-specific types.

-- One row per requested capture; the row is the durable queue entry and its state machine.
CREATE TABLE capture (
    id            VARCHAR(36)   PRIMARY KEY,
    url           VARCHAR(2048) NOT NULL,
    surt          VARCHAR(4096) NOT NULL,
    status        VARCHAR(16)   NOT NULL,
    attempts      INTEGER       NOT NULL DEFAULT 0,
    error         TEXT,
    tags          TEXT          NOT NULL DEFAULT '{}',
    note          TEXT,
    requested_by  VARCHAR(200)  NOT NULL,
    snapshot_id   VARCHAR(36),
    created_at    VARCHAR(40)   NOT NULL,
    updated_at    VARCHAR(40)   NOT NULL
);
CREATE INDEX capture_status_created ON capture (status, created_at);
CREATE INDEX capture_surt ON capture (surt);

-- Every state change of a capture, in order: the audit trail of the state machine.
CREATE TABLE capture_transition (
    capture_id  VARCHAR(36) NOT NULL,
    status      VARCHAR(16) NOT NULL,
    at          VARCHAR(40) NOT NULL,
    detail      TEXT
);
CREATE INDEX capture_transition_capture ON capture_transition (capture_id);

-- One row per archived response or revisit record (a redirect chain gives one row per hop).
CREATE TABLE snapshot (
    id              VARCHAR(36)   PRIMARY KEY,
    capture_id      VARCHAR(36)   NOT NULL,
    hop             INTEGER       NOT NULL,
    url             VARCHAR(2048) NOT NULL,
    surt            VARCHAR(4096) NOT NULL,
    timestamp       VARCHAR(14)   NOT NULL,
    captured_at     VARCHAR(40)   NOT NULL,
    http_status     INTEGER       NOT NULL,
    content_type    VARCHAR(400),
    payload_digest  VARCHAR(100)  NOT NULL,
    change_kind     VARCHAR(10)   NOT NULL,
    record_type     VARCHAR(10)   NOT NULL,
    refers_to       VARCHAR(36),
    truncated       VARCHAR(20),
    warc_file       VARCHAR(300)  NOT NULL,
    warc_offset     BIGINT        NOT NULL,
    warc_length     BIGINT        NOT NULL
);
CREATE INDEX snapshot_surt_timestamp ON snapshot (surt, timestamp);
CREATE INDEX snapshot_capture ON snapshot (capture_id);

-- API tokens, stored as SHA-256 hashes only.
CREATE TABLE api_token (
    token_hash  VARCHAR(64)  PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    role        VARCHAR(20)  NOT NULL,
    created_at  VARCHAR(40)  NOT NULL
);
