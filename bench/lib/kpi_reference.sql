-- The reference for kpi_vs_sql: one hand-written query giving the figures of `kpi MONTH --json` that come from the
-- extracts (shared citizens, entries, exits, activation population/activated per target group, the social plans of
-- the year so far, both plans). The year so far reads the year's months only: a citizen shared in the year has a SOF
-- row in that month, so the latest SOF row up to the month is never older than the year's first month.
--   psql -v month=2010-12-01 -f kpi_reference.sql      -> one JSON object
WITH p AS (
  SELECT :'month'::date AS m, (:'month'::date - interval '1 month')::date AS prev,
         date_trunc('year', :'month'::date)::date AS y0, extract(year FROM :'month'::date) AS y,
         coalesce((SELECT matched_at IS NOT NULL FROM bifsof.extract_months WHERE month = (:'month'::date - interval '1 month')::date), false) AS matched,
         coalesce((SELECT groups FROM bifsof.population_rules WHERE in_catalogue AND valid_from <= :'month'::date
                   ORDER BY valid_from DESC, id DESC LIMIT 1), '{2,3}'::int[]) AS groups),
cur AS (SELECT * FROM bifsof.shared_citizens WHERE month = (SELECT m FROM p)),
prv AS (SELECT pseudonym FROM bifsof.shared_citizens WHERE month = (SELECT prev FROM p)),
act AS (
  SELECT c.target_group, count(*) AS pop, count(*) FILTER (WHERE b.activated) AS act
  FROM cur c JOIN bifsof.bif_rows b ON b.month = c.month AND b.pseudonym = c.pseudonym CROSS JOIN p
  WHERE b.unemployed AND c.normalized_group = ANY (p.groups)
  GROUP BY c.target_group),
ytd AS (
  SELECT DISTINCT ON (r.pseudonym) r.plan_offered, r.plan_produced, r.plan_type
  FROM bifsof.sof_rows r
  WHERE r.month BETWEEN (SELECT y0 FROM p) AND (SELECT m FROM p)
    AND r.pseudonym IN (SELECT pseudonym FROM bifsof.shared_citizens WHERE month BETWEEN (SELECT y0 FROM p) AND (SELECT m FROM p))
  ORDER BY r.pseudonym, r.month DESC)
SELECT json_build_object(
  'sharedCitizens', (SELECT count(*) FROM cur),
  'entries', CASE WHEN (SELECT matched FROM p) THEN (SELECT count(*) FROM cur c WHERE NOT EXISTS (SELECT 1 FROM prv o WHERE o.pseudonym = c.pseudonym)) END,
  'exits', CASE WHEN (SELECT matched FROM p) THEN (SELECT count(*) FROM prv o WHERE NOT EXISTS (SELECT 1 FROM cur c WHERE c.pseudonym = o.pseudonym)) END,
  'population', (SELECT coalesce(sum(pop), 0) FROM act),
  'activated', (SELECT coalesce(sum(act), 0) FROM act),
  'byTargetGroup', (SELECT json_object_agg(target_group, json_build_object('population', pop, 'activated', act)) FROM act),
  'offeredYtd', (SELECT count(*) FILTER (WHERE extract(year FROM plan_offered) = (SELECT y FROM p)) FROM ytd),
  'producedYtd', (SELECT count(*) FILTER (WHERE extract(year FROM plan_produced) = (SELECT y FROM p)) FROM ytd),
  'processNotesYtd', (SELECT count(*) FILTER (WHERE extract(year FROM plan_produced) = (SELECT y FROM p) AND plan_type = 'procesnotat') FROM ytd),
  'bothPlans', (SELECT count(*) FROM cur c JOIN bifsof.bif_rows b ON b.month = c.month AND b.pseudonym = c.pseudonym
                JOIN bifsof.sof_rows r ON r.month = c.month AND r.pseudonym = c.pseudonym
                WHERE b.job_plan_date IS NOT NULL AND r.plan_produced IS NOT NULL));
