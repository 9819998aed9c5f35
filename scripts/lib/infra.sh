# shellcheck shell=bash
# Shared helpers for the BifSofWorker scripts (run-local.sh, test.sh).
#
# Source this file; it only defines functions and a few variables. Every
# function is safe under `set -euo pipefail`. Informational output goes to
# stderr; functions that return a value print it (and only it) on stdout.
#
#   bifsof_pg_bin_dir                      -> prints PostgreSQL server bin dir
#   bifsof_pg_start DATADIR PORT [fast]    -> create + start a private cluster
#   bifsof_pg_stop DATADIR                 -> stop it (no-op if not running)
#   bifsof_pg_createdb PORT DBNAME         -> create database if missing
#   bifsof_maildev_bin                     -> prints path to a pinned MailDev
#   bifsof_maildev_start SMTP WEB LOGFILE  -> start MailDev (or reuse one)
#   bifsof_maildev_stop PIDFILE            -> stop a MailDev we started
#   bifsof_free_port                       -> prints a free TCP port
#   bifsof_ensure_chromium                 -> make sure /usr/bin/chromium exists
#   bifsof_ensure_fonts                    -> make sure the chart font (DejaVu Sans) is installed
#   bifsof_ensure_dotnet_tools             -> dotnet tool restore

if [ -n "${_BIFSOF_INFRA_SOURCED:-}" ]; then
  return 0
fi
_BIFSOF_INFRA_SOURCED=1

# Repository root: this file lives in <repo>/scripts/lib/.
BIFSOF_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"

# MailDev version installed into <repo>/.data/tools (latest 2.x on npm).
BIFSOF_MAILDEV_VERSION="${BIFSOF_MAILDEV_VERSION:-2.2.1}"

# Set by bifsof_pg_start: the data directory / log actually used (may differ
# from the requested one when root has to fall back to a temp directory).
BIFSOF_PG_DATADIR=""
BIFSOF_PG_LOG=""
# Set by bifsof_maildev_start: the pid file it writes (or would have written,
# when an already running MailDev is reused).
BIFSOF_MAILDEV_PIDFILE=""

_bifsof_log() { printf '[bifsof] %s\n' "$*" >&2; }
_bifsof_die() { printf '[bifsof] ERROR: %s\n' "$*" >&2; return 1; }
_bifsof_is_root() { [ "$(id -u)" -eq 0 ]; }

# Installing Debian packages needs root, or sudo (which may ask for a password when run by hand).
_bifsof_sudo() {
  if _bifsof_is_root; then
    "$@"
  else
    sudo "$@"
  fi
}

_bifsof_can_install() { _bifsof_is_root || command -v sudo >/dev/null 2>&1; }

# Run a command as the PostgreSQL server user, from / (so an unreadable
# current directory does not bother initdb/pg_ctl).
_bifsof_as_pg() {
  if _bifsof_is_root; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

_bifsof_hash() {
  printf '%s' "$1" | sha256sum | cut -c1-12
}

# Quiet, offline-friendly .NET CLI for every script that sources this file.
export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"
export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"

_BIFSOF_APT_UPDATED=""
_bifsof_apt_install() {
  if [ -z "$_BIFSOF_APT_UPDATED" ]; then
    _bifsof_sudo apt-get -q update </dev/null >&2
    _BIFSOF_APT_UPDATED=1
  fi
  _bifsof_sudo env DEBIAN_FRONTEND=noninteractive apt-get -q install -y "$@" </dev/null >&2
}

# ---------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------

_bifsof_find_pg_bin() {
  local d best="" best_ver=-1 ver
  if command -v pg_config >/dev/null 2>&1; then
    d="$(pg_config --bindir 2>/dev/null || true)"
    if [ -n "$d" ] && [ -x "$d/initdb" ]; then
      printf '%s\n' "$d"
      return 0
    fi
  fi
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] || continue
    ver="$(basename "$(dirname "$d")")"
    ver="${ver%%.*}"
    case "$ver" in '' | *[!0-9]*) ver=0 ;; esac
    if [ "$ver" -gt "$best_ver" ]; then
      best_ver="$ver"
      best="$d"
    fi
  done
  if [ -n "$best" ]; then
    printf '%s\n' "$best"
    return 0
  fi
  return 1
}

