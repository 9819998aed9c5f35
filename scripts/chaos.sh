#!/usr/bin/env bash
# The chaos run of issue 11 (docs/chaos.md): the worker's real processes on a throwaway PostgreSQL (default durability:
# kills and restarts are the point) and Postfix's smtp-sink, loopback only, bounded in time.
#
#   scripts/chaos.sh [--quick] [--no-build]
#
#   --quick     1,000 e-mails, a 20 s SMTP outage, 500 fuzz cases, 2,000 queue jobs (under 10 minutes on 2 cores)
#               (without it: 5,000 e-mails, a 2 min outage, 10,000 fuzz cases, 20,000 queue jobs)
#   --no-build  use the Release build already there (dotnet build BifSofWorker.sln -c Release)
#
# Prints a table, and as its last line one JSON object with the figures. BIFSOF_BUILD_LOCK, when set, names a file the
# build step holds with flock (machines that share their cores among several builds).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$REPO_ROOT"
# shellcheck source-path=SCRIPTDIR source=lib/infra.sh
source "$REPO_ROOT/scripts/lib/infra.sh"
# shellcheck source-path=SCRIPTDIR source=chaos/lib.sh
source "$REPO_ROOT/scripts/chaos/lib.sh"

QUICK=0
BUILD=1
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=1 ;;
    --no-build) BUILD=0 ;;
    -h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "chaos.sh: unknown option $arg (see --help)" >&2; exit 2 ;;
  esac
done

if [ "$QUICK" = 1 ]; then
  MAILS=1000 OUTAGE_MAILS=300 OUTAGE_SECONDS=20 FUZZ_CASES=500 QUEUE_JOBS=2000 PHASE_LIMIT=200 DEMO_CITIZENS=1200
else
  MAILS=5000 OUTAGE_MAILS=1000 OUTAGE_SECONDS=120 FUZZ_CASES=10000 QUEUE_JOBS=20000 PHASE_LIMIT=900 DEMO_CITIZENS=3600
fi
FUZZ_BIG_MB=200
STARTED_AT=$SECONDS

chaos_init
trap chaos_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- Build once ---------------------------------------------------------------
if [ "$BUILD" = 1 ]; then
  chaos_log "building (Release)"
  ${BIFSOF_BUILD_LOCK:+flock "$BIFSOF_BUILD_LOCK"} dotnet build BifSofWorker.sln -c Release -v q -nologo >"$CHAOS_WORK/build.log" 2>&1 ||
    { tail -30 "$CHAOS_WORK/build.log" >&2; exit 1; }
fi
WORKER_DLL="$REPO_ROOT/src/BifSof.Worker/bin/Release/net10.0/BifSof.Worker.dll"
FUZZ_DLL="$REPO_ROOT/tests/BifSof.Worker.Fuzz/bin/Release/net10.0/BifSof.Worker.Fuzz.dll"
[ -f "$WORKER_DLL" ] && [ -f "$FUZZ_DLL" ] || { echo "chaos.sh: no Release build; run without --no-build" >&2; exit 1; }

# --- Infrastructure -----------------------------------------------------------
bifsof_ensure_smtp_sink
chaos_pg_start
chaos_sink_start

# --- The fuzzer runs beside the delivery phases (they mostly wait for the minute's dispatch) ----------------------
FUZZ_DB=chaos_fuzz
chaos_db "$FUZZ_DB"
chaos_worker "$FUZZ_DB" catalogue load >/dev/null
chaos_log "fuzzer: $FUZZ_CASES cases + 2 x $FUZZ_BIG_MB MB (background)"
(
  export ConnectionStrings__BifSof="$(chaos_cs "$FUZZ_DB")"
  exec timeout $((PHASE_LIMIT * 2)) dotnet "$FUZZ_DLL" --cases "$FUZZ_CASES" --big-mb "$FUZZ_BIG_MB" --work "$CHAOS_WORK/fuzz"
) >"$CHAOS_WORK/fuzz.out" 2>"$CHAOS_WORK/fuzz.err" &
FUZZ_PID=$!
chaos_track "$FUZZ_PID"

# --- 1. Three servers deliver while one is killed twice -------------------------
source "$REPO_ROOT/scripts/chaos/delivery.sh"
chaos_delivery

# --- 2. The SMTP sink stops during delivery ------------------------------------
chaos_outage

chaos_servers_stop
chaos_fig serve_stop_seconds "$((STOP_SLOWEST_DS / 10)).$((STOP_SLOWEST_DS % 10))" "the slowest of the three serve processes to exit after SIGTERM (table only; goal under 10)"

# The fuzzer shares the cluster, which phase 3 restarts: it finishes first.
chaos_log "waiting for the fuzzer"
if ! wait "$FUZZ_PID"; then
  chaos_log "the fuzzer exited with an error; last lines:"
  tail -20 "$CHAOS_WORK/fuzz.err" >&2 || true
fi

# --- 3. PostgreSQL restarts during an import and during the KPI computation -----
source "$REPO_ROOT/scripts/chaos/pg-restart.sh"
chaos_pg_restart_phase

# --- 4. Three processes replay a day of recurring jobs --------------------------
source "$REPO_ROOT/scripts/chaos/recurring.sh"
chaos_recurring

# --- 5. The queue (bench/workloads/queue.sh, when present) ----------------------
chaos_queue

# --- 6. The fuzzer's figures ---------------------------------------------------
chaos_fuzz_read

chaos_report $((SECONDS - STARTED_AT))
