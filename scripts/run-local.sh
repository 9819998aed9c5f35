#!/usr/bin/env bash
# Run BifSofWorker locally with everything it needs:
#   - a private PostgreSQL cluster in .data/pg (unless ConnectionStrings__BifSof is set)
#   - MailDev as the SMTP server + web inbox      (unless Smtp__Host is set)
#   - keys in .data/*.key and an admin user whose password is in .data/admin.password
# then `serve`. Running it again reuses all of it.
#
#   scripts/run-local.sh          start (Ctrl-C stops the worker)
#   scripts/run-local.sh stop     stop the background PostgreSQL and MailDev
#
# Knobs: BIFSOF_PG_PORT (55432), BIFSOF_SMTP_PORT (1025),
#        BIFSOF_MAILDEV_WEB_PORT (1080), ASPNETCORE_URLS (http://127.0.0.1:5080),
#        BifSof__DemoDate (2010-03-03, the demo data's day; set it empty for the real date).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$REPO_ROOT"
# shellcheck source-path=SCRIPTDIR source=lib/infra.sh
source "$REPO_ROOT/scripts/lib/infra.sh"

DATA_DIR="$REPO_ROOT/.data"
PG_DATA="$DATA_DIR/pg"
MAILDEV_LOG="$DATA_DIR/maildev.log"
MAILDEV_PIDFILE="$DATA_DIR/maildev.pid"
PROJECT="src/BifSof.Worker"

log() { printf '[run-local] %s\n' "$*" >&2; }

# The worker's CLI, on the Release build made below. --no-launch-profile so a
# launch profile can never override the environment set here.
worker() {
  dotnet run --no-build --no-launch-profile -c Release --project "$PROJECT" -- "$@"
}

# random_hex N: N random bytes as 2N lowercase hex characters.
random_hex() {
  od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'
}

random_password() {
  head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | cut -c1-24
}

# write_secret FILE VALUE: create FILE with mode 600 atomically.
write_secret() {
  local file="$1" value="$2" tmp
  tmp="$(mktemp "$file.XXXXXX")"
  chmod 600 "$tmp"
  printf '%s\n' "$value" >"$tmp"
  mv -f "$tmp" "$file"
}

read_secret() {
  tr -d '[:space:]' <"$1"
}

# ensure_key VAR FILE: export VAR from the environment, else from FILE,
# generating a 64-hex-char key into FILE the first time.
ensure_key() {
  local var="$1" file="$2" value
  if [ -n "${!var:-}" ]; then
    return 0
  fi
  if [ ! -s "$file" ]; then
    log "generating $var into ${file#"$REPO_ROOT"/}"
    write_secret "$file" "$(random_hex 32)"
  fi
  value="$(read_secret "$file")"
  export "$var=$value"
}

stop_services() {
  bifsof_maildev_stop "$MAILDEV_PIDFILE"
  bifsof_pg_stop "$PG_DATA"
}

case "${1:-}" in
  "") ;;
  stop)
    stop_services
    exit 0
    ;;
  -h | --help)
    sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *)
    printf 'usage: %s [stop]\n' "$0" >&2
    exit 2
    ;;
esac

mkdir -p "$DATA_DIR"
# The charts (Nøgletal, the monthly digest) are drawn with DejaVu Sans.
bifsof_ensure_fonts

# --- PostgreSQL --------------------------------------------------------------
if [ -z "${ConnectionStrings__BifSof:-}" ]; then
  pg_port="${BIFSOF_PG_PORT:-55432}"
  bifsof_pg_start "$PG_DATA" "$pg_port"
  bifsof_pg_createdb "$pg_port" bifsof
  export ConnectionStrings__BifSof="Host=127.0.0.1;Port=$pg_port;Database=bifsof;Username=postgres"
fi

# --- SMTP (MailDev) ------------------------------------------------------------
maildev_web_url=""
if [ -z "${Smtp__Host:-}" ]; then
  smtp_port="${BIFSOF_SMTP_PORT:-1025}"
  maildev_web_port="${BIFSOF_MAILDEV_WEB_PORT:-1080}"
  bifsof_maildev_start "$smtp_port" "$maildev_web_port" "$MAILDEV_LOG"
  maildev_web_url="http://127.0.0.1:$maildev_web_port/"
  export Smtp__Host=127.0.0.1
  export Smtp__Port="$smtp_port"
  export Smtp__Security=None
  export Smtp__From="${Smtp__From:-BifSofWorker <bifsof@bifsof.example.dk>}"
fi

# --- Keys and URLs -------------------------------------------------------------
ensure_key BifSof__PseudonymKey "$DATA_DIR/pseudonym.key"

