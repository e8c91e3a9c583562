-- Points added by hand (origin MANUAL, beside MINED and SUBMISSION; origin has no CHECK, so no change there).
--   candidate.label  the project's name as the person who added the point gave it ("Belgrade Safe City"); approving
--                    the candidate makes it the data point's label unless the reviewer edits it. NULL for mined
--                    candidates and submissions, which have none.
ALTER TABLE candidate ADD COLUMN label TEXT;
