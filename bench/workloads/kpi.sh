# shellcheck shell=bash
# Sourced by bench/run.sh: kpi_vs_sql.
#
# `kpi KPI_MONTH --json` (a process, as `monthly-kpis` computes a month: KpiService, one REPEATABLE READ transaction)
# with 24 months stored. Its time is the span of that transaction in PostgreSQL's log, from the start of its BEGIN to
# the end of its COMMIT: process start-up and migrations excluded, the client's time between the statements included.
# Beside it lib/kpi_reference.sql, timed from the same log; the figures of both are compared.

bench_kpi() {
  local r ours ref agree
  "${PSQL[@]}" -d bench -c "ANALYZE" >/dev/null
  put kpi_shared "$("${PSQL[@]}" -d bench -Atc "SELECT shared_citizens FROM bifsof.extract_months WHERE month = '$KPI_MONTH-01'")"
  for r in 1 2 3; do
    log "KPIs $r/$REPS: $KPI_MONTH (ours and one hand-written query)"
    if [ $((r % 2)) -eq 1 ]; then
      worker_as bench "bench-kpi-$r" -- kpi "$KPI_MONTH" --json >"$WORK/kpi-$r.json" 2>"$WORK/kpi-$r.stderr" ||
        { cat "$WORK/kpi-$r.stderr" >&2; die "kpi $KPI_MONTH failed"; }
      PGAPPNAME="bench-kpiref-$r" "${PSQL[@]}" -d bench -At -v month="$KPI_MONTH-01" -f "$BENCH_DIR/lib/kpi_reference.sql" >"$WORK/kpiref-$r.json"
    else
      PGAPPNAME="bench-kpiref-$r" "${PSQL[@]}" -d bench -At -v month="$KPI_MONTH-01" -f "$BENCH_DIR/lib/kpi_reference.sql" >"$WORK/kpiref-$r.json"
      worker_as bench "bench-kpi-$r" -- kpi "$KPI_MONTH" --json >"$WORK/kpi-$r.json" 2>"$WORK/kpi-$r.stderr" ||
        { cat "$WORK/kpi-$r.stderr" >&2; die "kpi $KPI_MONTH failed"; }
    fi
    ours="$(pglog "bench-kpi-$r" window "BEGIN ISOLATION LEVEL REPEATABLE READ" COMMIT)"
    ref="$(pglog "bench-kpiref-$r" statement "WITH p AS")"
    [ -n "$ours" ] && [ -n "$ref" ] || die "KPI timings not found in the PostgreSQL log"
    put kpi_ours_ms "$ours"
    put kpi_ref_ms "$ref"
    log "  ours $ours ms, reference $ref ms"
  done
  agree="$(python3 - "$WORK/kpi-1.json" "$WORK/kpiref-1.json" <<'PY'
import json, sys
ours = json.load(open(sys.argv[1]))
ref = json.load(open(sys.argv[2]))
a, s = ours["activation"], ours["socialPlans"]
pairs = [
    ("sharedCitizens", ours["sharedCitizens"], ref["sharedCitizens"]),
    ("entries", ours["entries"], ref["entries"]),
    ("exits", ours["exits"], ref["exits"]),
    ("population", a["population"], ref["population"]),
    ("activated", a["activated"], ref["activated"]),
    ("offeredYtd", s["offeredYtd"], ref["offeredYtd"]),
    ("producedYtd", s["producedYtd"], ref["producedYtd"]),
    ("processNotesYtd", s["processNotesYtd"], ref["processNotesYtd"]),
    ("bothPlans", s["bothPlans"], ref["bothPlans"]),
]
for group, fig in a["byTargetGroup"].items():
    r = (ref.get("byTargetGroup") or {}).get(group, {"population": 0, "activated": 0})
    pairs += [(group + ".population", fig["population"], r["population"]), (group + ".activated", fig["activated"], r["activated"])]
bad = [f"{k}: {x} vs {y}" for k, x, y in pairs if x != y]
for b in bad:
    print("differs " + b, file=sys.stderr)
print("no" if bad else "yes")
PY
)"
  put kpi_agree "$agree"
  log "  KPI figures agree with the reference: $agree"
}
