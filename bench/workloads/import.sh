# shellcheck shell=bash
# Sourced by bench/run.sh: import_vs_copy, import_peak_rss_mb(_small), match_vs_sql.
#
# Per repetition r (month MEASURED[r], history 2009-01 … the month before already stored):
#   - the BIF file through `import` (a process; rows/s over its whole run) beside `psql \copy` of the same file into an
#     unindexed text table, in alternating order, the file in the page cache for both;
#   - then the SOF file of the same month through `import`: the match runs inside it and is timed from PostgreSQL's
#     log (the INSERT INTO bifsof.shared_citizens); beside it lib/match_reference.sql (fresh ANALYZE, same join).
# A match still running after MATCH_CAP seconds is stopped; its time counts as the cap (a lower bound), later
# repetitions import their SOF month with enable_nestloop=off instead (not measured) so the data is in place.

copy_reference() { # copy_reference FILE OUT
  local file="$1" out="$2" enc ncol cols i
  if iconv -f UTF-8 -t UTF-8 "$file" >/dev/null 2>&1; then enc=UTF8; else enc=WIN1252; fi
  ncol="$(head -1 "$file" | tr -cd ';' | wc -c)"
  ncol=$((ncol + 1))
  cols="c1 text"
  for ((i = 2; i <= ncol; i++)); do cols="$cols, c$i text"; done
  "${PSQL[@]}" -d bench -c "SET client_min_messages = warning" -c "DROP TABLE IF EXISTS bench_copy" -c "CREATE TABLE bench_copy ($cols)"
  timed "$out" 0 -- "${PSQL[@]}" -d bench -c "\\copy bench_copy FROM '$file' WITH (FORMAT csv, DELIMITER ';', HEADER true, ENCODING '$enc')"
  "${PSQL[@]}" -d bench -c "DROP TABLE bench_copy"
}