# Prints the directory holding initdb/pg_ctl/postgres; installs Debian's
# postgresql package when missing and we are root.
bifsof_pg_bin_dir() {
  local d
  if d="$(_bifsof_find_pg_bin)"; then
    printf '%s\n' "$d"
    return 0
  fi
  if ! _bifsof_can_install; then
    _bifsof_die "PostgreSQL server binaries (initdb) not found in \`pg_config --bindir\` or /usr/lib/postgresql/*/bin. Install them, e.g. 'sudo apt-get install postgresql', and run again."
    return 1
  fi
  _bifsof_log "PostgreSQL server binaries not found; installing Debian's postgresql package"
  _bifsof_apt_install postgresql || _bifsof_apt_install postgresql-15 ||
    { _bifsof_die "apt-get install postgresql failed"; return 1; }
  if d="$(_bifsof_find_pg_bin)"; then
    printf '%s\n' "$d"
    return 0
  fi
  _bifsof_die "postgresql installed but initdb still not found"
}

# Is DIR reachable (every parent traversable) by the server user?
_bifsof_pg_can_reach() {
  _bifsof_as_pg test -d "$1" -a -x "$1" 2>/dev/null
}

# _bifsof_pg_resolve_datadir REQUESTED CREATE(0|1)
# Prints the data directory to use. As root the server runs as `postgres`,
# which must be able to traverse to the directory; if it cannot, use
# ${TMPDIR:-/tmp}/bifsof-pg-<hash of requested path>/<basename> instead.
_bifsof_pg_resolve_datadir() {
  local req create="$2" parent base cand fb
  req="$(realpath -m -- "$1")" || return 1
  if ! _bifsof_is_root; then
    printf '%s\n' "$req"
    return 0
  fi
  if [ -f "$req/PG_VERSION" ] && _bifsof_pg_can_reach "$req"; then
    printf '%s\n' "$req"
    return 0
  fi
  parent="$(dirname "$req")"
  if [ "$create" = 1 ]; then
    mkdir -p -- "$parent" || return 1
  fi
  if [ -d "$parent" ] && _bifsof_pg_can_reach "$parent"; then
    printf '%s\n' "$req"
    return 0
  fi
  base="bifsof-pg-$(_bifsof_hash "$req")"
  for cand in "${TMPDIR:-/tmp}" /tmp; do
    fb="$(realpath -m -- "$cand/$base")"
    if [ "$create" = 1 ]; then
      mkdir -p -- "$fb" 2>/dev/null || continue
      chmod 755 "$fb"
    fi
    if [ -d "$fb" ] && _bifsof_pg_can_reach "$fb"; then
      if [ "$create" = 1 ]; then
        _bifsof_log "note: user postgres cannot traverse $parent; using $fb/$(basename "$req") as the PostgreSQL data directory instead"
      fi
      printf '%s\n' "$fb/$(basename "$req")"
      return 0
    fi
    if [ "$create" = 1 ]; then
      rmdir -- "$fb" 2>/dev/null || true
    fi
  done
  if [ "$create" = 1 ]; then
    _bifsof_die "user postgres can reach neither $parent nor a directory under ${TMPDIR:-/tmp} or /tmp"
    return 1
  fi
  # Nothing was ever created; report the requested path.
  printf '%s\n' "$req"
}

# Prints the port of a running cluster (from postmaster.pid), or nothing.
_bifsof_pg_running_port() {
  local datadir="$1"
  [ -f "$datadir/postmaster.pid" ] || return 0
  sed -n '4p' "$datadir/postmaster.pid" 2>/dev/null || true
}

_bifsof_pg_is_running() {
  local bin="$1" datadir="$2"
  [ -f "$datadir/PG_VERSION" ] || return 1
  _bifsof_as_pg "$bin/pg_ctl" -D "$datadir" status >/dev/null 2>&1
}

