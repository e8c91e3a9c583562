-- The learned ranker (org.tracemap.ranker). Portable SQL: plain ADD COLUMN, SQLite now, PostgreSQL later.
--   candidate_source.features  JSON object {name: number}: what the miner's score for this quote was made of
--                              (names in org.tracemap.ranker.FeatureNames); NULL for sources mined before V8
--                              and for public submissions
--   candidate.rank             the ranker's probability that a reviewer accepts the candidate, from the features
--                              of its quote (the best-scoring source); NULL while there is no model
ALTER TABLE candidate_source ADD COLUMN features TEXT;
ALTER TABLE candidate ADD COLUMN rank REAL;
