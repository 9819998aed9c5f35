#!/usr/bin/env bash
# Each hot path of the worker beside its physical reference, in one run (issue 12). See bench/README.md.
#
#   bench/run.sh [--quick] [--worker-dir DIR] [--keep]
#
#   --quick           200,000-row BIF month instead of 1,000,000 (about 10 minutes instead of 40)
#   --worker-dir DIR  use an existing `dotnet publish -c Release` output instead of publishing one
#   --keep            keep the work folder (database, logs, files) and print where it is
#
# Its own throwaway PostgreSQL cluster (default durability: fsync on, no synchronous_commit=off), Postfix's smtp-sink,
# the demo generator's data at scale, the worker published once in Release and run as real processes. Every workload
# runs beside its reference in the same run, 3 times; the table gives medians and the last line of stdout is one JSON
# object with every key of the issue's table. Progress goes to stderr.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$BENCH_DIR/.." && pwd -P)"
# shellcheck source-path=SCRIPTDIR source=../scripts/lib/infra.sh
source "$REPO_ROOT/scripts/lib/infra.sh"

MODE=full
WORKER_DIR=""
KEEP=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) MODE=quick ;;
    --worker-dir) WORKER_DIR="$(realpath -- "${2:?--worker-dir needs a folder}")"; shift ;;
    --keep) KEEP=1 ;;
    -h | --help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) printf 'bench/run.sh: unknown argument %s (see --help)\n' "$1" >&2; exit 2 ;;
  esac
  shift
done

REPS=3
# Demo citizens per BIF row: the demo's autumn 2010 BIF months hold about 0.78–0.79 rows per citizen, and the
# generator stops at 1,000,000 citizens, so the measured months are cut or grown to the exact size (lib/resize_month.py).
# Dashboard data is always the quick size.
DASH_ROWS=200000
DASH_CITIZENS=253600
DASH_PAGE_BUDGET=30   # seconds per page and mode (see workloads/dashboard.sh)
if [ "$MODE" = quick ]; then
  ROWS=200000
  CITIZENS=253600
  MATCH_CAP=30
else
  ROWS=1000000
  CITIZENS=1000000
  MATCH_CAP=120
fi
# A smoke test of the script itself (not a measurement): BENCH_SMOKE=1 bench/run.sh --quick runs on 20,000 rows.
if [ -n "${BENCH_SMOKE:-}" ]; then
  ROWS=20000
  CITIZENS=25400
  MATCH_CAP=30
  DASH_ROWS=20000
  DASH_CITIZENS=25400
  DASH_PAGE_BUDGET=5
fi
SMALL_ROWS=$((ROWS / 10))
SEED=2009
MEASURED=(2010-10 2010-11 2010-12)   # one month per repetition: import without its SOF partner, then the partner
SETUP_MONTH=2010-09                  # imported first (not measured), the source of the history months
SMALL=(2011-06 2011-07 2011-08)      # the small import of the RSS comparison
KPI_MONTH=2010-12                    # 24 months stored: 2009-01 … 2010-12
MAIL_COUNT=$([ "$MODE" = quick ] && echo 2000 || echo 10000)
# MailKit alone and the dispatcher warm (bench/MailHarness): every repeat in the full run, the first only in --quick
# (they add about 10 s a repeat; the quick run stays under 10 minutes).
MAIL_HARNESS_REPEATS=$([ "$MODE" = quick ] && echo 1 || echo 3)
# Queue throughput: 5,000 no-op jobs a side in the full run, 2,000 in --quick (about 45 s less; the quick run had
# reached 600-610 s with the harness rows).
QUEUE_THROUGHPUT_JOBS=$([ "$MODE" = quick ] && echo 2000 || echo 5000)

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

for tool in python3 curl psql; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is needed"
done

# Disk: the months of history are copies of the measured month at full size (1,000,000 BIF rows and about as many SOF
# rows each, with their indexes). A full run stopped on 2026-11-24 three minutes into copying the history had taken
# 29 GB (the demo's 72 files, kept until then, the imports, the first copies), with 13 GB left on the disk. The demo's
# files now go before the imports and the full run copies only the 20 months of history; it asks for 35 GB free where
# its work folder goes (TMPDIR),
# quick for 10 GB, and says so at once rather than filling the disk half an hour in.
NEED_GB=$([ "$MODE" = quick ] && echo 10 || echo 35)
[ -n "${BENCH_SMOKE:-}" ] && NEED_GB=2
FREE_GB="$(df -P -BG "${TMPDIR:-/tmp}" | awk 'NR == 2 { sub(/G$/, "", $4); print $4 }')"
if [ -n "$FREE_GB" ] && [ "$FREE_GB" -lt "$NEED_GB" ]; then
  die "the $MODE run needs about $NEED_GB GB free under ${TMPDIR:-/tmp} and there are $FREE_GB GB; set TMPDIR to a larger disk"
fi

WORK="$(mktemp -d -t bifsof-bench.XXXXXX)"
chmod 755 "$WORK"
RESULTS="$WORK/results.txt"
: >"$RESULTS"
PG_DATA="$WORK/pg"
PG_STARTED=""
SINK_PID=""
SERVE_PID=""

