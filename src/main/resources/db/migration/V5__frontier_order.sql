-- The crawl stepper reads a run's PENDING and QUEUED rows in (depth, url_key) order every half second:
-- without this index SQLite sorts the whole run's rows each time (EXPLAIN: USE TEMP B-TREE FOR ORDER BY).
CREATE INDEX frontier_next ON frontier (run_id, status, depth, url_key);
