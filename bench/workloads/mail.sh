#!/usr/bin/env bash
# The outbox against its physical reference, in the same run (issue 12):
#
#   bash bench/workloads/mail.sh --count N --pg "<connection string>" --sink-port P --worker "<worker CLI command>"
#                                [--sessions S] [--repeats R] [--harness-repeats H] [--no-build]
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
# and, to show what limits the first figure in the same run:
#
#   mail_cpu_ms_per_msg=…         the worker's CPU (user + system) per e-mail, beyond an empty dispatch's
#   mail_pg_cpu_ms_per_msg=…      PostgreSQL's CPU per e-mail during the dispatch (when it runs on this machine)
#   mail_sink_cpu_ms_per_msg=…    the sink's CPU per e-mail during the dispatch
#   smtp_source_cpu_ms_per_msg=…  smtp-source's and the sink's CPU per e-mail during smtp-source
#   mail_cpu_cap_msgs_per_s=…     the cores (nproc) ÷ (worker + PostgreSQL + sink CPU per e-mail): what the dispatch
#   mail_cpu_cap_vs_smtp_source=… could reach at its measured CPU cost, and that against smtp-source
#   mail_machine_cpu_ms_per_msg=… the whole machine's busy CPU per e-mail during the dispatch (/proc/stat, beyond the
#   mail_machine_busy=…           empty dispatch's), and the share of the cores' time it was busy over the e-mails
#                                 (how much of the cores the dispatch keeps busy; it also shows CPU the per-process
#                                 figures leave out)
#   mail_floor_msgs_per_s=…       pgbench doing only the database work the dispatcher must do per e-mail, over the same
#   mail_floor_vs_smtp_source=…   number of sessions: read the e-mail (bodies and attachments) and record it sent in a
#   mail_vs_floor=…               transaction of its own, committed durably
#   mail_mailkit_msgs_per_s=…     MailKit alone (bench/MailHarness): the same e-mail, built by the dispatcher's own
#   mail_mailkit_vs_smtp_source=… code for every send, over the same number of sessions to the same sink, with no
#   mail_vs_mailkit=…             database, no claim, no status; after a warm-up. What the library the worker sends
#   mail_mailkit_cpu_ms_per_msg=… with costs on its own, and the dispatcher against it
#   mail_warm_msgs_per_s=…        the worker's own dispatcher warm (bench/MailHarness dispatcher): in one process,
#   mail_warm_vs_smtp_source=…    3,000 e-mails first, then COUNT more, counted — as in a `serve`
#   mail_warm_cpu_ms_per_msg=…    that has dispatched before; the `dispatch` above is a fresh process
#   mail_warm_vs_mailkit=…        the warm dispatcher against MailKit alone (both warm)
#   mail_warm_warm_up=…           the warm-up count (3,000)
#
# and everything else to stderr. The sink on P is started here (and stopped at the end) unless something already
# listens there. The worker command gets `dispatch` appended and runs with ConnectionStrings__BifSof=--pg and
# Smtp__Host/Port/Security pointed at the sink; Smtp__From, Smtp__Sessions, BifSof__PseudonymKey,
# BifSof__PublicBaseUrl and Dashboard__RequireHttps are taken from the environment when set (bench-only values
# otherwise). The outbox must hold nothing else pending (the script drains it first). bench/MailHarness is built first
# (not with --no-build) and measures in the first H repeats (--harness-repeats, default all); if it does not build or
# run, its keys are left out with a warning and the others are still printed.
#
# What the figure is: N ÷ (wall time of `dispatch` − wall time of a `dispatch` with nothing to send), so process
# start-up and migrations are excluded. smtp-source's figure is N ÷ its wall time. Sizes: MAIL_BENCH_CHART_BYTES
# (default 40000), MAIL_BENCH_WORKBOOK_BYTES (default 12000), MAIL_BENCH_HTML_BYTES (default 5000).
set -euo pipefail