# bifsof_pg_start DATADIR PORT [fast]
bifsof_pg_start() {
  local req="${1:?usage: bifsof_pg_start DATADIR PORT [fast]}"
  local port="${2:?usage: bifsof_pg_start DATADIR PORT [fast]}"
  local mode="${3:-}"
  local bin datadir logfile sockdir locale_opt locales running_port opts
  case "$port" in '' | *[!0-9]*) _bifsof_die "invalid port: $port"; return 1 ;; esac
  case "$mode" in '' | fast) ;; *) _bifsof_die "bifsof_pg_start: third argument must be 'fast' or empty, got '$mode'"; return 1 ;; esac

  bin="$(bifsof_pg_bin_dir)" || return 1
  if _bifsof_is_root && ! id postgres >/dev/null 2>&1; then
    _bifsof_die "running as root but there is no 'postgres' OS user to run the server as"
    return 1
  fi
  datadir="$(_bifsof_pg_resolve_datadir "$req" 1)" || return 1
  logfile="$(dirname "$datadir")/postgres.log"
  # shellcheck disable=SC2034 # read by the caller
  BIFSOF_PG_DATADIR="$datadir"
  # shellcheck disable=SC2034 # read by the caller
  BIFSOF_PG_LOG="$logfile"

  # Socket directory, beside the data dir and owned by the server user.
  sockdir="$datadir.sock"
  if [ "${#sockdir}" -gt 80 ]; then
    # Unix socket paths are limited to ~107 bytes.
    sockdir="/tmp/bifsof-pgsock-$(_bifsof_hash "$datadir")"
  fi

  mkdir -p -- "$datadir" "$sockdir" || return 1
  touch -- "$logfile" || return 1
  if _bifsof_is_root; then
    if [ "$(stat -c %U -- "$datadir")" != postgres ]; then
      chown -R postgres:postgres -- "$datadir" || return 1
    fi
    chown postgres:postgres -- "$sockdir" "$logfile" || return 1
  fi
  chmod 700 -- "$datadir" "$sockdir" || return 1

  if [ ! -f "$datadir/PG_VERSION" ]; then
    # (no `locale -a | grep -q`: grep exiting early trips pipefail)
    locales="$(locale -a 2>/dev/null || true)"
    if printf '%s\n' "$locales" | grep -iE '^c\.utf-?8$' >/dev/null; then
      locale_opt="--locale=C.UTF-8"
    else
      locale_opt="--no-locale"
    fi
    _bifsof_log "initialising PostgreSQL cluster in $datadir"
    local initdb_args=(-D "$datadir" -U postgres --auth=trust --encoding=UTF8 "$locale_opt")
    if [ "$mode" = fast ]; then initdb_args+=(--no-sync); fi
    if ! _bifsof_as_pg "$bin/initdb" "${initdb_args[@]}" >&2; then
      _bifsof_die "initdb failed for $datadir"
      return 1
    fi
    # Trust, but only over the Unix socket and 127.0.0.1 (listen_addresses
    # is 127.0.0.1 too).
    _bifsof_as_pg tee "$datadir/pg_hba.conf" >/dev/null <<'EOF' || return 1
# Written by scripts/lib/infra.sh: local development/test cluster.
# TYPE  DATABASE     USER  ADDRESS       METHOD
local   all          all                 trust
host    all          all   127.0.0.1/32  trust
local   replication  all                 trust
host    replication  all   127.0.0.1/32  trust
EOF
  fi

  if _bifsof_pg_is_running "$bin" "$datadir"; then
    running_port="$(_bifsof_pg_running_port "$datadir")"
    if [ "$running_port" = "$port" ]; then
      _bifsof_log "PostgreSQL already running in $datadir on port $port; reusing it"
      return 0
    fi
    _bifsof_log "PostgreSQL in $datadir runs on port ${running_port:-?}, not $port; restarting it"
    _bifsof_as_pg "$bin/pg_ctl" -D "$datadir" stop -m fast -w >&2 || return 1
  fi

  opts="-p $port -k '$sockdir' -c listen_addresses=127.0.0.1 -c max_connections=200"
  if [ "$mode" = fast ]; then
    opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  fi
  _bifsof_log "starting PostgreSQL ($datadir) on 127.0.0.1:$port, log $logfile"
  if ! _bifsof_as_pg "$bin/pg_ctl" -D "$datadir" -o "$opts" -l "$logfile" -w -t 60 start >&2; then
    _bifsof_log "PostgreSQL failed to start; last lines of $logfile:"
    tail -n 30 -- "$logfile" >&2 || true
    return 1
  fi
}

# bifsof_pg_stop DATADIR
bifsof_pg_stop() {
  local req="${1:?usage: bifsof_pg_stop DATADIR}"
  local bin datadir
  bin="$(_bifsof_find_pg_bin)" || return 0
  datadir="$(_bifsof_pg_resolve_datadir "$req" 0)"
  if _bifsof_pg_is_running "$bin" "$datadir"; then
    _bifsof_log "stopping PostgreSQL in $datadir"
    _bifsof_as_pg "$bin/pg_ctl" -D "$datadir" stop -m fast -w >&2
  fi
}

# bifsof_pg_createdb PORT DBNAME
bifsof_pg_createdb() {
  local port="${1:?usage: bifsof_pg_createdb PORT DBNAME}"
  local db="${2:?usage: bifsof_pg_createdb PORT DBNAME}"
  psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres \
    -v db="$db" >/dev/null <<'SQL'
SELECT format('CREATE DATABASE %I', :'db')
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db')
\gexec
SQL
}

