-- The reference for match_vs_sql: the month's join written by hand, over the same tables, with fresh statistics,
-- into the same table, rolled back (the worker's committed result stays). Only the INSERT is timed (from the log).
--   psql -v month=2010-12-01 -f match_reference.sql
\set ON_ERROR_STOP on
BEGIN;
ANALYZE bifsof.bif_rows;
ANALYZE bifsof.sof_rows;
ANALYZE bifsof.shared_citizens;
DELETE FROM bifsof.shared_citizens WHERE month = :'month'::date;
INSERT INTO bifsof.shared_citizens (month, pseudonym, bif_case_number, sof_case_number, normalized_group, unit, centre, team, team_email, target_group)
SELECT b.month, b.pseudonym, b.case_number, s.case_number, b.normalized_group, s.unit, s.centre, s.team, s.team_email, s.target_group
FROM bifsof.bif_rows b JOIN bifsof.sof_rows s ON s.month = b.month AND s.pseudonym = b.pseudonym
WHERE b.month = :'month'::date AND b.normalized_group IN (2, 3) AND s.unit <> 'andet';
SELECT count(*) FROM bifsof.shared_citizens WHERE month = :'month'::date;
ROLLBACK;