count="" pg="" sink_port="" worker="" sessions="${Smtp__Sessions:-4}" repeats=3 harness_repeats="" build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count="$2"; shift 2 ;;
    --pg) pg="$2"; shift 2 ;;
    --sink-port) sink_port="$2"; shift 2 ;;
    --worker) worker="$2"; shift 2 ;;
    --sessions) sessions="$2"; shift 2 ;;
    --repeats) repeats="$2"; shift 2 ;;
    --harness-repeats) harness_repeats="$2"; shift 2 ;;
    --no-build) build=""; shift ;;
    *) echo "mail.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
for v in count pg sink_port worker; do
  if [ -z "${!v}" ]; then echo "mail.sh: --${v//_/-} is required" >&2; exit 2; fi
done
harness_repeats="${harness_repeats:-$repeats}"
case "$count$sink_port$sessions$repeats$harness_repeats" in *[!0-9]*) echo "mail.sh: numbers only" >&2; exit 2 ;; esac

log() { printf '[mail.sh] %s\n' "$*" >&2; }
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
HARNESS_DLL="$REPO_ROOT/bench/MailHarness/bin/Release/net10.0/MailHarness.dll"
# The harness measures beside the dispatch; without it the keys of the dispatch and smtp-source are still printed.
if [ -n "$build" ]; then
  log "building bench/MailHarness (Release)"
  dotnet build "$REPO_ROOT/bench/MailHarness/MailHarness.csproj" -c Release -v quiet -nologo >&2 ||
    log "WARNING: bench/MailHarness did not build; the MailKit-alone and warm keys are left out"
fi
if [ ! -f "$HARNESS_DLL" ]; then
  log "WARNING: $HARNESS_DLL is missing; the MailKit-alone and warm keys are left out"
  HARNESS_DLL=""
fi
SINK_BIN="${BIFSOF_SMTP_SINK_BIN:-/usr/sbin/smtp-sink}"
SOURCE_BIN="${BIFSOF_SMTP_SOURCE_BIN:-/usr/sbin/smtp-source}"
# The CPU figures come from GNU time; without it they would read 0 (bench/run.sh installs Debian's time package).
if [ ! -x /usr/bin/time ]; then echo "mail.sh: /usr/bin/time is missing (Debian's time package)" >&2; exit 2; fi
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
  rm -f "${cpu_file:-}" "${floor_script:-}"
  "${PSQL[@]}" -c "SET client_min_messages = warning; DROP SEQUENCE IF EXISTS public.bench_mail_floor" >/dev/null 2>&1 || true
  # A run stopped half-way leaves no bench e-mails behind (the warm measurement holds some back for a day).
  "${PSQL[@]}" -c "DELETE FROM bifsof.outbox_messages WHERE business_key LIKE 'bench:%'" >/dev/null 2>&1 || true
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
cpu_file="$(mktemp)"
cpu_timed() { # runs a command; its CPU seconds (user + system) go to $cpu_file
  /usr/bin/time -o "$cpu_file" -f '%U + %S' "$@"
}
run_dispatch() { # prints the wall seconds of one `dispatch`
  local t0 t1
  t0="$(now)"
  # shellcheck disable=SC2086 # the worker command is words on purpose
  cpu_timed $worker dispatch >&2
  t1="$(now)"
  echo "$t1 - $t0" | bc -l
}
cpu_of_last() { tail -1 "$cpu_file" | bc -l; }

