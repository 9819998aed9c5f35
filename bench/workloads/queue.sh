#!/usr/bin/env bash
# Queue figures of Hangfire on PostgreSQL (issues 12 and 15), measured with bench/QueueHarness: Hangfire servers with
# exactly the worker's settings (HangfireSetup, referenced) or with Hangfire.PostgreSql's defaults, and an enqueuer,
# each its own process on this machine. Every figure is printed on stdout as `key=value` (a number, or null when not
# measured); everything else goes to stderr.
#
#   queue.sh --mode latency    --jobs 1000  --pg CONN   enqueue_p50_ms= enqueue_p99_ms= enqueue_default_p50_ms=
#   queue.sh --mode throughput --jobs 5000  --pg CONN   jobs_per_s= jobs_per_s_default= jobs_per_s_vs_default=
#   queue.sh --mode stuck      --jobs 20000 --pg CONN   queue_stuck_jobs= queue_max_wait_ms=
#   queue.sh --mode restart --pg-data DIR --pg-port P [--pg CONN] [--jobs N] [--outage-s S]   restart_start_ms=
#
# Options:
#   --pg CONN        an Npgsql connection string to a server where the harness may create and drop databases
#                    (bifsof_queue_<mode>_<pid>_<settings>); it starts no PostgreSQL of its own unless --own-pg
#   --own-pg         start a throwaway cluster (default durability) for this run and remove it afterwards
#   --pg-data DIR, --pg-port P   (restart) the cluster to stop and start again with scripts/lib/infra.sh; --pg
#                    defaults to Host=127.0.0.1;Port=P;Username=postgres;Database=postgres
#   --outage-s S     (restart) seconds the database stays down, default 5
#   --settings S     the settings measured as "ours": project (default) or longpolling (the settings before the
#                    queue listener, for comparison); the reference is always Hangfire.PostgreSql's defaults
#   --processes N    worker processes (default 2), each with the worker's worker count (2 on 2 cores)
#   --repeat R       (throughput) runs of each kind, alternating; the figures are the medians (default 1)
#   --no-build       do not build the harness first (when the caller has built BifSofWorker.sln)
#
# How each figure is measured: docs/operations.md, "Queue".
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
# shellcheck source-path=SCRIPTDIR source=../../scripts/lib/infra.sh
source "$REPO_ROOT/scripts/lib/infra.sh"

mode="" jobs="" pg="" own_pg="" pg_data="" pg_port="" outage_s=5 settings=project processes=2 repeat=1 build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --mode) mode="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --pg) pg="$2"; shift 2 ;;
    --own-pg) own_pg=1; shift ;;
    --pg-data) pg_data="$2"; shift 2 ;;
    --pg-port) pg_port="$2"; shift 2 ;;
    --outage-s) outage_s="$2"; shift 2 ;;
    --settings) settings="$2"; shift 2 ;;
    --processes) processes="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    --no-build) build=""; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' >&2; exit 0 ;;
    *) echo "queue.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
case "$mode" in
  latency) jobs="${jobs:-1000}" ;;
  throughput) jobs="${jobs:-5000}" ;;
  stuck) jobs="${jobs:-20000}" ;;
  restart) jobs="${jobs:-5}" ;;
  *) echo "queue.sh: --mode latency|throughput|stuck|restart" >&2; exit 2 ;;
esac
case "$settings" in project | longpolling) ;; *) echo "queue.sh: --settings project|longpolling" >&2; exit 2 ;; esac

log() { printf '[queue] %s\n' "$*" >&2; }

WORK_DIR="$(mktemp -d -t bifsof-queue.XXXXXX)"
chmod 755 "$WORK_DIR"
SERVER_PIDS=()
DATABASES=()
OWN_PG_DATA=""

stop_servers() {
  local pid
  for pid in "${SERVER_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${SERVER_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  SERVER_PIDS=()
}