export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5080}"
# Extracts dropped here are imported by the import-inbox job.
export Extracts__InboxPath="${Extracts__InboxPath:-$DATA_DIR/inbox}"
# The base of the answer links in reminder e-mails.
export BifSof__PublicBaseUrl="${BifSof__PublicBaseUrl:-${ASPNETCORE_URLS%%;*}}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"

# The demo lives in the strategy's period: the worker's clock starts at this day when it starts and runs on in real
# time (docs/demo.md). 2010-03-03, a Wednesday, was picked by replaying the weekday-morning jobs on the demo data:
# it is the day the catalogue was written, both 17 March proposals get their 14-day reminder, February's digest is
# due, and every kind of e-mail is queued. Set BifSof__DemoDate= (empty) to run on the real date instead.
# Used for `serve` and the verbs of .data/env only: the set-up steps below run on the real clock.
demo_date="${BifSof__DemoDate-2010-03-03}"
unset BifSof__DemoDate

# --- The environment, for verbs run from another terminal ----------------------
# `. .data/env` then `dotnet run --project src/BifSof.Worker -- run milestone-reminders --as-of 2010-03-03`.
(
  umask 077
  for name in ConnectionStrings__BifSof Smtp__Host Smtp__Port Smtp__Security Smtp__From BifSof__PseudonymKey \
    BifSof__PublicBaseUrl Extracts__InboxPath ASPNETCORE_ENVIRONMENT; do
    printf 'export %s=%q\n' "$name" "${!name:-}"
  done
  printf 'export %s=%q\n' BifSof__DemoDate "$demo_date"
) >"$DATA_DIR/env"

# --- Build and one-off setup steps -------------------------------------------
log "building $PROJECT (Release)"
dotnet build -c Release "$PROJECT"

log "loading the catalogue"
worker catalogue load

# First run only: the admin user. The password is kept in a pending file until
# `user add` succeeded, so a failed attempt is retried with the same password.
if [ ! -f "$DATA_DIR/admin.password" ]; then
  pending="$DATA_DIR/admin.password.pending"
  if [ ! -s "$pending" ]; then
    write_secret "$pending" "$(random_password)"
  fi
  admin_pw="$(read_secret "$pending")"
  log "creating the admin user"
  if ! printf '%s' "$admin_pw" | worker user add admin --role admin --password-stdin; then
    log "ERROR: 'user add admin' failed; fix the cause and run again (the same password will be used)."
    exit 1
  fi
  mv -f "$pending" "$DATA_DIR/admin.password"
  unset admin_pw
fi

# --- Demo data (first run only) ---------------------------------------------
# Synthetic extracts for 2009-01 ... 2011-12, shaped like the strategy's figures, so the dashboard has a story to
# tell. The marker is written only after every file imported; a failed attempt is retried on the next run.
if [ ! -f "$DATA_DIR/demo.imported" ]; then
  log "writing and importing the demo extracts (first run only)"
  rm -rf "$DATA_DIR/demo"
  worker demo --out "$DATA_DIR/demo"
  worker import "$DATA_DIR"/demo/*.csv >/dev/null
  # Their KPIs now, so the digest finds last month's figures as soon as the worker starts.
  worker run monthly-kpis >/dev/null
  touch "$DATA_DIR/demo.imported"
fi

# --- Serve ------------------------------------------------------------------
base_url="${ASPNETCORE_URLS%%;*}"
base_url="${base_url%/}"
{
  echo
  echo "================ BifSofWorker (local) ================"
  echo "  Dashboard : $base_url/hangfire"
  echo "  User      : admin"
  echo "  Password  : $(read_secret "$DATA_DIR/admin.password")"
  if [ -n "$maildev_web_url" ]; then
    echo "  Mail inbox: $maildev_web_url (MailDev)"
  else
    echo "  Mail      : via $Smtp__Host:${Smtp__Port:-?} (Smtp__Host was set)"
  fi
  if [ -n "$demo_date" ]; then
    echo "  Demo date : $demo_date — the worker's clock starts at that day now and runs"
    echo "              on in real time (pages, reminders, chasers, digests); every page"
    echo "              and e-mail says so. The day's weekday-morning jobs run once at"
    echo "              start: the inbox fills within a few minutes. Real date:"
    echo "              BifSof__DemoDate= scripts/run-local.sh"
  fi
  echo "  Stop      : Ctrl-C stops the worker; PostgreSQL and MailDev keep"
  echo "              running for the next run: scripts/run-local.sh stop"
  echo "======================================================"
  echo
}

if [ -n "$demo_date" ]; then
  log "serving with the demo date $demo_date (BifSof__DemoDate)"
  export BifSof__DemoDate="$demo_date"
fi
exec dotnet run --no-build --no-launch-profile -c Release --project "$PROJECT" -- serve