# CPU seconds (user + system, reaped children included) of processes, read from /proc: the limit the two cores set is
# measured, not guessed. PostgreSQL counts when it runs on this machine (its postmaster and every child, the
# backends that have ended included); the sink when its process can be found. Unreadable: nothing is reported.
proc_cpu() { # proc_cpu PID... -> seconds
  local pid sum=0 t
  for pid in "$@"; do
    t="$(awk '{ sub(/^.*\) /, ""); print $12 + $13 + $14 + $15 }' "/proc/$pid/stat" 2>/dev/null)" || continue
    sum=$((sum + ${t:-0}))
  done
  echo "$sum / $clk_tck" | bc -l
}
clk_tck="$(getconf CLK_TCK)"
cores="$(nproc)"
listener_pid() { # listener_pid PORT -> the pid of the process listening on 127.0.0.1:PORT, when it can be seen
  if command -v ss >/dev/null; then
    ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true
  fi
}
pg_port="$(pg_libpq "$pg" | grep -o 'port=[0-9]*' | cut -d= -f2 || true)"
pg_master="$(listener_pid "${pg_port:-5432}")"
pg_cpu() { # CPU seconds of the PostgreSQL server so far, or empty when it is not on this machine
  [ -n "$pg_master" ] || return 0
  # shellcheck disable=SC2046 # pids are words
  proc_cpu "$pg_master" $(pgrep -P "$pg_master" || true)
}
sink_cpu_pid="${sink_pid:-$(listener_pid "$sink_port")}"
sink_cpu() { if [ -n "$sink_cpu_pid" ]; then proc_cpu "$sink_cpu_pid"; fi; }
per_msg_ms() { echo "($1) * 1000 / $count" | bc -l; } # per_msg_ms "SECONDS EXPRESSION"
# CPU seconds the whole machine has spent busy so far (user, nice, system, irq, softirq; not idle, iowait or time stolen
# by the hypervisor): what the per-process figures leave out (the kernel's loopback network work, every other process)
# shows here.
machine_cpu() { awk -v hz="$clk_tck" '/^cpu /{printf "%.2f\n", ($2 + $3 + $4 + $7 + $8) / hz}' /proc/stat; }
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

# The floor beside the SMTP write: what the worker must do per e-mail besides talking SMTP, done by pgbench with the
# same number of sessions and nothing else: read the e-mail's bytes (bodies and attachments) and record it as sent in a
# transaction of its own, committed durably (default synchronous_commit) before that session's next e-mail. The rows
# are queued like the bench's e-mails and taken in id order by a sequence, one per transaction.
floor_script="$(mktemp)"
cat >"$floor_script" <<'PGB'
UPDATE bifsof.outbox_messages
SET status = 'Sent', sent_at = now(), server_reply = '250 2.0.0 Ok: queued as FLOOR', attempts = attempts + 1,
    last_error = NULL, locked_until = NULL, lock_token = NULL
WHERE id = (SELECT :first_id - 1 + nextval('public.bench_mail_floor'))
RETURNING id AS id \gset
SELECT m.html_body, m.text_body, a.content FROM bifsof.outbox_messages m JOIN bifsof.outbox_attachments a ON a.outbox_message_id = m.id WHERE m.id = :id;
PGB
per_session=$((count / sessions))
# The warm dispatcher's warm-up: this many e-mails in the same process before the counted ones. After 1,000 the
# runtime was still compiling the hot code again, optimised (tiered compilation): 1.2-1.5 ms of CPU per e-mail after
# 1,000, 0.93-1.07 after 3,000, 1.04-1.07 after 8,000, same build, same machine (docs/mail.md, "Fourth pass").
warm=3000
floor_count=$((per_session * sessions))