# shellcheck disable=SC2317 # invoked by the EXIT trap
cleanup() {
  local rc=$? db
  set +e
  trap - EXIT INT TERM
  stop_servers
  for db in "${DATABASES[@]}"; do harness drop --pg "$pg" --db "$db" >/dev/null 2>&1; done
  [ -n "$OWN_PG_DATA" ] && bifsof_pg_stop "$OWN_PG_DATA"
  rm -rf -- "$WORK_DIR"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

HARNESS_DLL="$REPO_ROOT/bench/QueueHarness/bin/Release/net10.0/QueueHarness.dll"
if [ -n "$build" ]; then
  log "building bench/QueueHarness (Release)"
  dotnet build "$REPO_ROOT/bench/QueueHarness/QueueHarness.csproj" -c Release -v quiet -nologo >&2
fi
[ -f "$HARNESS_DLL" ] || { echo "queue.sh: $HARNESS_DLL is missing; build without --no-build" >&2; exit 1; }
harness() { dotnet "$HARNESS_DLL" "$@"; }

if [ -n "$own_pg" ]; then
  own_port="$(bifsof_free_port)"
  OWN_PG_DATA="$WORK_DIR/pg"
  bifsof_pg_start "$OWN_PG_DATA" "$own_port"
  pg="Host=127.0.0.1;Port=$own_port;Database=postgres;Username=postgres"
  if [ "$mode" = restart ]; then pg_data="$OWN_PG_DATA" pg_port="$own_port"; fi
fi
if [ "$mode" = restart ]; then
  [ -n "$pg_data" ] && [ -n "$pg_port" ] || { echo "queue.sh: --mode restart needs --pg-data and --pg-port (or --own-pg)" >&2; exit 2; }
  pg="${pg:-Host=127.0.0.1;Port=$pg_port;Database=postgres;Username=postgres}"
fi
[ -n "$pg" ] || { echo "queue.sh: --pg CONN or --own-pg is required" >&2; exit 2; }

# fresh_db KIND: a new database for one run; prints its connection string.
fresh_db() {
  local db="bifsof_queue_${mode}_$$_$1"
  DATABASES+=("$db")
  harness prepare --pg "$pg" --db "$db"
}

# start_servers CONN SETTINGS: the worker processes, each in its own process, logging into the work folder.
start_servers() {
  local conn="$1" kind="$2" i
  for ((i = 1; i <= processes; i++)); do
    dotnet "$HARNESS_DLL" serve --pg "$conn" --settings "$kind" </dev/null >>"$WORK_DIR/serve-$kind-$i.log" 2>&1 &
    SERVER_PIDS+=("$!")
  done
  harness servers --pg "$conn" --count "$processes" --timeout-s 120
}

# The CPU seconds (user + system) the worker processes have used so far.
server_cpu_s() {
  local pid total=0 ticks
  for pid in "${SERVER_PIDS[@]}"; do
    ticks="$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)"
    total=$((total + ticks))
  done
  awk -v t="$total" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t / hz }'
}

median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "null"; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
value_of() { sed -n "s/^$1=//p" | tail -n 1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "null" || b == "null" || b + 0 == 0) print "null"; else printf "%.2f\n", a / b }'; }

# Latency: the servers idle, then one job at a time from the enqueuer process, 20 ms apart.
run_latency() {
  local kind="$1" conn
  conn="$(fresh_db "$kind")"
  harness enqueue --pg "$conn" --settings "$kind" --jobs 0 # the schema, before the servers race to create it
  start_servers "$conn" "$kind"
  sleep 2
  harness enqueue --pg "$conn" --settings "$kind" --jobs "$jobs" --interval-ms 20
  harness wait --pg "$conn" --jobs "$jobs" --state Processing --timeout-s 120
  stop_servers
  harness measure --pg "$conn" --what latency
}

