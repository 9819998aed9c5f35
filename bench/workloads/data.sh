# shellcheck shell=bash
# Sourced by bench/run.sh: the demo extracts at scale, the measured months at their exact size, the catalogue, one
# month imported (not measured) and the history copied from it (lib/clone_months.sql).

month_list() { # month_list FIRST LAST [FIRST LAST ...] -> '{YYYY-MM-01,...}'
  python3 - "$@" <<'PY'
import sys
out = []
for first, last in zip(sys.argv[1::2], sys.argv[2::2]):
    y, m = map(int, first.split("-"))
    ly, lm = map(int, last.split("-"))
    while (y, m) <= (ly, lm):
        out.append(f"{y:04d}-{m:02d}-01")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
print("{" + ",".join(out) + "}")
PY
}

clone_months() { # clone_months DB SOURCE_MONTH '{months}'
  "${PSQL[@]}" -o /dev/null -d "$1" -v src="$2-01" -v months="$3" -f "$BENCH_DIR/lib/clone_months.sql"
}

bench_data() {
  local m r
  log "writing the demo extracts: $CITIZENS citizens, seed $SEED"
  worker_as bench bench-setup -- demo --out "$WORK/demo" --citizens "$CITIZENS" --seed "$SEED" >/dev/null
  mkdir -p "$WORK/files"
  for m in "$SETUP_MONTH" "${MEASURED[@]}"; do
    read -r _ r < <(python3 "$BENCH_DIR/lib/resize_month.py" "$ROWS" "$WORK/demo/bif_$m.csv" "$WORK/demo/sof_$m.csv" \
      "$WORK/files/bif_$m.csv" "$WORK/files/sof_$m.csv")
    log "  $m: BIF $ROWS rows, SOF $r rows"
  done
  for m in "${SMALL[@]}"; do
    python3 "$BENCH_DIR/lib/resize_month.py" "$SMALL_ROWS" "$WORK/demo/bif_$m.csv" - "$WORK/files/bif_$m.csv" - >/dev/null
  done
  rm -rf "$WORK/demo" # 72 files at the full size: gigabytes the rest of the run does not need
  log "loading the catalogue; importing $SETUP_MONTH (not measured)"
  worker_as bench bench-setup -- catalogue load >/dev/null
  worker_as bench bench-setup -- import "$WORK/files/bif_$SETUP_MONTH.csv" "$WORK/files/sof_$SETUP_MONTH.csv" >/dev/null
  # The small imports of the RSS comparison (workloads/import.sh) come before the copies: the quick run's copies replace
  # their months with full-size ones for the dashboard.
  bench_small_imports
  # 2009-01 … 2010-08 are the history of the measured months. The quick run also copies 2011 for the dashboard's 36
  # months, in the same pass because the keys are built again once per pass (a second pass for three months took 80 s
  # in a quick run, rebuilding the keys of every month stored by then); the full run measures the dashboard on a
  # database of its own at the quick size (workloads/dashboard.sh), so its 2011 would be gigabytes nobody reads.
  if [ "$MODE" = quick ]; then
    log "copying $SETUP_MONTH into 2009-01 … 2010-08 and 2011 (the history of the measured months, the dashboard's year)"
    clone_months bench "$SETUP_MONTH" "$(month_list 2009-01 2010-08 2011-01 2011-12)"
  else
    log "copying $SETUP_MONTH into 2009-01 … 2010-08 (the history of the measured months)"
    clone_months bench "$SETUP_MONTH" "$(month_list 2009-01 2010-08)"
  fi
}
