-- What the extract stage got out of each extracted snapshot. Derived data: rebuilt from the WARCs.
CREATE TABLE extraction (
    snapshot_id   VARCHAR(36)  PRIMARY KEY,
    capture_id    VARCHAR(36)  NOT NULL,
    title         TEXT,
    published     VARCHAR(10),
    lang          VARCHAR(8),
    text          TEXT,
    outlinks      TEXT         NOT NULL DEFAULT '[]',
    truncated     INTEGER      NOT NULL DEFAULT 0,
    error         TEXT,
    extracted_at  VARCHAR(40)  NOT NULL
);
CREATE INDEX extraction_capture ON extraction (capture_id);