startup=() mail=() reference=() floor=() cpu=() pgcpu=() sinkcpu=() srccpu=() mailkit=() mailkit_cpu=() warm_rate=() warm_cpu=()
machcpu=() busy=()
for r in $(seq "$repeats"); do
  p0="$(pg_cpu)" k0="$(sink_cpu)" m0="$(machine_cpu)"
  startup+=("$(run_dispatch)")
  startup_cpu="$(cpu_of_last)"
  p1="$(pg_cpu)" k1="$(sink_cpu)" m1="$(machine_cpu)"
  tag="$(date +%s%N)-$r"
  queue "$tag"
  "${PSQL[@]}" -c "ANALYZE bifsof.outbox_messages; ANALYZE bifsof.outbox_attachments" >/dev/null
  p2="$(pg_cpu)" k2="$(sink_cpu)" m2="$(machine_cpu)"
  t="$(run_dispatch)"
  dispatch_cpu="$(cpu_of_last)"
  p3="$(pg_cpu)" k3="$(sink_cpu)" m3="$(machine_cpu)"
  machcpu+=("$(per_msg_ms "($m3 - $m2) - ($m1 - $m0)")")
  busy+=("$(echo "(($m3 - $m2) - ($m1 - $m0)) / (($t - ${startup[-1]}) * $cores)" | bc -l)")
  if [ -n "$p0" ]; then pgcpu+=("$(per_msg_ms "($p3 - $p2) - ($p1 - $p0)")"); fi
  if [ -n "$k0" ]; then sinkcpu+=("$(per_msg_ms "($k3 - $k2) - ($k1 - $k0)")"); fi
  sent="$("${PSQL[@]}" -c "SELECT count(*) FROM bifsof.outbox_messages WHERE business_key LIKE 'bench:$tag:%' AND status = 'Sent'")"
  if [ "$sent" != "$count" ]; then log "repeat $r: only $sent of $count sent"; exit 1; fi
  rate="$(echo "$count / ($t - ${startup[-1]})" | bc -l)"
  mail+=("$rate")
  cpu+=("$(echo "($dispatch_cpu - $startup_cpu) * 1000 / $count" | bc -l)")
  log "repeat $r: dispatch ${t}s (start-up ${startup[-1]}s) → $(printf '%.1f' "$rate") msg/s; whole process $(printf '%.1f' "$(echo "$count / $t" | bc -l)") msg/s; worker CPU $(printf '%.2f' "${cpu[-1]}") ms per e-mail beyond start-up ($dispatch_cpu s − $startup_cpu s)"

  if [ -n "$HARNESS_DLL" ] && [ "$r" -le "$harness_repeats" ]; then
    # MailKit alone: the first of this repeat's e-mails, sent COUNT times over the same sessions, nothing else.
    if harness_out="$(dotnet "$HARNESS_DLL" --pg "$pg" --key-prefix "bench:$tag:" --host 127.0.0.1 --port "$sink_port" \
      --from "$Smtp__From" --count "$count" --sessions "$sessions")"; then
      mailkit+=("$(printf '%s\n' "$harness_out" | sed -n 's/^mailkit_msgs_per_s=//p')")
      mailkit_cpu+=("$(printf '%s\n' "$harness_out" | sed -n 's/^mailkit_cpu_ms_per_msg=//p')")
      log "repeat $r: MailKit alone (bench/MailHarness) → ${mailkit[-1]} msg/s, ${mailkit_cpu[-1]} ms of its CPU per e-mail"
    else
      log "WARNING: repeat $r: bench/MailHarness (MailKit alone) failed"
    fi
    # The dispatcher warm: the worker's own dispatcher in one process, first over WARM e-mails, then over COUNT, counted.
    wtag="warm-$tag"
    saved_count="$count"
    count=$((count + warm))
    queue "$wtag"
    count="$saved_count"
    "${PSQL[@]}" -c "ANALYZE bifsof.outbox_messages; ANALYZE bifsof.outbox_attachments" >/dev/null
    if harness_out="$(dotnet "$HARNESS_DLL" dispatcher --pg "$pg" --key-prefix "bench:$wtag:" --warm-up "$warm")"; then
      warm_rate+=("$(printf '%s\n' "$harness_out" | sed -n 's/^dispatcher_warm_msgs_per_s=//p')")
      warm_cpu+=("$(printf '%s\n' "$harness_out" | sed -n 's/^dispatcher_warm_cpu_ms_per_msg=//p')")
      log "repeat $r: the dispatcher warm (bench/MailHarness dispatcher, after $warm e-mails in the same process) → ${warm_rate[-1]} msg/s, ${warm_cpu[-1]} ms of its CPU per e-mail"
    else
      log "WARNING: repeat $r: bench/MailHarness dispatcher (the dispatcher warm) failed"
    fi
    "${PSQL[@]}" -c "DELETE FROM bifsof.outbox_messages WHERE business_key LIKE 'bench:$wtag:%'" >/dev/null
  fi
  "${PSQL[@]}" -c "DELETE FROM bifsof.outbox_messages WHERE business_key LIKE 'bench:$tag:%'" >/dev/null

  k4="$(sink_cpu)"
  t0="$(now)"
  cpu_timed "$SOURCE_BIN" -s "$sessions" -m "$count" -l "$msg_size" -f bifsof@bifsof.example.dk -t bench@bench.example.dk \
    "127.0.0.1:$sink_port" >&2
  t1="$(now)"
  k5="$(sink_cpu)"
  srccpu+=("$(per_msg_ms "$(cpu_of_last) + ${k5:-0} - ${k4:-0}")")
  rate="$(echo "$count / ($t1 - $t0)" | bc -l)"
  reference+=("$rate")
  log "repeat $r: smtp-source $(echo "$t1 - $t0" | bc -l)s → $(printf '%.1f' "$rate") msg/s; CPU per e-mail: smtp-source and sink $(printf '%.3f' "${srccpu[-1]}") ms; during dispatch: PostgreSQL $(printf '%.3f' "${pgcpu[-1]:-0}") ms, sink $(printf '%.3f' "${sinkcpu[-1]:-0}") ms"

  if [ "$floor_count" -gt 0 ] && command -v pgbench >/dev/null; then
    ftag="floor-$tag"
    queue "$ftag"
    "${PSQL[@]}" -c "ANALYZE bifsof.outbox_messages; ANALYZE bifsof.outbox_attachments" >/dev/null
    first_id="$("${PSQL[@]}" -c "SELECT min(id) FROM bifsof.outbox_messages WHERE business_key LIKE 'bench:$ftag:%'")"
    "${PSQL[@]}" -c "SET client_min_messages = warning; DROP SEQUENCE IF EXISTS public.bench_mail_floor; CREATE SEQUENCE public.bench_mail_floor" >/dev/null
    t0="$(now)"
    pgbench -n -c "$sessions" -j "$sessions" -t "$per_session" -D first_id="$first_id" -f "$floor_script" \
      "$(pg_libpq "$pg")" >/dev/null 2>"$floor_script.err" || { cat "$floor_script.err" >&2; rm -f "$floor_script.err"; exit 1; }
    t1="$(now)"
    rm -f "$floor_script.err"
    done_rows="$("${PSQL[@]}" -c "SELECT count(*) FROM bifsof.outbox_messages WHERE business_key LIKE 'bench:$ftag:%' AND status = 'Sent' AND server_reply LIKE '%FLOOR'")"
    if [ "$done_rows" != "$floor_count" ]; then log "repeat $r: the floor recorded $done_rows of $floor_count"; exit 1; fi
    "${PSQL[@]}" -c "DELETE FROM bifsof.outbox_messages WHERE business_key LIKE 'bench:$ftag:%'" >/dev/null
    rate="$(echo "$floor_count / ($t1 - $t0)" | bc -l)"
    floor+=("$rate")
    log "repeat $r: floor (pgbench: read each e-mail, record it sent, one durable commit each) $(echo "$t1 - $t0" | bc -l)s → $(printf '%.1f' "$rate") msg/s"
  fi
