-- Fills months by copying one imported, matched month: the same citizens under each target month, in the worker's own
-- tables (bif_rows, sof_rows, shared_citizens, extract_months, one extract_files row per copy), then ANALYZE. Used for
-- the "24 months stored" of the KPI workload and the 36 months of the dashboard workload, where importing every month
-- through the worker would take most of the time budget. Column lists are read from the catalog, so a column added
-- later is copied too. Months that already hold data are replaced whole (their KPIs and stale marks go too). The three
-- tables' keys, foreign keys and indexes are dropped for the copy and built again from their own definitions in the
-- same transaction (row-by-row index and foreign-key work would make the copy take most of the run).
--
--   psql -v src=2010-10-01 -v months='{2009-01-01,2009-02-01}' -f clone_months.sql
\set ON_ERROR_STOP on
BEGIN;
SET LOCAL maintenance_work_mem = '512MB';
CREATE TEMP TABLE clone_constraints ON COMMIT DROP AS
SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def, contype
FROM pg_constraint
WHERE conrelid IN ('bifsof.bif_rows'::regclass, 'bifsof.sof_rows'::regclass, 'bifsof.shared_citizens'::regclass)
  AND contype IN ('p', 'u', 'f');
CREATE TEMP TABLE clone_indexes ON COMMIT DROP AS
SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
FROM pg_index i
WHERE i.indrelid IN ('bifsof.bif_rows'::regclass, 'bifsof.sof_rows'::regclass, 'bifsof.shared_citizens'::regclass)
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid);
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT * FROM clone_constraints ORDER BY contype = 'f' DESC LOOP
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.tbl, r.conname);
  END LOOP;
  FOR r IN SELECT * FROM clone_indexes LOOP
    EXECUTE format('DROP INDEX %s', r.name);
  END LOOP;
END $$;
CREATE TEMP TABLE clone_months ON COMMIT DROP AS SELECT m::date AS month FROM unnest(:'months'::date[]) m;
DELETE FROM bifsof.shared_citizens WHERE month IN (SELECT month FROM clone_months);
DELETE FROM bifsof.monthly_kpis WHERE month IN (SELECT month FROM clone_months);
DELETE FROM bifsof.kpi_stale_months WHERE month IN (SELECT month FROM clone_months);
DELETE FROM bifsof.extract_months WHERE month IN (SELECT month FROM clone_months);
DELETE FROM bifsof.bif_rows WHERE month IN (SELECT month FROM clone_months);
DELETE FROM bifsof.sof_rows WHERE month IN (SELECT month FROM clone_months);
INSERT INTO bifsof.extract_files (file_name, source, month, sha256, encoding, status, rows, error_count, imported_at)
SELECT format('bench-copy_%s_%s.csv', v.src, to_char(c.month, 'YYYY-MM')), v.src, c.month,
       md5(v.src || c.month::text || clock_timestamp()::text) || md5(c.month::text || v.src), 'utf-8', 'imported',
       (SELECT count(*) FROM bifsof.bif_rows WHERE month = :'src'::date), 0, now()
FROM clone_months c CROSS JOIN (VALUES ('bif'), ('sof')) v(src);
CREATE TEMP TABLE clone_files ON COMMIT DROP AS
SELECT month, source, max(id) AS id FROM bifsof.extract_files
WHERE file_name LIKE 'bench-copy\_%' AND month IN (SELECT month FROM clone_months) GROUP BY 1, 2;

CREATE FUNCTION pg_temp.clone(tbl text, src date, file_source text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE cols text; vals text;
BEGIN
  SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position),
         string_agg(CASE column_name WHEN 'month' THEN 'c.month' WHEN 'file_id' THEN 'f.id'
                    ELSE 't.' || quote_ident(column_name) END, ', ' ORDER BY ordinal_position)
  INTO cols, vals
  FROM information_schema.columns
  WHERE table_schema = 'bifsof' AND table_name = tbl AND is_generated = 'NEVER' AND is_identity = 'NO';
  EXECUTE format('INSERT INTO bifsof.%I (%s) SELECT %s FROM bifsof.%I t CROSS JOIN clone_months c %s WHERE t.month = %L',
                 tbl, cols, vals, tbl,
                 CASE WHEN file_source IS NULL THEN '' ELSE format('JOIN clone_files f ON f.month = c.month AND f.source = %L', file_source) END,
                 src);
END $$;
-- bif_rows and sof_rows hold one partition per month (Features/Extracts/MonthPartition.cs, named TABLE_YYYY_MM):
-- each copied month gets its own, as an import would give it.
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT t.tbl, c.month FROM (VALUES ('bif_rows'), ('sof_rows')) t(tbl) CROSS JOIN clone_months c
           WHERE EXISTS (SELECT 1 FROM pg_partitioned_table p JOIN pg_class k ON k.oid = p.partrelid
                         JOIN pg_namespace n ON n.oid = k.relnamespace WHERE n.nspname = 'bifsof' AND k.relname = t.tbl) LOOP
    EXECUTE format('CREATE TABLE IF NOT EXISTS bifsof.%I PARTITION OF bifsof.%I FOR VALUES IN (%L)',
                   r.tbl || '_' || to_char(r.month, 'YYYY_MM'), r.tbl, r.month);
  END LOOP;
END $$;
SELECT pg_temp.clone('bif_rows', :'src'::date, 'bif');
SELECT pg_temp.clone('sof_rows', :'src'::date, 'sof');
SELECT pg_temp.clone('shared_citizens', :'src'::date, NULL);
INSERT INTO bifsof.extract_months (month, bif_file_id, sof_file_id, matched_at, shared_citizens)
SELECT c.month, b.id, s.id, now(), (SELECT count(*) FROM bifsof.shared_citizens WHERE month = :'src'::date)
FROM clone_months c JOIN clone_files b ON b.month = c.month AND b.source = 'bif' JOIN clone_files s ON s.month = c.month AND s.source = 'sof';
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT * FROM clone_constraints ORDER BY contype = 'f' LOOP
    EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', r.tbl, r.conname, r.def);
  END LOOP;
  FOR r IN SELECT * FROM clone_indexes LOOP
    EXECUTE r.def;
  END LOOP;
END $$;
COMMIT;
ANALYZE bifsof.bif_rows;
ANALYZE bifsof.sof_rows;
ANALYZE bifsof.shared_citizens;
ANALYZE bifsof.extract_months;