# The floor: the same \copy, then the database's share of storing the month with its key — the key (month, CPR) built
# unique over the copied rows, a second index on a column with one value in the month (as the partition's index on its
# extract file is), statistics — in one transaction, one backend, no client work at all (no checks, no pseudonyms, no
# foreign key). A reference for what the database alone needs, not a proven bound: it parses CSV text on the server
# where the worker sends binary rows, and it cannot overlap its load with a client as the worker does.
floor_reference() { # floor_reference FILE OUT
  local file="$1" out="$2" enc ncol cols i cpr month
  if iconv -f UTF-8 -t UTF-8 "$file" >/dev/null 2>&1; then enc=UTF8; else enc=WIN1252; fi
  ncol="$(head -1 "$file" | tr -cd ';' | wc -c)"
  ncol=$((ncol + 1))
  read -r cpr month < <(head -1 "$file" | python3 -c '
import sys
names = [n.strip().strip("\ufeff").strip("\"").lower() for n in sys.stdin.read().split(";")]
print(names.index("cpr") + 1, names.index("maaned") + 1)')
  cols=""
  for ((i = 1; i <= ncol; i++)); do
    cols="$cols${cols:+, }c$i text"
    if [ "$i" = "$cpr" ] || [ "$i" = "$month" ]; then cols="$cols COLLATE \"C\""; fi
  done
  "${PSQL[@]}" -d bench -c "SET client_min_messages = warning" -c "DROP TABLE IF EXISTS bench_floor"
  timed "$out" 0 -- "${PSQL[@]}" -d bench -c "BEGIN" -c "CREATE TABLE bench_floor ($cols)" \
    -c "\\copy bench_floor FROM '$file' WITH (FORMAT csv, DELIMITER ';', HEADER true, ENCODING '$enc')" \
    -c "ALTER TABLE bench_floor ADD PRIMARY KEY (c$month, c$cpr)" -c "CREATE INDEX ON bench_floor (c$month)" \
    -c "ANALYZE bench_floor" -c "COMMIT"
  "${PSQL[@]}" -d bench -c "DROP TABLE bench_floor"
}

import_ours() { # import_ours FILE APP OUT
  timed "$3" 0 -- env ConnectionStrings__BifSof="$(conn bench "$2")" "$WORKER" import "$1" >"$3.stdout" 2>"$3.stderr"
  grep -q 'indlæst' "$3.stdout" || { cat "$3.stdout" "$3.stderr" >&2; die "import of $1 failed"; }
}

bench_import_and_match() {
  local r m bif sof s rss rc capped=0 ms ref shared count t
  for r in 1 2 3; do
    m="${MEASURED[$((r - 1))]}"
    bif="$WORK/files/bif_$m.csv"
    sof="$WORK/files/sof_$m.csv"
    cat "$bif" "$sof" >/dev/null
    log "import $r/$REPS: $m, $ROWS rows (ours and psql \\copy)"
    if [ $((r % 2)) -eq 1 ]; then
      copy_reference "$bif" "$WORK/copy-$r"
      floor_reference "$bif" "$WORK/floor-$r"
      import_ours "$bif" "bench-import-$r" "$WORK/import-$r"
    else
      import_ours "$bif" "bench-import-$r" "$WORK/import-$r"
      floor_reference "$bif" "$WORK/floor-$r"
      copy_reference "$bif" "$WORK/copy-$r"
    fi
    read -r s _ rc <"$WORK/copy-$r"
    [ "$rc" = 0 ] || die "psql \\copy of $bif failed"
    put import_copy_s "$s"
    put import_copy_rps "$(python3 -c "print(round($ROWS / $s))")"
    read -r s _ rc <"$WORK/floor-$r"
    [ "$rc" = 0 ] || die "the floor's psql of $bif failed"
    put import_floor_s "$s"
    put import_floor_rps "$(python3 -c "print(round($ROWS / $s))")"
    read -r s rss _ <"$WORK/import-$r"
    put import_ours_s "$s"
    put import_ours_rps "$(python3 -c "print(round($ROWS / $s))")"
    put import_rss_mb "$rss"

    if [ "$capped" = 0 ]; then
      log "match $r/$REPS: the SOF month $m arrives (cap ${MATCH_CAP} s)"
      timed "$WORK/match-$r" "$MATCH_CAP" -- env ConnectionStrings__BifSof="$(conn bench "bench-match-$r")" "$WORKER" import "$sof" >"$WORK/match-$r.stdout" 2>"$WORK/match-$r.stderr"
      read -r s _ rc <"$WORK/match-$r"
      if [ "$rc" = 124 ]; then
        capped=1
        terminate_app "bench-match-$r"
        put match_capped 1
        put match_ours_ms "$((MATCH_CAP * 1000))"
        put match_note "repetition $r stopped after ${MATCH_CAP} s (the import never finished): a lower bound; later SOF months imported with enable_nestloop=off, not measured"
        log "  stopped after ${MATCH_CAP} s; importing it with enable_nestloop=off (not measured)"
      else
        grep -q 'indlæst' "$WORK/match-$r.stdout" || { cat "$WORK/match-$r.stdout" "$WORK/match-$r.stderr" >&2; die "import of $sof failed"; }
        ms="$(pglog "bench-match-$r" statement "INSERT INTO bifsof.shared_citizens")"
        [ -n "$ms" ] || die "no logged match statement for repetition $r"
        put match_ours_ms "$ms"
        put match_ours_import_s "$s"
      fi
    fi
    if [ "$capped" = 1 ] && ! "${PSQL[@]}" -d bench -Atc "SELECT 1 FROM bifsof.extract_months WHERE month = '$m-01' AND matched_at IS NOT NULL" | grep -q 1; then
      worker_as bench bench-setup "Options='-c enable_nestloop=off'" -- import "$sof" >/dev/null
    fi

    "${PSQL[@]}" -d bench -c "VACUUM ANALYZE bifsof.bif_rows" -c "VACUUM ANALYZE bifsof.sof_rows" >/dev/null 2>&1 || true
    count="$(PGAPPNAME="bench-matchref-$r" "${PSQL[@]}" -d bench -At -v month="$m-01" -f "$BENCH_DIR/lib/match_reference.sql" | grep -E '^[0-9]+$' | tail -1)"
    ref="$(pglog "bench-matchref-$r" statement "INSERT INTO bifsof.shared_citizens")"
    shared="$("${PSQL[@]}" -d bench -Atc "SELECT shared_citizens FROM bifsof.extract_months WHERE month = '$m-01'")"
    put match_ref_ms "$ref"
    put match_rows "$shared"
    [ "$count" = "$shared" ] || log "  WARNING: the reference join gives $count rows, the worker stored $shared"
    log "  match $m: ours $(grep '^match_ours_ms=' "$RESULTS" | tail -1 | cut -d= -f2) ms, reference $ref ms, $shared shared"
  done
}

# The import's peak RSS at a tenth of the size: BIF months without their SOF partner, as above, imported before the
# history is copied (workloads/data.sh), into a database holding the setup month only. The process's own memory does
# not depend on what the database stores.
bench_small_imports() {
  local m t rss
  log "import of ${SMALL_ROWS}-row BIF files (peak RSS at the other size)"
  for m in "${SMALL[@]}"; do
    t="$WORK/small-$m"
    import_ours "$WORK/files/bif_$m.csv" bench-small "$t"
    read -r _ rss _ <"$t"
    put import_small_rss_mb "$rss"
  done
}
