# shellcheck shell=bash
# Phase 3 of scripts/chaos.sh: PostgreSQL is restarted (immediate stop, crash recovery) during an `import` of the demo
# extracts and during the KPI computations a `serve` runs; afterwards no month may be half there, and the work finishes.

PG_DB=chaos_pg

# Months whose stored rows are neither none nor all of their file's data lines.
chaos_partial_months() {
  local file name source month expected stored partial=0
  for file in "$CHAOS_WORK"/demo/*.csv; do
    name="$(basename "$file")"
    source="${name%%_*}"
    month="${name#*_}"
    month="${month%.csv}-01"
    expected=$(($(grep -c '' "$file") - 1))
    stored="$(chaos_sql "$PG_DB" "SELECT count(*) FROM bifsof.${source}_rows WHERE month = '$month'")"
    if [ "$stored" != 0 ] && [ "$stored" != "$expected" ]; then
      chaos_log "PARTIAL: $name has $expected rows, $stored stored"
      partial=$((partial + 1))
    fi
  done
  printf '%s\n' "$partial"
}

# Makes the serve's scheduler start a recurring job within its polling interval (5 s), as "Trigger now" would: its
# last run an hour ago, its next one due.
chaos_trigger() {
  chaos_sql "$PG_DB" "
    UPDATE hangfire.hash SET value = to_char((now() AT TIME ZONE 'utc') - interval '1 hour', 'YYYY-MM-DD\"T\"HH24:MI:SS.\"0000000Z\"')
    WHERE key = 'recurring-job:$1' AND field = 'LastExecution';
    UPDATE hangfire.hash SET value = to_char((now() AT TIME ZONE 'utc') - interval '1 minute', 'YYYY-MM-DD\"T\"HH24:MI:SS.\"0000000Z\"')
    WHERE key = 'recurring-job:$1' AND field = 'NextExecution';
    UPDATE hangfire.set SET score = 0 WHERE key = 'recurring-jobs' AND value = '$1';" >/dev/null 2>&1 || true
}

chaos_pg_restart_phase() {
  chaos_db "$PG_DB"
  chaos_worker "$PG_DB" catalogue load >/dev/null
  chaos_worker "$PG_DB" demo --out "$CHAOS_WORK/demo" --citizens "$DEMO_CITIZENS" >/dev/null
  local files=("$CHAOS_WORK"/demo/*.csv) total imported import_pid rc partial_import partial_kpi stale finished_import="no" finished_kpi="no"
  total=${#files[@]}

  chaos_log "pg restart: importing $total demo extracts; PostgreSQL restarts after a third of them"
  chaos_worker "$PG_DB" import "${files[@]}" >"$CHAOS_WORK/import-1.out" 2>"$CHAOS_WORK/import-1.err" &
  import_pid=$!
  chaos_track "$import_pid"
  local deadline=$((SECONDS + PHASE_LIMIT))
  while kill -0 "$import_pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do
    imported="$(chaos_sql "$PG_DB" "SELECT count(*) FROM bifsof.extract_files WHERE status = 'imported'" 2>/dev/null || echo 0)"
    [ "${imported:-0}" -ge $((total / 3)) ] && break
    sleep 0.2
  done
  chaos_pg_restart 2
  rc=0
  wait "$import_pid" || rc=$?
  chaos_log "the interrupted import exited $rc"
  partial_import="$(chaos_partial_months)"
  if chaos_worker "$PG_DB" import "${files[@]}" >"$CHAOS_WORK/import-2.out" 2>"$CHAOS_WORK/import-2.err"; then
    finished_import="yes"
  fi
  partial_import=$((partial_import + $(chaos_partial_months)))

  # The KPIs: the imports marked every month stale and enqueued their computation; a serve computes them.
  chaos_sql "$PG_DB" "INSERT INTO bifsof.kpi_stale_months (month, changed_at) SELECT DISTINCT month, now() FROM bifsof.bif_rows ON CONFLICT (month) DO UPDATE SET changed_at = excluded.changed_at" >/dev/null
  chaos_sql "$PG_DB" "DELETE FROM bifsof.monthly_kpis" >/dev/null
  local months
  months="$(chaos_sql "$PG_DB" "SELECT count(*) FROM bifsof.kpi_stale_months")"
  chaos_log "pg restart: a serve computes $months stale months; PostgreSQL restarts after a few"
  chaos_serve_start 0 "$PG_DB"
  chaos_serve_wait_healthy 0
  chaos_trigger monthly-kpis
  chaos_worker "$PG_DB" run monthly-kpis >"$CHAOS_WORK/kpi-run-1.out" 2>"$CHAOS_WORK/kpi-run-1.err" &
  local kpi_pid=$!
  chaos_track "$kpi_pid"
  deadline=$((SECONDS + PHASE_LIMIT))
  while [ "$SECONDS" -lt "$deadline" ]; do
    [ "$(chaos_sql "$PG_DB" "SELECT count(*) FROM bifsof.monthly_kpis" 2>/dev/null || echo 0)" -ge 4 ] && break
    sleep 0.2
  done
  chaos_pg_restart 2
  rc=0
  wait "$kpi_pid" || rc=$?
  chaos_log "the interrupted run monthly-kpis exited $rc"
  # A partial KPI set: a month with figures that is still marked stale by nothing newer, or figures without content.
  partial_kpi="$(chaos_sql "$PG_DB" "SELECT count(*) FROM bifsof.monthly_kpis WHERE figures IS NULL OR figures::text IN ('{}', 'null')")"

  # After the restart the work finishes by itself: the serve's monthly-kpis (its lock no longer left behind) and retries.
  local restarted_at=$SECONDS
  sleep 5
  chaos_trigger monthly-kpis
  deadline=$((SECONDS + PHASE_LIMIT))
  while [ "$SECONDS" -lt "$deadline" ]; do
    stale="$(chaos_sql "$PG_DB" "SELECT count(*) FROM bifsof.kpi_stale_months" 2>/dev/null || echo '?')"
    if [ "$stale" = 0 ]; then
      finished_kpi="yes, by the serve, $((SECONDS - restarted_at)) s after the restart"
      break
    fi
    sleep 1
  done
  if [ "$stale" != 0 ]; then
    chaos_log "still $stale stale months after ${PHASE_LIMIT} s; run monthly-kpis by hand"
    if chaos_worker "$PG_DB" run monthly-kpis >"$CHAOS_WORK/kpi-run-2.out" 2>"$CHAOS_WORK/kpi-run-2.err"; then
      finished_kpi="only by a run by hand ($stale months left by the serve)"
    fi
  fi
  local lock_rows
  lock_rows="$(chaos_sql "$PG_DB" "SELECT count(*) FROM hangfire.lock" 2>/dev/null || echo '?')"
  partial_kpi=$((partial_kpi + $(chaos_sql "$PG_DB" "SELECT $months - count(*) FROM bifsof.monthly_kpis")))
  chaos_servers_stop
  chaos_fig pg_restart_partial $((partial_import + partial_kpi)) "months half imported ($partial_import) or KPI months missing or empty after the re-run ($partial_kpi) (goal 0); import finished afterwards: $finished_import; KPIs finished: $finished_kpi; hangfire.lock rows: $lock_rows"
}
