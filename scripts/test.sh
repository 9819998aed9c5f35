#!/usr/bin/env bash
# Run the test suite against throwaway infrastructure:
#   - a fast (fsync=off) PostgreSQL cluster on a free port, unless
#     ConnectionStrings__BifSof is already set (then it is used as is)
#   - MailDev on two free ports, unless Smtp__Host is already set
#   - Debian's chromium, the charts' font (fonts-dejavu-core) and the local .NET tools
# All of it lives in a temp dir that is removed on exit.
#
#   scripts/test.sh [extra dotnet test args, e.g. --filter Name~Outbox]
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$REPO_ROOT"
# shellcheck source-path=SCRIPTDIR source=lib/infra.sh
source "$REPO_ROOT/scripts/lib/infra.sh"

WORK_DIR="$(mktemp -d -t bifsof-test.XXXXXX)"
# The PostgreSQL server runs as `postgres` when we are root: it must be able
# to traverse into WORK_DIR.
chmod 755 "$WORK_DIR"
PG_DATA="$WORK_DIR/pg"
PG_STARTED=""
MAILDEV_PIDFILE=""

# shellcheck disable=SC2317 # invoked by the EXIT trap
cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  if [ -n "$MAILDEV_PIDFILE" ]; then
    bifsof_maildev_stop "$MAILDEV_PIDFILE"
  fi
  if [ -n "$PG_STARTED" ]; then
    bifsof_pg_stop "$PG_DATA"
    # A fallback data dir outside WORK_DIR (see bifsof_pg_start) goes too.
    case "$BIFSOF_PG_DATADIR" in
      "$WORK_DIR"/*) ;;
      */bifsof-pg-*/*) rm -rf -- "$(dirname "$BIFSOF_PG_DATADIR")" ;;
    esac
  fi
  rm -rf -- "$WORK_DIR"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bifsof_ensure_dotnet_tools
if ! bifsof_ensure_chromium; then
  echo "[test] warning: chromium is not available; browser tests will fail" >&2
fi
bifsof_ensure_fonts
bifsof_ensure_smtp_sink
export BIFSOF_SMTP_SINK_BIN=/usr/sbin/smtp-sink

# --- PostgreSQL --------------------------------------------------------------
if [ -z "${ConnectionStrings__BifSof:-}" ]; then
  pg_port="$(bifsof_free_port)"
  PG_STARTED=1
  bifsof_pg_start "$PG_DATA" "$pg_port" fast
  # Database=postgres: the tests create their own databases.
  export ConnectionStrings__BifSof="Host=127.0.0.1;Port=$pg_port;Database=postgres;Username=postgres"
fi

# --- MailDev -----------------------------------------------------------------
# Always a sink of the tests' own, even when Smtp__Host is set: the tests read what arrived through MailDev's web API.
# They also start extra MailDev instances themselves (SMTP-down scenarios).
BIFSOF_MAILDEV_BIN="$(bifsof_maildev_bin)"
export BIFSOF_MAILDEV_BIN
smtp_port="$(bifsof_free_port)"
web_port="$(bifsof_free_port)"
while [ "$web_port" = "$smtp_port" ]; do web_port="$(bifsof_free_port)"; done
MAILDEV_PIDFILE="$WORK_DIR/maildev.pid"
bifsof_maildev_start "$smtp_port" "$web_port" "$WORK_DIR/maildev.log"
export BIFSOF_TEST_MAILDEV_WEB="http://127.0.0.1:$web_port"
export Smtp__Host=127.0.0.1
export Smtp__Port="$smtp_port"
export Smtp__Security=None
export Smtp__From="BifSofWorker <bifsof@bifsof.example.dk>"

# --- Tests -------------------------------------------------------------------
echo "[test] ConnectionStrings__BifSof=$ConnectionStrings__BifSof" >&2
echo "[test] Smtp__Host=${Smtp__Host:-} Smtp__Port=${Smtp__Port:-} BIFSOF_TEST_MAILDEV_WEB=${BIFSOF_TEST_MAILDEV_WEB:-}" >&2

# The TRX files feed the closing lines below: each failed test again with its message
# (so a log cut to its tail still names it) and "Tests: N passed, N failed, N skipped".
results_dir="$WORK_DIR/results"
rc=0
dotnet test BifSofWorker.sln -c Release --logger "console;verbosity=normal" \
  --logger "trx;LogFilePrefix=bifsof" --results-directory "$results_dir" "$@" || rc=$?

if command -v python3 >/dev/null 2>&1; then
  python3 - "$results_dir" <<'PY' || true
import glob
import sys
import xml.etree.ElementTree as ET

files = glob.glob(sys.argv[1] + "/**/*.trx", recursive=True)
passed = failed = skipped = 0
seen = False
failures = []
for name in files:
    try:
        root = ET.parse(name).getroot()
        counters = root.find(".//{*}ResultSummary/{*}Counters")
    except (ET.ParseError, OSError):
        continue
    for result in root.iterfind(".//{*}UnitTestResult"):
        if result.get("outcome") not in ("Passed", "NotExecuted"):
            message = result.findtext(".//{*}ErrorInfo/{*}Message") or ""
            stack = result.findtext(".//{*}ErrorInfo/{*}StackTrace") or ""
            failures.append((result.get("testName"), message.strip(), stack.strip()))
    if counters is None:
        continue
    seen = True
    n = lambda key: int(counters.get(key, "0") or 0)
    passed += n("passed")
    failed += n("failed") + n("error") + n("timeout") + n("aborted")
    skipped += max(n("total") - n("executed"), 0)
# Failures are repeated here, at the end, so that a log cut to its tail still names them.
for test, message, stack in failures:
    print(f"FAILED {test}")
    for line in (message.splitlines()[:20] + stack.splitlines()[:8]):
        print(f"    {line}")
if seen:
    print(f"Tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
fi
exit "$rc"
