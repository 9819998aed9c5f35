#!/usr/bin/env bash
# The outbox against its physical reference, in the same run (issue 12):
#
#   bash bench/workloads/mail.sh --count N --pg "<connection string>" --sink-port P --worker "<worker CLI command>"
#                                [--sessions S] [--repeats R]
#
# Queues N digest-sized e-mails (HTML and text bodies, an inline chart-sized PNG and a workbook-sized .xlsx
# attachment, like the monthly digest) straight into bifsof.outbox_messages with SQL, runs the worker's `dispatch`
# against Postfix's smtp-sink on 127.0.0.1:P, then runs `smtp-source` with the same count, message size and number
# of sessions against the same sink. R repeats (default 3); the medians go to stdout as
#
#   mail_msgs_per_s=…
#   smtp_source_msgs_per_s=…
#   mail_vs_smtp_source=…
#
# and everything else to stderr. The sink on P is started here (and stopped at the end) unless something already
# listens there. The worker command gets `dispatch` appended and runs with ConnectionStrings__BifSof=--pg and
# Smtp__Host/Port/Security pointed at the sink; Smtp__From, Smtp__Sessions and BifSof__PseudonymKey are taken from the
# environment when set. The outbox must hold nothing else pending (the script drains it first).
#
# What the figure is: N ÷ (wall time of `dispatch` − wall time of a `dispatch` with nothing to send), so process
# start-up and migrations are excluded. smtp-source's figure is N ÷ its wall time. Sizes: MAIL_BENCH_CHART_BYTES
# (default 40000), MAIL_BENCH_WORKBOOK_BYTES (default 12000), MAIL_BENCH_HTML_BYTES (default 5000).
set -euo pipefail

count="" pg="" sink_port="" worker="" sessions="${Smtp__Sessions:-4}" repeats=3
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count="$2"; shift 2 ;;
    --pg) pg="$2"; shift 2 ;;
    --sink-port) sink_port="$2"; shift 2 ;;
    --worker) worker="$2"; shift 2 ;;
    --sessions) sessions="$2"; shift 2 ;;
    --repeats) repeats="$2"; shift 2 ;;
    *) echo "mail.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
for v in count pg sink_port worker; do
  if [ -z "${!v}" ]; then echo "mail.sh: --${v//_/-} is required" >&2; exit 2; fi
done
case "$count$sink_port$sessions$repeats" in *[!0-9]*) echo "mail.sh: numbers only" >&2; exit 2 ;; esac

log() { printf '[mail.sh] %s\n' "$*" >&2; }
SINK_BIN="${BIFSOF_SMTP_SINK_BIN:-/usr/sbin/smtp-sink}"
SOURCE_BIN="${BIFSOF_SMTP_SOURCE_BIN:-/usr/sbin/smtp-source}"
chart_bytes="${MAIL_BENCH_CHART_BYTES:-40000}"
workbook_bytes="${MAIL_BENCH_WORKBOOK_BYTES:-12000}"
html_bytes="${MAIL_BENCH_HTML_BYTES:-5000}"

# psql takes a libpq URI or key=value string; turn Npgsql's "Host=…;Port=…;…" into key=value pairs.
pg_libpq() {
  local out="" pair key value
  IFS=';' read -ra pairs <<<"$1"
  for pair in "${pairs[@]}"; do
    [ -z "$pair" ] && continue
    key="$(printf '%s' "${pair%%=*}" | tr '[:upper:]' '[:lower:]' | tr -d ' ')"
    value="${pair#*=}"
    case "$key" in
      host | server) out+="host=$value " ;;
      port) out+="port=$value " ;;
      database | db) out+="dbname=$value " ;;
      username | userid | user | "user id") out+="user=$value " ;;
      password) out+="password=$value " ;;
    esac
  done
  printf '%s' "$out"
}
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -At "$(pg_libpq "$pg")")