# shellcheck disable=SC2317 # invoked by the EXIT trap
cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  [ -n "$SERVE_PID" ] && kill -TERM "$SERVE_PID" 2>/dev/null && wait "$SERVE_PID" 2>/dev/null
  [ -n "$SINK_PID" ] && kill -TERM "$SINK_PID" 2>/dev/null
  if [ -n "$PG_STARTED" ]; then
    bifsof_pg_stop "$PG_DATA"
    case "$BIFSOF_PG_DATADIR" in
      "$WORK"/*) ;;
      */bifsof-pg-*/*) [ -z "$KEEP" ] && rm -rf -- "$(dirname "$BIFSOF_PG_DATADIR")" ;;
    esac
  fi
  if [ -n "$KEEP" ]; then
    log "kept the work folder: $WORK"
  else
    rm -rf -- "$WORK"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

put() { printf '%s=%s\n' "$1" "$2" >>"$RESULTS"; }
put mode "$MODE"
put rows "$ROWS"
put small_rows "$SMALL_ROWS"

# --- Tools ----------------------------------------------------------------------
bifsof_ensure_smtp_sink
bifsof_ensure_fonts
bifsof_ensure_gnu_time
[ -x /usr/sbin/smtp-sink ] || die "smtp-sink is missing (Debian's postfix package)"
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (Debian's time package): the CPU figures need it"

# --- The worker, built once -----------------------------------------------------
if [ -z "$WORKER_DIR" ]; then
  log "publishing the worker (Release)"
  dotnet publish "$REPO_ROOT/src/BifSof.Worker" -c Release -o "$WORK/app" --nologo >"$WORK/publish.log" 2>&1 ||
    { tail -30 "$WORK/publish.log" >&2; die "dotnet publish failed"; }
  WORKER_DIR="$WORK/app"
fi
[ -f "$WORKER_DIR/BifSof.Worker.dll" ] || die "no BifSof.Worker.dll in $WORKER_DIR"
# The command that runs the worker's CLI (also handed to the delegated mail workload).
cat >"$WORK/worker" <<EOF
#!/usr/bin/env bash
exec dotnet "$WORKER_DIR/BifSof.Worker.dll" "\$@"
EOF
chmod +x "$WORK/worker"
WORKER="$WORK/worker"

# --- PostgreSQL: default durability ----------------------------------------------
PG_PORT="$(bifsof_free_port)"
PG_STARTED=1
bifsof_pg_start "$PG_DATA" "$PG_PORT"
PGLOG="$BIFSOF_PG_LOG"
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres)
"${PSQL[@]}" -d postgres -c "ALTER SYSTEM SET log_line_prefix = '%m [%p] app=%a '" -c "SELECT pg_reload_conf()" >/dev/null
bifsof_pg_createdb "$PG_PORT" bench
# Every statement of the measured database is logged with its duration: the match and the KPI computation are timed
# from there (the worker's own log lines carry no durations).
"${PSQL[@]}" -d postgres -c "ALTER DATABASE bench SET log_min_duration_statement = 0" >/dev/null

conn() { # conn DB APPNAME [extra]
  printf 'Host=127.0.0.1;Port=%s;Database=%s;Username=postgres;Application Name=%s;Command Timeout=3600%s' \
    "$PG_PORT" "$1" "$2" "${3:+;$3}"
}

# --- SMTP sink ---------------------------------------------------------------------
SINK_PORT="$(bifsof_free_port)"
sink_user=()
if [ "$(id -u)" -eq 0 ]; then sink_user=(-u postfix); fi
/usr/sbin/smtp-sink "${sink_user[@]}" "127.0.0.1:$SINK_PORT" 256 >"$WORK/smtp-sink.log" 2>&1 &
SINK_PID=$!

# --- The worker's settings -----------------------------------------------------------
unset BifSof__DemoDate
export ASPNETCORE_ENVIRONMENT=Development
BifSof__PseudonymKey="$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')"
export BifSof__PseudonymKey
export Smtp__Host=127.0.0.1 Smtp__Port="$SINK_PORT" Smtp__Security=None
export Smtp__From="BifSofWorker <bifsof@bifsof.example.dk>"
export Extracts__InboxPath="$WORK/inbox"
export BifSof__PublicBaseUrl=http://127.0.0.1:5080
mkdir -p "$WORK/inbox"

worker_as() { # worker_as DB APPNAME [extra connection options] -- ARGS...
  local db="$1" app="$2" extra=""
  shift 2
  if [ "$1" != -- ]; then extra="$1"; shift; fi
  shift
  ConnectionStrings__BifSof="$(conn "$db" "$app" "$extra")" "$WORKER" "$@"
}

timed() { # timed OUTFILE CAP COMMAND... -> OUTFILE: seconds, peak RSS MB, exit code
  python3 "$BENCH_DIR/lib/timeit.py" "$@"
}

pglog() { python3 "$BENCH_DIR/lib/pglog.py" "$PGLOG" "$@"; }

terminate_app() {
  "${PSQL[@]}" -d postgres -Atc "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '$1'" >/dev/null || true
}

data_rows() { # data lines of an extract (header and empty lines not counted)
  tail -n +2 "$1" | tr -d '\r' | grep -c .
}

# --- Data -----------------------------------------------------------------------------
source "$BENCH_DIR/workloads/data.sh"
source "$BENCH_DIR/workloads/import.sh"
source "$BENCH_DIR/workloads/kpi.sh"
source "$BENCH_DIR/workloads/dashboard.sh"
source "$BENCH_DIR/workloads/delegated.sh"

bench_data
bench_import_and_match
bench_kpi
bench_dashboard
bench_delegated

log "done; results in the table below"
python3 "$BENCH_DIR/lib/report.py" "$RESULTS"