done

mail_median="$(printf '%s\n' "${mail[@]}" | median)"
source_median="$(printf '%s\n' "${reference[@]}" | median)"
printf 'mail_msgs_per_s=%.1f\n' "$mail_median"
printf 'smtp_source_msgs_per_s=%.1f\n' "$source_median"
printf 'mail_vs_smtp_source=%.4f\n' "$(echo "$mail_median / $source_median" | bc -l)"
cpu_median="$(printf '%s\n' "${cpu[@]}" | median)"
printf 'mail_cpu_ms_per_msg=%.3f\n' "$cpu_median"
src_cpu_median="$(printf '%s\n' "${srccpu[@]}" | median)"
printf 'smtp_source_cpu_ms_per_msg=%.3f\n' "$src_cpu_median"
printf 'mail_machine_cpu_ms_per_msg=%.3f\n' "$(printf '%s\n' "${machcpu[@]}" | median)"
printf 'mail_machine_busy=%.3f\n' "$(printf '%s\n' "${busy[@]}" | median)"
if [ "${#pgcpu[@]}" -gt 0 ] && [ "${#sinkcpu[@]}" -gt 0 ]; then
  pg_median="$(printf '%s\n' "${pgcpu[@]}" | median)"
  sink_median="$(printf '%s\n' "${sinkcpu[@]}" | median)"
  printf 'mail_pg_cpu_ms_per_msg=%.3f\n' "$pg_median"
  printf 'mail_sink_cpu_ms_per_msg=%.3f\n' "$sink_median"
  # What the cores allow the dispatch path at its measured CPU per e-mail (worker + PostgreSQL + sink), against
  # smtp-source's measured rate: the ratio cannot exceed this while the path is CPU-bound on these cores.
  total="$(echo "$cpu_median + $pg_median + $sink_median" | bc -l)"
  printf 'mail_cpu_cap_msgs_per_s=%.1f\n' "$(echo "$cores * 1000 / $total" | bc -l)"
  printf 'mail_cpu_cap_vs_smtp_source=%.4f\n' "$(echo "$cores * 1000 / $total / $source_median" | bc -l)"
