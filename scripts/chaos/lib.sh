# shellcheck shell=bash
# Helpers of scripts/chaos.sh: the throwaway PostgreSQL and smtp-sink, the worker's processes, the figures.

declare -A FIG=()      # the figures, by JSON key
declare -a NOTES=()    # one line per figure for the table: key, value, what it means
CHAOS_PIDS=()
SERVE_PIDS=()          # slot -> pid of a `serve`
SERVE_PORTS=()

chaos_log() { printf '[chaos %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

chaos_init() {
  CHAOS_WORK="$(mktemp -d -t bifsof-chaos.XXXXXX)"
  chmod 755 "$CHAOS_WORK"
  export DOTNET_ENVIRONMENT=Chaos   # neither Production (refuses http and test keys) nor Development
  export BifSof__PseudonymKey="chaos-pseudonym-key-5f0c2a9e71d4b8e3a6c1f0e9d2b7"
  export BifSof__PublicBaseUrl="http://127.0.0.1:5999"
  export BifSof__DemoDate=""
  export Smtp__Host=127.0.0.1 Smtp__Security=None Smtp__From="BifSofWorker <bifsof@bifsof.example.dk>"
  export Smtp__TimeoutSeconds=10 Smtp__ClaimSeconds=30
  export Extracts__InboxPath="$CHAOS_WORK/inbox"
  export Logging__LogLevel__Default=Warning
}

chaos_track() { CHAOS_PIDS+=("$1"); }

# shellcheck disable=SC2317 # the EXIT trap
chaos_cleanup() {
  local rc=$? pid
  set +e
  trap - EXIT INT TERM
  for pid in "${SERVE_PIDS[@]}" "${CHAOS_PIDS[@]}"; do
    [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null
  done
  chaos_sink_stop
  if [ -n "${CHAOS_PG_DATA:-}" ]; then
    bifsof_pg_stop "$CHAOS_PG_DATA" >/dev/null 2>&1
    case "$BIFSOF_PG_DATADIR" in
      "$CHAOS_WORK"/*) ;;
      */bifsof-pg-*/*) rm -rf -- "$(dirname "$BIFSOF_PG_DATADIR")" ;;
    esac
  fi
  if [ -n "${BIFSOF_CHAOS_KEEP:-}" ]; then
    chaos_log "kept $CHAOS_WORK"
  else
    rm -rf -- "$CHAOS_WORK"
  fi
  exit "$rc"
}

# --- PostgreSQL ----------------------------------------------------------------
chaos_pg_start() {
  CHAOS_PG_PORT="$(bifsof_free_port)"
  CHAOS_PG_DATA="$CHAOS_WORK/pg"
  bifsof_pg_start "$CHAOS_PG_DATA" "$CHAOS_PG_PORT" 2>"$CHAOS_WORK/pg-start.log" # default durability
  CHAOS_PG_BIN="$(bifsof_pg_bin_dir)"
}

# A crash-like restart: immediate stop (no checkpoint; recovery replays the WAL at start), then start.
chaos_pg_restart() {
  chaos_log "PostgreSQL: immediate stop"
  _bifsof_as_pg "$CHAOS_PG_BIN/pg_ctl" -D "$BIFSOF_PG_DATADIR" stop -m immediate -w >/dev/null 2>&1 || true
  sleep "${1:-2}"
  bifsof_pg_start "$CHAOS_PG_DATA" "$CHAOS_PG_PORT" 2>>"$CHAOS_WORK/pg-start.log"
  chaos_log "PostgreSQL: started again"
}

chaos_cs() { printf 'Host=127.0.0.1;Port=%s;Database=%s;Username=postgres' "$CHAOS_PG_PORT" "$1"; }

chaos_db() { bifsof_pg_createdb "$CHAOS_PG_PORT" "$1"; }

# chaos_sql DB SQL -> unaligned, tuples only
chaos_sql() { psql -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$CHAOS_PG_PORT" -U postgres -d "$1" -c "$2"; }

# chaos_worker DB VERB... : one CLI verb of the Release build on that database
chaos_worker() {
  local db="$1"
  shift
  # Bounded like every phase: a verb that hangs is ended (exit 124) instead of holding up the run.
  ConnectionStrings__BifSof="$(chaos_cs "$db")" timeout "${PHASE_LIMIT:-600}" dotnet "$WORKER_DLL" "$@"
}

# --- smtp-sink ------------------------------------------------------------------
# Every message is dumped to a file of its own under $CHAOS_SINK_DIR; counting their Message-ID headers counts deliveries.
chaos_sink_start() {
  CHAOS_SINK_PORT="${CHAOS_SINK_PORT:-$(bifsof_free_port)}"
  CHAOS_SINK_DIR="${CHAOS_SINK_DIR:-$CHAOS_WORK/sink}"
  mkdir -p "$CHAOS_SINK_DIR"
  chmod 777 "$CHAOS_SINK_DIR"
  local user=()
  if [ "$(id -u)" -eq 0 ]; then user=(-u nobody); fi
  /usr/sbin/smtp-sink "${user[@]}" -d "$CHAOS_SINK_DIR/%M." "127.0.0.1:$CHAOS_SINK_PORT" 100 \
    </dev/null >>"$CHAOS_WORK/sink.log" 2>&1 &
  CHAOS_SINK_PID=$!
  local i
  for ((i = 0; i < 50; i++)); do
    _bifsof_tcp_open "$CHAOS_SINK_PORT" && break
    sleep 0.1
  done
  export Smtp__Port="$CHAOS_SINK_PORT"
}

chaos_sink_stop() {
  if [ -n "${CHAOS_SINK_PID:-}" ]; then
    kill -TERM "$CHAOS_SINK_PID" 2>/dev/null || true
    wait "$CHAOS_SINK_PID" 2>/dev/null || true
    CHAOS_SINK_PID=""
  fi
}

# The Message-ID of every message the sink received, one line per delivery.
chaos_sink_ids() {
  find "$CHAOS_SINK_DIR" -type f -print0 2>/dev/null |
    xargs -0 -r grep -h -i -m1 '^Message-ID:' 2>/dev/null |
    sed -E 's/^[Mm]essage-[Ii][Dd]:[[:space:]]*<?([^>[:space:]]*)>?.*$/\1/' || true
}

# --- serve processes ----------------------------------------------------------------
# chaos_serve_start SLOT DB : a `serve` of its own port and log
chaos_serve_start() {
  local slot="$1" db="$2" port
  port="${SERVE_PORTS[$slot]:-$(bifsof_free_port)}"
  SERVE_PORTS[slot]="$port"
  ConnectionStrings__BifSof="$(chaos_cs "$db")" Urls="http://127.0.0.1:$port" \
    setsid dotnet "$WORKER_DLL" serve </dev/null >>"$CHAOS_WORK/serve-$slot.log" 2>&1 &
  SERVE_PIDS[slot]=$!
}

chaos_serve_wait_healthy() {
  local slot deadline=$((SECONDS + 120))
  for slot in "$@"; do
    until _bifsof_http_ok "http://127.0.0.1:${SERVE_PORTS[$slot]}/healthz"; do
      if [ "$SECONDS" -gt "$deadline" ] || ! kill -0 "${SERVE_PIDS[$slot]}" 2>/dev/null; then
        chaos_log "serve $slot did not become healthy; its log:"
        tail -20 "$CHAOS_WORK/serve-$slot.log" >&2
        return 1
      fi
      sleep 0.5
    done
  done
}

# Stops every serve with SIGTERM and records the slowest stop.
chaos_servers_stop() {
  local slot pid started waited slowest=0
  for slot in "${!SERVE_PIDS[@]}"; do
    pid="${SERVE_PIDS[$slot]}"
    [ -n "$pid" ] || continue
    started=$SECONDS
    kill -TERM "$pid" 2>/dev/null || continue
    waited=0
    while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 300 ]; do
      sleep 0.1
      waited=$((waited + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null
    fi
    wait "$pid" 2>/dev/null || true
    [ "$waited" -gt "$slowest" ] && slowest=$waited
    SERVE_PIDS[slot]=""
  done
  STOP_SLOWEST_DS=$slowest
}

# --- figures ----------------------------------------------------------------------
# chaos_fig KEY VALUE NOTE
chaos_fig() {
  FIG[$1]="$2"
  NOTES+=("$1|$2|$3")
}

chaos_queue() {
  local script="$REPO_ROOT/bench/workloads/queue.sh" db=chaos_queue out stuck="" wait=""
  if [ ! -f "$script" ]; then
    chaos_fig queue_stuck_jobs null "bench/workloads/queue.sh is absent in this checkout (branch queue): not measured"
    chaos_fig queue_max_wait_ms null "bench/workloads/queue.sh is absent in this checkout (branch queue): not measured"
    return 0
  fi
  chaos_db "$db"
  chaos_worker "$db" catalogue load >/dev/null
  chaos_log "queue: $QUEUE_JOBS jobs, mode stuck"
  out="$(timeout "$PHASE_LIMIT" bash "$script" --no-build --mode stuck --jobs "$QUEUE_JOBS" --pg "$(chaos_cs "$db")" 2>"$CHAOS_WORK/queue.err" || true)"
  stuck="$(printf '%s\n' "$out" | sed -n 's/^queue_stuck_jobs=\([0-9]*\)$/\1/p' | tail -1)"
  wait="$(printf '%s\n' "$out" | sed -n 's/^queue_max_wait_ms=\([0-9.]*\)$/\1/p' | tail -1)"
  chaos_fig queue_stuck_jobs "${stuck:-null}" "$QUEUE_JOBS jobs over two processes: jobs that waited over 5 s (goal 0)$([ -n "$stuck" ] || echo ' — the script printed no figure')"
  chaos_fig queue_max_wait_ms "${wait:-null}" "the longest wait from enqueue to start"
  # Last, since it stops this cluster: a real PostgreSQL restart under two serving processes, then jobs enqueued
  # from another process (issue 15: each must start within 5 s).
  local restart=""
  chaos_log "queue: PostgreSQL restart under two serving processes"
  out="$(timeout "$PHASE_LIMIT" bash "$script" --no-build --mode restart --pg-data "$CHAOS_PG_DATA" --pg-port "$CHAOS_PG_PORT" --pg "$(chaos_cs "$db")" 2>>"$CHAOS_WORK/queue.err" || true)"
  restart="$(printf '%s\n' "$out" | sed -n 's/^restart_start_ms=\([0-9.]*\)$/\1/p' | tail -1)"
  chaos_fig queue_restart_start_ms "${restart:-null}" "after PostgreSQL was stopped for 5 s and started again, the slowest start of 5 jobs enqueued from another process (goal under 5,000)"
}

chaos_fuzz_read() {
  local key value
  for key in fuzz_cases fuzz_partial fuzz_crashes fuzz_peak_rss_mb fuzz_accepted fuzz_refused fuzz_unlocated fuzz_cpr_in_report fuzz_seconds fuzz_small_peak_rss_mb fuzz_big_garbage_seconds fuzz_big_oneline_seconds; do
    value="$(sed -n "s/^$key=//p" "$CHAOS_WORK/fuzz.out" | tail -1)"
    FUZZ[$key]="${value:-null}"
  done
  chaos_fig fuzz_cases "${FUZZ[fuzz_cases]}" "mutated extracts imported in-process (${FUZZ[fuzz_accepted]} accepted whole, ${FUZZ[fuzz_refused]} refused) + the 200 MB garbage and one-line files"
  chaos_fig fuzz_partial "${FUZZ[fuzz_partial]}" "refused but the month changed, or accepted with other rows than reported (goal 0)"
  chaos_fig fuzz_crashes "${FUZZ[fuzz_crashes]}" "unhandled exceptions out of the importer (goal 0); refusals without a reason: ${FUZZ[fuzz_unlocated]}; reports holding a CPR (ExtractValues.ContainsCpr): ${FUZZ[fuzz_cpr_in_report]}"
  chaos_fig fuzz_peak_rss_mb "${FUZZ[fuzz_peak_rss_mb]}" "the fuzzer process's peak RSS (VmHWM); ${FUZZ[fuzz_small_peak_rss_mb]} MB before the big files; garbage ${FUZZ[fuzz_big_garbage_seconds]} s, one line ${FUZZ[fuzz_big_oneline_seconds]} s"
}
declare -A FUZZ=()

chaos_report() {
  local seconds="$1" line key value note json="" first=1
  {
    echo
    echo "BifSofWorker chaos run $(date -u +%Y-%m-%dT%H:%M:%SZ), $([ "$QUICK" = 1 ] && echo quick || echo full), ${seconds} s, $(nproc) cores"
    printf '%-24s %-8s %s\n' "figure" "value" "what it counts"
    printf '%-24s %-8s %s\n' "------" "-----" "--------------"
    for line in "${NOTES[@]}"; do
      IFS='|' read -r key value note <<<"$line"
      printf '%-24s %-8s %s\n' "$key" "$value" "$note"
    done
    echo
  } >&1
  for key in delivered kills lost duplicates smtp_outage_lost smtp_outage_duplicates pg_restart_partial recurring_duplicates \
    fuzz_cases fuzz_partial fuzz_crashes fuzz_peak_rss_mb queue_stuck_jobs queue_max_wait_ms queue_restart_start_ms; do
    value="${FIG[$key]:-null}"
    [ "$first" = 1 ] || json+=", "
    json+="\"$key\": $value"
    first=0
  done
  echo "{$json}"
}