# ---------------------------------------------------------------------------
# MailDev
# ---------------------------------------------------------------------------

# Prints the path to the MailDev binary, installing the pinned version into
# <repo>/.data/tools when needed.
bifsof_maildev_bin() {
  local tools="$BIFSOF_REPO_ROOT/.data/tools"
  local bin="$tools/node_modules/.bin/maildev"
  local have=""
  if [ -x "$bin" ] && [ -f "$tools/node_modules/maildev/package.json" ]; then
    have="$(node -p "require(process.argv[1]).version" "$tools/node_modules/maildev/package.json" 2>/dev/null || true)"
  fi
  if [ "$have" != "$BIFSOF_MAILDEV_VERSION" ]; then
    command -v npm >/dev/null 2>&1 || { _bifsof_die "npm not found; Node.js + npm are needed to install MailDev"; return 1; }
    _bifsof_log "installing maildev@$BIFSOF_MAILDEV_VERSION into $tools"
    mkdir -p -- "$tools" || return 1
    if [ ! -f "$tools/package.json" ]; then
      printf '{\n  "private": true,\n  "description": "Local tools for BifSofWorker scripts (generated)"\n}\n' >"$tools/package.json"
    fi
    if ! npm install --prefix "$tools" --no-audit --no-fund --no-progress --loglevel=error \
      "maildev@$BIFSOF_MAILDEV_VERSION" </dev/null >&2; then
      _bifsof_die "npm install maildev@$BIFSOF_MAILDEV_VERSION failed"
      return 1
    fi
    [ -x "$bin" ] || { _bifsof_die "maildev installed but $bin is missing"; return 1; }
  fi
  printf '%s\n' "$bin"
}

# curl when the machine has it, else Node.js (a prerequisite anyway: MailDev runs on it).
_bifsof_http_ok() {
  if command -v curl >/dev/null 2>&1; then
    curl -fsS -m 2 -o /dev/null "$1" 2>/dev/null
  else
    node -e 'const r=require("http").get(process.argv[1],{timeout:2000},s=>process.exit(s.statusCode<400?0:1));r.on("error",()=>process.exit(1));r.on("timeout",()=>{r.destroy();process.exit(1)})' "$1" 2>/dev/null
  fi
}

_bifsof_tcp_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# bifsof_maildev_start SMTPPORT WEBPORT LOGFILE
# Beside LOGFILE (say X.log, or X): the pid file X.pid, whose path is also left
# in BIFSOF_MAILDEV_PIDFILE, and the mail store X-mail/ (MailDev's default
# store, /tmp/maildev-<pid>, is never cleaned up; this one is reloaded when
# MailDev restarts).
bifsof_maildev_start() {
  local smtp="${1:?usage: bifsof_maildev_start SMTPPORT WEBPORT LOGFILE}"
  local web="${2:?usage: bifsof_maildev_start SMTPPORT WEBPORT LOGFILE}"
  local log="${3:?usage: bifsof_maildev_start SMTPPORT WEBPORT LOGFILE}"
  local stem pidfile maildir bin pid="" deadline
  stem="${log%.log}"
  pidfile="$stem.pid"
  maildir="$stem-mail"
  # shellcheck disable=SC2034 # read by the caller
  BIFSOF_MAILDEV_PIDFILE="$pidfile"

  if _bifsof_http_ok "http://127.0.0.1:$web/email"; then
    _bifsof_log "MailDev already answering on http://127.0.0.1:$web; reusing it"
    if ! _bifsof_tcp_open "$smtp"; then
      _bifsof_log "warning: nothing listens on SMTP port $smtp, the running MailDev may use another one"
    fi
    return 0
  fi

  bin="$(bifsof_maildev_bin)" || return 1
  mkdir -p -- "$(dirname "$log")" "$maildir" || return 1
  _bifsof_log "starting MailDev: SMTP 127.0.0.1:$smtp, web http://127.0.0.1:$web, log $log"
  # New session, so a Ctrl-C aimed at the caller does not reach it. The inner
  # shell writes its own pid, then execs MailDev (which keeps that pid).
  # shellcheck disable=SC2016 # $$ and $1 are for the inner shell
  setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$pidfile" \
    "$bin" --ip 127.0.0.1 --web-ip 127.0.0.1 --smtp "$smtp" --web "$web" \
    --mail-directory "$maildir" \
    </dev/null >>"$log" 2>&1 &

  deadline=$((SECONDS + 30))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if _bifsof_http_ok "http://127.0.0.1:$web/email" && _bifsof_tcp_open "$smtp"; then
      _bifsof_log "MailDev ready (pid $(cat "$pidfile" 2>/dev/null || echo '?'))"
      return 0
    fi
    pid="$(cat "$pidfile" 2>/dev/null || true)"
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      break
    fi
    sleep 0.1
  done
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    _bifsof_log "MailDev did not answer on http://127.0.0.1:$web/email within 30 s; last lines of $log:"
  else
    _bifsof_log "MailDev exited during startup (port $smtp or $web taken?); last lines of $log:"
  fi
  tail -n 30 -- "$log" >&2 || true
  bifsof_maildev_stop "$pidfile" || true
  return 1
}