fi
if [ "${#floor[@]}" -gt 0 ]; then
  floor_median="$(printf '%s\n' "${floor[@]}" | median)"
  printf 'mail_floor_msgs_per_s=%.1f\n' "$floor_median"
  printf 'mail_floor_vs_smtp_source=%.4f\n' "$(echo "$floor_median / $source_median" | bc -l)"
  printf 'mail_vs_floor=%.4f\n' "$(echo "$mail_median / $floor_median" | bc -l)"
fi
# The harness's keys only when it measured (an empty median would be printed as 0).
mailkit_values="$(printf '%s\n' "${mailkit[@]}" | grep -v '^$' || true)"
if [ -n "$mailkit_values" ]; then
  mailkit_median="$(printf '%s\n' "$mailkit_values" | median)"
  printf 'mail_mailkit_msgs_per_s=%.1f\n' "$mailkit_median"
  printf 'mail_mailkit_vs_smtp_source=%.4f\n' "$(echo "$mailkit_median / $source_median" | bc -l)"
  printf 'mail_vs_mailkit=%.4f\n' "$(echo "$mail_median / $mailkit_median" | bc -l)"
  printf 'mail_mailkit_cpu_ms_per_msg=%.3f\n' "$(printf '%s\n' "${mailkit_cpu[@]}" | grep -v '^$' | median)"
fi
warm_values="$(printf '%s\n' "${warm_rate[@]}" | grep -v '^$' || true)"
if [ -n "$warm_values" ]; then
  warm_median="$(printf '%s\n' "$warm_values" | median)"
  printf 'mail_warm_msgs_per_s=%.1f\n' "$warm_median"
  printf 'mail_warm_warm_up=%d\n' "$warm"
  printf 'mail_warm_vs_smtp_source=%.4f\n' "$(echo "$warm_median / $source_median" | bc -l)"
  printf 'mail_warm_cpu_ms_per_msg=%.3f\n' "$(printf '%s\n' "${warm_cpu[@]}" | grep -v '^$' | median)"
  if [ -n "$mailkit_values" ]; then
    printf 'mail_warm_vs_mailkit=%.4f\n' "$(echo "$warm_median / $mailkit_median" | bc -l)"
  fi
fi