# Throughput: the jobs enqueued first, then the servers started; from the first start to the last success.
run_throughput() {
  local kind="$1" conn s0 s1 n
  conn="$(fresh_db "$kind")"
  harness enqueue --pg "$conn" --settings "$kind" --jobs "$jobs"
  sleep 1.5 # the statistics of the enqueuer's sessions arrive within a second
  s0="$(harness sessions --pg "$conn")" t0="$(harness commits --pg "$conn")"
  start_servers "$conn" "$kind"
  harness wait --pg "$conn" --jobs "$jobs" --timeout-s 1200
  cpu="$(server_cpu_s)"
  sleep 1.5
  s1="$(harness sessions --pg "$conn")" t1="$(harness commits --pg "$conn")"
  stop_servers
  n="$(harness measure --pg "$conn" --what throughput | value_of jobs_per_s)"
  log "$kind: $n jobs/s; while serving $jobs jobs: $((s1 - s0)) PostgreSQL sessions opened, $(awk -v t=$((t1 - t0)) -v j="$jobs" 'BEGIN { printf "%.1f", t / j }') transactions per job, worker processes' CPU ${cpu} s"
  echo "$n"
}

case "$mode" in
  latency)
    ours="$(run_latency "$settings")"
    theirs="$(run_latency default)"
    echo "enqueue_p50_ms=$(value_of p50_ms <<<"$ours")"
    echo "enqueue_p99_ms=$(value_of p99_ms <<<"$ours")"
    echo "enqueue_default_p50_ms=$(value_of p50_ms <<<"$theirs")"
    ;;
  throughput)
    : >"$WORK_DIR/ours" && : >"$WORK_DIR/theirs"
    for ((r = 1; r <= repeat; r++)); do
      run_throughput "$settings" >>"$WORK_DIR/ours"
      run_throughput default >>"$WORK_DIR/theirs"
    done
    ours="$(median <"$WORK_DIR/ours")"
    theirs="$(median <"$WORK_DIR/theirs")"
    echo "jobs_per_s=$ours"
    echo "jobs_per_s_default=$theirs"
    echo "jobs_per_s_vs_default=$(ratio "$ours" "$theirs")"
    ;;
  stuck)
    # Closed loop: whenever fewer than 8 jobs wait unclaimed, 8 more; a job claimed and then left waiting shows as a
    # long wait, as does a wake-up lost while the queue is fed.
    conn="$(fresh_db "$settings")"
    harness enqueue --pg "$conn" --settings "$settings" --jobs 0
    start_servers "$conn" "$settings"
    harness enqueue --pg "$conn" --settings "$settings" --jobs "$jobs" --window 8
    if ! harness wait --pg "$conn" --jobs "$jobs" --state Processing --timeout-s 60; then
      log "not every job started within 60 s of the last enqueue"
    fi
    stop_servers
    harness measure --pg "$conn" --what stuck
    ;;
  restart)
    conn="$(fresh_db "$settings")"
    harness enqueue --pg "$conn" --settings "$settings" --jobs 0
    start_servers "$conn" "$settings"
    harness enqueue --pg "$conn" --settings "$settings" --jobs 1
    harness wait --pg "$conn" --jobs 1 --timeout-s 60
    before="$(harness max-job --pg "$conn")"
    log "stopping PostgreSQL ($pg_data) for $outage_s s"
    bifsof_pg_stop "$pg_data"
    sleep "$outage_s"
    bifsof_pg_start "$pg_data" "$pg_port"
    # Enqueued from another process as soon as the database takes connections again.
    harness enqueue --pg "$conn" --settings "$settings" --jobs "$jobs" --interval-ms 200 --retry-connect
    if ! harness wait --pg "$conn" --jobs "$jobs" --since-job "$before" --state Processing --timeout-s 60; then
      log "not every job enqueued after the restart started within 60 s; the worker processes' last lines:"
      tail -n 15 "$WORK_DIR"/serve-*.log >&2
    fi
    stop_servers
    harness measure --pg "$conn" --what restart --since-job "$before"
    ;;
esac