# bifsof_maildev_stop PIDFILE
bifsof_maildev_stop() {
  local pidfile="${1:?usage: bifsof_maildev_stop PIDFILE}"
  local pid i
  [ -f "$pidfile" ] || return 0
  pid="$(cat "$pidfile" 2>/dev/null || true)"
  case "$pid" in '' | *[!0-9]*) rm -f -- "$pidfile"; return 0 ;; esac
  if kill -0 "$pid" 2>/dev/null; then
    _bifsof_log "stopping MailDev (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f -- "$pidfile"
}

# ---------------------------------------------------------------------------
# Misc
# ---------------------------------------------------------------------------

# Prints a TCP port that is free on 127.0.0.1 right now.
bifsof_free_port() {
  local p i
  if command -v python3 >/dev/null 2>&1 &&
    python3 -c 'import socket
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()' 2>/dev/null; then
    return 0
  fi
  for ((i = 0; i < 200; i++)); do
    p=$((20000 + RANDOM % 20000))
    if ! _bifsof_tcp_open "$p"; then
      printf '%s\n' "$p"
      return 0
    fi
  done
  _bifsof_die "could not find a free TCP port"
}

# Makes sure FILE exists, installing Debian's PACKAGE when it does not (as root or with sudo); without either, a warning
# says what is missing and what it is FOR, and the caller goes on.
_bifsof_ensure_package() { # FILE PACKAGE FOR
  local file="$1" package="$2" purpose="$3"
  if [ -e "$file" ]; then
    return 0
  fi
  if ! _bifsof_can_install; then
    _bifsof_log "warning: $file is missing and neither root nor sudo is available; install Debian's $package package (sudo apt-get install $package) $purpose"
    return 0
  fi
  _bifsof_log "installing Debian's $package package $purpose"
  if ! _bifsof_apt_install "$package"; then
    _bifsof_die "apt-get install $package failed"
    return 1
  fi
}

# Debian's chromium, for the browser tests (Playwright drives /usr/bin/chromium).
bifsof_ensure_chromium() { _bifsof_ensure_package /usr/bin/chromium chromium "for the browser tests"; }

# The font the activation-rate chart is drawn with (ScottPlot, for the Nøgletal page and the digest's PNG): Debian's
# fonts-dejavu-core. Without it the chart falls back to whatever font the machine has, or draws no text at all.
bifsof_ensure_fonts() {
  _bifsof_ensure_package /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf fonts-dejavu-core "(the charts' font)"
}

# GNU time (/usr/bin/time): the bench's CPU figure of each process it runs (user + system seconds).
bifsof_ensure_gnu_time() { _bifsof_ensure_package /usr/bin/time time "(the bench needs it for its CPU figures)"; }

# Postfix's smtp-sink: a real SMTP server that can be told to refuse commands (tests of refused mail) and the
# reference for mail throughput. Postfix itself is installed unconfigured, so no mail daemon starts.
bifsof_ensure_smtp_sink() {
  if [ -x /usr/sbin/smtp-sink ]; then
    return 0
  fi
  if ! _bifsof_can_install; then
    _bifsof_log "warning: /usr/sbin/smtp-sink is missing and neither root nor sudo is available; install Debian's postfix package for the refused-mail tests"
    return 0
  fi
  # Note: on a machine whose mail server is another package (exim4), apt replaces it with postfix.
  _bifsof_log "installing Debian's postfix package (unconfigured) for smtp-sink"
  echo "postfix postfix/main_mailer_type select No configuration" | _bifsof_sudo debconf-set-selections
  if ! _bifsof_apt_install postfix; then
    _bifsof_die "apt-get install postfix failed"
    return 1
  fi
}

# Restores the local .NET tools from <repo>/dotnet-tools.json.
bifsof_ensure_dotnet_tools() {
  (cd "$BIFSOF_REPO_ROOT" && dotnet tool restore >&2)
}
