-- Retries are rescheduled in the queue instead of slept in a fetch worker: a QUEUED capture is claimable
-- once retry_at (ISO-8601 text, null = at once) has passed. tries counts the fetch attempts begun (a claim
-- is an attempt), so a capture that keeps failing, or keeps crashing the process, ends FAILED.
ALTER TABLE capture ADD COLUMN retry_at VARCHAR(40);
ALTER TABLE capture ADD COLUMN tries INTEGER NOT NULL DEFAULT 0;
CREATE INDEX capture_status_retry ON capture (status, retry_at);