sink_pid=""
cleanup() {
  if [ -n "$sink_pid" ]; then kill "$sink_pid" 2>/dev/null || true; wait "$sink_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

if (exec 3<>"/dev/tcp/127.0.0.1/$sink_port") 2>/dev/null; then
  log "something already listens on 127.0.0.1:$sink_port; using it as the sink"
else
  sink_args=()
  if [ "$(id -u)" -eq 0 ]; then sink_args+=(-u nobody); fi
  "$SINK_BIN" "${sink_args[@]}" -m 512 "127.0.0.1:$sink_port" 1024 >&2 &
  sink_pid=$!
  for _ in $(seq 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$sink_port") 2>/dev/null; then break; fi
    sleep 0.1
  done
  log "smtp-sink started on 127.0.0.1:$sink_port"
fi

export ConnectionStrings__BifSof="$pg"
export Smtp__Host=127.0.0.1 Smtp__Port="$sink_port" Smtp__Security=None
export Smtp__From="${Smtp__From:-BifSofWorker <bifsof@bifsof.example.dk>}"
export Smtp__Sessions="$sessions"
# A fixed bench-only key (the database remembers the first key it saw), unless the caller gives one.
export BifSof__PseudonymKey="${BifSof__PseudonymKey:-3f9a1c7e5b2d4086af13ce57d9b0e2a4c6f8139d5e7b2a40c1d3f5e7a9b0c2d4}"
# What a Production start insists on, when the caller did not say.
export BifSof__PublicBaseUrl="${BifSof__PublicBaseUrl:-https://bifsof.example.dk}"
export Dashboard__RequireHttps="${Dashboard__RequireHttps:-true}"

now() { date +%s.%N; }
run_dispatch() { # prints the wall seconds of one `dispatch`
  local t0 t1
  t0="$(now)"
  # shellcheck disable=SC2086 # the worker command is words on purpose
  $worker dispatch >&2
  t1="$(now)"
  echo "$t1 - $t0" | bc -l
}
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

log "draining the outbox (and applying migrations)"
run_dispatch >/dev/null
pending="$("${PSQL[@]}" -c "SELECT count(*) FROM bifsof.outbox_messages WHERE status = 'Pending'")"
if [ "$pending" != 0 ]; then log "the outbox still holds $pending pending e-mails that are not the bench's"; exit 1; fi

queue() { # $1: run tag
  "${PSQL[@]}" -v tag="$1" -v n="$count" -v html="$html_bytes" -v chart="$chart_bytes" -v book="$workbook_bytes" <<'SQL'
WITH m AS (
  INSERT INTO bifsof.outbox_messages
      (business_key, message_id, template, "to", cc, subject, html_body, text_body, status, attempts)
  SELECT 'bench:' || :'tag' || ':' || g,
         md5('bench:' || :'tag' || ':' || g) || '@bifsof.example.dk',
         'monthly-digest',
         ARRAY['centre-' || (g % 20) || '@bench.example.dk'],
         '{}',
         'Månedlig opfølgning, bench ' || g,
         '<html><body><h1>Månedlig opfølgning</h1><img src="cid:chart"><p>'
           || repeat('Fællesborgere, tilgang og afgang. ', :'html'::int / 34) || '</p></body></html>',
         repeat('Fællesborgere, tilgang og afgang. ', :'html'::int / 68),
         'Pending', 0
  FROM generate_series(1, :'n'::int) g
  RETURNING id)
INSERT INTO bifsof.outbox_attachments (outbox_message_id, file_name, content_type, content, content_id)
SELECT id, 'chart.png', 'image/png', decode(repeat(md5(id::text), :'chart'::int / 16), 'hex'), 'chart' FROM m
UNION ALL
SELECT id, 'faellesborgere.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
       decode(repeat(md5(id::text || 'x'), :'book'::int / 16), 'hex'), NULL FROM m;
SQL
}

# The size smtp-source sends: the MIME message as dispatched (bodies quoted-printable, attachments base64 with
# line breaks, about 1 KB of headers and part headers).
msg_size="$(echo "1024 + $html_bytes + $html_bytes / 2 + ($chart_bytes + $workbook_bytes) * 4 / 3 * 78 / 76" | bc)"
log "count $count, sessions $sessions, message size ≈ $msg_size bytes, $repeats repeats"

startup=() mail=() reference=()
for r in $(seq "$repeats"); do
  startup+=("$(run_dispatch)")
  tag="$(date +%s%N)-$r"
  queue "$tag"
  "${PSQL[@]}" -c "ANALYZE bifsof.outbox_messages; ANALYZE bifsof.outbox_attachments" >/dev/null
  t="$(run_dispatch)"
  sent="$("${PSQL[@]}" -c "SELECT count(*) FROM bifsof.outbox_messages WHERE business_key LIKE 'bench:$tag:%' AND status = 'Sent'")"
  if [ "$sent" != "$count" ]; then log "repeat $r: only $sent of $count sent"; exit 1; fi
  rate="$(echo "$count / ($t - ${startup[-1]})" | bc -l)"
  mail+=("$rate")
  log "repeat $r: dispatch ${t}s (start-up ${startup[-1]}s) → $(printf '%.1f' "$rate") msg/s; whole process $(printf '%.1f' "$(echo "$count / $t" | bc -l)") msg/s"
  "${PSQL[@]}" -c "DELETE FROM bifsof.outbox_messages WHERE business_key LIKE 'bench:$tag:%'" >/dev/null

  t0="$(now)"
  "$SOURCE_BIN" -s "$sessions" -m "$count" -l "$msg_size" -f bifsof@bifsof.example.dk -t bench@bench.example.dk \
    "127.0.0.1:$sink_port" >&2
  t1="$(now)"
  rate="$(echo "$count / ($t1 - $t0)" | bc -l)"
  reference+=("$rate")
  log "repeat $r: smtp-source $(echo "$t1 - $t0" | bc -l)s → $(printf '%.1f' "$rate") msg/s"
done

mail_median="$(printf '%s\n' "${mail[@]}" | median)"
source_median="$(printf '%s\n' "${reference[@]}" | median)"
printf 'mail_msgs_per_s=%.1f\n' "$mail_median"
printf 'smtp_source_msgs_per_s=%.1f\n' "$source_median"
printf 'mail_vs_smtp_source=%.4f\n' "$(echo "$mail_median / $source_median" | bc -l)"
